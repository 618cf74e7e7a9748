"""Abbreviations a text defines: "phrase (ABBR)" and "ABBR (phrase)", the letters matching.

An abbreviation pairs with the words before (or inside) the parentheses whose initial letters
spell it: үкіметтік емес ұйымдар (ҮЕҰ), Ассамблея народа Казахстана (АНК), Assembly of People
of Kazakhstan (APK). A stop word may give no letter (of, и, және), a hyphenated word may give one
per part (бақылау-тексеру комиссиясы, БТК). The language says what an abbreviation is
(abbreviation_base: ҮЕҰ-ның is ҮЕҰ) and which letter a word gives (initial_letter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from termguard.extract.sentences import Sentence
from termguard.lang.base import Language, plain_gap


@dataclass(frozen=True)
class Definition:
    """An abbreviation and the phrase the text gives as its full form."""

    abbreviation: str
    words: tuple[str, ...]
    line: int


def _letters(word: str, language: Language) -> set[str]:
    """What a word may give an abbreviation: its initial, one per hyphenated part, or nothing
    for a stop word."""
    out = {language.initial_letter(word)}
    if "-" in word:
        out.add("".join(language.initial_letter(p) for p in word.split("-") if p))
    if language.is_stop_word(word):
        out.add("")
    return out


def spells(abbreviation: str, words: Sequence[str], language: Language) -> bool:
    """True if the words' initial letters spell `abbreviation` (see the module doc)."""
    target = abbreviation.upper()
    options = [_letters(w, language) for w in words]
    if not options or "" in options[0] or "" in options[-1]:
        return False  # a phrase starts and ends with a word that gives a letter
    reach = {0}
    for opts in options:
        reach = {n + len(o) for n in reach for o in opts if target.startswith(o, n)}
        if not reach:
            return False
    return len(target) in reach


def _opens(gap: str) -> bool:
    return gap.strip() == "("


def _closes(gap: str) -> bool:
    return gap.strip().startswith(")")


def find_definitions(sentence: Sentence, language: Language) -> list[Definition]:
    """Every abbreviation the sentence defines (see the module doc)."""
    words, gaps = sentence.words, sentence.gaps
    out: list[Definition] = []
    n = len(words)
    for k, word in enumerate(words):
        abbreviation = language.abbreviation_base(word)
        if abbreviation is None:
            continue
        size = len(abbreviation)
        # phrase (ABBR): the shortest run of words before the parenthesis that spells it
        if k > 0 and _opens(gaps[k]) and _closes(gaps[k + 1]):
            for m in range(k - 1, max(-1, k - size - 4), -1):
                if m < k - 1 and not plain_gap(gaps[m + 1]):
                    break
                if spells(abbreviation, words[m:k], language):
                    out.append(Definition(abbreviation, tuple(words[m:k]), sentence.line))
                    break
        # ABBR (phrase): the words inside the parentheses
        if k + 1 < n and _opens(gaps[k + 1]):
            for m in range(k + 1, min(n, k + size + 5)):
                if m > k + 1 and not plain_gap(gaps[m]):
                    break
                if _closes(gaps[m + 1]):
                    if spells(abbreviation, words[k + 1 : m + 1], language):
                        out.append(
                            Definition(abbreviation, tuple(words[k + 1 : m + 1]), sentence.line)
                        )
                    break
    return out
