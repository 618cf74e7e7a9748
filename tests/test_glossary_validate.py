"""Every validation rule of the glossary, one small bad file each, plus the real glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli
from termguard.errors import GlossaryError, GlossaryFormatError
from termguard.glossary.read import load_glossary, read_glossary

DATA = Path(__file__).parent / "data" / "glossaries"
BAD = sorted((DATA / "bad").glob("*.toml"))
ROOT = Path(__file__).resolve().parent.parent


def _expectation(path: Path) -> tuple[str, int]:
    head = path.read_bytes().decode("utf-8", "replace")
    message = re.search(r"^# expect: (.+)$", head, re.M)
    line = re.search(r"^# expect-line: (\d+)$", head, re.M)
    assert message and line, f"{path} lacks its '# expect:' and '# expect-line:' comments"
    return message.group(1), int(line.group(1))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_gets_its_message_and_exit_1(path: Path) -> None:
    """Each bad glossary file is reported as path:line: message, and validate exits 1."""
    message, line = _expectation(path)
    result = CliRunner().invoke(cli, ["glossary", "validate", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:{line}: " in result.output
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_refused_by_read_glossary(path: Path) -> None:
    """read_glossary raises a GlossaryError (never returns) for every bad file."""
    with pytest.raises((GlossaryError, GlossaryFormatError)):
        read_glossary(path)


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    """A file with three different problems yields all three."""
    f = tmp_path / "many.toml"
    f.write_text(
        'subject = "x"\n[[concept]]\nid = "a"\ndefinition = "A."\n'
        'kk = [{ text = "ҮЕҰ  x" }, { text = "Aссамблея" }]\n'
        'ru = [{ text = "НПО", status = "wrong" }]\n',
        encoding="utf-8",
    )
    codes = {p.code for p in load_glossary([f])[1] if p.severity == "error"}
    assert {"whitespace", "mixed-script", "schema"} <= codes


def test_missing_language_is_a_warning_not_an_error(tmp_path: Path) -> None:
    """A concept without a Thai term warns but validates (exit 0)."""
    f = tmp_path / "g.toml"
    f.write_text(
        'subject = "x"\n[[concept]]\nid = "a"\ndefinition = "A."\n'
        'kk = [{ text = "медиация" }]\nru = [{ text = "медиация" }]\n'
        'en = [{ text = "mediation" }]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["glossary", "validate", str(f)])
    assert result.exit_code == 0
    assert f"{f}:2: warning: concept 'a' has no preferred th term" in result.output
    strict = CliRunner().invoke(cli, ["glossary", "validate", "--strict", str(f)])
    assert strict.exit_code == 1


def test_source_phrase_must_occur_in_its_seed(tmp_path: Path) -> None:
    """A source phrase that is not in the seed file is a warning naming the seed."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Медиацияны дамыту туралы", encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    f = tmp_path / "glossary" / "g.toml"
    f.write_text(
        'subject = "x"\n[[concept]]\nid = "a"\ndefinition = "A."\n'
        'sources = [{ seed = "a.txt", phrase = "Медиацияны дамыту" }]\n'
        '[[concept]]\nid = "b"\ndefinition = "B."\n'
        'sources = [{ seed = "a.txt", phrase = "медиатор" }]\n',
        encoding="utf-8",
    )
    problems = [p for p in load_glossary([f])[1] if p.code.startswith("source")]
    assert [(p.line, p.code) for p in problems] == [(6, "source-phrase")]


def test_missing_path_is_a_clear_error() -> None:
    """A glossary path that does not exist is reported by name with exit 1."""
    result = CliRunner().invoke(cli, ["glossary", "validate", "no/such/dir"])
    assert result.exit_code == 1
    assert "no/such/dir: no such glossary file or folder" in result.output


def test_project_glossary_is_valid_and_large_enough() -> None:
    """The curated glossary validates with no errors and has 100+ complete concepts."""
    glossary, problems = load_glossary([ROOT / "glossary"])
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors == []
    stats = glossary.stats()
    assert stats["concepts"] >= 100
    assert stats["complete"] >= 100


def test_term_line_is_found_when_a_note_mentions_text(tmp_path: Path) -> None:
    """A note containing the word 'text' does not shift the line reported for later terms."""
    f = tmp_path / "g.toml"
    f.write_text(
        'subject = "x"\n[[concept]]\nid = "a"\ndefinition = "A."\nkk = [\n'
        '  { text = "медиация", note = "in the context of courts; see the full text" },\n'
        '  { text = "медиация  бір" },\n]\n',
        encoding="utf-8",
    )
    problems = [p for p in load_glossary([f])[1] if p.code == "whitespace"]
    assert [p.line for p in problems] == [7]
