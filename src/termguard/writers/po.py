"""Gettext catalogs of translated documents: a pure generate_po and a thin write_po.

Merge, never clobber: an entry a person reviewed (translated and not fuzzy) stays exactly as it
is; entries that vanished from the source are kept as obsolete; only untranslated and fuzzy
entries are refreshed with the new machine output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from termguard.errors import CatalogError
from termguard.writers.atomic import write_text

PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "th": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
}
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "th": "Thai", "en": "English"}
_DATE_KEYS = ("POT-Creation-Date", "PO-Revision-Date")
#: No wrapping: one line per string and per comment, so a changed sentence is a one-line diff
#: and concept ids in comments are never broken at their hyphens.
WRAP = 0


@dataclass(frozen=True)
class PoItem:
    """One source segment to put in a catalog, with its machine translation (may be empty)."""

    msgid: str
    msgstr: str
    occurrences: tuple[tuple[str, str], ...]
    comments: tuple[str, ...] = ()
    machine: bool = True
    context: str | None = None


@dataclass(frozen=True)
class CatalogInfo:
    """What the header records: languages, document, model and glossary that made it."""

    doc: str
    lang: str
    source_lang: str
    generator: str
    model: str | None
    glossary_digest: str
    extra: tuple[tuple[str, str], ...] = field(default=())


def reviewed(entry: polib.POEntry) -> bool:
    """Translated by a person: a msgstr (or plural forms) and no fuzzy flag."""
    has_text = bool(entry.msgstr) or any(entry.msgstr_plural.values())
    return has_text and "fuzzy" not in entry.flags


def _metadata(info: CatalogInfo, old: dict[str, str] | None, now: str) -> dict[str, str]:
    meta = {
        "Project-Id-Version": info.doc,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": (old or {}).get("POT-Creation-Date", now),
        "PO-Revision-Date": now,
        "Last-Translator": (old or {}).get("Last-Translator", "termguard (machine draft)"),
        "Language-Team": (old or {}).get("Language-Team", LANGUAGE_NAMES[info.lang]),
        "Language": info.lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[info.lang],
        "X-Generator": info.generator,
        "X-Source-Language": info.source_lang,
        "X-Termguard-Model": info.model or "none",
        "X-Termguard-Glossary": info.glossary_digest,
    }
    meta.update(dict(info.extra))
    return meta


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def generate_po(
    items: Sequence[PoItem],
    info: CatalogInfo,
    existing: polib.POFile | None = None,
    now: str | None = None,
) -> polib.POFile:
    """The catalog for `items`, merged into `existing` without touching reviewed entries."""
    now = now or datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    old: dict[tuple[str | None, str], polib.POEntry] = {}
    if existing is not None:
        for e in existing:
            old[_key(e)] = e
        for e in existing.obsolete_entries():
            old.setdefault(_key(e), e)
    po = polib.POFile(wrapwidth=WRAP)
    po.header = (
        f"{LANGUAGE_NAMES[info.lang]} translation of {info.doc}.\n"
        "Reviewed entries (no fuzzy flag) are never changed by termguard."
    )
    po.metadata = _metadata(info, existing.metadata if existing is not None else None, now)
    seen: set[tuple[str | None, str]] = set()
    for item in items:
        key = (item.context, item.msgid)
        if key in seen:
            continue
        seen.add(key)
        prev = old.get(key)
        if prev is not None and reviewed(prev):
            prev.obsolete = False
            po.append(prev)
            continue
        entry = polib.POEntry(
            msgctxt=item.context,
            msgid=item.msgid,
            msgstr=item.msgstr,
            occurrences=list(item.occurrences),
            comment="\n".join(item.comments),
            flags=["fuzzy"] if item.msgstr and item.machine else [],
        )
        if prev is not None and prev.tcomment:
            entry.tcomment = prev.tcomment  # a translator's note survives a refresh
        po.append(entry)
    for key, prev in old.items():
        if key in seen or not (prev.msgstr or any(prev.msgstr_plural.values())):
            continue
        prev.obsolete = True
        po.append(prev)
    return po


def _without_dates(text: str) -> str:
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(tuple(f'"{k}:' for k in _DATE_KEYS))
    )


def read_po(path: str | Path) -> polib.POFile:
    """Read a catalog, turning polib's IOError into a CatalogError with the path."""
    try:
        return polib.pofile(str(path), wrapwidth=WRAP)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        m = re.search(r"\(line (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(line \d+\)", "", str(exc)) or type(exc).__name__
        raise CatalogError(
            f"cannot read catalog ({msg}); fix or remove the file and run again",
            str(path),
            int(m.group(1)) if m else None,
        ) from exc


def write_po(path: str | Path, items: Sequence[PoItem], info: CatalogInfo) -> bool:
    """Merge `items` into the catalog at `path` atomically; False when nothing changed.

    The revision date changes only when an entry does, so a rerun leaves the file untouched.
    """
    path = Path(path)
    existing = read_po(path) if path.exists() else None
    po = generate_po(items, info, existing)
    if existing is not None:
        po.metadata["PO-Revision-Date"] = existing.metadata.get("PO-Revision-Date", "")
        po.metadata["POT-Creation-Date"] = existing.metadata.get("POT-Creation-Date", "")
        old_text = path.read_text(encoding="utf-8")
        if _without_dates(str(po)) == _without_dates(old_text):
            return False
        po.metadata["PO-Revision-Date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    write_text(path, str(po) + "\n" if not str(po).endswith("\n") else str(po))
    return True
