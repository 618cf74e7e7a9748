"""Compiling term patterns into lookup tables, and reading a text word against them.

The tables are keyed so that the scan costs a few dictionary lookups per text word whatever the
glossary's size: one-word terms by their key, longer terms by the keys of their first two words.
`probe` reduces a text word to the keys some pattern knows (for a suffixing language, a key plus
a suffix chain some pattern allows), cached per word; `word_match` says whether a word fits one
pattern and at what cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from termguard.lang.base import Language
from termguard.lang.terms import EXACT_ONLY, Agreement, TermEntry, WordPattern

#: (key, remainder after it, case-sensitive) of a text word.
Reading = tuple[str, str, bool]
#: (cost, inflected, spelling variant, agreement readings) of a word that fits a pattern.
WordMatch = tuple[int, bool, bool, frozenset[Agreement] | None]


@dataclass(frozen=True)
class Owner:
    """A word of a term that a text word may stand for: word `index` of `entry`, by `key`."""

    entry: TermEntry
    index: int
    key: str


class Patterns:
    """The term patterns of one language, in the tables the scan and the near misses look up."""

    def __init__(self, language: Language, entries: Iterable[TermEntry]) -> None:
        self.language = language
        self._word_form = language.word_form  # bound once: word_match runs for every word tried
        # First words: one-word terms by key; longer terms by their first two keys, so a
        # common first word (мемлекеттік, Қазақстан) costs one lookup, not one per term.
        self.single: dict[tuple[str, bool], list[tuple[TermEntry, WordPattern]]] = {}
        self.multi: dict[tuple[str, bool], dict[tuple[str, bool], list[TermEntry]]] = {}
        self.keys: set[str] = set()  # every key of every pattern, case-insensitive ones
        self.keys_cs: set[str] = set()
        self.remainders: set[str] = {""}
        #: Last words that may have the next word glued on (for languages that glue words).
        self.glue: dict[str, list[Owner]] = {}
        self.probe_cache: dict[str, tuple[Reading, ...]] = {}  # text word -> its readings
        for entry in entries:
            self._add(entry)
        self.rem_lengths = sorted({len(r) for r in self.remainders})
        # Case-sensitive terms may hold lower-case words (Мың бала): look those up always.
        self.cs_any_case = any(not k.isupper() for k in self.keys_cs)
        self.cs_lower = any(k[:1].islower() for k in self.keys_cs)
        self.glue_lengths = sorted({len(k) for k in self.glue})

    def _add(self, entry: TermEntry) -> None:
        first = entry.patterns[0]
        cs = first.case_sensitive
        if len(entry.patterns) == 1:
            for key in first.keys:
                self.single.setdefault((key, cs), []).append((entry, first))
        else:
            second = entry.patterns[1]
            for key in first.keys:
                table = self.multi.setdefault((key, cs), {})
                for key2 in second.keys:
                    table.setdefault((key2, second.case_sensitive), []).append(entry)
        last = entry.patterns[-1]
        if self.language.glues_words and not last.case_sensitive:
            # A last word with the next word glued on (Ассамблеясығимаратында): trusted for a
            # multiword term, or for a long one-word term.
            n = len(entry.patterns)
            for key in last.keys:
                if len(key) >= (3 if n > 1 else 7):
                    self.glue.setdefault(key, []).append(Owner(entry, n - 1, key))
        for pattern in entry.patterns:
            (self.keys_cs if pattern.case_sensitive else self.keys).update(pattern.keys)
            for options in pattern.keys.values():
                for allowed, _ in options:
                    if allowed is not EXACT_ONLY:
                        self.remainders.update(allowed)

    # -------------------------------------------------------------- probing words

    def probe(self, word: str) -> tuple[Reading, ...]:
        """(key, remainder, case-sensitive) readings of a text word that some pattern knows."""
        found = self.probe_cache.get(word)
        if found is not None:
            return found
        if len(self.probe_cache) > 200_000:
            self.probe_cache.clear()
        found = tuple(self._probe(word))
        self.probe_cache[word] = found
        return found

    def _probe(self, word: str) -> Iterable[Reading]:
        language = self.language
        if language.suffixing:
            low = word.lower()
            if len(low) != len(word):
                low = word
            n = len(word)
            upper = self.cs_any_case or (self.keys_cs and not word.islower())
            for r in self.rem_lengths:
                if r >= n:
                    break
                rem = low[n - r :] if r else ""
                if rem not in self.remainders:
                    continue
                if low[: n - r] in self.keys:
                    yield low[: n - r], rem, False
                if upper and word[: n - r] in self.keys_cs:
                    yield word[: n - r], rem, True
        else:
            key = language.key(word)
            if key in self.keys:
                yield key, "", False
            if self.keys_cs:
                cs = language.case_key(word)
                if cs in self.keys_cs:
                    yield cs, "", True

    def word_match(
        self, pattern: WordPattern, word: str, readings: Iterable[Reading]
    ) -> WordMatch | None:
        """(cost, inflected, spelling variant, agreement) if `word` fits `pattern`, else None."""
        for key, rem, cs in readings:
            if cs != pattern.case_sensitive:
                continue
            options = pattern.keys.get(key)
            if options is None:
                continue
            for allowed, cost in options:
                if rem not in allowed:
                    continue
                inflected, variant = self._word_form(pattern, word, key, cs)
                agree = pattern.agree.get(key) if pattern.agree is not None else None
                return cost + inflected + 2 * variant, inflected, variant, agree
        return None

    def gap(self, text: str, spans: list[tuple[int, int]], j: int) -> str:
        """The gap key before word j."""
        return self.language.gap_key(text[spans[j - 1][1] : spans[j][0]])
