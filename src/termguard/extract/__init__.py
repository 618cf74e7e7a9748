"""New terms from new articles: candidate terms not yet in the glossary, ranked.

`extract_terms(documents, lang, glossary)` is the one call: each document is counted on its own
(count.count_document, picklable results a parallel runner can hand back), the counts are merged,
folded to dictionary forms and scored (score.merge_counts), and with aligned text each candidate
gets the target phrase that co-occurs with it most (bilingual.propose_translations).
"""

from __future__ import annotations

from collections.abc import Sequence

from termguard.bitext import Pair
from termguard.extract.abbreviations import Definition, find_definitions
from termguard.extract.count import DocumentCounts, PhraseCount, count_document
from termguard.extract.score import TermCandidate, merge_counts
from termguard.glossary.model import Glossary


def extract_terms(
    documents: Sequence[tuple[str, str]],
    lang: str,
    glossary: Glossary | None = None,
    *,
    limit: int | None = 50,
    min_count: int = 1,
    aligned: Sequence[Pair] = (),
) -> list[TermCandidate]:
    """The candidate terms of (path, text) documents in `lang`, best first (see the modules)."""
    counts = [count_document(path, text, lang, glossary) for path, text in documents]
    found = merge_counts(counts, lang, glossary, limit=limit, min_count=min_count)
    if aligned:
        from termguard.extract.bilingual import propose_translations

        found = propose_translations(found, aligned, lang, glossary)
    return found


__all__ = [
    "Definition",
    "DocumentCounts",
    "PhraseCount",
    "TermCandidate",
    "count_document",
    "extract_terms",
    "find_definitions",
    "merge_counts",
]
