"""What the matcher finds: TermHit, and the candidates it chooses among (longest first).

Candidates index the folded text and its words; `to_hit` maps one back to the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

from termguard.glossary.model import Term
from termguard.lang.normalize import Folded
from termguard.lang.terms import QUOTES, TermEntry

#: How a hit matched, from the most to the least literal.
KINDS = ("exact", "normalised", "abbreviation", "inflected", "near-miss")


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary term in a text; start/end index the ORIGINAL text."""

    concept: str
    term: str
    lang: str
    start: int
    end: int
    surface: str
    kind: str
    status: str = "preferred"
    score: float = 100.0
    note: str = ""  # why a near miss is one: "spelling", "Russian letters" or "capitals"
    #: Hits of other concepts read inside this one or across its words, which the longer
    #: reading won over (the Қазақстан in Қазақстан халқы Ассамблеясы Кеңесі).
    nested: tuple[TermHit, ...] = ()

    def concepts(self) -> set[str]:
        """This hit's concept and the concepts nested in it."""
        return {self.concept, *(n.concept for n in self.nested)}


@dataclass
class Candidate:
    """A possible hit: words first..last of the text, a span of the folded text, its cost."""

    first: int  # token indices, inclusive
    last: int
    start: int  # folded offsets
    end: int
    entry: TermEntry
    cost: int
    inflected: bool
    variant: bool
    score: float = 100.0
    note: str = ""

    def order(self) -> tuple[int, int, int, tuple[int, str, str], int]:
        return (
            -(self.end - self.start),
            -(self.last - self.first),
            self.cost,
            self.entry.rank,
            self.start,
        )


def prefer_literal(candidates: list[Candidate], folded: Folded) -> None:
    """Among readings of the same span, favour the term written exactly as the text has it
    (волонтёр and волонтер fold alike; the text decides which of the two it is)."""
    spans: dict[tuple[int, int], int] = {}
    for c in candidates:
        spans[c.start, c.end] = spans.get((c.start, c.end), 0) + 1
    for c in candidates:
        if spans[c.start, c.end] > 1:
            start, end = folded.span(c.start, c.end)
            if folded.original[start:end] != c.entry.term.text:
                c.cost += 1


def overlap(a: Candidate, b: Candidate) -> bool:
    """True if the two candidates share a word."""
    return a.first <= b.last and b.first <= a.last


def fits(near: Candidate, hits: list[Candidate]) -> bool:
    """True if every hit the near miss touches lies inside it."""
    return all(near.first <= h.first and h.last <= near.last for h in hits if overlap(h, near))


def punctuation(text: str, start: int, end: int, entry: TermEntry) -> tuple[int, int]:
    """Widen a hit over the term's own leading/trailing punctuation where the text has it."""
    if entry.lead:
        lead = entry.lead
        if text.startswith(lead, start - len(lead)) or (
            lead[-1] in QUOTES and start > 0 and text[start - 1] in QUOTES
        ):
            start -= len(lead) if text.startswith(lead, start - len(lead)) else 1
    if entry.trail:
        trail = entry.trail
        if text.startswith(trail, end):
            end += len(trail)
        elif trail[0] in QUOTES and end < len(text) and text[end] in QUOTES:
            end += 1
    return start, end


_OPENING = "«“„‹"
_CLOSING = "»”‟›"


def balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a quote mark next to a hit whose inside has its partner («Бірлік» қоғамдық ...)."""
    inside = text[start:end]
    opened = sum(inside.count(q) for q in _OPENING)
    closed = sum(inside.count(q) for q in _CLOSING)
    straight = inside.count('"') % 2
    if (closed > opened or straight) and start > 0 and text[start - 1] in _OPENING + '"':
        start -= 1
    elif (opened > closed or straight) and end < len(text) and text[end] in _CLOSING + '"':
        end += 1
    return start, end


def select(cands: list[Candidate], n: int, *, by_score: bool = False) -> list[Candidate]:
    """Non-overlapping candidates, the longest (or, for near misses, the best) first."""
    if not cands:
        return []
    if by_score:
        cands = sorted(cands, key=lambda c: (-c.score, *c.order()))
    else:
        cands = sorted(cands, key=Candidate.order)
    taken = bytearray(n)
    out = []
    for c in cands:
        if any(taken[c.first : c.last + 1]):
            continue
        taken[c.first : c.last + 1] = b"\x01" * (c.last - c.first + 1)
        out.append(c)
    return out


def by_position(c: Candidate) -> tuple[int, int]:
    return c.start, c.end


def kind_of(surface: str, term: Term, folded: bool, inflected: bool) -> str:
    """exact, normalised (folding or spelling), abbreviation or inflected, in that precedence."""
    if folded:
        return "normalised"
    if term.is_abbreviation:
        return "abbreviation"
    written = " ".join(surface.split())
    if written == term.text or (not term.case_sensitive and written.lower() == term.text.lower()):
        return "exact"
    if term.case_sensitive and written[:1].lower() + written[1:] == term.text:
        return "exact"  # a lower-case term opening a sentence
    return "inflected" if inflected else "normalised"


def to_hit(c: Candidate, folded: Folded, lang: str) -> TermHit:
    """The hit a chosen candidate stands for, located in the original text."""
    start, end = folded.span(c.start, c.end)
    term = c.entry.term
    surface = folded.original[start:end]
    kind = kind_of(surface, term, folded.was_changed(start, end), c.inflected)
    if c.note:
        kind = "near-miss"
    return TermHit(
        c.entry.concept,
        term.text,
        lang,
        start,
        end,
        surface,
        kind,
        term.status,
        c.score if c.note else 100.0,
        c.note,
    )
