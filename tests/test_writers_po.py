"""Catalog writing: complete headers, msgfmt-valid output, and merge without clobbering."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termguard.writers.po import CatalogInfo, PoItem, generate_po, read_po, write_po

INFO = CatalogInfo(
    doc="000_news",
    lang="ru",
    source_lang="kk",
    generator="termguard 0.1.0",
    model="kk-ru 1.0",
    glossary_digest="abc123",
)
needs_msgfmt = pytest.mark.skipif(
    shutil.which("msgfmt") is None,
    reason="gettext's msgfmt is not installed (make test installs it)",
)


def items(*pairs: tuple[str, str]) -> list[PoItem]:
    return [
        PoItem(s, t, (("seeds/000.txt", str(n)),), (f"term: {n}",))
        for n, (s, t) in enumerate(pairs, start=1)
    ]


def msgfmt_check(path: Path) -> None:
    proc = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


@needs_msgfmt
def test_catalog_passes_msgfmt_check_for_every_language(tmp_path: Path) -> None:
    """Catalogs for kk, ru, th and en have complete headers that msgfmt --check accepts."""
    for lang in ("kk", "ru", "th", "en"):
        info = CatalogInfo("doc", lang, "kk", "termguard 0.1.0", None, "d1")
        path = tmp_path / lang / "doc.po"
        write_po(path, items(('Бір "екі"\tүш\\', "один"), ("Екі", "")), info)
        msgfmt_check(path)
        po = read_po(path)
        assert po.metadata["Language"] == lang
        assert po.metadata["Plural-Forms"].startswith("nplurals=")
        assert po.metadata["X-Termguard-Glossary"] == "d1"


def test_machine_output_is_fuzzy_and_untranslated_is_not() -> None:
    """A machine translation is marked fuzzy; an empty one has no flag."""
    po = generate_po(items(("Бір", "Один"), ("Екі", "")), INFO)
    assert [e.flags for e in po] == [["fuzzy"], []]
    assert po[0].comment == "term: 1"
    assert po[0].occurrences == [("seeds/000.txt", "1")]


def test_rerun_keeps_reviewed_entries_exactly(tmp_path: Path) -> None:
    """An entry a person reviewed survives a rerun byte for byte; fuzzy ones are refreshed."""
    path = tmp_path / "ru.po"
    write_po(path, items(("Бір", "Один (машина)"), ("Екі", "Два (машина)")), INFO)
    po = polib.pofile(str(path))
    po[0].msgstr = "Один (человек)"
    po[0].flags = []
    po[0].tcomment = "checked by the editor"
    po[1].tcomment = "ask the author"
    po.save(str(path))
    write_po(path, items(("Бір", "Один (машина 2)"), ("Екі", "Два (машина 2)")), INFO)
    again = read_po(path)
    assert again[0].msgstr == "Один (человек)" and again[0].flags == []
    assert again[0].tcomment == "checked by the editor"
    assert again[1].msgstr == "Два (машина 2)" and again[1].flags == ["fuzzy"]
    assert again[1].tcomment == "ask the author"


def test_vanished_entries_become_obsolete(tmp_path: Path) -> None:
    """Entries no longer in the source are kept as obsolete (#~) when translated."""
    path = tmp_path / "ru.po"
    write_po(path, items(("Бір", "Один"), ("Екі", ""), ("Үш", "Три")), INFO)
    write_po(path, items(("Бір", "Один")), INFO)
    po = read_po(path)
    assert [e.msgid for e in po if not e.obsolete] == ["Бір"]
    assert sorted(e.msgid for e in po.obsolete_entries()) == ["Үш"]
    assert '#~ msgid "Үш"' in path.read_text(encoding="utf-8")


def test_obsolete_reviewed_entry_comes_back(tmp_path: Path) -> None:
    """A reviewed entry that vanished and reappears is restored, still reviewed."""
    path = tmp_path / "ru.po"
    write_po(path, items(("Бір", "Один")), INFO)
    po = polib.pofile(str(path))
    po[0].flags = []
    po.save(str(path))
    write_po(path, items(("Екі", "Два")), INFO)
    write_po(path, items(("Бір", "Один (машина)")), INFO)
    po = read_po(path)
    assert [(e.msgid, e.msgstr, e.flags) for e in po if not e.obsolete] == [("Бір", "Один", [])]


def test_rerun_with_same_input_changes_nothing(tmp_path: Path) -> None:
    """A second run with the same items does not touch the file (no diff, no new date)."""
    path = tmp_path / "ru.po"
    assert write_po(path, items(("Бір", "Один")), INFO) is True
    before = path.read_bytes()
    assert write_po(path, items(("Бір", "Один")), INFO) is False
    assert path.read_bytes() == before


def test_duplicate_sentences_share_one_entry() -> None:
    """The same sentence twice makes one entry (gettext forbids duplicates)."""
    po = generate_po([PoItem("Бір", "", (("a", "1"),)), PoItem("Бір", "", (("a", "5"),))], INFO)
    assert len(po) == 1


def test_broken_catalog_is_a_clear_error(tmp_path: Path) -> None:
    """A malformed existing catalog is reported with its path, not a traceback."""
    from termguard.errors import CatalogError

    path = tmp_path / "ru.po"
    path.write_text('msgid "a"\nmsgstr "b"\nfoo bar\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=rf"{path}:3: .*fix or remove the file"):
        write_po(path, items(("Бір", "Один")), INFO)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=40), st.text(max_size=40)),
        min_size=1,
        max_size=5,
        unique_by=lambda t: t[0],
    )
)
def test_any_text_survives_write_then_read(
    tmp_path_factory: pytest.TempPathFactory, pairs: list[tuple[str, str]]
) -> None:
    """Whatever the text (quotes, backslashes, newlines, tabs), write_po -> read_po keeps it."""
    pairs = [(s, t) for s, t in pairs if "\x00" not in s + t and "\r" not in s + t]
    if not pairs:
        return
    path = tmp_path_factory.mktemp("po") / "x.po"
    write_po(path, items(*pairs), INFO)
    po = read_po(path)
    assert [(e.msgid, e.msgstr) for e in po if not e.obsolete] == pairs
