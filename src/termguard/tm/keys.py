"""How the translation memory compares sources: the exact key, the shape, and index tokens.

- key: the source folded as term matching folds it (NFC, homoglyphs inside words, invisible
  characters, dashes and apostrophes; lang/normalize.py) with runs of spacing made one space.
  Two sources with the same key are the same sentence: an exact match.
- shape: the key in lower case with every number written as 0 and punctuation dropped. Two
  sources with the same shape differ only in numbers, punctuation, spacing or case: a match
  whose numbers (and final punctuation) can be carried over from the new source.
- similarity: rapidfuzz's Indel ratio on the lower-cased keys, in percent, numbers and
  punctuation included (a changed number costs a little).
- tokens: what the inverted index holds per source. Words are cut to their first
  PREFIX letters, so that inflected forms (ұйымдардың, ұйымдары; организаций, организация) meet
  in one token; Thai, written without spaces, gives its overlapping letter trigrams. Numbers
  are not indexed (a shape match finds them).
"""

from __future__ import annotations

import re
from functools import lru_cache

from termguard.lang.normalize import fold

#: Letters of a word kept as its index token.
PREFIX = 7
_SPACE = re.compile(r"\s+")
#: A number as a shape sees it: digits with inner separators (1 000, 1,5, 16-17 is two).
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_PUNCT = re.compile(r"[^\w\s]|_")
_THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8192)
def source_key(text: str) -> str:
    """The exact-match key of a source sentence."""
    return _SPACE.sub(" ", fold(text).text).strip()


def shape_of(key: str) -> str:
    """The key in lower case, numbers as 0, punctuation dropped: shapes differ in words only."""
    text = _NUMBER.sub("0", key.casefold())
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def similarity_text(key: str) -> str:
    """What the fuzzy similarity compares: the key in lower case."""
    return key.casefold()


def index_tokens(key: str) -> set[str]:
    """The index tokens of a key: word prefixes, and letter trigrams of Thai runs."""
    text = key.casefold()
    out: set[str] = set()
    for m in _THAI_RUN.finditer(text):
        run = m.group()
        if len(run) < 3:
            out.add(run)
        else:
            out.update(run[i : i + 3] for i in range(len(run) - 2))
    rest = _THAI_RUN.sub(" ", text)
    out.update(w[:PREFIX] for w in _WORD.findall(rest))
    return out
