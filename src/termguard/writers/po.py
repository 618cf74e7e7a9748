"""Gettext catalogs of translated documents: a pure generate_po and a thin write_po.

Merge, never clobber. An entry a person touched (reviewed it, edited termguard's draft, wrote a
translator comment, changed its flags) keeps its msgstr and flags; only termguard's own drafts
are refreshed. termguard records what it wrote (`#. termguard: draft <hash>`), so a draft a
translator edited but left fuzzy is told from one nobody touched. A person's entry whose source
sentence changed slightly is carried over to the new sentence as fuzzy with the previous msgid
(`#| msgid`), as msgmerge does, with the fresh machine draft beside it as a comment. Entries that
vanished from the source are kept as obsolete (`#~`, with their comments). termguard's own
comments (`#. termguard: ...`, `#. term: ...`) are derived again on every run from the entry's
current msgstr; translator comments (`# ...`) are never touched.

A catalog belongs to one source document (`X-Termguard-Source`): merging another document into it
is refused. Entries that did not change keep their exact bytes, so a catalog rewrapped by Poedit
or msgcat stays as it is and a rerun changes only what changed.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import polib

from termguard.errors import CatalogError
from termguard.lang import get_language
from termguard.writers.atomic import write_text

_DATE_KEYS = ("POT-Creation-Date", "PO-Revision-Date")
#: No wrapping: one line per string and per comment, so a changed sentence is a one-line diff
#: and concept ids in comments are never broken at their hyphens. A catalog that a tool wrapped
#: keeps its wrapping (see render_po).
WRAP = 0
#: gettext's default page width, used for new entries of a catalog that gettext tools wrapped.
GETTEXT_WIDTH = 79
#: The header line naming the document a catalog belongs to.
SOURCE_KEY = "X-Termguard-Source"
#: Extracted comments that termguard derives itself; every other comment line is left alone.
OWN_COMMENTS = ("termguard: ", "term: ")
DRAFT_MARK = "termguard: draft "
MACHINE_DRAFT = "termguard: machine draft: "
#: Least similarity (rapidfuzz's Indel ratio, the measure of msgmerge's fstrcmp) at which a
#: person's translation of a vanished sentence is carried over to a new sentence as fuzzy.
#: msgmerge uses 0.6; on NTREX news (kk, ru, th, en references) 0.6 pairs 2-3% of the distinct
#: sentences of a document with another one, 0.7 only 0.7-1.5%, while a sentence with one or two
#: words changed stays above 0.7 in more than 99% of cases.
FUZZY_THRESHOLD = 0.7


@dataclass(frozen=True)
class PoItem:
    """One source segment to put in a catalog, with its machine translation (may be empty)."""

    msgid: str
    msgstr: str
    occurrences: tuple[tuple[str, str], ...]
    comments: tuple[str, ...] = ()
    machine: bool = True
    context: str | None = None
    #: The source the msgstr translates when it is another sentence's (a memory match), shown
    #: as `#| msgid` so the reviewer sees the difference.
    previous: str | None = None


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
    #: The source document the catalog belongs to (a path relative to the locales' parent).
    source: str | None = None


#: Comments describing a person's msgstr for an item: termguard's checks run on that text.
Recheck = Callable[[PoItem, str], Sequence[str]]


def reviewed(entry: polib.POEntry) -> bool:
    """Translated by a person: a msgstr (or plural forms) and no fuzzy flag."""
    return _has_text(entry) and "fuzzy" not in entry.flags


def draft_hash(msgstr: str) -> str:
    """The short hash termguard records for a draft it wrote."""
    return hashlib.sha256(msgstr.encode("utf-8")).hexdigest()[:10]


def _has_text(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def draft_record(entry: polib.POEntry) -> str | None:
    """The hash termguard recorded for the draft it wrote into `entry`, or None."""
    for line in entry.comment.split("\n"):
        if line.startswith(DRAFT_MARK):
            return line[len(DRAFT_MARK) :].strip()
    return None


def touched(entry: polib.POEntry, machine: str | None = None) -> bool:
    """A person worked on the entry, so termguard must keep its msgstr and flags.

    Touched: reviewed (no fuzzy flag), a translator comment, plural forms, flags other than
    termguard's own, or a msgstr that is not the draft termguard recorded. An entry written
    before termguard kept that record counts as machine only when its msgstr equals `machine`,
    the current machine output; anything else is taken for a person's work.
    """
    if entry.tcomment or entry.msgid_plural or any(entry.msgstr_plural.values()):
        return True
    if not entry.msgstr:
        return bool(entry.flags)
    if entry.flags != ["fuzzy"]:
        return True
    record = draft_record(entry)
    if record is not None:
        return record != draft_hash(entry.msgstr)
    return entry.msgstr != machine


def _metadata(info: CatalogInfo, old: dict[str, str] | None, now: str) -> dict[str, str]:
    meta = {
        "Project-Id-Version": info.doc,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": (old or {}).get("POT-Creation-Date", now),
        "PO-Revision-Date": now,
        "Last-Translator": (old or {}).get("Last-Translator", "termguard (machine draft)"),
        "Language-Team": (old or {}).get("Language-Team", get_language(info.lang).name),
        "Language": info.lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_language(info.lang).plural_forms,
        "X-Generator": info.generator,
        "X-Source-Language": info.source_lang,
        "X-Termguard-Model": info.model or "none",
        "X-Termguard-Glossary": info.glossary_digest,
    }
    if info.source is not None:
        meta[SOURCE_KEY] = info.source
    elif old and old.get(SOURCE_KEY):
        meta[SOURCE_KEY] = old[SOURCE_KEY]
    meta.update(dict(info.extra))
    return meta


Key = tuple[str | None, str]


def _key(entry: polib.POEntry) -> Key:
    return entry.msgctxt, entry.msgid


def _foreign_comments(entry: polib.POEntry | None) -> list[str]:
    """Extracted comment lines that termguard did not write (another tool's, kept as they are)."""
    if entry is None or not entry.comment:
        return []
    return [line for line in entry.comment.split("\n") if not line.startswith(OWN_COMMENTS)]


def _no_recheck(item: PoItem, msgstr: str) -> Sequence[str]:
    return ()


def _draft(item: PoItem, prev: polib.POEntry | None) -> polib.POEntry:
    """termguard's own entry for an item: the machine draft and the record of it.

    `prev` is the entry it replaces: its foreign comments stay, and when a person marked it
    (a note or a flag on an untranslated entry) those marks stay too.
    """
    comments = [*_foreign_comments(prev), *item.comments]
    if item.msgstr:
        comments.append(DRAFT_MARK + draft_hash(item.msgstr))
    flags = ["fuzzy"] if item.msgstr and item.machine else []
    entry = polib.POEntry(
        msgctxt=item.context,
        msgid=item.msgid,
        msgstr=item.msgstr,
        occurrences=list(item.occurrences),
        comment="\n".join(comments),
        flags=flags,
        previous_msgid=item.previous if flags else None,
    )
    if prev is not None and touched(prev):
        entry.tcomment = prev.tcomment
        entry.flags = [*flags, *(f for f in prev.flags if f not in flags)]
        if entry.previous_msgid is None:
            entry.previous_msgctxt = prev.previous_msgctxt
            entry.previous_msgid = prev.previous_msgid
    return entry


def _person_comments(
    item: PoItem, msgstr: str, was: polib.POEntry, recheck: Recheck, draft: bool
) -> str:
    """termguard's notes on a person's msgstr, after the comments of other tools `was` had."""
    lines = [*_foreign_comments(was), *recheck(item, msgstr)]
    if draft and item.msgstr and item.msgstr != msgstr:
        lines.append(MACHINE_DRAFT + item.msgstr)
    return "\n".join(lines)


def _keep(prev: polib.POEntry, item: PoItem, recheck: Recheck) -> polib.POEntry:
    """A person's entry for the same sentence: msgstr and flags stay, termguard's notes renew."""
    entry = copy.copy(prev)
    entry.obsolete = False
    entry.occurrences = list(item.occurrences)
    fuzzy = "fuzzy" in prev.flags
    comment = _person_comments(item, prev.msgstr, prev, recheck, fuzzy)
    record = draft_record(prev)
    if fuzzy and record is not None:
        # the record of the draft the person edited: it is what says the msgstr is theirs
        comment = "\n".join(filter(None, (comment, DRAFT_MARK + record)))
    entry.comment = comment
    return entry


def _carry(old: polib.POEntry, item: PoItem, recheck: Recheck) -> polib.POEntry:
    """A person's translation of a changed sentence, as msgmerge carries it: fuzzy, `#| msgid`."""
    # a fuzzy entry that was carried before still compares against the sentence it translates
    again = "fuzzy" in old.flags and old.previous_msgid is not None
    return polib.POEntry(
        msgctxt=item.context,
        msgid=item.msgid,
        msgstr=old.msgstr,
        occurrences=list(item.occurrences),
        tcomment=old.tcomment,
        comment=_person_comments(item, old.msgstr, old, recheck, draft=True),
        flags=["fuzzy", *(f for f in old.flags if f != "fuzzy")],
        previous_msgctxt=old.previous_msgctxt if again else old.msgctxt,
        previous_msgid=old.previous_msgid if again else old.msgid,
    )


def _best_matches(queries: Sequence[str], choices: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (query, choice) at or above FUZZY_THRESHOLD, best first, each side used once."""
    if not queries or not choices:
        return []
    from rapidfuzz import fuzz, process

    cutoff = FUZZY_THRESHOLD * 100
    scores = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    pairs = sorted(
        (-float(scores[i][j]), i, j)
        for i in range(len(queries))
        for j in range(len(choices))
        if scores[i][j] >= cutoff
    )
    used_q: set[int] = set()
    used_c: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        out.append((i, j))
    return out


def generate_po(
    items: Sequence[PoItem],
    info: CatalogInfo,
    existing: polib.POFile | None = None,
    now: str | None = None,
    recheck: Recheck | None = None,
) -> polib.POFile:
    """The catalog for `items`, merged into `existing` without losing anything a person did.

    `recheck(item, msgstr)` gives termguard's comments for a person's msgstr (the pass's checks
    on that text); without it, a person's entry gets no termguard comments.
    """
    now = now or datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    recheck = recheck or _no_recheck
    old: dict[Key, polib.POEntry] = {}
    if existing is not None:
        for e in sorted(existing, key=lambda e: e.obsolete):  # a live entry wins over `#~`
            old.setdefault(_key(e), e)
    po = polib.POFile(wrapwidth=WRAP)
    po.header = (
        f"{get_language(info.lang).name} translation of {info.doc}.\n"
        "Reviewed entries (no fuzzy flag) are never changed by termguard."
    )
    po.metadata = _metadata(info, existing.metadata if existing is not None else None, now)
    out: list[polib.POEntry] = []
    fresh: list[tuple[int, PoItem]] = []
    used: set[Key] = set()
    for item in items:
        key = (item.context, item.msgid)
        if key in used:
            continue
        used.add(key)
        prev = old.get(key)
        if prev is not None and touched(prev, item.msgstr) and _has_text(prev):
            out.append(_keep(prev, item, recheck))
            continue
        if prev is None:
            fresh.append((len(out), item))
        out.append(_draft(item, prev))
    # sentences that are gone: a person's translation goes to a similar new sentence; the
    # rest (drafts too, with their record) stay as obsolete entries
    gone = [e for k, e in old.items() if k not in used and (_has_text(e) or touched(e))]
    singular = [e for e in gone if touched(e) and _has_text(e) and not e.msgid_plural]
    for i, j in _best_matches([it.msgid for _, it in fresh], [e.msgid for e in singular]):
        slot, item = fresh[i]
        out[slot] = _carry(singular[j], item, recheck)
        used.add(_key(singular[j]))
    for entry in out:
        po.append(entry)
    for e in gone:
        if _key(e) not in used:
            kept = copy.copy(e)
            kept.obsolete = True
            po.append(kept)
    return po


@dataclass(frozen=True)
class CatalogFile:
    """A catalog as read: its text (to keep the bytes of what does not change) and its entries."""

    text: str
    po: polib.POFile


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog ({exc.strerror})", str(path)) from exc


def read_catalog(path: str | Path) -> CatalogFile:
    """Read a catalog with its text, turning polib's IOError into a CatalogError with the path."""
    path = Path(path)
    data = _read_bytes(path)
    try:
        # polib reads a file line by line at "\n"; given a string it would also split at "\x1e"
        po = polib.pofile(str(path), wrapwidth=WRAP)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        m = re.search(r"\(line (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(line \d+\)", "", str(exc)) or type(exc).__name__
        raise CatalogError(
            f"cannot read catalog ({msg}); fix or remove the file and run again",
            str(path),
            int(m.group(1)) if m else None,
        ) from exc
    return CatalogFile(data.decode(po.encoding or "utf-8", errors="replace"), po)


def read_po(path: str | Path) -> polib.POFile:
    """Read a catalog, turning polib's IOError into a CatalogError with the path."""
    return read_catalog(path).po


def catalog_source(path: str | Path) -> str | None:
    """The source document recorded in a catalog's header; only the header is parsed."""
    try:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
        head = polib.pofile(text.split("\n\n", 1)[0] + "\n", wrapwidth=WRAP)
    except (OSError, ValueError):
        return None
    return head.metadata.get(SOURCE_KEY) or None


# -- keeping the bytes of what did not change -------------------------------------------------

_CONTINUED = re.compile(r'^(?:#~\|? |#\| )?"')


def _is_comment(line: str) -> bool:
    return line == "#" or line.startswith(("# ", "#."))


def entry_text(entry: polib.POEntry, width: int) -> str:
    """polib's text for an entry; comments are never wrapped (gettext does not wrap them), and an
    obsolete entry keeps its extracted comments (gettext keeps them, polib's writer drops them)."""
    flat = str(entry.__unicode__(0)).rstrip("\n").split("\n")
    lines = flat
    if width > 0:
        wrapped = str(entry.__unicode__(width)).rstrip("\n").split("\n")
        first = next((i for i, line in enumerate(wrapped) if not _is_comment(line)), 0)
        lines = [line for line in flat if _is_comment(line)] + wrapped[first:]
    if entry.obsolete and entry.comment:
        at = next((i for i, line in enumerate(lines) if not _is_comment(line)), 0)
        lines[at:at] = [f"#. {line}" for line in entry.comment.split("\n")]
    return "\n".join(lines)


EntryKey = tuple[bool, Key]


def entry_key(entry: polib.POEntry) -> EntryKey:
    """How an entry is told from the others in a file: obsolete or not, msgctxt, msgid."""
    return bool(entry.obsolete), _key(entry)


def entry_spans(text: str, po: polib.POFile) -> tuple[int, dict[EntryKey, tuple[int, int]]]:
    """Where the header ends and each entry lies in `text`: line ranges [start, end), 0-based.

    An entry's range runs from its first line to the last non-blank line before the next
    entry. Empty for a file with carriage returns: polib numbers lines at "\r" too, so no
    range could be trusted.
    """
    lines = text.split("\n")
    spans: dict[EntryKey, tuple[int, int]] = {}
    if "\r" in text:
        return 0, spans
    starts = sorted(((e.linenum, e) for e in po if e.linenum), key=lambda s: s[0])
    for n, (start, entry) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else len(lines)
        while end > start - 1 and not lines[end - 1].strip():
            end -= 1
        spans[entry_key(entry)] = (start - 1, end)
    head = starts[0][0] - 1 if starts else len(lines)
    while head and not lines[head - 1].strip():
        head -= 1
    return head, spans


def _blocks(text: str, po: polib.POFile) -> tuple[str | None, dict[tuple[bool, Key], str]]:
    """The header's text and each entry's text in the file as it was written."""
    lines = text.split("\n")
    head, spans = entry_spans(text, po)
    blocks = {k: "\n".join(lines[start:end]) for k, (start, end) in spans.items()}
    if "\r" in text:
        return None, blocks
    return ("\n".join(lines[:head]) if head and po.metadata else None), blocks


def wrap_width(text: str) -> int:
    """The width gettext tools wrapped the file at, or 0 when strings are not wrapped.

    A string broken across lines anywhere but after an embedded newline (or after the empty
    `msgid ""` that starts a multi-line string) was wrapped.
    """
    lines = text.split("\n")
    broken = [
        len(prev)
        for prev, line in pairwise(lines)
        if _CONTINUED.match(line) and prev.endswith('"') and not prev.endswith(('\\n"', ' ""'))
    ]
    return max(GETTEXT_WIDTH, *broken) if broken else WRAP


def _header_text(
    po: polib.POFile, old_po: polib.POFile | None, old_head: str | None, width: int
) -> str:
    """The header as it was, with only the changed values replaced, or polib's when it must."""
    bare = polib.POFile(wrapwidth=width)
    bare.header, bare.metadata = po.header, po.metadata
    fresh = str(bare).rstrip("\n")
    if (
        old_po is None
        or old_head is None
        or po.header != old_po.header
        or set(po.metadata) != set(old_po.metadata)
    ):
        return fresh
    head = old_head
    for k, v in po.metadata.items():
        was = old_po.metadata[k]
        if v == was:
            continue
        line = f'"{polib.escape(k)}: {polib.escape(was)}\\n"'
        if head.count(line) != 1:
            return fresh
        head = head.replace(line, f'"{polib.escape(k)}: {polib.escape(v)}\\n"')
    return head


def render_po(po: polib.POFile, original: CatalogFile | None = None) -> str:
    """The catalog's text; entries that did not change keep their bytes from `original`.

    A catalog rewrapped by Poedit, msgcat or msgmerge keeps its wrapping: unchanged entries are
    copied as they are, new or changed ones are wrapped at the file's width (comments are not
    wrapped, as gettext does not wrap them).
    """
    if original is None:
        parts = [_header_text(po, None, None, WRAP), *(entry_text(e, WRAP) for e in po)]
        return "\n\n".join(parts) + "\n"
    old_po = original.po
    old_head, blocks = _blocks(original.text, old_po)
    width = wrap_width(original.text)
    old_by_key = {(bool(e.obsolete), _key(e)): e for e in old_po}
    parts = [_header_text(po, old_po, old_head, width)]
    for entry in po:
        k = (bool(entry.obsolete), _key(entry))
        was = old_by_key.get(k)
        if was is not None and k in blocks and entry_text(was, 0) == entry_text(entry, 0):
            parts.append(blocks[k])
        else:
            parts.append(entry_text(entry, width))
    return "\n\n".join(parts) + "\n"


def write_po(
    path: str | Path,
    items: Sequence[PoItem],
    info: CatalogInfo,
    recheck: Recheck | None = None,
    now: str | None = None,
) -> bool:
    """Merge `items` into the catalog at `path` atomically; False when nothing changed.

    The revision date changes only when an entry does, so a rerun leaves the file untouched;
    `now` ('2024-05-01 12:00+0000') fixes it, for reproducible catalogs.
    Refuses (CatalogError) to merge a document into a catalog that belongs to another one.
    """
    path = Path(path)
    original = read_catalog(path) if path.exists() else None
    existing = original.po if original is not None else None
    if existing is not None and info.source is not None:
        owner = existing.metadata.get(SOURCE_KEY)
        if owner and owner != info.source:
            raise CatalogError(
                f"this catalog belongs to {owner} ({SOURCE_KEY}), not to {info.source}; "
                "translate with --root DIR so that each document gets its own catalog, or, if "
                f"the document moved, change that header line to '{info.source}'",
                str(path),
            )
    po = generate_po(items, info, existing, recheck=recheck, now=now)
    if original is not None:
        for k in _DATE_KEYS:
            po.metadata[k] = original.po.metadata.get(k, "")
        if render_po(po, original) == original.text:
            return False
        po.metadata["PO-Revision-Date"] = now or datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    write_text(path, render_po(po, original))
    return True
