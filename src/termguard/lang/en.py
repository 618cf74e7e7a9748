"""English word keys for matching: possessives and plurals removed, British spellings made American.

The same `key` is applied to a glossary term's words and to the words of running text, so
organisations, organization's and Organizations all meet at "organization". The rules are
deliberately few and symmetric: they only have to make variants of one word collide, not to be a
full stemmer.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _words(text: str) -> list[str]:
    return text.split()


#: Words ending in s that are not plurals (or whose singular we must not guess).
_NOT_PLURAL = frozenset(
    _words(
        """news series species politics economics physics mathematics ethics statistics means
    headquarters whereabouts crossroads chess mumps diabetes always perhaps thus various
    previous famous serious analysis basis crisis thesis emphasis status bus campus census
    virus consensus focus bonus corpus apparatus us gas yes this his its was has does is"""
    )
)
_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "analyses": "analysis",
              "crises": "crisis", "theses": "thesis", "bases": "basis"}  # fmt: skip
_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=[a-z])ence$"), "ense"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"judgement"), "judgment"),
)
_NOT_RESPELLED = frozenset(
    _words(
        """rise wise otherwise precise concise promise premise exercise advise advertise compromise
    surprise expertise franchise merchandise noise poise praise raise anise treatise enterprise
    supervise revise devise comprise despise disguise chastise improvise televise paradise
    our four hour your tour pour flour sour dour devour fence hence pence thence whence"""
    )
)
#: Prefixes written solid, hyphenated or spaced: nongovernmental, non-governmental.
PREFIXES = ("non", "anti", "inter", "multi", "socio", "co", "self", "cross", "pre", "post")
_PREFIXED = re.compile(r"^(" + "|".join(PREFIXES) + r")(?=[a-z]{4,})")


def strip_possessive(word: str) -> str:
    """NGO's -> NGO, members' -> members."""
    if word.endswith(("'s", "'S")):
        return word[:-2]
    if word.endswith("'"):
        return word[:-1]
    return word


def singular(word: str) -> str:
    """A rule-based singular of a lower-case word (organizations -> organization)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _NOT_PLURAL or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    return word[:-1]


def respell(word: str) -> str:
    """British spellings made American (organisation -> organization, dialogue -> dialog)."""
    if word in _NOT_RESPELLED:
        return word
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """How an English word is compared when case does not matter."""
    return respell(singular(strip_possessive(word).lower()))


@lru_cache(maxsize=65536)
def base(word: str) -> str:
    """The word without possessive and plural, lower-case, in its own spelling."""
    return singular(strip_possessive(word).lower())


def case_key(word: str) -> str:
    """How a case-sensitive word (an abbreviation) is compared: NGOs, NGO's -> NGO."""
    word = strip_possessive(word)
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return word[:-1]
    return word


#: Collocations in which a term word has another sense than the glossary's: (word before,
#: key, word after), "" for any. The glossary's "law" is a statute, "government" the
#: executive of a state.
_OTHER_SENSES = frozenset(
    {
        ("at", "law", ""),  # went to law: litigation
        ("", "law", "enforcement"),  # the police
        ("", "law", "firm"),
        ("", "law", "school"),
        ("martial", "law", ""),
        ("local", "government", ""),  # local self-government, a concept of its own
        ("mobile", "government", ""),  # e-government services
    }
)


def other_sense(previous: str, key: str, following: str) -> bool:
    """True if the term word `key` between these (lower-case) words has another sense."""
    return bool(
        {(previous, key, ""), ("", key, key and following), (previous, key, following)}
        & _OTHER_SENSES
    )


def split_prefix(word: str) -> tuple[str, str] | None:
    """nongovernmental -> (non, governmental), for words written solid with a known prefix."""
    m = _PREFIXED.match(word.lower())
    if m is None:
        return None
    return word[: m.end()], word[m.end() :]
