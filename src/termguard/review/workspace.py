"""Catalogs open for review: read, checked, and written back one entry at a time.

A translator's edit changes only that entry's bytes: the file is kept as lines with the line
range of every entry (writers.po.entry_spans), and an edit replaces one range with the entry as
writers.po renders it at the file's wrapping, as a `translate` run would write a changed entry.
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
msgid. The catalogs a save changed are read into the translation memory by a background thread,
as `termguard tm update` reads them.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import queue
import threading
from collections.abc import Iterable, Sequence
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

    lines: tuple[str, ...]
    digest: str
    stamp: tuple[int, int, int]  # inode, mtime_ns, size
    head: int
    spans: dict[EntryKey, tuple[int, int]]
    entries: dict[str, polib.POEntry]  # live entries by entry_id, in file order
    width: int
    metadata: dict[str, str]
    editable: bool
    version: int

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


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
        head, spans = entry_spans(cat.text, cat.po)
        entries = {entry_id(e): e for e in cat.po if not e.obsolete}
        return _Snapshot(
            lines=tuple(cat.text.split("\n")),
            digest=_digest(data),
            stamp=_stamp(st),
            head=head,
            spans=spans,
            entries=entries,
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

        Without `verify` an unchanged modification time, size and inode is taken as no change;
        with it (under the folder lock, before a write) the bytes are hashed too.
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
            if not verify and _stamp(st) == state.stamp:
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

    def msgid_line(self, entry: polib.POEntry) -> int:
        """The line of the entry's msgid in the file (1-based), for `path:line` references."""
        state = self._state
        span = state.spans.get(entry_key(entry))
        if span is None:
            return entry.linenum or 0
        for i in range(span[0], span[1]):
            if state.lines[i].startswith("msgid "):
                return i + 1
        return span[0] + 1

    # ---------------------------------------------------------------------- writing

    def _apply(self, state: _Snapshot, old: polib.POEntry, new: polib.POEntry) -> _Snapshot:
        """`state` with `old`'s lines replaced by `new` rendered at the file's width."""
        key = entry_key(old)
        start, end = state.spans[key]
        block = entry_text(new, state.width).split("\n")
        delta = len(block) - (end - start)
        lines = (*state.lines[:start], *block, *state.lines[end:])
        spans = {}
        for k, (s, e) in state.spans.items():
            spans[k] = (s + delta, e + delta) if s >= end else (s, e)
        spans[entry_key(new)] = (start, start + len(block))
        entries = dict(state.entries)
        entries[entry_id(new)] = new
        return _replace(state, lines=lines, spans=spans, entries=entries)

    def _write(self, state: _Snapshot) -> _Snapshot:
        from termguard.writers.atomic import write_bytes

        data = state.text.encode("utf-8")
        write_bytes(self.abspath, data)
        st = self.abspath.stat()
        return _replace(state, digest=_digest(data), stamp=_stamp(st), version=state.version + 1)


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
        self.writer = threading.Lock()
        self.guard = threading.Lock()
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
        self._findings: dict[tuple[str, str, str, str, tuple[str, ...]], tuple[Any, ...]] = {}
        self._lock = threading.RLock()

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
        with self._lock:
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

        with self._lock:
            hits = self.hits(source, src)
            return recheck_comments(source, target, src, tgt, self.glossary, hits)

    def review(
        self, source: str, target: str, src: str, tgt: str, flags: Sequence[str] = ()
    ) -> Review:
        """Findings, highlighted terms on both sides, and the term suggestions."""
        findings = self.findings(source, target, src, tgt, flags)
        with self._lock:
            src_hits = [h for h in self.hits(source, src) if h.kind != "near-miss"]
            tgt_hits = (
                [h for h in self.hits(target, tgt) if h.kind != "near-miss"] if target else []
            )
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

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[str] = []
        self.fed = 0
        self._queue: queue.Queue[Catalog | None] = queue.Queue()
        self._idle = threading.Condition()
        self._busy = 0
        self._thread = threading.Thread(target=self._run, name="memory-feeder", daemon=True)
        self._thread.start()

    def feed(self, catalog: Catalog) -> None:
        with self._idle:
            self._busy += 1
        self._queue.put(catalog)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every catalog handed in so far is in the memory; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._busy == 0, timeout)

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
        from termguard.tm.harvest import catalog_records

        try:
            st = catalog.abspath.stat()
            records = list(catalog_records(catalog.abspath, catalog.folder))
            memory.sync_file(
                str(catalog.abspath.resolve()),
                "catalog",
                records,
                mtime_ns=st.st_mtime_ns,
                size=st.st_size,
            )
            self.fed += 1
        except (TermguardError, OSError) as exc:
            self.errors.append(str(exc))
            log.warning("translation memory: %s", exc)


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

    # ---------------------------------------------------------------------- reading

    def catalog(self, cid: str) -> Catalog | None:
        return self.catalogs.get(cid)

    def counts(self, catalog: Catalog) -> Counts:
        statuses = [entry_status(e) for e in catalog.state.entries.values()]
        return Counts(
            len(statuses),
            statuses.count("untranslated"),
            statuses.count("draft"),
            statuses.count("needs-work"),
            statuses.count("reviewed"),
        )

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
        edit = Edit(catalog, eid, msgstr, action, base)
        with self._groups_lock:
            group = self._groups.setdefault(catalog.folder, _Group())
        with group.guard:
            group.pending.append(edit)
        with group.writer:
            if not edit.done.is_set():
                with group.guard:
                    batch, group.pending = group.pending, []
                self._write_batch(catalog.folder, batch)
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
        catalogs: dict[str, Catalog] = {}
        for e in batch:
            catalogs.setdefault(e.catalog.id, e.catalog)
        for catalog in catalogs.values():
            with catalog._lock:
                catalog.refresh(verify=True)
                state = catalog.state
                changed = False
                for e in (e for e in batch if e.catalog is catalog):
                    state, e.result, did = self._apply_edit(catalog, state, e)
                    changed |= did
                if changed:
                    if not state.editable:
                        raise CatalogError(
                            "the catalog has carriage returns or is not UTF-8, so one entry "
                            "cannot be changed without rewriting others; convert it with "
                            "msgcat --to-code=UTF-8 and open it again",
                            str(catalog.path),
                        )
                    catalog._state = catalog._write(state)
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
        recheck = (
            self.checks.recheck(current.msgid, e.msgstr, catalog.src_lang, catalog.tgt_lang)
            if e.msgstr
            else []
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
