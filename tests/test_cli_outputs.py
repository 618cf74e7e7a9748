"""Outputs and option conventions: unwritable outputs, '-' as stdout, language codes in any case."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli

DATA = Path(__file__).resolve().parent / "data"
MINI = str(DATA / "glossaries" / "good" / "mini.toml")
PO = str(DATA / "check" / "formats" / "news.en-kk.po")
KK_EN = DATA / "models" / "translate-kk_en-1_0.argosmodel"
TEXT = "Медиация тегін.\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding an article, a plain file in the way and an empty models folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder\n")
    (tmp_path / "afolder").mkdir()
    (tmp_path / "models").mkdir()
    return tmp_path


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny kk->en package unzipped: a CTranslate2 model folder and its SentencePiece model."""
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(KK_EN) as zf:
        zf.extractall(folder)
    return folder / "translate-kk_en-1_0"


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


UNWRITABLE = [
    (["check", PO, "-o", "afile/report.txt"], "afile/report.txt", "afile is a file, not a folder"),
    (["check", PO, "-o", "/proc/report.txt"], "/proc/report.txt", "cannot create a file in /proc"),
    (["check", PO, "-o", "afolder"], "afolder", "is a folder; give a file name inside it"),
    (
        ["glossary", "export", "--format", "tbx", "-o", "afile/g.tbx"],
        "afile/g.tbx",
        "afile is a file, not a folder",
    ),
    (
        ["glossary", "export", "--format", "po", "--from", "kk", "-o", "afile"],
        "afile/ru.po",
        "afile is a file, not a folder",
    ),
    (["translate", "news.txt", "--to", "en", "--locales", "afile"], "afile", "is a file"),
    (
        ["translate", "news.txt", "--to", "en", "--parallel", "afile/sub"],
        "afile/sub",
        "afile is a file, not a folder",
    ),
    (
        ["translate", "news.txt", "--to", "en", "--locales", "out", "--report", "/proc/r.json"],
        "/proc/r.json",
        "cannot create a file in /proc",
    ),
]


@pytest.mark.parametrize(
    ("argv", "path", "reason"), UNWRITABLE, ids=[f"{a[0]}-{p}" for a, p, _ in UNWRITABLE]
)
def test_an_unwritable_output_is_one_clear_message(
    work: Path, argv: list[str], path: str, reason: str
) -> None:
    """An output under a file, in /proc or onto a folder: exit 1, `path: reason`, no traceback."""
    before = _listing(work)
    env = {"TERMGUARD_GLOSSARY": MINI, "ARGOS_PACKAGES_DIR": "models"}
    result = CliRunner().invoke(cli, argv, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    assert f"Error: {path}: " in result.stderr
    assert reason in result.stderr
    if "--report" not in argv:
        assert _listing(work) == before


def test_pack_into_an_unwritable_place_is_a_clear_message(work: Path, unpacked: Path) -> None:
    """models pack -o under a file: exit 1 naming the path; '-' is a usage error."""
    base = [
        "models",
        "pack",
        "--ct2-model",
        str(unpacked / "model"),
        "--sp-model",
        str(unpacked / "sentencepiece.model"),
        "--from",
        "KK",
        "--to",
        "en-US",
    ]
    result = CliRunner().invoke(cli, [*base, "-o", "afile/x.argosmodel"])
    assert result.exit_code == 1, result.output
    assert "Error: afile/x.argosmodel: cannot create the folder: afile is a file" in result.stderr
    result = CliRunner().invoke(cli, [*base, "-o", "-"])
    assert result.exit_code == 2
    assert "give -o a file name, not '-'" in result.output
    result = CliRunner().invoke(cli, [*base, "-o", "pkg.argosmodel"])
    assert result.exit_code == 0, result.output
    assert "(kk->en 1.0" in result.stdout  # the codes were normalised


def test_dash_means_stdout_and_no_file_named_dash(work: Path) -> None:
    """'-o -' and '--report -' print to stdout; no file called '-' appears."""
    env = {"TERMGUARD_GLOSSARY": MINI, "ARGOS_PACKAGES_DIR": "models"}
    result = CliRunner().invoke(cli, ["check", PO, "--format", "json", "-o", "-"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["generator"].startswith("termguard ")
    result = CliRunner().invoke(cli, ["glossary", "export", "--format", "csv", "-o", "-"], env=env)
    assert result.exit_code == 0 and result.stdout.startswith("id,subject,")
    result = CliRunner().invoke(cli, ["glossary", "export", "--format", "xlsx", "-o", "-"], env=env)
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK\x03\x04")
    result = CliRunner().invoke(
        cli, ["translate", "news.txt", "--to", "en", "--report", "-"], env=env
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["document"] == "news"
    assert not os.path.lexists(work / "-")


def test_a_folder_option_cannot_be_dash(work: Path) -> None:
    """--locales - and --parallel - are usage errors: they name folders."""
    for option in ("--locales", "--parallel"):
        result = CliRunner().invoke(
            cli, ["translate", "news.txt", "--to", "en", option, "-", "--glossary", MINI]
        )
        assert result.exit_code == 2
        assert f"{option} is a folder" in result.output


LANG_SPELLINGS = [
    (["terms", "news.txt", "--lang", "{kk}"], ("KK", "kk-KZ", "kk_KZ", "Kk")),
    (
        ["check", PO, "--from", "{en}", "--to", "{kk}", "--format", "json"],
        ("EN", "en-US", "en_GB", "KK"),
    ),
    (
        ["translate", "news.txt", "--from", "{kk}", "--to", "{en},{ru}", "--report", "-"],
        ("KK", "kk-KZ", "EN", "en-US", "ru_RU", "RU"),
    ),
    (
        ["glossary", "export", "--format", "tsv", "--from", "{kk}", "--to", "{en}"],
        ("KK", "kk-KZ", "en-US"),
    ),
    (["glossary", "export", "--format", "jsonl", "--langs", "{kk},{th}"], ("KK", "th-TH")),
]


def _fill(template: list[str], spelling: str | None = None) -> list[str]:
    """The argv with each {code} written as `spelling` (for its own code) or plainly."""
    out = []
    for arg in template:
        for code in ("kk", "ru", "th", "en"):
            given = spelling if spelling and spelling[:2].lower() == code else code
            arg = arg.replace("{" + code + "}", given)
        out.append(arg)
    return out


@pytest.mark.parametrize(
    ("template", "spellings"), LANG_SPELLINGS, ids=[" ".join(t[:3]) for t, _ in LANG_SPELLINGS]
)
def test_language_codes_in_any_case_and_as_tags(
    work: Path, template: list[str], spellings: tuple[str, ...]
) -> None:
    """KK, kk-KZ, ru_RU, en-US and th-TH give the same result as the plain code."""
    env = {"TERMGUARD_GLOSSARY": MINI, "ARGOS_PACKAGES_DIR": "models"}
    plain = CliRunner().invoke(cli, _fill(template), env=env)
    assert plain.exit_code in (0, 3), plain.output
    assert plain.stdout
    for spelling in spellings:
        result = CliRunner().invoke(cli, _fill(template, spelling), env=env)
        assert (result.exit_code, result.stdout) == (plain.exit_code, plain.stdout), spelling


def test_an_unknown_language_is_a_usage_error_naming_it(work: Path) -> None:
    """--lang de exits 2 and says which codes work."""
    result = CliRunner().invoke(cli, ["terms", "news.txt", "--lang", "de", "--glossary", MINI])
    assert result.exit_code == 2
    assert "unknown language 'de'; use kk, ru, th or en" in result.output
