"""Finding concepts by id, by exact term, or by fuzzy search across all four languages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from termguard.errors import TermguardError
from termguard.glossary.model import Concept, Glossary, Term


@dataclass(frozen=True)
class SearchResult:
    concept: Concept
    term: Term
    score: float


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def find_concept(glossary: Glossary, id_or_term: str) -> Concept:
    """The concept with this id, or the one that has this term (case-insensitive)."""
    concept = glossary.get(id_or_term)
    if concept is not None:
        return concept
    key = _fold(id_or_term)
    for c, t in glossary.terms():
        if _fold(t.text) == key:
            return c
    raise TermguardError(
        f"no concept has the id or term '{id_or_term}'; try 'termguard glossary search "
        f"{id_or_term}'"
    )


def search_glossary(
    glossary: Glossary, query: str, limit: int = 10, min_score: float = 60.0
) -> list[SearchResult]:
    """Concepts whose terms or id resemble `query`, best first, one result per concept."""
    from rapidfuzz import fuzz, process, utils

    choices: list[str] = []
    owners: list[tuple[Concept, Term]] = []
    for c, t in glossary.terms():
        choices.append(_fold(t.text))
        owners.append((c, t))
    q = _fold(query)
    hits = process.extract(
        q,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=None,
        score_cutoff=min_score,
    )
    best: dict[str, SearchResult] = {}
    for _, score, index in hits:
        c, t = owners[index]
        # an exact or prefix hit outranks a partial one of equal WRatio
        bonus = 5.0 if choices[index] == q else 2.0 if choices[index].startswith(q) else 0.0
        s = min(100.0, float(score) + bonus)
        if c.id not in best or s > best[c.id].score:
            best[c.id] = SearchResult(c, t, s)
    ranked = sorted(best.values(), key=lambda r: (-r.score, r.concept.id))
    return ranked[:limit]
