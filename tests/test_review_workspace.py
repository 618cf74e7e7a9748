"""The review page's library: one entry written back at a time, nothing else changed or lost."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import polib
import pytest

from review_helpers import (
    NGO_SENTENCE,
    ROOT,
    RU_000,
    changed_lines,
    copy_locales,
    entry_lines,
    entry_of,
    msgfmt_check,
)

pytest.importorskip("starlette")

from termguard.review.workspace import (
    Workspace,
    check_msgstr,
    entry_base,
    entry_id,
    entry_status,
    lock_folder,
    open_workspace,
)
from termguard.writers.po import CatalogFile, read_catalog, render_po

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
MSGSTR = "В стране создана новая ассоциация неправительственных организаций"


@pytest.fixture
def ws(tmp_path: Path, project_glossary) -> Workspace:  # type: ignore[no-untyped-def]
    locales = copy_locales(tmp_path, RU_000)
    workspace = open_workspace([locales], project_glossary, memory=str(tmp_path / "tm.sqlite"))
    yield workspace
    workspace.close()


def _only(ws: Workspace):  # type: ignore[no-untyped-def]
    (catalog,) = ws.catalogs.values()
    return catalog


def _save(ws: Workspace, msgid: str, msgstr: str, action: str = "save"):  # type: ignore[no-untyped-def]
    catalog = _only(ws)
    entry = entry_of(catalog.abspath, msgid)
    return ws.save(catalog.id, entry_id(entry), msgstr, action, entry_base(entry))


@needs_msgfmt
def test_accepting_an_edit_changes_only_that_entry(ws: Workspace) -> None:
    """An accepted edit rewrites the lines of its entry and no others; msgfmt --check passes."""
    catalog = _only(ws)
    before = catalog.abspath.read_text(encoding="utf-8")
    result = _save(ws, NGO_SENTENCE, "В стране создана новая ассоциация НПО", "accept")
    assert result.outcome == "saved", result.message
    after = catalog.abspath.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed and removed <= set(entry_lines(before, NGO_SENTENCE))
    assert added <= set(entry_lines(after, NGO_SENTENCE))
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    assert entry.msgstr == "В стране создана новая ассоциация НПО"
    assert "fuzzy" not in entry.flags and entry.previous_msgid is None
    assert msgfmt_check(catalog.abspath).returncode == 0


def test_an_edit_is_what_render_po_writes_for_that_change(ws: Workspace) -> None:
    """The spliced file equals writers.po.render_po of the same catalog with that entry changed."""
    catalog = _only(ws)
    original = read_catalog(catalog.abspath)
    assert _save(ws, NGO_SENTENCE, "Создана ассоциация НПО", "accept").outcome == "saved"
    new = entry_of(catalog.abspath, NGO_SENTENCE)
    po = polib.pofile(original.text, wrapwidth=0)
    for i, e in enumerate(po):
        if e.msgid == NGO_SENTENCE and not e.obsolete:
            po[i] = new
    expected = render_po(po, CatalogFile(original.text, original.po))
    assert catalog.abspath.read_text(encoding="utf-8") == expected


@needs_msgfmt
@pytest.mark.skipif(shutil.which("msgcat") is None, reason="needs gettext's msgcat")
def test_a_catalog_wrapped_by_msgcat_keeps_every_other_entry_byte_for_byte(ws: Workspace) -> None:
    """In a catalog msgcat wrapped at 79 columns, the other entries keep their bytes and the
    edited one is wrapped as msgcat wraps it."""
    catalog = _only(ws)
    subprocess.run(["msgcat", "-o", str(catalog.abspath), str(catalog.abspath)], check=True)
    catalog.refresh()
    before = catalog.abspath.read_text(encoding="utf-8")
    long = (
        "Такое решение было принято на учредительном съезде неправительственных "
        "организаций Казахстана."
    )
    assert _save(ws, NGO_SENTENCE, long, "accept").outcome == "saved"
    after = catalog.abspath.read_text(encoding="utf-8")
    removed, _ = changed_lines(before, after)
    rewrapped = subprocess.run(
        ["msgcat", str(catalog.abspath)], capture_output=True, text=True, check=True
    ).stdout
    assert rewrapped == after  # what msgcat would write: the new entry is wrapped its way
    assert all(len(line) <= 80 for line in after.split("\n") if line.startswith('"'))
    assert removed


def test_an_entry_changed_on_disk_is_a_conflict_and_the_disk_wins(ws: Workspace) -> None:
    """A save based on what the page showed is refused when the entry changed on disk since;
    the file keeps the other writer's text."""
    catalog = _only(ws)
    shown = entry_of(catalog.abspath, NGO_SENTENCE)
    po = polib.pofile(str(catalog.abspath), wrapwidth=0)
    for e in po:
        if e.msgid == NGO_SENTENCE and not e.obsolete:
            e.msgstr = "Текст из Poedit"
            e.flags = []
    po.save()
    disk = catalog.abspath.read_bytes()
    result = ws.save(catalog.id, entry_id(shown), "Текст страницы", "accept", entry_base(shown))
    assert result.outcome == "conflict"
    assert result.entry is not None and result.entry.msgstr == "Текст из Poedit"
    assert catalog.abspath.read_bytes() == disk
    # seen, and saved again on purpose: the page's text replaces it
    again = ws.save(
        catalog.id, entry_id(shown), "Текст страницы", "accept", entry_base(result.entry)
    )
    assert again.outcome == "saved"
    assert entry_of(catalog.abspath, NGO_SENTENCE).msgstr == "Текст страницы"


def test_another_entry_changed_on_disk_is_kept_when_the_page_saves(ws: Workspace) -> None:
    """A change on disk to one entry survives a save of another: the file is read again first."""
    catalog = _only(ws)
    other = "Алматы"
    shown = entry_of(catalog.abspath, NGO_SENTENCE)
    text = catalog.abspath.read_text(encoding="utf-8")
    catalog.abspath.write_text(
        text.replace('msgid "Алматы"\nmsgstr ""', 'msgid "Алматы"\nmsgstr "Алматы"'),
        encoding="utf-8",
    )
    result = ws.save(catalog.id, entry_id(shown), "Новая ассоциация НПО", "save", entry_base(shown))
    assert result.outcome == "saved"
    assert entry_of(catalog.abspath, other).msgstr == "Алматы"
    assert entry_of(catalog.abspath, NGO_SENTENCE).msgstr == "Новая ассоциация НПО"
    assert catalog.changes, "the change on disk is reported"


def test_a_save_waits_for_a_translate_run_and_then_says_so(
    tmp_path: Path, project_glossary
) -> None:  # type: ignore[no-untyped-def]
    """While a run holds the locales folder's lock, a save waits, then fails with 'locked' and
    leaves the file as it was."""
    from termguard.writers.locking import folder_locks

    locales = copy_locales(tmp_path, RU_000)
    ws = open_workspace([locales], project_glossary, memory=None, wait=0.2)
    catalog = _only(ws)
    assert lock_folder(catalog.abspath) == locales.resolve()
    disk = catalog.abspath.read_bytes()
    with folder_locks([locales], 1):
        result = _save(ws, NGO_SENTENCE, "Текст", "accept")
    assert result.outcome == "locked"
    assert catalog.abspath.read_bytes() == disk
    assert _save(ws, NGO_SENTENCE, "Текст", "accept").outcome == "saved"


def test_twenty_saves_at_once_are_all_written(ws: Workspace) -> None:
    """Twenty threads saving twenty entries at once lose none of them."""
    catalog = _only(ws)
    entries = [e for e in catalog.state.entries.values() if not e.msgid_plural][:20]
    results: dict[str, str] = {}
    start = threading.Barrier(len(entries))

    def work(n: int, e: polib.POEntry) -> None:
        start.wait()
        r = ws.save(catalog.id, entry_id(e), f"Перевод номер {n}", "accept", entry_base(e))
        results[e.msgid] = r.outcome

    threads = [threading.Thread(target=work, args=(n, e)) for n, e in enumerate(entries)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(results.values()) == {"saved"}
    po = polib.pofile(str(catalog.abspath), wrapwidth=0)
    live = {e.msgid: e for e in po if not e.obsolete}
    assert len(live) == len(catalog.state.entries)
    for n, e in enumerate(entries):
        assert live[e.msgid].msgstr == f"Перевод номер {n}"
        assert "fuzzy" not in live[e.msgid].flags


def test_a_saved_draft_becomes_the_translators_and_keeps_the_machine_draft(ws: Workspace) -> None:
    """A fuzzy edit of termguard's draft stays fuzzy, is a person's (needs work), keeps the draft
    record and shows the machine draft beside it; termguard's comments describe the new text."""
    catalog = _only(ws)
    draft = entry_of(catalog.abspath, NGO_SENTENCE)
    assert entry_status(draft) == "draft"
    assert _save(ws, NGO_SENTENCE, "Создана новая ассоциация НГО").outcome == "saved"
    entry = entry_of(catalog.abspath, NGO_SENTENCE)
    assert "fuzzy" in entry.flags and entry_status(entry) == "needs-work"
    lines = entry.comment.split("\n")
    assert f"termguard: machine draft: {draft.msgstr}" in lines
    assert any(line.startswith("termguard: draft ") for line in lines)
    assert "termguard: flagged (checked the translator's text)" in lines
    assert "termguard: term-deprecated: 'НГО' (ngo)" in lines
    assert not any(line.startswith("termguard: tm 100%") for line in lines)


def test_accepted_and_edited_entries_feed_the_memory(ws: Workspace) -> None:
    """An accepted entry goes into the memory as reviewed, a fuzzy edit as translated."""
    from termguard.tm.store import open_memory

    assert _save(ws, NGO_SENTENCE, "Создана ассоциация НПО", "accept").outcome == "saved"
    assert _save(ws, "Алматы", "Алматы (город)").outcome == "saved"
    assert ws.feeder is not None and ws.feeder.flush()
    memory = open_memory(ws.memory_path)
    found = {
        (m.unit.target, m.unit.state)
        for m in memory.lookup(NGO_SENTENCE, "kk", "ru")
        if m.kind == "exact"
    }
    assert ("Создана ассоциация НПО", "reviewed") in found
    almaty = {(m.unit.target, m.unit.state) for m in memory.lookup("Алматы", "kk", "ru")}
    assert ("Алматы (город)", "translated") in almaty
    memory.close()


def test_a_translate_run_keeps_what_the_page_saved(tmp_path: Path, project_glossary) -> None:  # type: ignore[no-untyped-def]
    """`termguard translate` after the page keeps the accepted and the fuzzy edited text."""
    locales = copy_locales(tmp_path, RU_000)
    ws = open_workspace([locales], project_glossary, memory=None)
    assert _save(ws, NGO_SENTENCE, "Ассоциация НПО создана", "accept").outcome == "saved"
    assert _save(ws, "Алматы", "город Алматы").outcome == "saved"
    seed = ROOT / "seeds" / "000_91604382561779cc.txt"
    (tmp_path / "seeds").mkdir()
    shutil.copy(seed, tmp_path / "seeds" / seed.name)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "termguard",
            "translate",
            f"seeds/{seed.name}",
            "--to",
            "ru",
            "--from",
            "kk",
            "--locales",
            "locales",
            "--glossary",
            str(ROOT / "glossary"),
            "--models-dir",
            str(tmp_path / "no-models"),
            "--no-tm",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 3), run.stderr
    path = locales / RU_000
    assert entry_of(path, NGO_SENTENCE).msgstr == "Ассоциация НПО создана"
    assert "fuzzy" not in entry_of(path, NGO_SENTENCE).flags
    almaty = entry_of(path, "Алматы")
    assert almaty.msgstr == "город Алматы" and "fuzzy" in almaty.flags


def test_line_breaks_must_match_the_source_as_msgfmt_wants() -> None:
    """A translation ending in a line break where the source does not is refused, with why."""
    entry = polib.POEntry(msgid="Алматы", msgstr="")
    assert "line break" in (check_msgstr(entry, "Almaty\n", "save") or "")
    assert check_msgstr(entry, "Almaty", "save") is None
    assert "empty" in (check_msgstr(entry, "  ", "accept") or "")


def test_statuses_follow_the_flags_and_the_draft_record() -> None:
    """untranslated, draft (termguard's record matches), needs work (it does not), reviewed."""
    from termguard.writers.po import draft_hash

    mine = polib.POEntry(
        msgid="a", msgstr="b", flags=["fuzzy"], comment=f"termguard: draft {draft_hash('b')}"
    )
    edited = polib.POEntry(
        msgid="a", msgstr="c", flags=["fuzzy"], comment=f"termguard: draft {draft_hash('b')}"
    )
    assert entry_status(polib.POEntry(msgid="a", msgstr="")) == "untranslated"
    assert entry_status(mine) == "draft"
    assert entry_status(edited) == "needs-work"
    assert entry_status(polib.POEntry(msgid="a", msgstr="b")) == "reviewed"


def test_a_folder_with_a_broken_catalog_opens_the_others(tmp_path: Path, project_glossary) -> None:  # type: ignore[no-untyped-def]
    """A catalog that cannot be read is listed among the problems; the rest open."""
    locales = copy_locales(tmp_path, RU_000)
    bad = locales / "ru" / "LC_MESSAGES" / "broken.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    ws = open_workspace([locales], project_glossary, memory=None)
    assert len(ws.catalogs) == 1
    assert len(ws.problems) == 1 and "broken.po" in ws.problems[0]


def test_an_untranslated_entry_offers_the_approved_terms_of_its_source(project_glossary) -> None:  # type: ignore[no-untyped-def]
    """With nothing written yet, each source concept's approved target term is a suggestion."""
    from termguard.review.workspace import Checks

    thai = "รัฐบาลของคาซัคสถานมุ่งมั่นที่จะส่งเสริมการมีส่วนร่วมกับภาคประชาสังคม"  # seed 002
    review = Checks(project_glossary).review(thai, "", "th", "en")
    offered = {(s.label, s.text) for s in review.suggestions if s.kind == "term"}
    assert ("civil-society", "civil society") in offered
    assert ("republic-of-kazakhstan", "Republic of Kazakhstan") in offered
    assert {s.kind for s in review.source_spans} == {"term"}


def test_a_catalog_that_cannot_be_written_saves_nothing(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the write fails, the save says why, the file and the page's copy stay as they were,
    and the next save still works from them."""
    import termguard.writers.atomic as atomic
    from termguard.errors import OutputError

    catalog = _only(ws)
    disk = catalog.abspath.read_bytes()
    state = catalog.state

    def refuse(path: object, data: bytes) -> None:
        raise OutputError("the disk is full (or the quota is used up); free some space", str(path))

    monkeypatch.setattr(atomic, "write_bytes", refuse)
    result = _save(ws, NGO_SENTENCE, "Ассоциация НПО", "accept")
    assert result.outcome == "invalid" and "the disk is full" in result.message
    assert catalog.abspath.read_bytes() == disk and catalog.state is state
    monkeypatch.undo()
    assert _save(ws, NGO_SENTENCE, "Ассоциация НПО", "accept").outcome == "saved"
