"""Thai word boundaries: pythainlp's newmm, with the glossary's Thai terms added to its dictionary.

Thai writes no spaces between words, so a term counts only where it starts and ends on a word
boundary. Runs of Thai script are cut by newmm (maximal matching over a dictionary to which the
glossary's terms are added, so a term stays whole where it fits); everything else (Latin words,
digits, punctuation) is cut by script, one token per word or punctuation mark.

`LANGUAGE` (class Thai) is this module's side of the language interface (lang/base.py): word
boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from termguard.lang.base import Language, Span

_THAI = re.compile(r"[\u0e01-\u0e5b]+")
_OTHER = re.compile(r"[^\W_]+|[^\w\s]")


def is_thai(text: str) -> bool:
    """True if the text holds any Thai letter."""
    return bool(_THAI.search(text))


@cache
def _trie(words: frozenset[str]) -> Any:
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | set(words))


def segmenter(words: Iterable[str] = ()) -> Callable[[str], list[str]]:
    """A function that cuts a run of Thai letters into words, knowing `words` as extra words."""
    from pythainlp.tokenize.newmm import segment

    extra = frozenset(w for w in words if _THAI.fullmatch(w))
    trie = _trie(extra)

    def cut(run: str) -> list[str]:
        return list(segment(run, custom_dict=trie))

    return cut


def token_spans(text: str, cut: Callable[[str], list[str]]) -> list[tuple[int, int]]:
    """(start, end) of every token of `text`: Thai words, other words, punctuation marks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _THAI.finditer(text):
        if m.start() > pos:
            spans.extend((o.start(), o.end()) for o in _OTHER.finditer(text, pos, m.start()))
        i = m.start()
        for word in cut(m.group()):
            spans.append((i, i + len(word)))
            i += len(word)
        pos = m.end()
    spans.extend((o.start(), o.end()) for o in _OTHER.finditer(text, pos))
    return spans


# ---------------------------------------------------------------- the language


class Thai(Language):
    """Thai: no spaces between words (pythainlp's newmm), none between most sentences."""

    code = "th"
    name = "Thai"
    spaced = False

    def segmenter(self, words: Iterable[str] = ()) -> Callable[[str], list[str]]:
        return segmenter(words)

    def token_spans(self, text: str, cut: Callable[[str], list[str]]) -> list[Span]:
        return token_spans(text, cut)


LANGUAGE = Thai()
