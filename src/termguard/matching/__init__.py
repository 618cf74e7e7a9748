"""Finding glossary terms in text: find_terms(text, lang, glossary) -> list[TermHit]; pure, no I/O.

The glossary is compiled once per language into a `TermIndex` (cached for the glossary's
lifetime). Each term word becomes a pattern: the keys a text word may reduce to and, for Kazakh,
the suffix chains allowed after each key. The text is folded (NFC, homoglyphs, invisible
characters; see lang/normalize.py), cut into words once, and scanned left to right: each word
is reduced to its keys (a cached dictionary lookup for words seen before) and looked up among
the first words of the terms (a longer term by its first two words), so the cost grows with
the text and hardly with the glossary. Scraped Kazakh text that lost a space
(Ассамблеясығимаратында) still gives the term, cut where the next word begins. Candidates
that overlap are resolved longest first; words left over are then checked for near misses
(misspellings, Kazakh typed with Russian letters, a proper noun in lower case) with a deletion
index, so that too costs a few lookups per word whatever the glossary's size.

A few readings are decided by context, where the glossary's sense and a common other sense
share a form: Russian после (the preposition, not посол), в области + genitive ("in the field
of"), English law in mother-in-law, at law or law enforcement, a one-word name after another
name (the Welsh Parliament), a name followed by a quoted name (ВКО «Алмаз-Антей»).

Languages: the matcher holds no language's rules; it asks the language (lang/base.py) for
word spans, keys, term patterns, agreement, other senses and near-miss readings: kk by an
explicit suffix grammar (lang/kk.py), ru by pymorphy3 paradigms of the term words (lang/ru.py),
en by symmetric plural/possessive/spelling keys (lang/en.py), th by word boundaries from
pythainlp (lang/th.py).

The parts: hits.py (TermHit, candidates and the choice among them), patterns.py (compiling term
patterns into tables, probing words), scan.py (exact and inflected hits, glued words), near.py
(near misses), unspaced.py (Thai), index.py (TermIndex, compile_index, find_terms).
"""

from __future__ import annotations

from termguard.matching.hits import KINDS, TermHit
from termguard.matching.index import TermIndex, compile_index, find_terms
from termguard.matching.near import NEAR_MISS_MIN_LEN, NEAR_MISS_SCORE

__all__ = [
    "KINDS",
    "NEAR_MISS_MIN_LEN",
    "NEAR_MISS_SCORE",
    "TermHit",
    "TermIndex",
    "compile_index",
    "find_terms",
]
