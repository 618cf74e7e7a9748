"""Near misses: text words that are probably a misspelt or variant spelling of a term word.

A deletion index (every target and its one-letter deletions, the first letter kept) finds the
targets one edit from a word in a few lookups whatever the glossary's size; a language may add
targets as typed on another keyboard (Kazakh with Russian letters: Токаев for Тоқаев). A
target is a term word's key, or what the language looks near misses up by (a Russian stem). A
near miss counts only in context: a one-word term's word anywhere, a longer term's word only
beside the term's next (or, for its last word, previous) word.
"""

from __future__ import annotations

from dataclasses import dataclass

from termguard.lang.base import Language
from termguard.lang.terms import TermEntry, WordPattern
from termguard.matching.hits import Candidate
from termguard.matching.patterns import Owner, Patterns

#: Near misses need this much similarity (rapidfuzz ratio) and this many letters.
NEAR_MISS_SCORE = 85.0
NEAR_MISS_MIN_LEN = 5

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class NearTarget:
    """A text word read as a misspelling of `target` (with `rem` after it, for Kazakh)."""

    target: str
    rem: str
    score: float
    note: str
    glue: int  # for a glued word: the length of the term part, else -1


def deletions(word: str) -> list[str]:
    """The word and its one-letter deletions, the first letter kept (typos rarely hit it)."""
    return [word, *(word[:i] + word[i + 1 :] for i in range(1, len(word)))]


class NearMisses:
    """The near-miss index of one language's terms, and the search of a text with it."""

    def __init__(self, patterns: Patterns, language: Language) -> None:
        self.patterns = patterns
        self.language = language
        # Deletion variants -> targets (a key, or for Russian a rough stem) -> the term words
        # they stand for: of one-word terms, or of longer terms by the key of the next word
        # (the previous one for a last word), which the text must have.
        self.near: dict[str, list[str]] = {}
        self.near_fold: dict[str, list[str]] = {}
        self.owners: dict[str, list[Owner]] = {}
        self.owners_next: dict[tuple[str, str, bool], list[Owner]] = {}
        self.owners_prev: dict[tuple[str, str, bool], list[Owner]] = {}
        self._targets: set[str] = set()
        self._near_cache: dict[str, list[NearTarget]] = {}
        self._target_cache: dict[str, list[tuple[str, float, str]]] = {}

    def add_entry(self, entry: TermEntry) -> None:
        """Index every case-insensitive word of a term."""
        for i, pattern in enumerate(entry.patterns):
            if not pattern.case_sensitive:
                self.add(entry, i, pattern)

    def add(self, entry: TermEntry, index: int, pattern: WordPattern) -> None:
        """Index a word of a term for near misses (see readings)."""
        language = self.language
        targets: dict[str, str] = {}
        for key in pattern.keys:
            targets.setdefault(language.near_stem(key), key)
        min_len = language.near_miss_min_len
        n = len(entry.patterns)
        if not language.checks_spelling(entry.term, n):
            return
        for target, key in targets.items():
            fuzzy = len(target) >= min_len and target.isalpha()
            typed = language.keyboard_variant(target) if len(target) >= 4 else target
            folds = typed != target
            if not fuzzy and not folds:
                continue
            if target not in self._targets:
                self._targets.add(target)
                if fuzzy:
                    for variant in deletions(target):
                        self.near.setdefault(variant, []).append(target)
                if folds:
                    self.near_fold.setdefault(typed, []).append(target)
            owner = Owner(entry, index, key)
            if n == 1:
                self.owners.setdefault(target, []).append(owner)
            else:
                table, other = (
                    (self.owners_next, index + 1)
                    if index < n - 1
                    else (self.owners_prev, index - 1)
                )
                neighbour = entry.patterns[other]
                for k in neighbour.keys:
                    table.setdefault((target, k, neighbour.case_sensitive), []).append(owner)

    # -------------------------------------------------------------- one word

    def targets(self, query: str) -> list[tuple[str, float, str]]:
        """(target, score, note) one edit from `query` (not in its first letter), or spelt
        like it with Russian letters for Kazakh ones (Токаев for Тоқаев)."""
        found = self._target_cache.get(query)
        if found is not None:
            return found
        from rapidfuzz import fuzz

        out: list[tuple[str, float, str]] = []
        if self.near_fold and self.language.keyboard_variant(query) == query:
            # A word with no Kazakh letters at all, typed on a Russian keyboard.
            for target in self.near_fold.get(query, ()):
                out.append((target, fuzz.ratio(query, target), "Russian letters"))
        if len(query) >= self.language.near_miss_min_len:
            seen = {t for t, _, _ in out}
            near = self.near
            for variant in deletions(query):
                targets = near.get(variant)
                if targets is None:
                    continue
                for target in targets:
                    if target in seen or self.another_form(query, target):
                        continue
                    seen.add(target)
                    score = fuzz.ratio(query, target)
                    if score >= NEAR_MISS_SCORE:
                        out.append((target, score, "spelling"))
        if len(self._target_cache) > 200_000:
            self._target_cache.clear()
        self._target_cache[query] = out
        return out

    def another_form(self, query: str, target: str) -> bool:
        """True if one word is the other plus an ending: another form (кезең, кезеңі), not a
        misspelling. For Kazakh the ending must be a suffix chain (концепци- for концепция-
        is a misspelling)."""
        if target.startswith(query):
            tail = target[len(query) :]
        elif query.startswith(target):
            tail = query[len(target) :]
        else:
            return False
        return not self.language.suffixing or tail in self.patterns.remainders

    def readings(self, word: str) -> list[NearTarget]:
        """What an unmatched text word may be a misspelling of, whatever its context; cached."""
        found = self._near_cache.get(word)
        if found is not None:
            return found
        if len(self._near_cache) > 200_000:
            self._near_cache.clear()
        found = []
        low = word.lower()
        language = self.language
        if language.suffixing:
            n = len(low)
            remainders = self.patterns.remainders
            for r in self.patterns.rem_lengths if n == len(word) else ():
                if n - r < 4:
                    break
                rem = low[n - r :] if r else ""
                if rem in remainders:
                    for target, score, note in self.targets(low[: n - r]):
                        found.append(NearTarget(target, rem, score, note, -1))
        else:
            # Whether a dictionary knows the word (then it is no misspelling) is asked only
            # when a near miss is found in context: it is the slow question.
            query = language.near_stem(language.key(word))
            found = [NearTarget(t, "", score, note, -1) for t, score, note in self.targets(query)]
        self._near_cache[word] = found
        return found

    # -------------------------------------------------------------- in context

    def candidates(
        self, words: list[str], spans: Spans, text: str, free: bytearray
    ) -> list[Candidate]:
        """Near-miss candidates around each word that no hit covers (free[i] is 1)."""
        out: list[Candidate] = []
        cache = self._near_cache
        probe = self.patterns.probe
        last = len(words) - 1
        for i, word in enumerate(words):
            if not free[i] or len(word) < 4:
                continue
            readings = cache.get(word)
            if readings is None:
                readings = self.readings(word)
            if not readings:
                continue
            seen: set[tuple[int, int]] = set()
            for t in readings:
                owners: list[Owner] = list(self.owners.get(t.target, ()))
                if t.glue < 0 and i < last:
                    for k2, _, cs2 in probe(words[i + 1]):
                        owners.extend(self.owners_next.get((t.target, k2, cs2), ()))
                if i > 0:
                    for k0, _, cs0 in probe(words[i - 1]):
                        owners.extend(self.owners_prev.get((t.target, k0, cs0), ()))
                for o in owners:
                    slot = (id(o.entry), o.index)
                    if slot in seen:
                        continue
                    pattern = o.entry.patterns[o.index]
                    if pattern.capital and not word[:1].isupper():
                        continue
                    if t.glue < 0 and not any(t.rem in a for a, _ in pattern.keys.get(o.key, ())):
                        continue
                    cand = self.align(o, t, i, words, spans, text)
                    if cand is None or self.language.is_known_word(word):
                        continue
                    seen.add(slot)
                    out.append(cand)
        return out

    def align(
        self,
        owner: Owner,
        reading: NearTarget,
        i: int,
        words: list[str],
        spans: Spans,
        text: str,
    ) -> Candidate | None:
        """The near-miss candidate for a reading of token i, if the term's other words are there."""
        entry, index = owner.entry, owner.index
        first = i - index
        n = len(entry.patterns)
        if first < 0 or first + n > len(words):
            return None
        patterns = self.patterns
        for k in range(n):
            j = first + k
            if k > 0 and patterns.gap(text, spans, j) != entry.gaps[k - 1]:
                return None
            if k != index:
                p = entry.patterns[k]
                if patterns.word_match(p, words[j], patterns.probe(words[j])) is None:
                    return None
        start, end = spans[first][0], spans[first + n - 1][1]
        if reading.glue >= 0:
            end = spans[i][0] + reading.glue
        cand = Candidate(first, first + n - 1, start, end, entry, 1, False, False)
        cand.score, cand.note = round(reading.score, 1), reading.note
        return cand
