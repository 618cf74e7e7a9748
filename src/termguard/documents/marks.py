"""Inline markup inside a sentence, carried through the engine as tags it keeps, and put back.

A unit of a document (a paragraph, a cell, a cue) is plain text plus marks: where a span of
formatting or a link opens and closes, and points such as a line break, an image or a code
span kept as it is. Catalogs see the plain text only. The engine sees the sentence with its
marks as tags `[1]`, `[/1]` (a span) and `[2/]` (a point): SentencePiece turns `_` into spaces,
so `__T1__` does not survive, while `[`, `]`, `/` and digits are ordinary pieces of the Argos
and tiny test vocabularies (tests/test_documents_engine.py proves they come back). Numbers that
stand in the text as `[3]` (footnote markers) are never used as tag numbers.

decode() reads the tags back; a tag the model lost, duplicated or misnested is put back: a span
around the same words when the translation still has them (names, figures), else as an empty
span at the end of the sentence, and a point near its old place; whatever was guessed is
reported as a `markup:` problem, so the segment is flagged and never silently loses a link.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

OPEN, CLOSE, POINT = "open", "close", "point"


@dataclass(frozen=True)
class Mark:
    """An opening or closing of a span of inline markup, or a point, in a unit's plain text.

    `span` pairs an open with its close (unique within the unit); `label` names it in messages
    ('b', 'link', 'bold'); `raw` is what the writer puts back (the markup's own bytes, an XML
    element), never looked at outside the format's module.
    """

    kind: str
    span: int
    label: str
    raw: Any = field(default=None, compare=False, hash=False)


#: A unit's marks: (position in the plain text, mark), in document order.
Marks = tuple[tuple[int, Mark], ...]

_TAG = re.compile(r"\[(/?)(\d{1,3})(/?)\]")
#: Tags as the model may return them: the closing bracket lost ("[/2"), the opening one
#: turned round ("]1]") or replaced by a letter ("мүшелеріЖ/1]": the "/1]" is read); only
#: numbers of the sentence's own tags are read this way.
_LOOSE = re.compile(r"(?:[\[\]]|(?=/\d{1,3}\]))(/?)(\d{1,3})(/?)(\])?")


@dataclass(frozen=True)
class Tagged:
    """A sentence as the engine gets it, and what each tag number stands for."""

    text: str
    table: dict[int, tuple[str, Mark | tuple[Mark, Mark]]]
    plain: str

    @property
    def has_tags(self) -> bool:
        return bool(self.table)


@dataclass(frozen=True)
class Decoded:
    """A translation read back: plain text, its marks, and what had to be put back."""

    text: str
    marks: Marks
    restored: tuple[str, ...] = ()  # put back around the same words: a repair
    problems: tuple[str, ...] = ()  # put back by guess: the segment is flagged


def trim(text: str, marks: Sequence[tuple[int, Mark]]) -> tuple[str, Marks]:
    """Strip a unit's outer whitespace, keeping what stands between a point and the text.

    A picture or a code span then a space then words keeps its space: it is part of the unit,
    not of the markup around it.
    """
    points = [p for p, m in marks if m.kind == POINT]
    lead = len(text) - len(text.lstrip())
    lead = min([lead, *points])
    end = len(text.rstrip())
    end = max([end, *(p for p in points if p <= len(text))])
    body = text[lead:end]
    return body, tuple((min(max(0, p - lead), len(body)), m) for p, m in marks)


def region_marks(marks: Marks, start: int, end: int, *, first: bool, last: bool) -> Marks:
    """The marks that belong to text[start:end], positions relative to start.

    An open belongs to the region it starts (start <= p < end), a close to the one it ends
    (start < p <= end), a point to the region it stands at the start of; the first region of a
    unit also takes a close at its start, the last one what stands at its very end.
    """
    out = []
    for pos, mark in marks:
        if mark.kind == OPEN:
            inside = start <= pos < end or (last and pos == end)
        elif mark.kind == CLOSE:
            inside = start < pos <= end or (first and pos == start)
        else:
            inside = start <= pos < end or (last and pos == end)
        if inside:
            out.append((pos - start, mark))
    return tuple(out)


def encode(text: str, marks: Marks) -> Tagged:
    """The sentence with its marks as tags; a span whose partner lies outside is a point."""
    if not marks:
        return Tagged(text, {}, text)
    spans: dict[int, list[int]] = {}
    for i, (_, mark) in enumerate(marks):
        if mark.kind != POINT:
            spans.setdefault(mark.span, []).append(i)
    taken = {int(m.group(2)) for m in _TAG.finditer(text)}
    numbers = (n for n in range(1, 1000) if n not in taken)
    table: dict[int, tuple[str, Mark | tuple[Mark, Mark]]] = {}
    tag_of: dict[int, str] = {}
    for i, (_, mark) in enumerate(marks):
        pair = spans.get(mark.span, [])
        if mark.kind == OPEN and len(pair) == 2 and marks[pair[1]][1].kind == CLOSE:
            n = next(numbers)
            table[n] = ("pair", (mark, marks[pair[1]][1]))
            tag_of[i], tag_of[pair[1]] = f"[{n}]", f"[/{n}]"
        elif i not in tag_of:
            n = next(numbers)
            table[n] = ("point", mark)
            tag_of[i] = f"[{n}/]"
    out, pos = [], 0
    for i, (at, _) in enumerate(marks):
        out.append(text[pos:at])
        out.append(tag_of[i])
        pos = at
    out.append(text[pos:])
    return Tagged("".join(out), table, text)


def strip_tags(tagged: Tagged, translation: str) -> str:
    """The translation without the tags of `tagged` (for choosing among candidates)."""
    if not tagged.has_tags:
        return translation
    return decode(tagged, translation).text


def _tidy(text: str, ids: Sequence[int]) -> str:
    """Spaces the model put inside a span move outside it; doubled spaces at tags go.

    Only the tags of this sentence count: a "[2]" that is text in the source is left alone.
    """
    n = "(?:" + "|".join(str(i) for i in sorted(ids, reverse=True)) + ")"
    tag = rf"\[/?{n}/?\]"
    text = re.sub(rf"(\[{n}\])([ \t]+)", r"\2\1", text)
    text = re.sub(rf"([ \t]+)(\[/{n}\])", r"\2\1", text)
    text = re.sub(rf"[ \t]{{2,}}(?={tag})", " ", text)
    text = _after(text, tag)
    return re.sub(rf"[ \t]+((?:{tag})+)(?=[.,;:!?»)])", r"\1", text)


def _after(text: str, tag: str) -> str:
    """Two or more spaces after a tag become one (a variable-width look-behind, done by hand)."""
    return re.sub(rf"({tag})[ \t]{{2,}}", r"\1 ", text)


def _label(mark: Mark) -> str:
    return mark.label or "markup"


def decode(tagged: Tagged, translation: str) -> Decoded:
    """Plain text and marks of a translation; tags lost or broken are put back and reported."""
    # Long: one pass over the tags the model returned; each way a tag can come back damaged is
    # handled beside the others, in the order they are recognised.
    if not tagged.has_tags:
        return Decoded(translation, ())
    text = _tidy(translation, list(tagged.table))
    events: list[tuple[int, int, str]] = []  # (position in plain text, tag number, form)
    seen: set[tuple[int, str]] = set()
    plain: list[str] = []
    pos = length = 0
    for m in _LOOSE.finditer(text):
        n = int(m.group(2))
        if n not in tagged.table:
            if m.group(4) and m.group(0).startswith("[") and m.group(0) not in tagged.plain:
                # a tag number the model made up ("[5]" for "[1]"): removed, not text
                piece = text[pos : m.start()]
                plain.append(piece)
                length += len(piece)
                pos = m.end()
            continue  # a number that was text in the source ("[3]" footnote) stays text
        kind = tagged.table[n][0]
        broken = m.group(4) is None  # "[/2": removed from the text, the tag counts as lost
        form = "close" if m.group(1) else ("point" if kind == "point" else "open")
        drop = broken or (kind == "pair" and m.group(3)) or (n, form) in seen
        seen.add((n, form))
        piece = text[pos : m.start()]
        if plain and plain[-1][-1:] in (" ", "\t") and piece[:1] in (" ", "\t"):
            piece = piece[1:]  # "met [2/] today": one space, not two
        plain.append(piece)
        length += len(piece)
        pos = m.end()
        if not drop:  # a broken tag, "[1/]" for a span, a duplicate: removed, not a mark
            events.append((length, n, form))
    rest = text[pos:]
    if plain and plain[-1][-1:] in (" ", "\t") and rest[:1] in (" ", "\t"):
        rest = rest[1:]
    plain.append(rest)
    out_text = "".join(plain)
    out_text, events = _strip_edges(out_text, events)
    # Spans must open before they close and nest; anything else counts as lost.
    first = {(n, f): p for p, n, f in events}
    pairs = {n for _, n, f in events if f == "open" and (n, "close") in first}
    pairs = {n for n in pairs if first[(n, "open")] <= first[(n, "close")]}
    points_seen = {n for _, n, f in events if f == "point"}
    kept = _drop_broken([e for e in events if e[2] == "point" or e[1] in pairs])
    good = {n for _, n, f in kept if f != "point"}
    restored: list[str] = []
    problems: list[str] = []
    for n, (kind, what) in tagged.table.items():
        if kind == "point" and n not in points_seen:
            assert isinstance(what, Mark)
            at = _near(out_text, tagged, n)
            kept = _insert(kept, (at, n, "point"))
            problems.append(
                f"markup: the model lost {_label(what)}; put back near its place, check it"
            )
        elif kind == "pair" and n not in good:
            assert isinstance(what, tuple)
            inner = _inner_text(tagged, n)
            span = _find_words(out_text, inner, kept) if inner.strip() else None
            half = _from_one_end(out_text, inner, events, n, kept) if span is None else None
            if span is not None:
                kept = _insert_pair(kept, span[0], span[1], n)
                restored.append(f"markup: {_label(what[0])} put back around '{inner.strip()}'")
            elif half is not None:
                kept = _insert_pair(kept, half[0], half[1], n)
                problems.append(
                    f"markup: the model lost one end of {_label(what[0])} around "
                    f"'{inner.strip()}'; put back over as many words, check it"
                )
            else:
                end = len(out_text)
                kept = _insert_pair(kept, end, end, n)
                problems.append(
                    f"markup: the model lost {_label(what[0])} around '{inner.strip()}'; "
                    "put back empty at the end of the sentence, place it by hand"
                )
    marks: list[tuple[int, Mark]] = []
    for at, n, form in kept:
        kind, what = tagged.table[n]
        if kind == "point":
            assert isinstance(what, Mark)
            marks.append((at, what))
        else:
            assert isinstance(what, tuple)
            marks.append((at, what[0] if form == "open" else what[1]))
    return Decoded(out_text, tuple(marks), tuple(restored), tuple(problems))


def _strip_edges(
    text: str, events: list[tuple[int, int, str]]
) -> tuple[str, list[tuple[int, int, str]]]:
    """Trim the text's outer whitespace, keeping marks on their characters."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return body, [(min(max(0, p - lead), len(body)), n, f) for p, n, f in events]


def _drop_broken(events: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Remove spans that do not nest with the others, so what remains is well formed."""
    while True:
        stack: list[int] = []
        bad: int | None = None
        for _, n, form in events:
            if form == "open":
                stack.append(n)
            elif form == "close":
                if not stack or stack[-1] != n:
                    bad = n
                    break
                stack.pop()
        if bad is None and not stack:
            return events
        if bad is None:
            bad = stack[-1]
        events = [e for e in events if e[1] != bad or e[2] == "point"]


def _insert(
    events: list[tuple[int, int, str]], event: tuple[int, int, str]
) -> list[tuple[int, int, str]]:
    """Insert keeping positions sorted: an open goes after, a close before, what stands there."""
    at, _, form = event
    i = 0
    while i < len(events) and (events[i][0] < at or (events[i][0] == at and form != "close")):
        i += 1
    return [*events[:i], event, *events[i:]]


def _from_one_end(
    text: str,
    inner: str,
    events: Sequence[tuple[int, int, str]],
    n: int,
    kept: Sequence[tuple[int, int, str]],
) -> tuple[int, int] | None:
    """A span from the end the model kept, over as many words as the source span had."""
    ends = {f: p for p, k, f in events if k == n}
    words = len(inner.split())
    if words == 0 or len(ends) != 1:
        return None
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    stops = [m.end() for m in re.finditer(r"\S+", text)]
    if "open" in ends:
        at = ends["open"]
        following = [i for i, s in enumerate(starts) if s >= at]
        if not following:
            return None
        span = (at, stops[min(len(stops) - 1, following[0] + words - 1)])
    else:
        at = ends["close"]
        before = [i for i, e in enumerate(stops) if e <= at]
        if not before:
            return None
        span = (starts[max(0, before[-1] - words + 1)], at)
    return span if _crosses_none(span, kept) else None


def _crosses_none(span: tuple[int, int], events: Sequence[tuple[int, int, str]]) -> bool:
    at, end = span
    opens: dict[int, int] = {}
    for p, n, form in events:
        if form == "open":
            opens[n] = p
        elif form == "close" and n in opens:
            o = opens[n]
            if (o < at < p < end) or (at < o < end < p):
                return False
    return True


def _insert_pair(
    events: list[tuple[int, int, str]], start: int, end: int, n: int
) -> list[tuple[int, int, str]]:
    """Insert a span: its open after what stands at `start`, its close right after the open
    or before what stands at `end`, so it is the innermost span there."""
    events = _insert(events, (start, n, "open"))
    i = events.index((start, n, "open")) + 1
    while i < len(events) and events[i][0] < end:
        i += 1
    return [*events[:i], (end, n, "close"), *events[i:]]


def _source_events(tagged: Tagged) -> list[tuple[int, int, str]]:
    events = []
    length = pos = 0
    for m in _TAG.finditer(tagged.text):
        n = int(m.group(2))
        if n not in tagged.table:
            continue
        length += m.start() - pos
        pos = m.end()
        events.append((length, n, "close" if m.group(1) else "open"))
    return events


def _inner_text(tagged: Tagged, n: int) -> str:
    where = {(k, f): p for p, k, f in _source_events(tagged)}
    return tagged.plain[where.get((n, "open"), 0) : where.get((n, "close"), 0)]


def _near(text: str, tagged: Tagged, n: int) -> int:
    """Where a lost point goes: at the same share of the text, moved to a word boundary."""
    where = {k: p for p, k, _ in _source_events(tagged)}
    share = where.get(n, len(tagged.plain)) / max(1, len(tagged.plain))
    at = round(share * len(text))
    if at >= len(text):
        return len(text)
    spaces = [m.start() for m in re.finditer(r"\s", text)]
    return min(spaces, key=lambda s: abs(s - at)) if spaces else len(text)


def _find_words(
    text: str, inner: str, events: Sequence[tuple[int, int, str]]
) -> tuple[int, int] | None:
    """The place of the same words in the translation, if a span can wrap them there."""
    words = inner.strip()
    at = text.find(words)
    if at < 0:
        return None
    end = at + len(words)
    opens: dict[int, int] = {}
    for p, n, form in events:
        if form == "open":
            opens[n] = p
        elif form == "close" and n in opens:
            o = opens[n]
            if (o < at < p < end) or (at < o < end < p):
                return None  # would cross an existing span
    return at, end


def project(marks: Marks, before: str, after: str) -> Marks:
    """Move marks from `before` to `after` (a repaired text) along their longest common parts."""
    if before == after or not marks:
        return marks
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()

    def moved(pos: int, right: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" and i1 <= pos <= i2:
                return j1 + pos - i1
            if i1 <= pos < i2 or (pos == i2 and i1 == i2 and tag == "insert"):
                return j2 if right else j1
        return len(after)

    return tuple((moved(p, m.kind == CLOSE), m) for p, m in marks)
