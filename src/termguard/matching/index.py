"""The compiled index of one language of a glossary, and the one-call find_terms over it."""

from __future__ import annotations

import weakref
from dataclasses import replace

from termguard.glossary.model import Concept, Glossary, Term
from termguard.lang import get_language
from termguard.lang.normalize import Folded, fold_term
from termguard.matching.hits import (
    Candidate,
    TermHit,
    by_position,
    fits,
    overlap,
    prefer_literal,
    select,
    to_hit,
)
from termguard.matching.near import NearMisses
from termguard.matching.patterns import Patterns, Reading
from termguard.matching.scan import Scanner
from termguard.matching.unspaced import UnspacedIndex


class TermIndex:
    """The terms of one language of a glossary, compiled for matching (see termguard.matching).

    Its parts: the compiled patterns (patterns.py), the scan for exact and inflected hits
    (scan.py), the near-miss index (near.py), or for an unspaced language the whole-string
    index (unspaced.py).
    """

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.language = language = get_language(lang)
        self.lang = lang
        self.terms: list[tuple[Concept, Term]] = list(glossary.terms(lang))
        self._unspaced: UnspacedIndex | None = None
        if not language.spaced:
            self._unspaced = UnspacedIndex(self.terms, language)
            entries = []
        else:
            entries = [
                entry
                for concept, term in self.terms
                for entry in language.term_entries(concept, term, fold_term(term.text))
            ]
        self.patterns = Patterns(language, entries)
        self.near = NearMisses(self.patterns, language)
        for entry in entries:
            self.near.add_entry(entry)
        self.scanner = Scanner(self.patterns, language)
        #: Collocations in which a concept's terms are something else (its policy's exclude).
        self.excludes: dict[str, tuple[str, ...]] = {
            c.id: tuple(fold_term(x).casefold() for x in c.policy.exclude)
            for c in glossary
            if c.policy.exclude
        }

    def probe(self, word: str) -> tuple[Reading, ...]:
        """(key, remainder, case-sensitive) readings of a text word that some pattern knows."""
        return self.patterns.probe(word)

    def find(self, text: str, *, near_misses: bool = True) -> list[TermHit]:
        """Every term of this index in `text` (see find_terms)."""
        folded = self.language.normalise(text)
        if self._unspaced is not None:
            return self._unspaced.find(folded, self.lang, near_misses=near_misses)
        ftext = folded.text
        spans = self.language.word_spans(ftext)
        words = [ftext[s:e] for s, e in spans]
        candidates = self.scanner.candidates(words, spans, ftext)
        if self.excludes and candidates:
            candidates = self._without_excluded(candidates, ftext)
        if not candidates and not near_misses:
            return []
        if len(candidates) > 1:
            prefer_literal(candidates, folded)
        hits = [c for c in candidates if not c.note]
        chosen = select(hits, len(words))
        if near_misses:
            chosen = self._with_near_misses(chosen, candidates, words, spans, ftext)
        return [_with_nested(c, hits, folded, self.lang) for c in sorted(chosen, key=by_position)]

    def _without_excluded(self, candidates: list[Candidate], text: str) -> list[Candidate]:
        """Candidates that do not lie in a collocation their concept excludes ("Батыс
        Қазақстан" is a region, not the Republic; "APK file" is no Assembly)."""
        low: str | None = None
        out = []
        for c in candidates:
            phrases = self.excludes.get(c.entry.concept)
            if phrases:
                low = text.casefold() if low is None else low
                if any(_covers(low, p, c.start, c.end) for p in phrases):
                    continue
            out.append(c)
        return out

    def _with_near_misses(
        self,
        chosen: list[Candidate],
        candidates: list[Candidate],
        words: list[str],
        spans: list[tuple[int, int]],
        text: str,
    ) -> list[Candidate]:
        """The chosen hits with the best near misses among them.

        A near miss may cover hits that lie wholly inside it (the Қазақстан in a misspelt
        Қазақстан халқы Асамблеясы), never part of one.
        """
        free = bytearray(b"\x01") * len(words)
        for c in chosen:
            free[c.first : c.last + 1] = b"\x00" * (c.last - c.first + 1)
        near = [c for c in candidates if c.note and fits(c, chosen)]
        near.extend(c for c in self.near.candidates(words, spans, text, free) if fits(c, chosen))
        if near:
            near = select(near, len(words), by_score=True)
            chosen = [c for c in chosen if not any(overlap(c, m) for m in near)]
            chosen += near
        return chosen


def _covers(text: str, phrase: str, start: int, end: int) -> bool:
    """True if an occurrence of `phrase` in `text` shares a character with start..end."""
    at = text.find(phrase, max(0, start - len(phrase)))
    while at != -1 and at < end:
        if at + len(phrase) > start:
            return True
        at = text.find(phrase, at + 1)
    return False


def _with_nested(c: Candidate, hits: list[Candidate], folded: Folded, lang: str) -> TermHit:
    """The hit of `c`, carrying the other concepts' readings inside or across its words."""
    hit = to_hit(c, folded, lang)
    if c.note or len(hits) < 2:
        return hit
    inner: dict[str, TermHit] = {}
    for o in sorted(hits, key=Candidate.order):
        concept = o.entry.concept
        if o is c or concept == hit.concept or concept in inner or not overlap(o, c):
            continue
        inner[concept] = to_hit(o, folded, lang)
    if not inner:
        return hit
    return replace(hit, nested=tuple(sorted(inner.values(), key=lambda h: (h.start, h.end))))


_INDEXES: dict[tuple[int, str], TermIndex] = {}


def compile_index(glossary: Glossary, lang: str) -> TermIndex:
    """The compiled index of `lang` for `glossary`, built once and kept while the glossary lives."""
    key = (id(glossary), lang)
    index = _INDEXES.get(key)
    if index is None:
        index = TermIndex(glossary, lang)
        if not any(k[0] == id(glossary) for k in _INDEXES):
            weakref.finalize(glossary, _forget, id(glossary))
        _INDEXES[key] = index
    return index


def _forget(glossary_id: int) -> None:
    for key in [k for k in _INDEXES if k[0] == glossary_id]:
        del _INDEXES[key]


def find_terms(
    text: str, lang: str, glossary: Glossary, *, near_misses: bool = True
) -> list[TermHit]:
    """Every occurrence of every term of `lang` in `text`, sorted by position.

    Overlapping matches are resolved longest first (then the cheaper reading, the better
    status, the concept id). With `near_misses`, words that are probably a misspelt or
    variant spelling of a term come back too, as kind "near-miss" with a score.
    """
    return compile_index(glossary, lang).find(text, near_misses=near_misses)
