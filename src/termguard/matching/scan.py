"""Scanning a text for terms: every candidate hit, exact or inflected, left to right.

Each text word is probed once (its readings are cached) and looked up among the first words of
the terms; a candidate is extended over the term's other words, the gaps between them, its
agreement and its capitals, and dropped where the context gives the word another sense. Words
that run on into the next one (scraped Kazakh text that lost a space) give candidates that end
inside a word.
"""

from __future__ import annotations

from termguard.lang.base import Language
from termguard.lang.terms import TermEntry, WordPattern, sentence_start
from termguard.matching.hits import Candidate, balance, punctuation
from termguard.matching.patterns import Owner, Patterns, Reading

Spans = list[tuple[int, int]]


class Scanner:
    """Finds the candidate hits of a text in compiled patterns (see the module doc)."""

    def __init__(self, patterns: Patterns, language: Language) -> None:
        self.patterns = patterns
        self.language = language
        self._gap_key = language.gap_key  # bound once: asked between every two words of a term
        self._glue_cache: dict[str, list[tuple[Owner, int]]] = {}

    def candidates(self, words: list[str], spans: Spans, text: str) -> list[Candidate]:
        """Every candidate whose first word is a word of the text, then the glued ones."""
        patterns = self.patterns
        cache = patterns.probe_cache
        probe = patterns.probe
        single, multi = patterns.single, patterns.multi
        last = len(words) - 1
        candidates: list[Candidate] = []
        for i, word in enumerate(words):
            readings = cache.get(word)
            if readings is None:
                readings = probe(word)
            if patterns.cs_lower and word[:1].isupper() and sentence_start(text, spans, i):
                # A case-sensitive lower-case term opening a sentence (Құрылтай ...).
                decapitalised = word[:1].lower() + word[1:]
                readings += tuple(r for r in probe(decapitalised) if r[2])
            if not readings:
                continue
            following: tuple[Reading, ...] | None = None
            for key, rem, cs in readings:
                for entry, pattern in single.get((key, cs), ()):
                    cand = self.extend(entry, pattern, i, key, rem, words, spans, text)
                    if cand is not None:
                        candidates.append(cand)
                table = multi.get((key, cs))
                if table is None or i == last:
                    continue
                if following is None:
                    following = probe(words[i + 1])
                for key2, _, cs2 in following:
                    for entry in table.get((key2, cs2), ()):
                        cand = self.extend(entry, entry.patterns[0], i, key, rem, words, spans,
                                           text)  # fmt: skip
                        if cand is not None:
                            candidates.append(cand)
        if patterns.glue:
            candidates.extend(self.glued_candidates(words, spans, text))
        return candidates

    def extend(
        self,
        entry: TermEntry,
        pattern: WordPattern,
        i: int,
        key: str,
        rem: str,
        words: list[str],
        spans: Spans,
        text: str,
    ) -> Candidate | None:
        """The candidate for `entry` whose first word is token i, if the rest follows."""
        n = len(entry.patterns)
        if i + n > len(words):
            return None
        word_match, probe, gap_key = self.patterns.word_match, self.patterns.probe, self._gap_key
        first = word_match(pattern, words[i], ((key, rem, pattern.case_sensitive),))
        if first is None:
            return None
        cost, inflected, variant, agree = first
        variant = variant or entry.variant
        capitals_ok = not pattern.capital or words[i][:1].isupper()
        for k in range(1, n):
            j = i + k
            if gap_key(text[spans[j - 1][1] : spans[j][0]]) != entry.gaps[k - 1]:
                return None
            p = entry.patterns[k]
            m = word_match(p, words[j], probe(words[j]))
            if m is None:
                return None
            cost += m[0]
            inflected = inflected or m[1]
            variant = variant or m[2]
            if m[3] is not None:
                agree = m[3] if agree is None else self.language.agree(agree, m[3])
                if not agree:
                    return None
        if n == 1 and self.other_sense(entry, key, i, words, spans, text):
            return None
        start, end = spans[i][0], spans[i + n - 1][1]
        if entry.lead or entry.trail:
            start, end = punctuation(text, start, end, entry)
        if n > 1:
            start, end = balance(text, start, end)
        cand = Candidate(i, i + n - 1, start, end, entry, cost, inflected, variant)
        if not capitals_ok:
            if n < 2:
                return None
            cand.note, cand.score = "capitals", 90.0
        return cand

    def other_sense(
        self, entry: TermEntry, key: str, i: int, words: list[str], spans: Spans, text: str
    ) -> bool:
        """True if a one-word term at word i is, by its context, something else."""
        term = entry.term
        end = spans[i][1]
        after = text[end:].lstrip(" ")
        if term.pos == "proper-noun" and after[:1] in ("«", '"', "“") and after[1:2].isupper():
            # part of a quoted name: ВКО «Алмаз-Антей» is no region; a quotation that
            # follows (отношения с ЕС «точно откалиброваны») starts in lower case
            return True
        return self.language.other_sense_at(term, key, i, words, spans, text)

    # -------------------------------------------------------------- words glued together

    def glued(self, word: str) -> list[tuple[Owner, int]]:
        """(owner, length of the term part) where a term's last word has the next word glued
        on (Ассамблеясығимаратында: the term ends after -сы); cached."""
        found = self._glue_cache.get(word)
        if found is not None:
            return found
        if len(self._glue_cache) > 200_000:
            self._glue_cache.clear()
        found = []
        low = word.lower()
        if len(low) == len(word):
            for length in self.patterns.glue_lengths:
                if length > len(low) - 4:
                    break
                owners = self.patterns.glue.get(low[:length])
                if not owners:
                    continue
                rest = low[length:]
                glued = self.language.glued_rest
                for owner in owners:
                    options = owner.entry.patterns[owner.index].keys[owner.key]
                    for cut in range(len(rest) - 3, -1, -1):
                        chain = rest[:cut]
                        if any(chain in a for a, _ in options) and glued(rest[cut:]):
                            found.append((owner, length + cut))
                            break
        self._glue_cache[word] = found
        return found

    def glued_candidates(self, words: list[str], spans: Spans, text: str) -> list[Candidate]:
        """Hits ending inside a word that runs on into the next one, for scraped Kazakh text."""
        out = []
        cache = self._glue_cache
        patterns = self.patterns
        for i, word in enumerate(words):
            if len(word) < 7:
                continue
            glued = cache.get(word)
            if glued is None:
                glued = self.glued(word)
            for owner, length in glued:
                entry = owner.entry
                pattern = entry.patterns[owner.index]
                first = i - owner.index
                if first < 0 or (pattern.capital and owner.index == 0 and not word[:1].isupper()):
                    continue
                cost = inflected = 0
                ok = True
                for k in range(owner.index):
                    j = first + k
                    if k > 0 and patterns.gap(text, spans, j) != entry.gaps[k - 1]:
                        ok = False
                        break
                    m = patterns.word_match(entry.patterns[k], words[j], patterns.probe(words[j]))
                    if m is None or (
                        k == 0 and entry.patterns[0].capital and not words[j][:1].isupper()
                    ):
                        ok = False
                        break
                    cost += m[0]
                    inflected |= m[1]
                if not ok or (
                    owner.index and patterns.gap(text, spans, i) != entry.gaps[owner.index - 1]
                ):
                    continue
                end = spans[i][0] + length
                inflected |= length > len(owner.key)
                out.append(Candidate(first, i, spans[first][0], end, entry, cost + 1,
                                     bool(inflected), False))  # fmt: skip
        return out
