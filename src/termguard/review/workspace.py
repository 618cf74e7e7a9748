"""Catalogs open for review: read, checked, and written back one entry at a time.

A translator's edit changes only that entry's bytes: the file is kept as one piece of text per
entry (cut at the line ranges of writers.po.entry_spans), and an edit replaces its entry's
piece with the entry as writers.po renders it at the file's wrapping, as a `translate` run
would write a changed entry.
The header is left alone, so the file differs from before only in that entry.

Safety:
- every write holds the lock a `translate` run takes on the locales folder (writers.locking),
  so the page and a run never write at once; the file is replaced atomically;
- under that lock the file is read again and compared with what the page showed (modification
  time, size and inode, then a SHA-256 of the bytes): a catalog changed on disk is reloaded,
  and an edit whose entry changed meanwhile (its msgstr, flags, previous msgid or translator
  comment) is refused as a conflict, never written over what is there now;
- saves that arrive while another is being written are written together by it (one lock and one
  file write per catalog for the lot), so twenty people saving at once wait for one or two
  writes, not twenty.

A saved entry is a person's: its termguard comments are derived again from the new text with
the pass's own checks (translate.outputs.recheck_comments), the record of termguard's draft
(`#. termguard: draft <hash>`) stays so the pass and the memory still tell the person's text
from the machine's, and the machine's draft is kept beside a fuzzy translation as the pass
keeps it (`#. termguard: machine draft: ...`). Accepting clears the fuzzy flag and the previous
msgid. The catalogs a save changed are given to the translation memory by a background thread,
with the records `termguard tm update` would read from them, at most once every
MemoryFeeder.DELAY seconds per run of saves (and at once when the page stops).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib

from termguard.errors import CatalogError, InputError, OutputLockError, TermguardError
from termguard.writers.po import (
    DRAFT_MARK,
    MACHINE_DRAFT,
    OWN_COMMENTS,
    EntryKey,
    draft_hash,
    entry_key,
    entry_spans,
    entry_text,
    read_catalog,
    touched,
    wrap_width,
)

if TYPE_CHECKING:
    from termguard.glossary.model import Glossary
    from termguard.matching import TermHit

log = logging.getLogger(__name__)

#: An entry's review status, in the order a translator works through them.
STATUSES = ("untranslated", "draft", "needs-work", "reviewed")
#: What a save does to the fuzzy flag: keep the status (a fuzzy entry stays fuzzy, a reviewed
#: one reviewed), accept (reviewed), or mark it as needing work (fuzzy).
ACTIONS = ("save", "accept", "needs-work")
#: Checks run on one entry. term-inconsistent compares entries with each other, so it is
#: `termguard check`'s to report over whole catalogs.
ENTRY_CHECKS = (
    "term-missing",
    "term-forbidden",
    "term-deprecated",
    "near-miss",
    "numbers",
    "untranslated",
    "mixed-script",
    "placeholders",
    "wrong-language",
)
#: How long a save waits for a `translate` run's lock before it says so, in seconds.
DEFAULT_WAIT = 10.0
LANGS = ("kk", "ru", "th", "en")


def entry_id(entry: polib.POEntry) -> str:
    """A short id for a live entry, stable across reloads: a hash of msgctxt and msgid."""
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def entry_status(entry: polib.POEntry) -> str:
    """untranslated, draft (termguard's own fuzzy draft), needs-work (a person's fuzzy text,
    or a translation carried over from a changed sentence) or reviewed."""
    if not entry.msgstr and not any(entry.msgstr_plural.values()):
        return "untranslated"
    if "fuzzy" not in entry.flags:
        return "reviewed"
    return "needs-work" if touched(entry) else "draft"


def entry_base(entry: polib.POEntry) -> str:
    """What an edit is based on: the entry's text, flags, previous msgid and translator comment.

    termguard's own comments are not part of it: a `translate` run that only renewed them
    leaves an edit made meanwhile valid.
    """
    state = [entry.msgstr, sorted(entry.flags), entry.previous_msgid or "", entry.tcomment]
    data = json.dumps(state, ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


def lock_folder(path: str | Path) -> Path:
    """The folder a `translate` run locks for this catalog: LOCALES above <lang>/LC_MESSAGES,
    or the catalog's own folder when it lies elsewhere."""
    path = Path(os.path.abspath(path))
    for parent in path.parents:
        if parent.name == "LC_MESSAGES" and parent.parent != parent:
            return parent.parent.parent
    return path.parent


def own_lines(entry: polib.POEntry) -> list[str]:
    """The extracted comment lines termguard wrote (`termguard: ...`, `term: ...`)."""
    return [line for line in entry.comment.split("\n") if line.startswith(OWN_COMMENTS)]


def machine_drafts(entry: polib.POEntry) -> list[str]:
    """The machine translations the pass recorded beside a person's text."""
    return [
        line[len(MACHINE_DRAFT) :]
        for line in entry.comment.split("\n")
        if line.startswith(MACHINE_DRAFT)
    ]


# -------------------------------------------------------------------------------- a catalog


@dataclass(frozen=True)
class _Snapshot:
    """A catalog as the page knows it; replaced whole, never changed, so readers need no lock."""

    chunks: tuple[str, ...]  # the file's text: the header, then each entry with what follows it
    index: dict[EntryKey, int]  # the chunk of each entry
    digest: str
    stamp: tuple[int, int, int]  # inode, mtime_ns, size
    entries: dict[str, polib.POEntry]  # live entries by entry_id, in file order
    statuses: dict[str, str]  # entry_status of each live entry
    width: int
    metadata: dict[str, str]
    editable: bool
    version: int

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def _chunks(text: str, po: polib.POFile) -> tuple[tuple[str, ...], dict[EntryKey, int]]:
    """The text cut before each entry; joined, the chunks are the text again."""
    _head, spans = entry_spans(text, po)
    if not spans:
        return (text,), {}
    lines = text.split("\n")
    ordered = sorted(spans.items(), key=lambda item: item[1][0])
    cuts = [start for _, (start, _end) in ordered]
    chunks = ["\n".join(lines[: cuts[0]]) + "\n" if cuts[0] else ""]
    for n, start in enumerate(cuts):
        last = n + 1 == len(cuts)
        piece = "\n".join(lines[start : None if last else cuts[n + 1]])
        chunks.append(piece if last else piece + "\n")
    index = {key: n + 1 for n, (key, _) in enumerate(ordered)}
    return tuple(chunks), index


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class DiskChange:
    """The catalog changed on disk since the page read it (a `translate` run, another editor)."""

    version: int
    entries: int


class Catalog:
    """One .po file open for review."""

    def __init__(self, path: str | Path, *, src_lang: str | None = None) -> None:
        self.path = Path(path)
        self.abspath = Path(os.path.abspath(path))
        self.id = hashlib.sha1(str(self.abspath).encode("utf-8")).hexdigest()[:10]
        self.folder = lock_folder(path)
        self._lock = threading.RLock()
        self._default_src = src_lang
        self.changes: list[DiskChange] = []
        self._state = self._read(version=0)
        self.src_lang, self.tgt_lang = self._languages(self._state.metadata)

    # ---------------------------------------------------------------------- reading

    def _read(self, version: int) -> _Snapshot:
        cat = read_catalog(self.path)
        data = cat.text.encode(cat.po.encoding or "utf-8")
        st = self.abspath.stat()
        chunks, index = _chunks(cat.text, cat.po)
        entries = {entry_id(e): e for e in cat.po if not e.obsolete}
        return _Snapshot(
            chunks=chunks,
            index=index,
            digest=_digest(data),
            stamp=_stamp(st),
            entries=entries,
            statuses={eid: entry_status(e) for eid, e in entries.items()},
            width=wrap_width(cat.text),
            metadata=dict(cat.po.metadata),
            editable="\r" not in cat.text and (cat.po.encoding or "utf-8").lower() == "utf-8",
            version=version,
        )

    def _languages(self, meta: dict[str, str]) -> tuple[str, str]:
        src = meta.get("X-Source-Language") or self._default_src or ""
        tgt = (meta.get("Language") or "").split("_")[0].split("-")[0].lower()
        if src not in LANGS:
            raise InputError(
                "the catalog does not say its source language (X-Source-Language: kk, ru, th or "
                "en); pass --from LANG",
                str(self.path),
            )
        if tgt not in LANGS:
            raise InputError(
                f"the catalog's Language header is '{meta.get('Language', '')}', not kk, ru, th "
                "or en; fix the header",
                str(self.path),
            )
        return src, tgt

    @property
    def state(self) -> _Snapshot:
        return self._state

    @property
    def name(self) -> str:
        """The document the catalog belongs to (its header), else the file name."""
        return self._state.metadata.get("X-Termguard-Source") or self.path.name

    def refresh(self, *, verify: bool = False) -> bool:
        """Read the file again if it changed on disk; True when it had.

        An unchanged inode, modification time (ns) and size is no change; otherwise the bytes
        are hashed, and only different bytes are read again. `verify` (under the folder lock,
        before a write) also waits for a reload in progress in another thread.
        """
        try:
            st = self.abspath.stat()
        except OSError as exc:
            raise CatalogError(
                f"cannot read catalog ({exc.strerror}); was it moved?", str(self.path)
            ) from exc
        if not verify and _stamp(st) == self._state.stamp:
            return False
        with self._lock:
            state = self._state
            if _stamp(st) == state.stamp:
                return False
            try:
                data = self.abspath.read_bytes()
            except OSError as exc:
                raise CatalogError(f"cannot read catalog ({exc.strerror})", str(self.path)) from exc
            if _digest(data) == state.digest:
                if _stamp(st) != state.stamp:
                    self._state = _replace(state, stamp=_stamp(st))
                return False
            fresh = self._read(version=state.version + 1)
            self._state = fresh
            self.changes.append(DiskChange(fresh.version, len(fresh.entries)))
            log.info("%s changed on disk; read again", self.path)
            return True

    def entry(self, eid: str) -> polib.POEntry | None:
        return self._state.entries.get(eid)

    def msgid_line(self, entry: polib.POEntry, state: _Snapshot | None = None) -> int:
        """The line of the entry's msgid in the file (1-based), for `path:line` references."""
        state = state or self._state
        at = state.index.get(entry_key(entry))
        if at is None:
            return entry.linenum or 0
        before = sum(chunk.count("\n") for chunk in state.chunks[:at])
        return before + _msgid_offset(state.chunks[at]) + 1

    def msgid_lines(self, state: _Snapshot) -> dict[EntryKey, int]:
        """msgid_line of every entry, in one pass."""
        out, before = {}, 0
        where = {n: key for key, n in state.index.items()}
        for n, chunk in enumerate(state.chunks):
            key = where.get(n)
            if key is not None:
                out[key] = before + _msgid_offset(chunk) + 1
            before += chunk.count("\n")
        return out

    # ---------------------------------------------------------------------- writing

    def _apply(self, state: _Snapshot, old: polib.POEntry, new: polib.POEntry) -> _Snapshot:
        """`state` with `old`'s text replaced by `new` rendered at the file's width."""
        at = state.index[entry_key(old)]
        chunk = state.chunks[at]
        body = _entry_body(chunk)
        chunks = list(state.chunks)
        chunks[at] = entry_text(new, state.width) + chunk[len(body) :]
        index = state.index
        if entry_key(new) != entry_key(old):
            index = {k: v for k, v in index.items() if k != entry_key(old)}
            index[entry_key(new)] = at
        entries = dict(state.entries)
        entries[entry_id(new)] = new
        statuses = dict(state.statuses)
        statuses[entry_id(new)] = entry_status(new)
        return _replace(
            state, chunks=tuple(chunks), index=index, entries=entries, statuses=statuses
        )

    def _write(self, state: _Snapshot) -> _Snapshot:
        from termguard.writers.atomic import write_bytes

        data = state.text.encode("utf-8")
        write_bytes(self.abspath, data)
        st = self.abspath.stat()
        return _replace(state, digest=_digest(data), stamp=_stamp(st), version=state.version + 1)


def _entry_body(chunk: str) -> str:
    """An entry's own lines in its chunk: without the blank lines that follow it (blank as
    writers.po.entry_spans counts them)."""
    lines = chunk.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _msgid_offset(chunk: str) -> int:
    """The line of `msgid` within an entry's chunk (0-based)."""
    for n, line in enumerate(chunk.split("\n")):
        if line.startswith(("msgid ", "#~ msgid ")):
            return n
    return 0


def _replace(state: _Snapshot, **changes: Any) -> _Snapshot:
    from dataclasses import replace

    return replace(state, **changes)


# -------------------------------------------------------------------------------- edits


@dataclass
class Edit:
    """One save asked for by the page."""

    catalog: Catalog
    eid: str
    msgstr: str
    action: str
    base: str
    #: termguard's comments for the new text (the pass's checks), computed before the lock
    recheck: Sequence[str] = ()
    done: threading.Event = field(default_factory=threading.Event)
    result: SaveResult | None = None


@dataclass(frozen=True)
class SaveResult:
    """What became of a save: saved, unchanged, conflict, gone, locked or invalid."""

    outcome: str
    message: str = ""
    entry: polib.POEntry | None = None

    @property
    def ok(self) -> bool:
        return self.outcome in ("saved", "unchanged")


def check_msgstr(entry: polib.POEntry, msgstr: str, action: str) -> str | None:
    """Why `msgstr` cannot be saved for `entry` with `action`, as msgfmt --check would say;
    None when it can."""
    if action not in ACTIONS:
        return f"unknown action '{action}'; use one of {', '.join(ACTIONS)}"
    if entry.msgid_plural:
        return "plural entries are not edited here; open the catalog in a .po editor"
    if action == "accept" and not msgstr.strip():
        return "an empty translation cannot be accepted; write the translation first"
    if entry.msgid and msgstr:
        for at, where in ((0, "begin"), (-1, "end")):
            source_breaks = entry.msgid[at] == "\n"
            if source_breaks != (msgstr[at] == "\n"):
                side = "does" if source_breaks else "does not"
                return (
                    f"the source {side} {where} with a line break, and the translation must "
                    "do the same (msgfmt --check)"
                )
    return None


def edited_entry(
    entry: polib.POEntry,
    msgstr: str,
    action: str,
    recheck: Sequence[str],
) -> polib.POEntry:
    """`entry` with a person's `msgstr`: its flags as `action` says, termguard's comments from
    `recheck` (the pass's checks of the new text), the draft record and the machine draft kept.

    An untranslated entry given a fuzzy text gets the record of termguard's empty draft, so the
    text counts as a person's (writers.po.touched, tm.harvest.state_of)."""
    new = copy.copy(entry)
    new.flags = list(entry.flags)
    new.occurrences = list(entry.occurrences)
    new.msgstr = msgstr
    was_reviewed = entry_status(entry) == "reviewed"
    fuzzy = bool(msgstr) and (action == "needs-work" or (action == "save" and not was_reviewed))
    if fuzzy and "fuzzy" not in new.flags:
        new.flags.insert(0, "fuzzy")
    if not fuzzy and "fuzzy" in new.flags:
        new.flags.remove("fuzzy")
    if not fuzzy:  # gettext keeps the previous msgid for fuzzy entries only
        new.previous_msgctxt = new.previous_msgid = new.previous_msgid_plural = None
    machine = machine_drafts(entry)
    if not machine and entry_status(entry) == "draft":
        machine = [entry.msgstr]  # termguard's own draft, about to become a person's text
    lines = [
        line for line in entry.comment.split("\n") if line and not line.startswith(OWN_COMMENTS)
    ]
    lines += [line for line in recheck if not line.startswith((DRAFT_MARK, MACHINE_DRAFT))]
    record = [line for line in entry.comment.split("\n") if line.startswith(DRAFT_MARK)]
    if not record and fuzzy and not entry.msgstr:
        # termguard's draft of an untranslated entry was empty: saying so lets the pass and the
        # memory tell the person's fuzzy text from a machine draft
        record = [DRAFT_MARK + draft_hash("")]
    lines += record
    if fuzzy:
        lines += [MACHINE_DRAFT + m for m in machine[:1] if m and m != msgstr]
    new.comment = "\n".join(lines)
    return new


class _Group:
    """The saves waiting for one locales folder, written together by whichever came first."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.writing = False
        self.pending: list[Edit] = []


# -------------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a text: a glossary term and what the checks say of it."""

    start: int
    end: int
    kind: str  # ok, term, missing, deprecated, forbidden, near-miss, problem
    concept: str
    title: str


@dataclass(frozen=True)
class Suggestion:
    """Something the translator can put in with one key: a term, a memory match, a draft."""

    kind: str  # term, tm, machine
    text: str
    label: str
    start: int = 0
    end: int = 0
    replace: bool = False  # replaces [start, end) of the checked text, else goes in at the cursor


@dataclass(frozen=True)
class Review:
    """Everything the page shows about an entry's current or typed text."""

    findings: tuple[Any, ...]
    source_spans: tuple[Span, ...]
    target_spans: tuple[Span, ...]
    suggestions: tuple[Suggestion, ...]
    notes: dict[str, str]  # concept id -> its note (or definition)
    places: dict[str, str]  # concept id -> glossary file:line


class Checks:
    """The glossary checks of one entry at a time, with term hits cached across entries."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._hits: dict[tuple[str, str, bool], list[TermHit]] = {}
        # No lock: the caches are plain dicts (a lost race computes a value twice) and the
        # checks keep no state, so requests check entries side by side.
        self._findings: dict[tuple[str, str, str, str, tuple[str, ...]], tuple[Any, ...]] = {}

    def hits(self, text: str, lang: str, glossary: Any = None, near_misses: bool = False) -> Any:
        """find_terms, cached (the signature check_pairs expects of `find`)."""
        key = (text, lang, near_misses)
        found = self._hits.get(key)
        if found is None:
            from termguard import find_terms

            found = find_terms(text, lang, self.glossary, near_misses=near_misses)
            if len(self._hits) > 50_000:
                self._hits.clear()
            self._hits[key] = found
        return found

    def findings(
        self, source: str, target: str, src: str, tgt: str, flags: Sequence[str] = ()
    ) -> tuple[Any, ...]:
        """The per-entry checks' findings for a pair (nothing for an empty target but
        untranslated)."""
        key = (source, target, src, tgt, tuple(flags))
        found = self._findings.get(key)
        if found is not None:
            return found
        import termguard

        pair = termguard.Pair(source, target, src, tgt, "", 0, "", tuple(flags))
        found = tuple(
            f
            for f in termguard.check_pairs(
                [pair], self.glossary, checks=ENTRY_CHECKS, find=self.hits
            )
            # an empty translation is the status 'untranslated', not a finding
            if target.strip() or f.check != "untranslated"
        )
        if len(self._findings) > 50_000:
            self._findings.clear()
        self._findings[key] = found
        return found

    def recheck(self, source: str, target: str, src: str, tgt: str) -> list[str]:
        """termguard's comments for a person's `target`, as the pass writes them."""
        from termguard.translate.outputs import recheck_comments

        hits = self.hits(source, src)
        return recheck_comments(source, target, src, tgt, self.glossary, hits)

    def review(
        self, source: str, target: str, src: str, tgt: str, flags: Sequence[str] = ()
    ) -> Review:
        """Findings, highlighted terms on both sides, and the term suggestions."""
        findings = self.findings(source, target, src, tgt, flags)
        src_hits = [h for h in self.hits(source, src) if h.kind != "near-miss"]
        tgt_hits = [h for h in self.hits(target, tgt) if h.kind != "near-miss"] if target else []
        missing = {
            (f.start, f.end) for f in findings if f.check == "term-missing" and f.side == "source"
        }
        bad = {
            f.concept: f.check for f in findings if f.check in ("term-deprecated", "term-forbidden")
        }
        source_spans = []
        for h in src_hits:
            if not target.strip():
                kind = "term"
            elif (h.start, h.end) in missing:
                kind = "missing"
            elif h.concept in bad:
                kind = bad[h.concept].removeprefix("term-")
            else:
                kind = "ok"
            source_spans.append(Span(h.start, h.end, kind, h.concept, self._title(h.concept, tgt)))
        target_spans = []
        flagged = [f for f in findings if f.side == "target" and f.end > f.start]
        for h in tgt_hits:
            kind = "ok" if h.status in ("preferred", "admitted") else h.status
            target_spans.append(Span(h.start, h.end, kind, h.concept, self._title(h.concept, tgt)))
        for f in flagged:
            if any(s.start < f.end and f.start < s.end for s in target_spans):
                continue
            kind = "near-miss" if f.check == "near-miss" else "problem"
            target_spans.append(Span(f.start, f.end, kind, f.concept, f.message))
        target_spans.sort(key=lambda s: s.start)
        suggestions = []
        if not target.strip():  # nothing written yet: the approved term of each source concept
            for h in src_hits:
                concept = self.glossary.get(h.concept)
                term = concept.preferred(tgt) if concept is not None else None
                if concept is not None and concept.do_not_translate:
                    suggestions.append(Suggestion("term", h.surface, h.concept))
                elif term is not None:
                    suggestions.append(Suggestion("term", term.text, h.concept))
        for f in findings:
            if not f.suggestion:
                continue
            replace = f.side == "target" and f.end > f.start
            suggestions.append(
                Suggestion("term", f.suggestion, f.check, f.start, f.end, replace=replace)
            )
        concepts = {s.concept for s in (*source_spans, *target_spans) if s.concept}
        concepts |= {f.concept for f in findings if f.concept}
        notes, places = {}, {}
        for cid in sorted(concepts):
            concept = self.glossary.get(cid)
            if concept is None:
                continue
            notes[cid] = concept.note or concept.definition
            if concept.path:
                where = _shown_path(concept.path)
                places[cid] = f"{where}:{concept.line}" if concept.line else where
        return Review(
            findings,
            tuple(source_spans),
            tuple(target_spans),
            tuple(_unique(suggestions)),
            notes,
            places,
        )

    def _title(self, concept_id: str, tgt: str) -> str:
        concept = self.glossary.get(concept_id)
        if concept is None:
            return concept_id
        term = concept.preferred(tgt)
        return f"{concept_id}: {term.text}" if term is not None else concept_id


def _shown_path(path: str) -> str:
    """A path relative to the current folder when it lies below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _unique(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    seen: set[tuple[str, int, int, bool]] = set()
    out = []
    for s in suggestions:
        key = (s.text, s.start, s.end, s.replace)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


# -------------------------------------------------------------------------------- memory


class MemoryFeeder:
    """Reads the catalogs that saves changed into the translation memory, in the background.

    Each catalog is one file of the memory, read as `termguard tm update` reads it (its path,
    modification time and size recorded), so a later update does not read it again.
    """

    #: Seconds the feeder waits after a save for the next ones, so a run of saves is read once.
    DELAY = 2.0

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[str] = []
        self.fed = 0
        self._queue: queue.Queue[Catalog | None] = queue.Queue()
        self._idle = threading.Condition()
        self._hurry = threading.Event()
        self._busy = 0
        self._thread = threading.Thread(target=self._run, name="memory-feeder", daemon=True)
        self._thread.start()

    def feed(self, catalog: Catalog) -> None:
        with self._idle:
            self._busy += 1
        self._queue.put(catalog)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every catalog handed in so far is in the memory; False on timeout."""
        self._hurry.set()
        try:
            with self._idle:
                return self._idle.wait_for(lambda: self._busy == 0, timeout)
        finally:
            self._hurry.clear()

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        from termguard.tm.store import open_memory

        try:
            memory = open_memory(self.path)
        except TermguardError as exc:
            self.errors.append(str(exc))
            memory = None
        while True:
            first = self._queue.get()
            if first is not None:
                self._hurry.wait(self.DELAY)  # saves come in runs: read the catalog once per run
            batch = [first]
            while not self._queue.empty():
                batch.append(self._queue.get())
            todo = {c.id: c for c in batch if c is not None}
            for catalog in todo.values():
                if memory is not None:
                    self._sync(memory, catalog)
            with self._idle:
                self._busy -= sum(c is not None for c in batch)
                self._idle.notify_all()
            if None in batch:
                break
        if memory is not None:
            memory.close()

    def _sync(self, memory: Any, catalog: Catalog) -> None:
        try:
            state = catalog.state
            memory.sync_file(
                str(catalog.abspath.resolve()),
                "catalog",
                memory_records(catalog, state),
                mtime_ns=state.stamp[1],
                size=state.stamp[2],
            )
            self.fed += 1
        except (TermguardError, OSError) as exc:
            self.errors.append(str(exc))
            log.warning("translation memory: %s", exc)


def memory_records(catalog: Catalog, state: _Snapshot) -> Iterator[Any]:
    """The memory records of a catalog as the page holds it: what tm.harvest.catalog_records
    reads from the file, without parsing it again."""
    from termguard.tm.harvest import LANGS as TM_LANGS
    from termguard.tm.harvest import place_of, state_of
    from termguard.tm.store import Record

    src, tgt = state.metadata.get("X-Source-Language", ""), state.metadata.get("Language", "")
    if src not in TM_LANGS or tgt not in TM_LANGS or src == tgt:
        return
    digest = state.metadata.get("X-Termguard-Glossary") or None
    place = place_of(catalog.abspath, catalog.folder)
    lines = catalog.msgid_lines(state)
    for entry in state.entries.values():
        kind = state_of(entry)
        if kind is None:
            continue
        line = lines.get(entry_key(entry), entry.linenum or 0)
        yield Record(src, tgt, entry.msgid, entry.msgstr, kind, place, line, glossary=digest)


# -------------------------------------------------------------------------------- workspace


@dataclass(frozen=True)
class Counts:
    """Entries of a catalog per status."""

    total: int
    untranslated: int
    draft: int
    needs_work: int
    reviewed: int

    @property
    def done(self) -> float:
        return self.reviewed / self.total if self.total else 1.0


class Workspace:
    """The catalogs open in one `termguard review`, their checks, the memory and the saves."""

    def __init__(
        self,
        catalogs: Sequence[Catalog],
        glossary: Glossary,
        *,
        memory: str | None = None,
        wait: float = DEFAULT_WAIT,
        problems: Sequence[str] = (),
    ) -> None:
        self.catalogs = {c.id: c for c in catalogs}
        self.glossary = glossary
        self.checks = Checks(glossary)
        self.memory_path = memory
        self.wait = wait
        self.problems = list(problems)
        self.feeder = MemoryFeeder(memory) if memory else None
        self._groups: dict[Path, _Group] = {}
        self._groups_lock = threading.Lock()
        self._readers = threading.local()
        self._counts: dict[str, tuple[_Snapshot, Counts]] = {}

    # ---------------------------------------------------------------------- reading

    def catalog(self, cid: str) -> Catalog | None:
        return self.catalogs.get(cid)

    def counts(self, catalog: Catalog) -> Counts:
        """Entries per status, counted once per version of the catalog."""
        state = catalog.state
        cached = self._counts.get(catalog.id)
        if cached is not None and cached[0] is state:
            return cached[1]
        statuses = list(state.statuses.values())
        counts = Counts(
            len(statuses),
            statuses.count("untranslated"),
            statuses.count("draft"),
            statuses.count("needs-work"),
            statuses.count("reviewed"),
        )
        self._counts[catalog.id] = (state, counts)
        return counts

    def entry_findings(self, catalog: Catalog, entry: polib.POEntry) -> tuple[Any, ...]:
        return self.checks.findings(
            entry.msgid, entry.msgstr, catalog.src_lang, catalog.tgt_lang, entry.flags
        )

    def warm(self) -> None:
        """Check every entry of every catalog once, so lists and filters answer at once."""
        for catalog in list(self.catalogs.values()):
            for entry in list(catalog.state.entries.values()):
                if not entry.msgid_plural:
                    self.entry_findings(catalog, entry)

    def memory_matches(self, catalog: Catalog, entry: polib.POEntry, limit: int = 5) -> list[Any]:
        """Memory matches for the entry's source other than its own current text."""
        if not self.memory_path:
            return []
        memory = getattr(self._readers, "memory", None)
        if memory is None:
            from termguard.tm.store import open_memory

            try:
                memory = open_memory(self.memory_path)
            except TermguardError as exc:
                log.warning("translation memory: %s", exc)
                return []
            self._readers.memory = memory
        try:
            found = memory.lookup(entry.msgid, catalog.src_lang, catalog.tgt_lang, limit=limit)
        except Exception as exc:  # sqlite3 errors of a memory another run is rebuilding
            log.warning("translation memory lookup: %s", exc)
            return []
        return [m for m in found if m.unit.target != entry.msgstr][:limit]

    def review(self, catalog: Catalog, entry: polib.POEntry, text: str | None = None) -> Review:
        """The checks of the entry's text (or of `text`, typed but not saved), with the
        memory's matches and the machine drafts among the suggestions."""
        target = entry.msgstr if text is None else text
        found = self.checks.review(
            entry.msgid, target, catalog.src_lang, catalog.tgt_lang, entry.flags
        )
        more = []
        for m in self.memory_matches(catalog, entry):
            label = f"tm {m.similarity:.0f}% {m.unit.state} · {m.unit.origin}"
            more.append(Suggestion("tm", m.unit.target, label, replace=True))
        drafts = machine_drafts(entry)
        if entry_status(entry) == "draft" and entry.msgstr and text is not None:
            drafts.append(entry.msgstr)
        for d in drafts:
            if d and d != target:
                more.append(Suggestion("machine", d, "", replace=True))
        return Review(
            found.findings,
            found.source_spans,
            found.target_spans,
            tuple(_unique([*found.suggestions, *more])),
            found.notes,
            found.places,
        )

    # ---------------------------------------------------------------------- writing

    def save(self, cid: str, eid: str, msgstr: str, action: str, base: str) -> SaveResult:
        """Write a person's translation of one entry; see the module's docstring."""
        catalog = self.catalogs.get(cid)
        if catalog is None:
            return SaveResult("gone", "no such catalog in this review")
        msgstr = msgstr.replace("\r\n", "\n").replace("\r", "\n")
        shown = catalog.entry(eid)
        recheck: Sequence[str] = ()
        if shown is not None and msgstr and not shown.msgid_plural:
            # depends on the texts only, so it is done here, not while the others wait
            recheck = self.checks.recheck(shown.msgid, msgstr, catalog.src_lang, catalog.tgt_lang)
        edit = Edit(catalog, eid, msgstr, action, base, recheck)
        with self._groups_lock:
            group = self._groups.setdefault(catalog.folder, _Group())
        # Whoever finds nobody writing writes every save pending then; the others wait to be
        # told their save is done (not for the lock: a save written by another must not wait
        # for the batches after it).
        with group.cond:
            group.pending.append(edit)
            while not edit.done.is_set():
                if group.writing:
                    group.cond.wait()
                    continue
                group.writing = True
                batch, group.pending = group.pending, []
                group.cond.release()
                try:
                    self._write_batch(catalog.folder, batch)
                finally:
                    group.cond.acquire()
                    group.writing = False
                    group.cond.notify_all()
        assert edit.result is not None
        return edit.result

    def _write_batch(self, folder: Path, batch: list[Edit]) -> None:
        from termguard.writers.locking import folder_locks

        try:
            with folder_locks([folder], self.wait):
                self._apply_batch(batch)
        except OutputLockError:
            for e in batch:
                if e.result is None:
                    e.result = SaveResult(
                        "locked",
                        f"a termguard run is writing {folder} and did not finish within "
                        f"{self.wait:g} s; your text is still in the page: save again when the "
                        "run ends",
                    )
        except TermguardError as exc:
            for e in batch:
                if e.result is None:
                    e.result = SaveResult("invalid", str(exc))
        finally:
            for e in batch:
                if e.result is None:
                    e.result = SaveResult("invalid", "not saved")
                e.done.set()

    def _apply_batch(self, batch: list[Edit]) -> None:
        """Apply and write the saves, one write per catalog; a catalog that cannot be read or
        written fails its own saves only, and nothing of it counts as saved."""
        catalogs: dict[str, Catalog] = {}
        for e in batch:
            catalogs.setdefault(e.catalog.id, e.catalog)
        for catalog in catalogs.values():
            edits = [e for e in batch if e.catalog is catalog]
            results: list[SaveResult] = []
            changed = False
            try:
                with catalog._lock:
                    catalog.refresh(verify=True)
                    state = catalog.state
                    for e in edits:
                        state, result, did = self._apply_edit(catalog, state, e)
                        results.append(result)
                        changed |= did
                    if changed:
                        if not state.editable:
                            raise CatalogError(
                                "the catalog has carriage returns or is not UTF-8, so one "
                                "entry cannot be changed without rewriting others; convert it "
                                "with msgcat --to-code=UTF-8 and open it again",
                                str(catalog.path),
                            )
                        catalog._state = catalog._write(state)
            except TermguardError as exc:
                for e in edits:
                    e.result = SaveResult("invalid", f"not saved: {exc}")
                continue
            for e, result in zip(edits, results, strict=True):
                e.result = result
            if changed and self.feeder is not None:
                self.feeder.feed(catalog)

    def _apply_edit(
        self, catalog: Catalog, state: _Snapshot, e: Edit
    ) -> tuple[_Snapshot, SaveResult, bool]:
        current = state.entries.get(e.eid)
        if current is None:
            return state, SaveResult("gone", "this sentence is no longer in the catalog"), False
        if entry_base(current) != e.base:
            return (
                state,
                SaveResult(
                    "conflict",
                    "this entry changed on disk since the page showed it (a termguard run or "
                    "another editor); your text is still in the page: compare, then save again",
                    current,
                ),
                False,
            )
        problem = check_msgstr(current, e.msgstr, e.action)
        if problem is not None:
            return state, SaveResult("invalid", problem, current), False
        plain = edited_entry(current, e.msgstr, e.action, ())
        if (plain.msgstr, plain.flags, plain.previous_msgid) == (
            current.msgstr,
            current.flags,
            current.previous_msgid,
        ):
            return state, SaveResult("unchanged", "", current), False
        recheck = e.recheck
        if e.msgstr and not recheck:
            recheck = self.checks.recheck(
                current.msgid, e.msgstr, catalog.src_lang, catalog.tgt_lang
            )
        new = edited_entry(current, e.msgstr, e.action, recheck)
        return catalog._apply(state, current, new), SaveResult("saved", "", new), True

    def close(self) -> None:
        """Finish feeding the memory."""
        if self.feeder is not None:
            self.feeder.close()


def find_catalogs(paths: Sequence[str | Path]) -> list[Path]:
    """The .po files named or found under the folders named (hidden ones skipped), sorted."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                f
                for f in path.rglob("*.po")
                if f.is_file()
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise InputError("no such catalog or folder; pass .po files or folders", str(path))
    seen: set[Path] = set()
    unique = []
    for f in out:
        key = Path(os.path.abspath(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def open_workspace(
    paths: Sequence[str | Path],
    glossary: Glossary,
    *,
    memory: str | None = None,
    src_lang: str | None = None,
    wait: float = DEFAULT_WAIT,
) -> Workspace:
    """Open the catalogs named (files or folders) for review.

    A catalog that cannot be read is listed in `problems` and the others open; none at all is
    an InputError.
    """
    files = find_catalogs(paths)
    catalogs, problems = [], []
    for f in files:
        try:
            catalogs.append(Catalog(f, src_lang=src_lang))
        except InputError as exc:
            problems.append(str(exc))
    if not catalogs:
        where = ", ".join(str(p) for p in paths)
        detail = f" ({'; '.join(problems)})" if problems else ""
        raise InputError(f"no catalog to review{detail}; pass .po files or a locales folder", where)
    return Workspace(catalogs, glossary, memory=memory, wait=wait, problems=problems)
