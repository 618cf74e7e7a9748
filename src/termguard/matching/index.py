"""The compiled index of one language of a glossary, and the one-call find_terms over it."""

from __future__ import annotations

import weakref

from termguard.glossary.model import Concept, Glossary, Term
from termguard.lang import get_language
from termguard.lang.normalize import fold_term
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
        if not candidates and not near_misses:
            return []
        if len(candidates) > 1:
            prefer_literal(candidates, folded)
        hits = [c for c in candidates if not c.note]
        chosen = select(hits, len(words))
        if near_misses:
            chosen = self._with_near_misses(chosen, candidates, words, spans, ftext)
        return [to_hit(c, folded, self.lang) for c in sorted(chosen, key=by_position)]

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
