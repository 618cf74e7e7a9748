"""Terms of a language written without spaces (Thai): whole strings on word boundaries.

A term counts only where it starts and ends on a boundary the language's segmenter finds
(pythainlp's newmm for Thai, with the glossary's terms added to its dictionary so a term stays
whole where it fits). There is no inflection to read, but two things stand in for it:

- compounds: Thai puts the head first, so a dictionary word made of a term and more dictionary
  words (ศาลแขวง 'district court', ศาลสูงสุด 'highest court' from ศาล 'court') is a kind of that
  term's concept; the longest term at its start decides which concept (ศาลฎีกา... is the
  Supreme Court's, not the court's), and a word whose rest is no word (ศาลา 'pavilion') or
  that ends in the term (มหาศาล 'enormous') is none;
- near misses: a run of tokens one letter from a term (กฏหมาย for กฎหมาย, ศาลฏีกา for ศาลฎีกา:
  the look-alike ฏ for ฎ) or the term cut short by its last one or two letters
  (ประธานาธิบ for ประธานาธิบดี), where the run is no dictionary word itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from termguard.glossary.model import Concept, Term
from termguard.lang.base import Language
from termguard.lang.normalize import Folded, fold_term
from termguard.lang.terms import STATUS_RANK
from termguard.matching.hits import TermHit, kind_of
from termguard.matching.near import NEAR_MISS_SCORE, deletions

#: Near misses of unspaced terms need this many characters (Thai letters and marks).
NEAR_MIN_LEN = 6
#: How many final characters a term may lose and still be read as itself, cut short.
CUT_SHORT = 2


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
        # term deletion variants -> terms, for near misses (case-insensitive terms only)
        self.near: dict[str, list[str]] = {}
        self.longest = max((len(t) for t in self.exact), default=0)
        for text in self.exact:
            if len(text) >= NEAR_MIN_LEN:
                for variant in deletions(text):
                    self.near.setdefault(variant, []).append(text)
        self.near_lengths = frozenset(len(t) + d for t in self.exact for d in (-1, 0, 1))
        # a piece one edit from a term shares its first two letters, or its first and third
        # (an edit in the second letter): a cheap test before the deletion lookups
        long_terms = [t for t in self.exact if len(t) >= NEAR_MIN_LEN]
        self.near_heads = frozenset(t[:2] for t in long_terms) | frozenset(
            t[0] + t[2] for t in long_terms
        )
        # the longest term starting with each letter, so a run of tokens stops growing there
        self.longest_from: dict[str, int] = {}
        for t in self.exact:
            if len(t) >= NEAR_MIN_LEN:
                self.longest_from[t[:1]] = max(self.longest_from.get(t[:1], 0), len(t))
        # a term cut short by its last letters -> the term
        self.cut_short: dict[str, str] = {}
        for text in sorted(self.exact):
            for cut in range(1, CUT_SHORT + 1):
                if len(text) - cut >= NEAR_MIN_LEN:
                    self.cut_short.setdefault(text[:-cut], text)

    def find(self, folded: Folded, lang: str, *, near_misses: bool = False) -> list[TermHit]:
        """Every term in the folded text, longest first where they overlap; terms heading a
        compound word; with `near_misses`, runs of tokens that are a misspelt term."""
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
        ranges: list[tuple[int, int]] = []  # the tokens of each hit
        for i, j, start, end, _, _, concept, term in cands:
            if any(taken[i : j + 1]):
                continue
            taken[i : j + 1] = b"\x01" * (j - i + 1)
            ranges.append((i, j))
            ostart, oend = folded.span(start, end)
            surface = folded.original[ostart:oend]
            kind = kind_of(surface, term, folded.was_changed(ostart, oend), False)
            hit = TermHit(concept.id, term.text, lang, ostart, oend, surface, kind, term.status)
            hits.append(self._nested(hit, (i, j), cands, folded, lang))
        for i, hit in self._compounds(folded, spans, taken, lang):
            hits.append(hit)
            ranges.append((i, i))
        if near_misses:
            hits = self._near_misses(folded, spans, hits, ranges, lang)
        hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def _nested(
        self,
        hit: TermHit,
        tokens: tuple[int, int],
        cands: list[tuple[int, int, int, int, int, tuple[int, str, str], Concept, Term]],
        folded: Folded,
        lang: str,
    ) -> TermHit:
        """The hit with the other concepts read inside its tokens (รัฐธรรมนูญ in a longer
        term), as the spaced matcher gives them."""
        i, j = tokens
        inner: dict[str, TermHit] = {}
        for a, b, start, end, _, _, other, term in cands:
            if other.id != hit.concept and other.id not in inner and a <= j and i <= b:
                inner[other.id] = self._hit(folded, start, end, lang, other, term)
        if not inner:
            return hit
        return replace(hit, nested=tuple(sorted(inner.values(), key=lambda h: (h.start, h.end))))

    def _hit(
        self, folded: Folded, start: int, end: int, lang: str, concept: Concept, term: Term
    ) -> TermHit:
        ostart, oend = folded.span(start, end)
        surface = folded.original[ostart:oend]
        return TermHit(concept.id, term.text, lang, ostart, oend, surface, "inflected", term.status)

    def _compounds(
        self, folded: Folded, spans: list[tuple[int, int]], taken: bytearray, lang: str
    ) -> list[tuple[int, TermHit]]:
        """Words headed by a term whose rest is dictionary words (ศาลแขวง is a court), with
        their token index."""
        text = folded.text
        language = self.language
        hits: list[tuple[int, TermHit]] = []
        for i, (start, end) in enumerate(spans):
            if taken[i] or end - start < 3:
                continue
            word = text[start:end].lower()
            if word[:1] not in self.prefixes:
                continue
            for k in range(min(len(word) - 1, self.longest), 0, -1):
                head = word[:k]
                found = self.exact.get(head)
                if not found:
                    continue
                rest = self._cut(word[k:]) if self._cut is not None else [word[k:]]
                if all(len(w) > 1 and language.is_known_word(w) for w in rest):
                    concept, term = min(
                        found, key=lambda ct: (STATUS_RANK.get(ct[1].status, 9), ct[0].id)
                    )
                    taken[i] = 1
                    hits.append((i, self._hit(folded, start, end, lang, concept, term)))
                break
        return hits

    def _near_misses(
        self,
        folded: Folded,
        spans: list[tuple[int, int]],
        hits: list[TermHit],
        ranges: list[tuple[int, int]],
        lang: str,
    ) -> list[TermHit]:
        """Runs of tokens one edit from a term, or a term cut short (see module doc); a near
        miss may cover hits that lie wholly inside it (the ศาล of ศาลฏีกา), never part of one.
        Returns the hits with the near misses in place of those they cover."""
        from rapidfuzz import fuzz

        text = folded.text
        owner = [-1] * len(spans)
        for h, (first, last) in enumerate(ranges):
            for k in range(first, last + 1):
                owner[k] = h
        found: list[tuple[int, int, str, float]] = []
        i = 0
        while i < len(spans):
            best: tuple[int, float, str] | None = None
            head = text[spans[i][0] : spans[i][0] + 3].lower()
            limit = self.longest_from.get(head[:1], 0) + 1
            heads = self.near_heads
            if head[:2] not in heads and head[:1] + head[2:3] not in heads:
                limit = 0  # no term begins like this run (whatever its length)
            if limit > 1 and (owner[i] < 0 or i == 0 or owner[i - 1] != owner[i]):
                for j in range(i, len(spans)):
                    if j > i and spans[j][0] != spans[j - 1][1]:
                        break
                    piece = text[spans[i][0] : spans[j][1]].lower()
                    if len(piece) > limit:
                        break
                    if owner[j] >= 0 and j + 1 < len(spans) and owner[j + 1] == owner[j]:
                        continue  # the piece would end inside a hit
                    target = self._near_term(piece)
                    if target is not None:
                        score = fuzz.ratio(piece, target)
                        if score >= NEAR_MISS_SCORE - 5 and (best is None or j > best[0]):
                            best = (j, score, target)
            if best is None:
                i += 1
                continue
            j, score, target = best
            found.append((i, j, target, score))
            i = j + 1
        if not found:
            return hits
        covered = {owner[k] for i, j, _, _ in found for k in range(i, j + 1) if owner[k] >= 0}
        out = [h for n, h in enumerate(hits) if n not in covered]
        for i, j, target, score in found:
            concept, term = self.exact[target][0]
            ostart, oend = folded.span(spans[i][0], spans[j][1])
            surface = folded.original[ostart:oend]
            out.append(
                TermHit(
                    concept.id, term.text, lang, ostart, oend, surface, "near-miss",
                    term.status, score, "spelling",
                )
            )  # fmt: skip
        return out

    def _near_term(self, piece: str) -> str | None:
        """The term `piece` misspells, if any: one edit away (not the term with a letter
        added at its end, which is another word), or cut short by its last letters."""
        if len(piece) < NEAR_MIN_LEN - 1 or piece in self.exact:
            return None
        short = self.cut_short.get(piece)
        if short is not None:
            return None if self.language.is_known_word(piece) else short
        if len(piece) not in self.near_lengths or self.language.is_known_word(piece):
            return None
        for variant in deletions(piece):
            for target in self.near.get(variant, ()):
                if (
                    abs(len(target) - len(piece)) <= 1
                    and target[:1] == piece[:1]
                    and not piece.startswith(target)
                    and not target.startswith(piece)
                ):
                    return target
        return None
