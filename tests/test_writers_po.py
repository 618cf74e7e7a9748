"""Catalog writing: complete headers, msgfmt-valid output, and merge without clobbering."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termguard.errors import CatalogError
from termguard.writers.po import (
    CatalogInfo,
    PoItem,
    draft_hash,
    generate_po,
    read_catalog,
    read_po,
    render_po,
    write_po,
)

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
    """A machine translation is marked fuzzy and recorded by its hash; an empty one has neither."""
    po = generate_po(items(("Бір", "Один"), ("Екі", "")), INFO)
    assert [e.flags for e in po] == [["fuzzy"], []]
    assert po[0].comment == f"term: 1\ntermguard: draft {draft_hash('Один')}"
    assert po[1].comment == "term: 2"
    assert po[0].occurrences == [("seeds/000.txt", "1")]


def test_rerun_keeps_reviewed_entries_exactly(tmp_path: Path) -> None:
    """A reviewed entry and a fuzzy one with a translator's note both keep their msgstr."""
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
    # a translator's note makes the entry theirs: the new draft is offered beside it
    assert again[1].msgstr == "Два (машина)" and again[1].flags == ["fuzzy"]
    assert again[1].tcomment == "ask the author"
    assert "termguard: machine draft: Два (машина 2)" in again[1].comment


def test_vanished_entries_become_obsolete(tmp_path: Path) -> None:
    """Translated entries no longer in the source are kept as obsolete (#~), with their notes."""
    path = tmp_path / "ru.po"
    write_po(path, items(("Бір", "Один"), ("Екі", ""), ("Үш", "Три")), INFO)
    write_po(path, items(("Бір", "Один")), INFO)
    po = read_po(path)
    assert [e.msgid for e in po if not e.obsolete] == ["Бір"]
    assert sorted(e.msgid for e in po.obsolete_entries()) == ["Үш"]
    text = path.read_text(encoding="utf-8")
    assert f'#. termguard: draft {draft_hash("Три")}\n#, fuzzy\n#~ msgid "Үш"' in text
    # the record survives in `#~`, so the draft is known as termguard's when the sentence returns
    write_po(path, items(("Бір", "Один"), ("Үш", "Три (машина 2)")), INFO)
    again = [(e.msgid, e.msgstr) for e in read_po(path)]
    assert again == [("Бір", "Один"), ("Үш", "Три (машина 2)")]


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


# --- what a person did survives: msgmerge's fuzzy carry-over, edits, notes, flags -------------

NTREX = Path(__file__).parent / "data" / "check" / "ntrex"
KK = (NTREX / "newstest2019.kk.txt").read_text(encoding="utf-8").splitlines()
RU = (NTREX / "newstest2019.ru.txt").read_text(encoding="utf-8").splitlines()


def review(path: Path, **msgstrs: str) -> None:
    """Play the translator: set msgstr of entries (by position) and clear their fuzzy flag."""
    po = polib.pofile(str(path), wrapwidth=0)
    for index, text in msgstrs.items():
        po[int(index.lstrip("e"))].msgstr = text
        po[int(index.lstrip("e"))].flags = []
    po.save(str(path))


def live(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in read_po(path) if not e.obsolete}


def test_changed_sentence_carries_the_review_as_fuzzy_with_previous_msgid(tmp_path: Path) -> None:
    """A reviewed sentence whose time changed keeps its translation, fuzzy, with `#| msgid`."""
    path = tmp_path / "ru.po"
    write_po(path, items((KK[2], "машина"), (KK[3], "машина")), INFO)
    review(path, e0=RU[2])
    changed = KK[2].replace("07:55", "08:15")
    write_po(path, items((changed, "новый черновик"), (KK[3], "машина")), INFO)
    entry = live(path)[changed]
    assert entry.msgstr == RU[2]
    assert entry.flags == ["fuzzy"]
    assert entry.previous_msgid == KK[2]
    assert "termguard: machine draft: новый черновик" in entry.comment
    assert not read_po(path).obsolete_entries()  # carried, not left behind as #~
    text = path.read_text(encoding="utf-8")
    assert f'#| msgid "{KK[2]}"' in text


def test_carried_entry_survives_the_next_run_and_keeps_its_first_previous_msgid(
    tmp_path: Path,
) -> None:
    """A carried fuzzy entry stays the translator's; #| keeps the source that was reviewed."""
    path = tmp_path / "ru.po"
    write_po(path, items((KK[2], "машина")), INFO)
    review(path, e0=RU[2])
    once = KK[2].replace("07:55", "08:15")
    twice = once.replace("32 жастағы", "33 жастағы")
    write_po(path, items((once, "черновик 1")), INFO)
    write_po(path, items((once, "черновик 2")), INFO)
    assert live(path)[once].msgstr == RU[2]
    write_po(path, items((twice, "черновик 3")), INFO)
    entry = live(path)[twice]
    assert (entry.msgstr, entry.previous_msgid) == (RU[2], KK[2])


def test_each_old_entry_is_carried_to_one_new_entry_best_match_first(tmp_path: Path) -> None:
    """Two new variants of one reviewed sentence: the closer one gets it, the other a draft."""
    path = tmp_path / "ru.po"
    write_po(path, items((KK[5], "машина")), INFO)
    review(path, e0=RU[5])
    near = KK[5].replace("4,8", "4,9")
    far = KK[5].replace("4,8", "5,1").replace("ауыр соққы болмақ", "қиын болады")
    write_po(path, items((far, "черновик далёкий"), (near, "черновик близкий")), INFO)
    entries = live(path)
    assert entries[near].msgstr == RU[5] and entries[near].previous_msgid == KK[5]
    assert entries[far].msgstr == "черновик далёкий" and entries[far].previous_msgid is None


def test_an_unrelated_sentence_does_not_take_a_review(tmp_path: Path) -> None:
    """Below the similarity threshold the review stays obsolete and the new sentence is drafted."""
    path = tmp_path / "ru.po"
    write_po(path, items((KK[2], "машина")), INFO)
    review(path, e0=RU[2])
    write_po(path, items((KK[3], "черновик")), INFO)
    assert live(path)[KK[3]].msgstr == "черновик"
    assert [(e.msgid, e.msgstr) for e in read_po(path).obsolete_entries()] == [(KK[2], RU[2])]


def test_an_edited_fuzzy_draft_is_kept(tmp_path: Path) -> None:
    """A draft the translator edited but left fuzzy ("Needs work") is not overwritten."""
    path = tmp_path / "ru.po"
    write_po(path, items((KK[2], "машина 1"), (KK[3], "машина 1")), INFO)
    po = polib.pofile(str(path))
    po[0].msgstr = RU[2]  # edited, still fuzzy
    po.save(str(path))
    write_po(path, items((KK[2], "машина 2"), (KK[3], "машина 2")), INFO)
    entries = live(path)
    assert entries[KK[2]].msgstr == RU[2] and entries[KK[2]].flags == ["fuzzy"]
    assert "termguard: machine draft: машина 2" in entries[KK[2]].comment
    assert entries[KK[3]].msgstr == "машина 2"  # untouched drafts are refreshed


def test_an_edited_fuzzy_draft_stays_a_persons_translation_after_reruns(tmp_path: Path) -> None:
    """A fuzzy draft a person edited keeps its draft record through reruns, so it stays theirs."""
    from termguard.tm.harvest import state_of

    path = tmp_path / "ru.po"
    write_po(path, items((KK[2], "машина 1")), INFO)
    po = polib.pofile(str(path))
    po[0].msgstr = RU[2]  # edited, still fuzzy
    po.save(str(path))
    for machine in ("машина 2", "машина 3"):
        write_po(path, items((KK[2], machine)), INFO)
        entry = live(path)[KK[2]]
        assert entry.msgstr == RU[2]
        assert f"termguard: draft {draft_hash('машина 1')}" in entry.comment
        assert state_of(entry) == "translated"


def test_changed_flags_make_an_entry_the_translators(tmp_path: Path) -> None:
    """A flag a person added keeps the entry, fuzzy draft and all."""
    path = tmp_path / "ru.po"
    write_po(path, items((KK[2], "машина 1")), INFO)
    po = polib.pofile(str(path))
    po[0].flags = ["fuzzy", "no-wrap"]
    po.save(str(path))
    write_po(path, items((KK[2], "машина 2")), INFO)
    entry = live(path)[KK[2]]
    assert (entry.msgstr, entry.flags) == ("машина 1", ["fuzzy", "no-wrap"])


def test_catalogs_without_the_draft_record(tmp_path: Path) -> None:
    """Without a record, a fuzzy msgstr equal to the machine output is machine, others human."""
    path = tmp_path / "ru.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#, fuzzy\nmsgid "{KK[2]}"\nmsgstr "машина"\n\n'
        f'#, fuzzy\nmsgid "{KK[3]}"\nmsgstr "{RU[3]}"\n',
        encoding="utf-8",
    )
    write_po(path, items((KK[2], "машина"), (KK[3], "машина")), INFO)
    entries = live(path)
    assert f"termguard: draft {draft_hash('машина')}" in entries[KK[2]].comment
    assert entries[KK[3]].msgstr == RU[3]
    write_po(path, items((KK[2], "машина 2"), (KK[3], "машина 2")), INFO)
    entries = live(path)
    assert entries[KK[2]].msgstr == "машина 2"  # recorded as termguard's now, so refreshed
    assert entries[KK[3]].msgstr == RU[3]


def test_own_comments_are_derived_again_and_translator_comments_stay(tmp_path: Path) -> None:
    """Stale termguard comments of a reviewed entry are replaced; `# ` and others' `#.` stay."""
    path = tmp_path / "ru.po"
    stale = PoItem(KK[2], "", (("a.txt", "1"),), ("termguard: untranslated", "term: x = y [z]"))
    write_po(path, [stale], INFO)
    po = polib.pofile(str(path))
    po[0].msgstr, po[0].flags, po[0].tcomment = RU[2], [], "checked with the editor"
    po[0].comment += "\nTRANSLATORS: a court report"
    po.save(str(path))
    fresh = PoItem(KK[2], "машина", (("a.txt", "3"), ("a.txt", "9")), ("termguard: ok",))

    def recheck(item: PoItem, msgstr: str) -> list[str]:
        return [f"termguard: checked {len(msgstr)} characters"]

    write_po(path, [fresh], INFO, recheck)
    entry = live(path)[KK[2]]
    assert (entry.msgstr, entry.flags, entry.tcomment) == (RU[2], [], "checked with the editor")
    assert entry.comment.split("\n") == [
        "TRANSLATORS: a court report",
        f"termguard: checked {len(RU[2])} characters",
    ]
    assert entry.occurrences == [("a.txt", "3"), ("a.txt", "9")]


def test_a_catalog_of_another_document_is_refused(tmp_path: Path) -> None:
    """Merging a document into a catalog whose X-Termguard-Source is another one is an error."""
    path = tmp_path / "news.po"
    a = CatalogInfo("news", "ru", "kk", "termguard 0.1.0", None, "d1", source="a/news.txt")
    b = CatalogInfo("news", "ru", "kk", "termguard 0.1.0", None, "d1", source="b/news.txt")
    write_po(path, items((KK[2], "")), a)
    before = path.read_bytes()
    with pytest.raises(CatalogError, match=r"news.po: this catalog belongs to a/news.txt .*--root"):
        write_po(path, items((KK[3], "")), b)
    assert path.read_bytes() == before
    assert read_po(path).metadata["X-Termguard-Source"] == "a/news.txt"


# --- the wrapping a tool gave the file stays; only what changed is rewritten ------------------

needs_gettext = pytest.mark.skipif(
    shutil.which("msgcat") is None or shutil.which("msgmerge") is None,
    reason="gettext's msgcat and msgmerge are not installed (make test installs them)",
)
SEED_ITEMS = [
    PoItem(s, t, (("seeds/x.txt", str(n)),), ("termguard: ok", f"term: {s[:12]} = ? [c-{n}]"))
    for n, (s, t) in enumerate(zip(KK, RU, strict=True), start=1)
]


def diff_lines(a: str, b: str) -> list[str]:
    import difflib

    return [
        line
        for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@needs_gettext
@pytest.mark.parametrize("tool", ["msgcat", "msgmerge"])
def test_a_rewrapped_catalog_stays_as_the_tool_wrote_it(tmp_path: Path, tool: str) -> None:
    """After msgcat/msgmerge rewrap a catalog, a rerun changes no byte; one changed entry is all."""
    path = tmp_path / "ru.po"
    write_po(path, SEED_ITEMS, INFO)
    review(path, e2=RU[2] + " (проверено)")
    write_po(path, SEED_ITEMS, INFO)  # termguard's notes on the reviewed entry are renewed once
    if tool == "msgcat":
        cmd = ["msgcat", str(path), "-o", str(path)]
    else:
        pot = tmp_path / "x.pot"
        pot.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        cmd = ["msgmerge", "--quiet", "--previous", "-o", str(path), str(path), str(pot)]
    subprocess.run(cmd, check=True)
    wrapped = path.read_text(encoding="utf-8")
    assert max(len(line) for line in wrapped.splitlines() if line.startswith('"')) <= 79
    assert write_po(path, SEED_ITEMS, INFO) is False
    assert path.read_text(encoding="utf-8") == wrapped
    # one sentence's machine draft changes: that entry and the revision date change, nothing else
    changed = list(SEED_ITEMS)
    changed[4] = PoItem(KK[4], "новый черновик", changed[4].occurrences, changed[4].comments)
    assert write_po(path, changed, INFO) is True
    after = path.read_text(encoding="utf-8")
    lines = [line for line in diff_lines(wrapped, after) if "PO-Revision-Date" not in line]
    assert lines == [
        f"-#. termguard: draft {draft_hash(RU[4])}",
        f"+#. termguard: draft {draft_hash('новый черновик')}",
        f'-msgstr "{RU[4]}"',
        '+msgstr "новый черновик"',
    ]
    if shutil.which("msgfmt"):
        msgfmt_check(path)
    assert live(path)[KK[4]].msgstr == "новый черновик"


def test_unchanged_entries_keep_their_bytes_changed_ones_follow_the_file_width(
    tmp_path: Path,
) -> None:
    """render_po copies an unchanged entry verbatim and wraps a new one at the file's width."""
    path = tmp_path / "ru.po"
    write_po(path, SEED_ITEMS[:2], INFO)
    text = path.read_text(encoding="utf-8")
    odd = text.replace(f'msgid "{KK[0]}"', 'msgid ""\n"' + KK[0][:40] + '"\n"' + KK[0][40:] + '"')
    path.write_text(odd, encoding="utf-8")
    original = read_catalog(path)
    po = generate_po([*SEED_ITEMS[:2], SEED_ITEMS[5]], INFO, original.po)
    for k in ("PO-Revision-Date", "POT-Creation-Date"):
        po.metadata[k] = original.po.metadata[k]
    out = render_po(po, original)
    assert out.startswith(odd.rstrip("\n"))  # the hand-wrapped entry and the header stay
    new = out[len(odd.rstrip("\n")) :]
    assert max(len(line) for line in new.splitlines() if line.startswith(('"', "msg"))) <= 79
    assert f"#. term: {KK[5][:12]} = ? [c-6]" in new  # comments are not wrapped, as gettext does
