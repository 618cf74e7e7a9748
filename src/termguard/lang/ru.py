"""Russian word forms for matching: every form of a term word, with its number, case and gender.

pymorphy3 (with its dictionary) lists the whole paradigm of each term word once, when the
glossary is compiled; running text is then matched by looking its words up in that list, so no
word of the text is ever analysed. The grammemes kept with each form let a multiword term check
that its adjectives agree with its head noun (некоммерческих организаций, not некоммерческий
организаций).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any


def _words(text: str) -> list[str]:
    return text.split()


#: (number, case, gender or "") of one form; gender only in the singular.
Agreement = tuple[str, str, str]

_CASE = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn", "gen1": "gent"}
_INFLECTING = ("NOUN", "ADJF", "PRTF")
_RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)
_ENDINGS = frozenset(
    _words(
        """а я о е ё и ы у ю ь й ая яя ое ее ые ие ой ей ий ый ам ям ах ях ов ев ом ем ым им
    ую юю ою ею ого его ому ему ыми ими ами ями ия ию ии ие ией иям иях иями
    ость ости остью остей"""
    )
)
_ENDING_LENGTHS = sorted({len(e) for e in _ENDINGS}, reverse=True)


@cache
def morph() -> Any:
    """The pymorphy3 analyser, created once (loading its dictionary takes 0.2 s)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def key(word: str) -> str:
    """How a Russian word is compared: lower-case, ё read as е."""
    return word.lower().replace("ё", "е")


def is_russian_word(word: str) -> bool:
    """True for a word in Russian letters only (not a Kazakh name, not an abbreviation)."""
    return bool(_RUSSIAN_WORD.fullmatch(word)) and not (word.isupper() and len(word) > 1)


def _agreement(tag: Any) -> Agreement:
    number = str(tag.number or "")
    case = str(tag.case or "")
    gender = str(tag.gender or "") if number != "plur" else ""
    return number, _CASE.get(case, case), gender


def parse_term_word(word: str, *, head: bool) -> Any | None:
    """The reading of a word of a term given in the nominative: the noun for a head, else any."""
    parses = [p for p in morph().parse(word) if p.tag.POS in _INFLECTING and "Fixd" not in p.tag]
    if head:
        parses = [p for p in parses if p.tag.POS == "NOUN"] or parses
    nominative = [p for p in parses if p.tag.case == "nomn"]
    return (nominative or parses or [None])[0]


@cache
def paradigm(word: str, *, head: bool = True) -> dict[str, frozenset[Agreement]]:
    """Every form of `word` (as `key` gives it) with the agreements each form can carry.

    A word pymorphy3 cannot inflect (an indeclinable or unknown one) has only itself.
    """
    parse = parse_term_word(word, head=head)
    if parse is None:
        return {key(word): frozenset()}
    pos = parse.tag.POS
    forms: dict[str, set[Agreement]] = {}
    for form in parse.lexeme:
        if pos != form.tag.POS:
            continue
        forms.setdefault(key(form.word), set()).add(_agreement(form.tag))
    forms.setdefault(key(word), set()).add(_agreement(parse.tag))
    return {k: frozenset(v) for k, v in forms.items()}


def unambiguous(
    word: str, forms: dict[str, frozenset[Agreement]]
) -> dict[str, frozenset[Agreement]]:
    """The forms of a one-word term that are mostly read as that word: после is the
    preposition 'after', hardly ever the prepositional case of посол, so it is dropped."""
    parse = parse_term_word(word, head=True)
    if parse is None:
        return forms
    lemma, pos = parse.normal_form, parse.tag.POS
    out = {}
    for form, agreements in forms.items():
        ours = sum(
            p.score for p in morph().parse(form) if p.normal_form == lemma and pos == p.tag.POS
        )
        if ours >= 0.1:
            out[form] = agreements
    return out


#: Word forms that in a construction mean something else: в области + genitive is "in the
#: field of" (в области литературы), not a region.
_FIELD = frozenset({"области", "областях"})


def other_sense(previous: str, form: str, following: str) -> bool:
    """True if `form` (a key) between these words is a known other sense of the term."""
    if form in _FIELD and previous.lower() in ("в", "во") and following[:1].islower():
        return any(
            p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in morph().parse(following)
        )
    return False


def is_noun(word: str) -> bool:
    """True if the word's nominative reading is a noun (the head of a term)."""
    parse = parse_term_word(word, head=False)
    return parse is not None and parse.tag.POS == "NOUN"


def agree(a: frozenset[Agreement], b: frozenset[Agreement]) -> frozenset[Agreement]:
    """The readings two words share (same number and case, and gender where both have one)."""
    out = set()
    for n1, c1, g1 in a:
        for n2, c2, g2 in b:
            if n1 == n2 and c1 == c2 and (not g1 or not g2 or g1 == g2):
                out.add((n1, c1, g1 or g2))
    return frozenset(out)


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """True if pymorphy3's dictionary knows the word (so it is no misspelling)."""
    return bool(morph().word_is_known(word.lower()))


def crude_stem(word: str) -> str:
    """The word without its inflectional ending, roughly (for finding near misses only)."""
    w = key(word)
    for length in _ENDING_LENGTHS:
        if len(w) - length >= 4 and w[-length:] in _ENDINGS:
            return w[:-length]
    return w
