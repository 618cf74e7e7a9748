"""Shared set-up of the review tests: a copy of the demo's catalogs and ways to find entries."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
#: A catalog the pass wrote for seed 000 (kk -> ru): drafts from the seed memory, untranslated
#: sentences, glossary terms (ngo, association) in its source.
RU_000 = "ru/LC_MESSAGES/000_91604382561779cc.po"
#: The Thai seed 002 into English: Thai source text.
EN_002 = "en/LC_MESSAGES/002_8ae3edba63096470.po"
NGO_SENTENCE = "Елімізде үкіметтік емес ұйымдардың жаңа қауымдастығы құрылды"


def copy_locales(tmp: Path, *catalogs: str) -> Path:
    """LOCALES under `tmp` with copies of the committed catalogs named (all when none)."""
    locales = tmp / "locales"
    for rel in catalogs or [
        str(p.relative_to(ROOT / "locales")) for p in (ROOT / "locales").rglob("*.po")
    ]:
        (locales / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "locales" / rel, locales / rel)
    return locales


def entry_of(path: Path, msgid: str) -> polib.POEntry:
    """The live entry with `msgid` in the catalog at `path`."""
    for e in polib.pofile(str(path), wrapwidth=0):
        if e.msgid == msgid and not e.obsolete:
            return e
    raise AssertionError(f"{msgid!r} is not in {path}")


def changed_lines(before: str, after: str) -> tuple[set[int], set[int]]:
    """Line numbers (0-based) of `before` removed and of `after` added, by difflib."""
    import difflib

    removed, added = set(), set()
    matcher = difflib.SequenceMatcher(a=before.split("\n"), b=after.split("\n"), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.update(range(i1, i2))
            added.update(range(j1, j2))
    return removed, added


def entry_lines(text: str, msgid: str) -> range:
    """The lines (0-based) of the entry with `msgid`: from its first comment to its msgstr."""
    lines = text.split("\n")
    quoted = polib.escape(msgid)
    at = next(i for i, line in enumerate(lines) if line == f'msgid "{quoted}"')
    start = at
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    end = at
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return range(start, end + 1)


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """gettext's own verdict on a catalog."""
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
