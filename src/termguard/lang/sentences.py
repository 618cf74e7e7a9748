"""Sentence spans of a paragraph by pysbd's rules, located exactly in the paragraph's text.

pysbd has rules for kk, ru and en (and more); a language it lacks gets its English rules. It is
imported on first use, and its answers are cached: web pages repeat navigation and captions.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

_MAYBE_END = re.compile(r"[.!?…。]")
_INITIAL = re.compile(r"(?:^|[\s(«\"])[^\W\d_]\.$")


@lru_cache(maxsize=16)
def _pysbd(lang: str) -> Any:
    import pysbd  # type: ignore[import-untyped,unused-ignore]

    try:
        return pysbd.Segmenter(language=lang, clean=False)
    except (ValueError, KeyError):
        return pysbd.Segmenter(language="en", clean=False)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=4096)
def sbd_spans(chunk: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans inside one paragraph chunk (already trimmed), by pysbd, located exactly.

    Cached: web pages repeat their navigation and captions, and pysbd is slow.
    """
    if not _MAYBE_END.search(chunk, 0, len(chunk) - 1):
        return ((0, len(chunk)),)  # no sentence end before the last character: one sentence
    try:
        sentences = _pysbd(lang).segment(chunk)
    except Exception as exc:  # pysbd has no error contract; never lose text over it
        log.debug("pysbd failed on %r: %s", chunk[:60], exc)
        return ((0, len(chunk)),)
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in sentences:
        piece = sentence.strip()
        if not piece:
            continue
        found = chunk.find(piece, pos)
        if found < 0:  # pysbd changed the text; keep the rest whole
            spans.append((pos, len(chunk)))
            pos = len(chunk)
            break
        spans.append((pos, found + len(piece)))
        pos = found + len(piece)
    if pos < len(chunk):
        if spans:
            spans[-1] = (spans[-1][0], len(chunk))
        else:
            spans.append((0, len(chunk)))
    # A break before a lowercase letter is an abbreviation ("т.е. это", "г. в"), and one after an
    # initial is a name ("Б. Бектұрғанова"): neither ends a sentence.
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = trim(chunk, s, e)
        if s >= e:
            continue
        if merged and (chunk[s].islower() or _INITIAL.search(chunk, 0, merged[-1][1])):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)
