"""`termguard extract`: ranked candidates as text, tsv, jsonl, tbx and csv, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli

GLOSSARY = """
subject = "test"

[[concept]]
id = "ngo"
definition = "A non-governmental organisation."
kk = [{ text = "үкіметтік емес ұйым" }, { text = "ҮЕҰ", type = "abbreviation" }]
en = [{ text = "non-governmental organization" }]
"""

#: Three sentences of a WMT19 Kazakh news article (newstest2019.kk-en, lines 123, 125, 134).
DATA = Path(__file__).parent / "data" / "extract" / "wmt19-nur-otan.kk-en.tsv"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    glossary = tmp_path / "g.toml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    article = tmp_path / "a.txt"
    lines = DATA.read_text(encoding="utf-8").splitlines()
    article.write_text("\n".join(ln.split("\t")[0] for ln in lines) + "\n", encoding="utf-8")
    return glossary, article


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_text_lists_ranked_candidates(files: tuple[Path, Path]) -> None:
    """The text format numbers the candidates and says how often and where each stands."""
    glossary, article = files
    result = _run("extract", str(article), "--lang", "kk", "--glossary", str(glossary))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    out = result.output  # type: ignore[attr-defined]
    assert "  1. " in out and "бастауыш партия ұйымы" in out and f"{article}:" in out


def test_jsonl_carries_every_field(files: tuple[Path, Path]) -> None:
    """jsonl gives one object per candidate with the fields in order, the forms as a list."""
    glossary, article = files
    result = _run(
        "extract", str(article), "--lang", "kk", "--glossary", str(glossary),
        "--format", "jsonl", "--limit", "0",
    )  # fmt: skip
    rows = [json.loads(line) for line in result.stdout.splitlines()]  # type: ignore[attr-defined]
    row = next(r for r in rows if r["term"] == "бастауыш партия ұйымы")
    assert row["frequency"] == 3 and isinstance(row["forms"], list)
    assert list(rows[0])[:3] == ["rank", "term", "lang"]


def test_aligned_file_gives_translations_in_tsv(files: tuple[Path, Path]) -> None:
    """--aligned proposes a translation per candidate; tsv has a header and one row each."""
    glossary, article = files
    result = _run(
        "extract", str(article), "--lang", "kk", "--glossary", str(glossary),
        "--format", "tsv", "--aligned", str(DATA), "--limit", "0",
    )  # fmt: skip
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    header = lines[0].split("\t")
    rows = [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]
    row = next(r for r in rows if r["term"] == "бастауыш партия ұйымы")
    assert row["translation"] == "primary party organization"


def test_tbx_output_is_written_atomically(files: tuple[Path, Path], tmp_path: Path) -> None:
    """-o writes the proposed concepts as TBX, with review state proposed."""
    glossary, article = files
    out = tmp_path / "proposed.tbx"
    result = _run(
        "extract", str(article), "--lang", "kk", "--glossary", str(glossary),
        "--format", "tbx", "-o", str(out), "--limit", "3",
    )  # fmt: skip
    assert result.exit_code == 0  # type: ignore[attr-defined]
    text = out.read_text(encoding="utf-8")
    assert text.count("<conceptEntry") == 3 and "review=proposed" in text


def test_missing_file_is_a_clear_error(files: tuple[Path, Path], tmp_path: Path) -> None:
    """A file that does not exist is named, exit 1, no traceback."""
    glossary, _ = files
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(
        cli, ["extract", str(missing), "--lang", "kk", "--glossary", str(glossary)]
    )
    assert result.exit_code == 1
    assert str(missing) in result.output and "Traceback" not in result.output


def test_language_is_required(files: tuple[Path, Path], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without --lang (and no project file) the command says how to give one, exit 2."""
    glossary, article = files
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(article), "--glossary", str(glossary)])
    assert result.exit_code == 2
    assert "--lang kk|ru|th|en" in result.output


def test_aligned_text_in_other_languages_is_refused(files: tuple[Path, Path]) -> None:
    """Aligned text without the extraction's language is a usage error naming the file."""
    glossary, article = files
    result = CliRunner().invoke(
        cli,
        ["extract", str(article), "--lang", "ru", "--glossary", str(glossary),
         "--aligned", str(DATA)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"{DATA}: no segment pairs with a ru side" in result.output


def test_help_names_the_formats() -> None:
    """--help explains the command and its formats with an example."""
    result = _run("extract", "--help")
    assert "candidate terms" in result.output.lower()  # type: ignore[attr-defined]
    assert "termguard glossary import proposed.tbx" in result.output  # type: ignore[attr-defined]
