"""Glossary .po catalogs: msgfmt --check on every catalog, layout, polib reads them back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from glossaries import fixture_glossary, real_glossary
from termguard.errors import ExchangeFormatError
from termguard.glossary.model import LANGS
from termguard.glossary.po import generate_po, generate_po_catalogs, read_po

DATE = "2026-01-01 00:00+0000"


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt is not installed (apt-get install gettext; `make test` does it)")
    return subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_catalog_passes_msgfmt_check(tmp_path: Path, which: str) -> None:
    """msgfmt --check accepts every direction's catalog without a warning."""
    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    for source in LANGS:
        for target, text in generate_po_catalogs(glossary, source, LANGS, DATE).items():
            path = tmp_path / f"{source}-{target}.po"
            path.write_text(text, encoding="utf-8")
            result = msgfmt_check(path)
            assert result.returncode == 0 and result.stderr == "", (path.name, result.stderr)


def test_catalog_layout() -> None:
    """msgctxt is the concept id, msgid the source term, msgstr the target; comments explain."""
    po = polib.pofile(generate_po(fixture_glossary(), "kk", "ru", DATE))
    assert po.metadata["Language"] == "ru"
    assert po.metadata["X-Source-Language"] == "kk"
    assert po.metadata["Project-Id-Version"].startswith("termguard glossary ")
    entry = po.find("ҮЕҰ", msgctxt="ngo")
    assert entry is not None and entry.msgstr == "НПО"
    assert entry.comment.splitlines() == [
        "A non-profit organisation independent of the state.",
        "source term: admitted, abbreviation",
        "target term: admitted, abbreviation",
        "target note: =ambiguous: also a company form",
        "do not use: негосударственная организация (forbidden)",
    ]


def test_proposed_target_is_fuzzy_and_missing_target_is_empty() -> None:
    """A target still under review is fuzzy; a concept without a target term is untranslated."""
    po = polib.pofile(generate_po(fixture_glossary(), "kk", "th", DATE))
    ngo = po.find("үкіметтік емес ұйым", msgctxt="ngo")
    assert ngo is not None and ngo.fuzzy and ngo.msgstr == "องค์กรพัฒนาเอกชน"
    hearing = po.find("қоғамдық тыңдау", msgctxt="public-hearings")
    assert hearing is not None and hearing.msgstr == "" and not hearing.fuzzy


def test_quotes_and_newlines_are_escaped_by_polib(tmp_path: Path) -> None:
    """A note with quotes and a line break survives a write and a read (and msgfmt)."""
    text = generate_po(fixture_glossary(), "en", "kk", DATE)
    path = tmp_path / "kk.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    entry = polib.pofile(str(path)).find("AMANAT", msgctxt="amanat")
    assert entry is not None and "do not translate" in entry.comment


def test_reads_back_with_languages_from_the_header(tmp_path: Path) -> None:
    """read_po takes the pair from Language and X-Source-Language and the concept from msgctxt."""
    path = tmp_path / "th.po"
    path.write_text(generate_po(fixture_glossary(), "kk", "th", DATE), encoding="utf-8")
    records = read_po(path)
    first = records[0]
    assert first.id == "ngo"
    assert [(t.lang, t.text, t.role, t.review) for t in first.terms] == [
        ("kk", "үкіметтік емес ұйым", "", None),
        ("th", "องค์กรพัฒนาเอกชน", "target", "proposed"),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [('msgid "a"\nmsgstr "b\n', 2), ('msgid "a"\nmsgstr "b"\nfoo bar\n', 3)],
    ids=["unterminated", "stray-line"],
)
def test_a_broken_catalog_is_rejected_with_its_line(tmp_path: Path, text: str, line: int) -> None:
    """A .po syntax error (even one polib would swallow) names the file and line."""
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match=rf"bad.po:{line}: not a valid .po file"):
        read_po(path, ("en", "kk"))


def test_a_catalog_without_languages_asks_for_them(tmp_path: Path) -> None:
    """Without Language / X-Source-Language headers the reader asks for --from and --to."""
    path = tmp_path / "x.po"
    path.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match="pass --from and --to"):
        read_po(path)
    assert [t.lang for t in read_po(path, ("en", "kk"))[0].terms] == ["en", "kk"]
