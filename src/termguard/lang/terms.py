"""A glossary term compiled for matching: word patterns, the gaps between them, and their helpers.

A language's term-pattern builder (Language.term_entries) turns one term into TermEntry values;
the matcher (termguard/matching/) only reads them. Each word of a term becomes a WordPattern:
the keys a text word may reduce to and, for each key, the suffix chains allowed after it with
their cost (0 for the term's own form).
"""

from __future__ import annotations

from collections.abc import Mapping

from termguard.glossary.model import STATUSES, Concept, Term

#: Suffix chains: a key followed by nothing but itself.
EXACT_ONLY: frozenset[str] = frozenset({""})
#: The options of a word that must stand as it is: no suffix, cost 0.
PLAIN: tuple[tuple[frozenset[str], int], ...] = ((EXACT_ONLY, 0),)
#: Quote marks: they vanish between the words of a term and may close around it.
QUOTES = frozenset("«»“”„‟\"'‹›「」")
STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}

#: (number, case, gender) readings a form can carry, for agreement inside a term (Russian).
Agreement = tuple[str, str, str]
#: key -> ((suffix chains allowed after it, cost), ...)
Keys = dict[str, tuple[tuple[frozenset[str], int], ...]]


class WordPattern:
    """One word of a term: the keys a text word may reduce to, and what may follow each key."""

    __slots__ = ("agree", "capital", "case_sensitive", "keys", "own", "raw")

    def __init__(
        self,
        keys: Keys,
        own: str,
        *,
        case_sensitive: bool = False,
        capital: bool = False,
        agree: Mapping[str, frozenset[Agreement]] | None = None,
        raw: str = "",
    ) -> None:
        self.keys = keys
        self.own = own  # the term word itself, as probes report a text word's form
        self.raw = raw or own  # the term word as written (lower-case unless case-sensitive)
        self.case_sensitive = case_sensitive
        self.capital = capital  # a proper-noun word: the text word must be capitalised
        self.agree = agree  # agreement readings of each form, for languages that check them


class TermEntry:
    """One way of writing one term: its word patterns and the gaps between them."""

    __slots__ = ("concept", "gaps", "lead", "patterns", "rank", "term", "trail", "variant")

    def __init__(
        self,
        concept: Concept,
        term: Term,
        patterns: list[WordPattern],
        gaps: list[str],
        lead: str,
        trail: str,
        *,
        variant: bool = False,
    ) -> None:
        self.concept = concept.id
        self.term = term
        self.patterns = tuple(patterns)
        self.gaps = tuple(gaps)
        self.lead = lead
        self.trail = trail
        self.variant = variant  # a spelling variant of the term (hyphen joined or split)
        self.rank = (STATUS_RANK.get(term.status, 9), concept.id, term.text)


def capital(word: str, term: Term) -> bool:
    """True if the text must capitalise this word as the glossary does; only the first word
    of a proper noun counts (Жоғарғы сот is still the Supreme Court, West Kazakhstan region the
    region, but қазақстан халқы ассамблеясы is not the Assembly)."""
    return term.pos == "proper-noun" and not term.case_sensitive and word[:1].isupper()


def sentence_start(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """True if word i (of these word spans) opens a sentence (or a line)."""
    if i == 0:
        return not text[: spans[0][0]].strip(" \t\"'«“(—–-")
    gap = text[spans[i - 1][1] : spans[i][0]]
    return any(ch in ".!?…\n" for ch in gap)
