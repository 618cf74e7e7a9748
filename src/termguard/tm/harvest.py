"""Filling the memory from the catalogs: every translation a person made, reviewed or not yet.

A catalog entry is memory material when a person made its msgstr: `reviewed` when it has no
fuzzy flag (a person approved it, whether they wrote it or approved termguard's draft), and
`translated` when a person edited termguard's recorded draft but left it fuzzy (Poedit's "needs
work"). termguard's own untouched drafts are not memory material, nor entries that carry a
person's translation of another sentence (`#| msgid`), nor plural entries. Each catalog is a
file of the memory: reading it again replaces what it said, so a corrected translation replaces
the old one. Catalogs that did not change since the last update (same size and modification
time) are not read again; catalogs that were removed keep their translations in the memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

from termguard.errors import CatalogError
from termguard.tm.store import Record, TranslationMemory

LANGS = ("kk", "ru", "th", "en")


@dataclass
class UpdateResult:
    """What an update read and changed."""

    catalogs: int = 0
    read: int = 0
    added: int = 0
    removed: int = 0
    failed: list[CatalogError] = field(default_factory=list)


def place_of(path: str | Path, locales: str | Path) -> str:
    """How an origin names a catalog: its path relative to the folder holding `locales`."""
    base = os.path.dirname(os.path.abspath(locales))
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def catalogs_under(locales: str | Path) -> list[Path]:
    """Every catalog LOCALES/<lang>/LC_MESSAGES/**/*.po, in a stable order."""
    root = Path(locales)
    if not root.is_dir():
        return []
    return sorted(root.glob("*/LC_MESSAGES/**/*.po"))


def _msgid_line(lines: list[str], start: int) -> int:
    for i in range(max(start - 1, 0), min(len(lines), start + 200)):
        if lines[i].startswith("msgid "):
            return i + 1
    return start


def state_of(entry: polib.POEntry) -> str | None:
    """'reviewed', 'translated' or None (not a person's translation of this msgid)."""
    from termguard.writers.po import draft_hash, draft_record, reviewed

    if entry.obsolete or entry.msgid_plural or not entry.msgid or not entry.msgstr:
        return None
    if entry.previous_msgid is not None and "fuzzy" in entry.flags:
        return None
    if reviewed(entry):
        return "reviewed"
    record = draft_record(entry)
    if record is not None and record != draft_hash(entry.msgstr):
        return "translated"
    return None


def catalog_records(path: str | Path, locales: str | Path) -> Iterator[Record]:
    """The memory records of one catalog (none when its languages are not termguard's)."""
    from termguard.writers.po import read_catalog

    cat = read_catalog(path)
    meta = cat.po.metadata
    src, tgt = meta.get("X-Source-Language", ""), meta.get("Language", "")
    if src not in LANGS or tgt not in LANGS or src == tgt:
        return
    digest = meta.get("X-Termguard-Glossary") or None
    place = place_of(path, locales)
    lines = cat.text.split("\n")
    for entry in cat.po:
        state = state_of(entry)
        if state is None:
            continue
        line = _msgid_line(lines, entry.linenum or 1)
        yield Record(src, tgt, entry.msgid, entry.msgstr, state, place, line, glossary=digest)


def update_from_catalogs(tm: TranslationMemory, locales: str | Path) -> UpdateResult:
    """Read every changed catalog under `locales` into the memory, one transaction per catalog.

    A catalog that cannot be read is reported in `failed` and the others are still read.
    """
    result = UpdateResult()
    for po in catalogs_under(locales):
        result.catalogs += 1
        try:
            st = po.stat()
        except OSError:
            continue
        key = str(po.resolve())
        if tm.file_unchanged(key, st.st_mtime_ns, st.st_size):
            continue
        try:
            records = list(catalog_records(po, locales))
        except CatalogError as exc:
            result.failed.append(exc)
            continue
        done = tm.sync_file(key, "catalog", records, mtime_ns=st.st_mtime_ns, size=st.st_size)
        result.read += 1
        result.added += done.added
        result.removed += done.removed
    return result
