"""Thai word boundaries: pythainlp's newmm, with the glossary's Thai terms added to its dictionary.

Thai writes no spaces between words, so a term counts only where it starts and ends on a word
boundary. Runs of Thai script are cut by newmm (maximal matching over a dictionary to which the
glossary's terms are added, so a term stays whole where it fits); everything else (Latin words,
digits, punctuation) is cut by script, one token per word or punctuation mark.

`LANGUAGE` (class Thai) is this module's side of the language interface (lang/base.py): word
boundaries, sentences split at spaces between Thai letters, Thai digits and clock times, month
names and Buddhist-era years.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from termguard.lang.base import Language, Span
from termguard.lang.script import LETTER_RUNS
from termguard.lang.sentences import sbd_spans

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


# ---------------------------------------------------------------- sentences

_THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_THAI_MIN = 12  # Thai pieces shorter than this (characters) are joined to the next one


def sentence_spans(chunk: str) -> list[Span]:
    """Thai: split at spaces between two Thai letters and after . ! ?; join short pieces."""
    cuts = [0]
    for m in re.finditer(r"\s+", chunk):
        before = chunk[m.start() - 1] if m.start() > 0 else ""
        after = chunk[m.end()] if m.end() < len(chunk) else ""
        thai_gap = bool(_THAI_LETTER.match(before)) and bool(_THAI_LETTER.match(after))
        if thai_gap or (before in ".!?" and after):
            cuts += [m.start(), m.end()]
    cuts.append(len(chunk))
    raw = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    spans: list[Span] = []
    carry: int | None = None
    for s, e in raw:
        start = s if carry is None else carry
        if e - s < _THAI_MIN and (s, e) != raw[-1]:
            carry = start
            continue
        spans.append((start, e))
        carry = None
    if carry is not None:
        spans.append((carry, len(chunk)))
    return spans


def mostly_thai(chunk: str) -> bool:
    """True if at least half the letters of `chunk` are Thai."""
    letters = "".join(LETTER_RUNS.findall(chunk))
    thai = len(_THAI_CHAR.findall(letters))
    return thai > 0 and thai * 2 >= len(letters)


# ---------------------------------------------------------------- the language


class Thai(Language):
    """Thai: no spaces between words (pythainlp's newmm), none between most sentences."""

    code = "th"
    name = "Thai"
    locale = "th-TH"
    aliases = ("tha", "thai")
    script = "thai"
    spaced = False
    full_stop = False
    plural_forms = "nplurals=1; plural=0;"
    digits = "๐๑๒๓๔๕๖๗๘๙"
    clock_marks = ("น.",)
    months = (
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    )  # fmt: skip

    def segmenter(self, words: Iterable[str] = ()) -> Callable[[str], list[str]]:
        return segmenter(words)

    def token_spans(self, text: str, cut: Callable[[str], list[str]]) -> list[Span]:
        return token_spans(text, cut)

    def sentence_spans(self, chunk: str) -> list[Span] | tuple[Span, ...]:
        if _THAI_CHAR.search(chunk):
            return sentence_spans(chunk)
        return sbd_spans(chunk, self.code)

    def claims_paragraph(self, chunk: str) -> bool:
        """A mostly Thai paragraph is split at its spaces whatever the document's language."""
        return mostly_thai(chunk)

    def number_alternatives(self, value: str) -> tuple[str, ...]:
        """A year 2400-2700 of the Buddhist era also stands for the Common Era year 543 earlier."""
        if value.isdigit() and 2400 <= int(value) <= 2700:
            return (str(int(value) - 543),)
        return ()


LANGUAGE = Thai()
