"""Finding glossary terms in text: find_terms(text, lang, glossary) -> list[TermHit]; pure, no I/O.

This first version matches exact (case-folded, NFC) word sequences only; the inflection-aware
index for kk/ru/en/th replaces it (issue: term recognition).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from termguard.glossary.model import Glossary

#: How a hit matched, from the most to the least literal.
KINDS = ("exact", "normalised", "abbreviation", "inflected", "near-miss")


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary term in a text; start/end index the ORIGINAL text."""

    concept: str
    term: str
    lang: str
    start: int
    end: int
    surface: str
    kind: str
    status: str = "preferred"
    score: float = 100.0


def find_terms(text: str, lang: str, glossary: Glossary, *, near_misses: bool = False
               ) -> list[TermHit]:
    """Every occurrence of every term of `lang` in `text`, longest match first, sorted by start."""
    hits: list[TermHit] = []
    folded = unicodedata.normalize("NFC", text).casefold()
    taken = [False] * len(text)
    pairs = sorted(glossary.terms(lang), key=lambda ct: -len(ct[1].text))
    for concept, term in pairs:
        needle = term.text if term.case_sensitive else term.text.casefold()
        hay = text if term.case_sensitive else folded
        for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay):
            if any(taken[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            hits.append(TermHit(concept.id, term.text, lang, m.start(), m.end(),
                                text[m.start():m.end()], "exact", term.status))
    hits.sort(key=lambda h: (h.start, h.end))
    return hits
