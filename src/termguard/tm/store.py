"""The translation memory: reviewed translations in one SQLite file, found exactly or fuzzily.

One row per (source language, target language, normalised source, target): a `unit`. Where a
unit came from is its `origin` rows (a catalog entry `locales/en/LC_MESSAGES/x.po:41`, a TMX
unit), each with its review state, date and the glossary digest of its time; a unit lives while
one origin vouches for it. Every file that fed the memory (a catalog, a TMX) is a `file` row,
and reading it again replaces what it said before, so a corrected translation replaces the old
one and a reimport adds nothing twice.

Lookup never scans the memory. Exact and shape matches (see keys.py) are index lookups; fuzzy
candidates come from an inverted index of word prefixes (`token`: per language pair, each with
its document frequency; `posting`: its segment ids packed as 32-bit integers, in blocks that
writes append and that are merged when there are MAX_BLOCKS of them). A
lookup reads the posting lists of the query's rarest tokens only (prefix filtering: a source
that shares at least half of the query's tokens holds one of them), within a budget, counts the
tokens each segment shares, and scores the best MAX_CANDIDATES with rapidfuzz.

Safety: writes run in `BEGIN IMMEDIATE` transactions in WAL mode, so a killed run leaves the
database as it was before its last unfinished transaction, readers never wait for writers, and
writers wait for each other (up to `wait` seconds).
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from termguard.errors import TranslationMemoryError
from termguard.tm.keys import index_tokens, shape_of, similarity_text, source_key

#: Where a project keeps its memory, relative to the project folder.
DEFAULT_PATH = "tm/termguard.sqlite"
#: The environment variable naming another memory file.
ENV_VAR = "TERMGUARD_TM"
SCHEMA_VERSION = 1
#: Review states, best first: approved by a person; a person's translation not yet approved.
STATES = ("reviewed", "translated")
#: Fuzzy matches below this similarity (percent) are not offered.
DEFAULT_THRESHOLD = 75.0
#: Candidates scored with rapidfuzz per lookup, at most.
MAX_CANDIDATES = 100
#: Posting-list entries read per lookup, at most (the rarest token is always read).
MAX_POSTINGS = 60_000
#: Share of the query's tokens a fuzzy candidate is expected to hold (prefix filtering).
MIN_TOKEN_SHARE = 0.5
_BATCH = 50_000
#: SQLite page cache (negative: KiB) while writing and while reading.
WRITE_CACHE_KIB = -131_072
READ_CACHE_KIB = -16_384
#: A token's posting list is kept in blocks, one per write that added to it (so nothing is
#: rewritten); past this many blocks they are merged into one.
MAX_BLOCKS = 16

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    key TEXT NOT NULL,
    shape TEXT NOT NULL,
    UNIQUE (src_lang, tgt_lang, key)
);
CREATE INDEX IF NOT EXISTS segment_shape ON segment (src_lang, tgt_lang, shape);
CREATE TABLE IF NOT EXISTS unit (
    id INTEGER PRIMARY KEY,
    segment INTEGER NOT NULL REFERENCES segment (id),
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    UNIQUE (segment, target)
);
CREATE TABLE IF NOT EXISTS file (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    mtime_ns INTEGER,
    size INTEGER
);
CREATE TABLE IF NOT EXISTS origin (
    id INTEGER PRIMARY KEY,
    unit INTEGER NOT NULL REFERENCES unit (id),
    file INTEGER NOT NULL REFERENCES file (id),
    place TEXT NOT NULL,
    line INTEGER,
    state TEXT NOT NULL CHECK (state IN ('reviewed', 'translated')),
    date TEXT NOT NULL,
    glossary TEXT
);
CREATE INDEX IF NOT EXISTS origin_unit ON origin (unit);
CREATE INDEX IF NOT EXISTS origin_file ON origin (file);
CREATE TABLE IF NOT EXISTS token (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    text TEXT NOT NULL,
    df INTEGER NOT NULL,
    blocks INTEGER NOT NULL,
    UNIQUE (src_lang, tgt_lang, text)
);
CREATE TABLE IF NOT EXISTS posting (token INTEGER NOT NULL, ids BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS posting_token ON posting (token);
"""


def now() -> str:
    """The current time as the memory records it (UTC, ISO 8601, seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Record:
    """One translation to put in the memory, with where it came from."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    state: str
    place: str
    line: int | None = None
    date: str | None = None
    glossary: str | None = None


@dataclass(frozen=True)
class Origin:
    """One place that vouches for a unit."""

    place: str
    line: int | None
    state: str
    date: str
    glossary: str | None

    def __str__(self) -> str:
        return f"{self.place}:{self.line}" if self.line else self.place


@dataclass(frozen=True)
class Unit:
    """A source and its translation, with every origin (reviewed ones first, then newest)."""

    id: int
    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origins: tuple[Origin, ...]

    @property
    def origin(self) -> Origin:
        return self.origins[0]

    @property
    def state(self) -> str:
        return self.origin.state

    @property
    def glossary(self) -> str | None:
        return self.origin.glossary


@dataclass(frozen=True)
class Match:
    """A unit found for a query: exact (same key), shape (numbers, punctuation, case) or fuzzy."""

    unit: Unit
    kind: str
    similarity: float


@dataclass(frozen=True)
class SyncResult:
    """What reading one file into the memory changed."""

    added: int = 0
    removed: int = 0
    kept: int = 0


def _origin_order(o: Origin) -> tuple[int, str, str, int]:
    return (STATES.index(o.state), _neg(o.date), o.place, o.line or 0)


def _neg(date: str) -> str:
    # newest first inside an ascending sort: map each character to its complement
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


class TranslationMemory:
    """A translation memory file; open with open_memory() or use as a context manager."""

    def __init__(self, path: str | Path, *, wait: float = 60.0) -> None:
        self.path = str(path)
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(folder, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=wait, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise TranslationMemoryError(
                f"cannot open the translation memory ({exc}); check the path or pass --tm PATH",
                self.path,
            ) from exc
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute(f"PRAGMA cache_size = {READ_CACHE_KIB}")
            self._create()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise TranslationMemoryError(
                f"not a termguard translation memory ({exc}); move the file away or pass --tm PATH",
                self.path,
            ) from exc

    # ------------------------------------------------------------------------- plumbing

    def _create(self) -> None:
        version = self._version()
        if version is None:
            with self.transaction():
                if self._version() is None:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
                    )
            version = SCHEMA_VERSION
        if version != SCHEMA_VERSION:
            raise TranslationMemoryError(
                f"made by another termguard version (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); export it with that version and import the TMX here",
                self.path,
            )

    def _version(self) -> int | None:
        has = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not has:
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row else None

    def transaction(self) -> _Transaction:
        """A write transaction (BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error)."""
        return _Transaction(self)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------- writing

    def file_unchanged(self, path: str, mtime_ns: int, size: int) -> bool:
        """True when `path` was read before with this modification time and size."""
        row = self.db.execute("SELECT mtime_ns, size FROM file WHERE path = ?", (path,)).fetchone()
        return row is not None and row[0] == mtime_ns and row[1] == size

    def sync_file(
        self,
        path: str,
        kind: str,
        records: Iterable[Record],
        *,
        mtime_ns: int | None = None,
        size: int | None = None,
    ) -> SyncResult:
        """Make the memory say what `path` says now: its records replace what it said before.

        `path` identifies the file (an absolute path); each record's `place` is how origins
        show it. Units that no origin vouches for any more are removed. One transaction.
        """
        # a larger page cache while writing: index blocks and segments of a big import stay
        # in memory instead of spilling to the log page by page
        self.db.execute(f"PRAGMA cache_size = {WRITE_CACHE_KIB}")
        try:
            with self.transaction():
                return self._sync(path, kind, records, mtime_ns, size)
        finally:
            self.db.execute(f"PRAGMA cache_size = {READ_CACHE_KIB}")

    def _sync(
        self,
        path: str,
        kind: str,
        records: Iterable[Record],
        mtime_ns: int | None,
        size: int | None,
    ) -> SyncResult:
        db = self.db
        db.execute(
            "INSERT INTO file (path, kind, mtime_ns, size) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, "
            "mtime_ns = excluded.mtime_ns, size = excluded.size",
            (path, kind, mtime_ns, size),
        )
        file_id = db.execute("SELECT id FROM file WHERE path = ?", (path,)).fetchone()[0]
        old: dict[tuple[int, str, int | None], tuple[int, str, str | None]] = {
            (unit, place, line): (oid, state, glossary)
            for oid, unit, place, line, state, glossary in db.execute(
                "SELECT id, unit, place, line, state, glossary FROM origin WHERE file = ?",
                (file_id,),
            )
        }
        seen: set[tuple[int, str, int | None]] = set()
        added = kept = 0
        stamp = now()
        batch: list[Record] = []

        def flush() -> None:
            nonlocal added, kept
            units = self._units_for(batch)
            inserts, updates = [], []
            for rec, unit in zip(batch, units, strict=True):
                k = (unit, rec.place, rec.line)
                if k in seen:
                    continue
                seen.add(k)
                was = old.get(k)
                if was is None:
                    inserts.append(
                        (
                            unit,
                            file_id,
                            rec.place,
                            rec.line,
                            rec.state,
                            rec.date or stamp,
                            rec.glossary,
                        )
                    )
                elif was[1:] != (rec.state, rec.glossary):
                    # a new review state or glossary: the origin's date is now
                    updates.append((rec.state, rec.glossary, rec.date or stamp, was[0]))
                    kept += 1
                else:
                    kept += 1
            db.executemany(
                "INSERT INTO origin (unit, file, place, line, state, date, glossary) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
            db.executemany(
                "UPDATE origin SET state = ?, glossary = ?, date = ? WHERE id = ?", updates
            )
            added += len(inserts)
            batch.clear()

        for rec in records:
            batch.append(rec)
            if len(batch) >= _BATCH:
                flush()
        flush()
        gone = [v[0] for k, v in old.items() if k not in seen]
        for i in range(0, len(gone), 500):
            chunk = gone[i : i + 500]
            db.execute(f"DELETE FROM origin WHERE id IN ({_marks(chunk)})", chunk)
        if gone:
            self._drop_orphans()
        return SyncResult(added=added, removed=len(gone), kept=kept)

    def _drop_orphans(self) -> None:
        self.db.execute(
            "DELETE FROM unit WHERE NOT EXISTS (SELECT 1 FROM origin WHERE origin.unit = unit.id)"
        )
        # stale ids stay in posting lists; lookups skip segments that no longer exist
        self.db.execute(
            "DELETE FROM segment WHERE NOT EXISTS "
            "(SELECT 1 FROM unit WHERE unit.segment = segment.id)"
        )

    def _units_for(self, records: Sequence[Record]) -> list[int]:
        """The unit id of every record, creating segments, units and index entries as needed.

        In bulk: existing rows are looked up in chunks, new ones inserted with ids taken after
        the largest (the transaction is IMMEDIATE: no other writer can take them meanwhile).
        """
        db = self.db
        keys = [(r.src_lang, r.tgt_lang, source_key(r.source)) for r in records]
        seg_ids: dict[tuple[str, str, str], int] = {}
        by_pair: dict[tuple[str, str], list[str]] = {}
        for src, tgt, key in dict.fromkeys(keys):
            by_pair.setdefault((src, tgt), []).append(key)
        for (src, tgt), pair_keys in by_pair.items():
            for chunk in _chunks(pair_keys):
                for seg, key in db.execute(
                    f"SELECT id, key FROM segment WHERE src_lang = ? AND tgt_lang = ? "
                    f"AND key IN ({_marks(chunk)})",
                    (src, tgt, *chunk),
                ):
                    seg_ids[(src, tgt, key)] = seg
        old_segments = set(seg_ids.values())
        next_seg = self._next_id("segment")
        new_segments = []
        for k in dict.fromkeys(keys):
            if k not in seg_ids:
                seg_ids[k] = next_seg
                new_segments.append((next_seg, *k))
                next_seg += 1
        db.executemany(
            "INSERT INTO segment (id, src_lang, tgt_lang, key, shape) VALUES (?, ?, ?, ?, ?)",
            [(i, src, tgt, key, shape_of(key)) for i, src, tgt, key in new_segments],
        )
        self._index(new_segments)
        unit_ids: dict[tuple[int, str], int] = {}
        for chunk in _chunks(sorted(old_segments)):
            for uid, seg, target in db.execute(
                f"SELECT id, segment, target FROM unit WHERE segment IN ({_marks(chunk)})", chunk
            ):
                unit_ids[(seg, target)] = uid
        next_unit = self._next_id("unit")
        new_units = []
        out = []
        for rec, k in zip(records, keys, strict=True):
            uk = (seg_ids[k], rec.target)
            if uk not in unit_ids:
                unit_ids[uk] = next_unit
                new_units.append((next_unit, uk[0], rec.source, rec.target))
                next_unit += 1
            out.append(unit_ids[uk])
        db.executemany(
            "INSERT INTO unit (id, segment, source, target) VALUES (?, ?, ?, ?)", new_units
        )
        return out

    def _next_id(self, table: str) -> int:
        """The next free id; a segment's is never one a removed segment had, since posting
        lists may still hold the removed one's id (AUTOINCREMENT's sqlite_sequence)."""
        row = self.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()
        seq = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        return max(int(row[0]), int(seq[0]) if seq else 0) + 1

    def _index(self, segments: Sequence[tuple[int, str, str, str]]) -> None:
        """Add new segments to the posting lists of their tokens (one new block per token)."""
        import numpy as np

        grouped: dict[tuple[str, str], dict[str, list[int]]] = {}
        for seg_id, src, tgt, key in segments:
            lists = grouped.setdefault((src, tgt), {})
            for tok in index_tokens(key):
                lists.setdefault(tok, []).append(seg_id)
        db = self.db
        for (src, tgt), lists in grouped.items():
            have: dict[str, tuple[int, int]] = {}
            for chunk in _chunks(list(lists)):
                for tid, text, blocks in db.execute(
                    f"SELECT id, text, blocks FROM token WHERE src_lang = ? AND tgt_lang = ? "
                    f"AND text IN ({_marks(chunk)})",
                    (src, tgt, *chunk),
                ):
                    have[text] = (tid, blocks)
            next_tok = self._next_id("token")
            new_tokens, counts, postings, merge = [], [], [], []
            for tok, ids in lists.items():
                if tok in have:
                    tid, blocks = have[tok]
                    counts.append((len(ids), tid))
                    if blocks + 1 >= MAX_BLOCKS:
                        merge.append(tid)
                else:
                    tid = next_tok
                    next_tok += 1
                    new_tokens.append((tid, src, tgt, tok, len(ids)))
                postings.append((tid, np.asarray(ids, dtype="<u4").tobytes()))
            db.executemany(
                "INSERT INTO token (id, src_lang, tgt_lang, text, df, blocks) "
                "VALUES (?, ?, ?, ?, ?, 1)",
                new_tokens,
            )
            db.executemany("UPDATE token SET df = df + ?, blocks = blocks + 1 WHERE id = ?", counts)
            db.executemany("INSERT INTO posting (token, ids) VALUES (?, ?)", postings)
            for tid in merge:
                blobs = [
                    b for (b,) in db.execute("SELECT ids FROM posting WHERE token = ?", (tid,))
                ]
                db.execute("DELETE FROM posting WHERE token = ?", (tid,))
                db.execute("INSERT INTO posting (token, ids) VALUES (?, ?)", (tid, b"".join(blobs)))
                db.execute("UPDATE token SET blocks = 1 WHERE id = ?", (tid,))

    # ------------------------------------------------------------------------- reading

    def lookup(
        self,
        text: str,
        src_lang: str,
        tgt_lang: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 5,
    ) -> list[Match]:
        """Exact, shape and fuzzy matches for `text`, best first; fuzzy ones at `threshold`%+.

        At most `limit` sources give fuzzy matches (every translation of each is returned).
        """
        from rapidfuzz import fuzz

        key = source_key(text)
        if not key:
            return []
        db = self.db
        found: list[tuple[str, float, int]] = []  # kind, similarity, segment
        done: set[int] = set()
        for (seg,) in db.execute(
            "SELECT id FROM segment WHERE src_lang = ? AND tgt_lang = ? AND key = ?",
            (src_lang, tgt_lang, key),
        ):
            found.append(("exact", 100.0, seg))
            done.add(seg)
        query = similarity_text(key)
        for seg, other in db.execute(
            "SELECT id, key FROM segment WHERE src_lang = ? AND tgt_lang = ? AND shape = ? "
            "LIMIT 50",
            (src_lang, tgt_lang, shape_of(key)),
        ):
            if seg not in done:
                found.append(("shape", fuzz.ratio(query, similarity_text(other)), seg))
                done.add(seg)
        fuzzy = self._fuzzy(key, src_lang, tgt_lang, threshold, limit, done)
        found.extend(("fuzzy", score, seg) for seg, score in fuzzy)
        if not found:
            return []
        units = self._units_of([seg for _, _, seg in found], tgt_lang)
        out: list[Match] = []
        for kind, score, seg in found:
            out.extend(Match(u, kind, score) for u in units.get(seg, ()))
        return out

    def _fuzzy(
        self,
        key: str,
        src_lang: str,
        tgt_lang: str,
        threshold: float,
        limit: int,
        exclude: set[int],
    ) -> list[tuple[int, float]]:
        import numpy as np
        from rapidfuzz import fuzz, process

        toks = sorted(index_tokens(key))
        if not toks or limit <= 0:
            return []
        db = self.db
        stats = {
            text: (tid, df)
            for tid, text, df in db.execute(
                f"SELECT id, text, df FROM token WHERE src_lang = ? AND tgt_lang = ? "
                f"AND text IN ({_marks(toks)})",
                (src_lang, tgt_lang, *toks),
            )
        }
        # prefix filtering: a source sharing MIN_TOKEN_SHARE of the tokens holds one of the
        # n - ceil(share * n) + 1 rarest (tokens absent from the index count as rarest)
        n = len(toks)
        need = n - math.ceil(MIN_TOKEN_SHARE * n) + 1
        ranked = sorted(toks, key=lambda t: (stats[t][1] if t in stats else 0, t))[:need]
        chosen: list[int] = []
        budget = 0
        for t in ranked:
            if t not in stats:
                continue
            tid, df = stats[t]
            if chosen and budget + df > MAX_POSTINGS:
                break
            chosen.append(tid)
            budget += df
        if not chosen:
            return []
        blobs = [
            np.frombuffer(blob, dtype="<u4")
            for (blob,) in db.execute(
                f"SELECT ids FROM posting WHERE token IN ({_marks(chosen)})", chosen
            )
        ]
        ids = np.concatenate(blobs) if len(blobs) > 1 else blobs[0]
        uniq, counts = np.unique(ids, return_counts=True)
        # a source that shares less than half of what the best one shares cannot come close
        keep = counts >= (int(counts.max()) + 1) // 2
        uniq, counts = uniq[keep], counts[keep]
        if len(uniq) > MAX_CANDIDATES:
            top = np.argpartition(-counts, MAX_CANDIDATES)[:MAX_CANDIDATES]
            uniq = uniq[top]
        cand = [int(i) for i in uniq if int(i) not in exclude]
        if not cand:
            return []
        rows = db.execute(f"SELECT id, key FROM segment WHERE id IN ({_marks(cand)})", cand)
        keys = {seg: similarity_text(k) for seg, k in rows}
        best = process.extract(
            similarity_text(key), keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit
        )
        return [(int(seg), float(score)) for _, score, seg in best]

    def _units_of(self, segments: Sequence[int], tgt_lang: str) -> dict[int, list[Unit]]:
        rows = self.db.execute(
            "SELECT u.id, u.segment, s.src_lang, s.tgt_lang, u.source, u.target, "
            "o.place, o.line, o.state, o.date, o.glossary "
            "FROM unit u JOIN segment s ON s.id = u.segment JOIN origin o ON o.unit = u.id "
            f"WHERE u.segment IN ({_marks(segments)}) AND s.tgt_lang = ?",
            (*segments, tgt_lang),
        ).fetchall()
        return _collect(rows)

    def units(self, src_lang: str | None = None, tgt_lang: str | None = None) -> Iterator[Unit]:
        """Every unit (for export), in a stable order: languages, source, target."""
        where, args = _where(src_lang, tgt_lang)
        ids = [
            r[0]
            for r in self.db.execute(
                f"SELECT u.id FROM unit u JOIN segment s ON s.id = u.segment {where} "
                "ORDER BY s.src_lang, s.tgt_lang, u.source, u.target, u.id",
                args,
            )
        ]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.db.execute(
                "SELECT u.id, u.segment, s.src_lang, s.tgt_lang, u.source, u.target, "
                "o.place, o.line, o.state, o.date, o.glossary "
                "FROM unit u JOIN segment s ON s.id = u.segment JOIN origin o ON o.unit = u.id "
                f"WHERE u.id IN ({_marks(chunk)})",
                chunk,
            ).fetchall()
            by_id = {u.id: u for us in _collect(rows).values() for u in us}
            for uid in chunk:
                if uid in by_id:
                    yield by_id[uid]

    def stats(self) -> dict[str, Any]:
        """Counts per language pair and review state, and the files the memory was read from."""
        pairs = []
        for src, tgt, units, reviewed in self.db.execute(
            "SELECT s.src_lang, s.tgt_lang, COUNT(*), SUM(EXISTS (SELECT 1 FROM origin o "
            "WHERE o.unit = u.id AND o.state = 'reviewed')) "
            "FROM unit u JOIN segment s ON s.id = u.segment "
            "GROUP BY s.src_lang, s.tgt_lang ORDER BY s.src_lang, s.tgt_lang"
        ):
            pairs.append(
                {
                    "source": src,
                    "target": tgt,
                    "units": units,
                    "reviewed": reviewed,
                    "translated": units - reviewed,
                }
            )
        files = dict(self.db.execute("SELECT kind, COUNT(*) FROM file GROUP BY kind").fetchall())
        return {
            "path": self.path,
            "units": sum(p["units"] for p in pairs),
            "pairs": pairs,
            "files": files,
        }


class _Transaction:
    def __init__(self, tm: TranslationMemory) -> None:
        self.tm = tm

    def __enter__(self) -> None:
        try:
            self.tm.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TranslationMemoryError(
                f"another run is writing the translation memory and did not finish in time "
                f"({exc}); wait for it and run again",
                self.tm.path,
            ) from exc

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None:
            self.tm.db.execute("COMMIT")
        else:
            self.tm.db.execute("ROLLBACK")


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(items: Sequence[object]) -> str:
    return ", ".join("?" * len(items))


def _where(src_lang: str | None, tgt_lang: str | None) -> tuple[str, tuple[str, ...]]:
    conds, args = [], []
    if src_lang:
        conds.append("s.src_lang = ?")
        args.append(src_lang)
    if tgt_lang:
        conds.append("s.tgt_lang = ?")
        args.append(tgt_lang)
    return ("WHERE " + " AND ".join(conds) if conds else ""), tuple(args)


def _collect(rows: Sequence[tuple[Any, ...]]) -> dict[int, list[Unit]]:
    """Units (with their origins, best first) by segment, from joined rows."""
    origins: dict[int, list[Origin]] = {}
    heads: dict[int, tuple[int, str, str, str, str]] = {}
    for uid, seg, src, tgt, source, target, place, line, state, date, glossary in rows:
        heads[uid] = (seg, src, tgt, source, target)
        origins.setdefault(uid, []).append(Origin(place, line, state, date, glossary))
    out: dict[int, list[Unit]] = {}
    for uid, (seg, src, tgt, source, target) in sorted(heads.items()):
        os_ = tuple(sorted(origins[uid], key=_origin_order))
        out.setdefault(seg, []).append(Unit(uid, src, tgt, source, target, os_))
    for units in out.values():
        units.sort(key=lambda u: (_origin_order(u.origin), u.id))
    return out


def open_memory(path: str | Path | None = None, *, wait: float = 60.0) -> TranslationMemory:
    """The memory at `path`, else $TERMGUARD_TM, else tm/termguard.sqlite (created if missing)."""
    return TranslationMemory(resolve_path(path), wait=wait)


def resolve_path(path: str | Path | None = None) -> str:
    """The memory file to use: `path`, else $TERMGUARD_TM, else DEFAULT_PATH."""
    return str(path or os.environ.get(ENV_VAR) or DEFAULT_PATH)
