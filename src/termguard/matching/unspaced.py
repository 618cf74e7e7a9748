"""Terms of a language written without spaces (Thai): whole strings on word boundaries.

A term counts only where it starts and ends on a boundary the language's segmenter finds
(pythainlp's newmm for Thai, with the glossary's terms added to its dictionary so a term stays
whole where it fits). There is no inflection to read and no near miss to look for.
"""

from __future__ import annotations

from collections.abc import Callable

from termguard.glossary.model import Concept, Term
from termguard.lang.base import Language
from termguard.lang.normalize import Folded, fold_term
from termguard.lang.terms import STATUS_RANK
from termguard.matching.hits import TermHit, kind_of


class UnspacedIndex:
    """The terms of one unspaced language, by their folded text and every prefix of it."""

    def __init__(self, terms: list[tuple[Concept, Term]], language: Language) -> None:
        self.language = language
        self.exact: dict[str, list[tuple[Concept, Term]]] = {}
        self.exact_cs: dict[str, list[tuple[Concept, Term]]] = {}
        self.prefixes: set[str] = set()
        self.prefixes_cs: set[str] = set()
        words = set()
        for concept, term in terms:
            text = fold_term(term.text)
            if term.case_sensitive:
                table, prefixes = self.exact_cs, self.prefixes_cs
            else:
                text = text.lower()
                table, prefixes = self.exact, self.prefixes
            table.setdefault(text, []).append((concept, term))
            prefixes.update(text[:k] for k in range(1, len(text) + 1))
            words.add(text)
        self.words = frozenset(words)
        self._cut: Callable[[str], list[str]] | None = None

    def find(self, folded: Folded, lang: str) -> list[TermHit]:
        """Every term in the folded text, longest first where they overlap."""
        if self._cut is None:
            self._cut = self.language.segmenter(self.words)
        text = folded.text
        spans = self.language.token_spans(text, self._cut)
        cands: list[tuple[int, int, int, int, int, tuple[int, str, str], Concept, Term]] = []
        for exact, prefixes, lower in (
            (self.exact, self.prefixes, True),
            (self.exact_cs, self.prefixes_cs, False),
        ):
            if not exact:
                continue
            for i, (start, _) in enumerate(spans):
                for j in range(i, len(spans)):
                    end = spans[j][1]
                    piece = text[start:end]
                    if "\n" in piece:
                        break
                    if " " in piece or "\t" in piece or "\n" in piece:
                        piece = " ".join(piece.split())
                    if lower:
                        piece = piece.lower()
                    if piece not in prefixes:
                        break
                    for concept, term in exact.get(piece, ()):
                        rank = (STATUS_RANK.get(term.status, 9), concept.id, term.text)
                        cands.append((i, j, start, end, -(end - start), rank, concept, term))
        cands.sort(key=lambda c: (c[4], c[5], c[2]))
        taken = bytearray(len(spans))
        hits = []
        for i, j, start, end, _, _, concept, term in cands:
            if any(taken[i : j + 1]):
                continue
            taken[i : j + 1] = b"\x01" * (j - i + 1)
            ostart, oend = folded.span(start, end)
            surface = folded.original[ostart:oend]
            kind = kind_of(surface, term, folded.was_changed(ostart, oend), False)
            hits.append(
                TermHit(concept.id, term.text, lang, ostart, oend, surface, kind, term.status)
            )
        hits.sort(key=lambda h: (h.start, h.end))
        return hits
