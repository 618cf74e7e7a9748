"""`termguard terms`: hits as text, jsonl and tsv, from files and stdin, with clear errors."""

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
ru = [{ text = "неправительственная организация" }]
en = [{ text = "non-governmental organization" }]
th = [{ text = "องค์กรพัฒนาเอกชน" }]

[[concept]]
id = "mediation"
definition = "Mediation."
kk = [{ text = "медиация" }]
ru = [{ text = "медиация" }]
en = [{ text = "mediation" }]
th = [{ text = "การไกล่เกลี่ย" }]
"""

TEXT = "Бірінші жол.\nҮЕҰ-ның және үкіметтік емес ұйымдардың өкілдері\nмедиацияның дамуы\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    glossary = tmp_path / "g.toml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_bytes(TEXT.encode("utf-8"))
    return glossary, article


def _run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_has_one_object_per_hit_with_file_offsets(files: tuple[Path, Path]) -> None:
    """Each jsonl object names the path, 1-based line and offsets into the whole file's text."""
    glossary, article = files
    code, out, err = _run(["terms", str(article), "--lang", "kk", "--format", "jsonl",
                           "--glossary", str(glossary)])  # fmt: skip
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["line"], r["surface"], r["concept"], r["kind"]) for r in rows] == [
        (2, "ҮЕҰ-ның", "ngo", "abbreviation"),
        (2, "үкіметтік емес ұйымдардың", "ngo", "inflected"),
        (3, "медиацияның", "mediation", "inflected"),
    ]
    for r in rows:
        assert TEXT[r["start"] : r["end"]] == r["surface"]
        assert r["path"] == str(article)
        assert {"term", "status", "score"} <= set(r)
    assert "3 term(s), 0 near miss(es) in 1 file(s)" in err


def test_text_groups_hits_by_line_with_the_term_highlighted(files: tuple[Path, Path]) -> None:
    """The text format prints each line with its terms in brackets, then one line per hit."""
    glossary, article = files
    code, out, _ = _run(["terms", str(article), "--lang", "kk", "--glossary", str(glossary)])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (f"{article}:2: [ҮЕҰ-ның] және [үкіметтік емес ұйымдардың] өкілдері")
    assert lines[1] == "    ҮЕҰ-ның -> ngo: ҮЕҰ (abbreviation)"
    assert lines[3] == f"{article}:3: [медиацияның] дамуы"


def test_tsv_has_a_header_and_a_row_per_hit(files: tuple[Path, Path]) -> None:
    """The tsv format starts with the column names."""
    glossary, article = files
    code, out, _ = _run(["terms", str(article), "--lang", "kk", "--format", "tsv",
                         "--glossary", str(glossary)])  # fmt: skip
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split("\t")[:8] == [
        "path", "line", "start", "end", "surface", "concept", "term", "kind"
    ]  # fmt: skip
    assert len(rows) == 3
    assert rows[0].split("\t")[4] == "ҮЕҰ-ның"


def test_dash_reads_stdin(files: tuple[Path, Path]) -> None:
    """- reads the text from stdin and names the file '-'."""
    glossary, _ = files
    code, out, _ = _run(["terms", "-", "--lang", "en", "--format", "jsonl",
                         "--glossary", str(glossary)], stdin="Mediation helps.")  # fmt: skip
    assert code == 0
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["path"], row["surface"], row["start"], row["end"]) == ("-", "Mediation", 0, 9)


def test_offsets_keep_crlf_and_bom(tmp_path: Path, files: tuple[Path, Path]) -> None:
    """Offsets index the decoded file as it is: CRLF line ends and a BOM are kept."""
    glossary, _ = files
    article = tmp_path / "crlf.txt"
    text = "\ufeffбір\r\nмедиация\r\n"
    article.write_bytes(text.encode("utf-8"))
    code, out, _ = _run(["terms", str(article), "--lang", "kk", "--format", "jsonl",
                         "--glossary", str(glossary)])  # fmt: skip
    assert code == 0
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert text[row["start"] : row["end"]] == "медиация"
    assert row["line"] == 2


def test_near_misses_can_be_turned_off(files: tuple[Path, Path]) -> None:
    """A misspelt term is a near miss by default and gone with --no-near-misses."""
    glossary, _ = files
    args = ["terms", "-", "--lang", "kk", "--format", "jsonl", "--glossary", str(glossary)]
    code, out, _ = _run(args, stdin="медиацыяның")
    assert code == 0
    assert [json.loads(line)["kind"] for line in out.splitlines()] == ["near-miss"]
    code, out, _ = _run([*args, "--no-near-misses"], stdin="медиацыяның")
    assert (code, out) == (0, "")


def test_non_utf8_file_is_an_error_with_a_fix(tmp_path: Path, files: tuple[Path, Path]) -> None:
    """A cp1251 file stops with exit 1 and a message naming its encoding."""
    glossary, _ = files
    article = tmp_path / "cp.txt"
    article.write_bytes("Ассамблея народа Казахстана".encode("cp1251"))
    code, _, err = _run(["terms", str(article), "--lang", "ru", "--glossary", str(glossary)])
    assert code == 1
    assert err.startswith(
        f"Error: {article}:1: not valid utf-8 (byte 0xC0); it looks like cp1251: "
    )


def test_missing_file_is_an_error(tmp_path: Path, files: tuple[Path, Path]) -> None:
    """A file that does not exist stops with exit 1 and its name."""
    glossary, _ = files
    missing = tmp_path / "nope.txt"
    code, _, err = _run(["terms", str(missing), "--lang", "kk", "--glossary", str(glossary)])
    assert code == 1
    assert err == f"Error: {missing}: no such file; check the path\n"


def test_lang_is_required(files: tuple[Path, Path]) -> None:
    """Without --lang (and no project file naming the language) it is a usage error (exit 2)."""
    _, article = files
    code, _, err = _run(["terms", str(article)])
    assert code == 2
    assert "give the language of the text with --lang kk|ru|th|en" in err
