"""Sentences as the extraction reads them: words (hyphenated ones joined), gaps, places, lines."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from termguard.lang.base import Language

Span = tuple[int, int]


@dataclass(frozen=True)
class Sentence:
    """A sentence's words (hyphenated words joined) and where they stand in the original text."""

    words: list[str]
    #: gaps[i]: the text between words i-1 and i; gaps[0] is empty, gaps[-1] what follows the
    #: last word.
    gaps: list[str]
    spans: list[Span]  # original offsets
    line: int


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def sentences(text: str, language: Language, cut: Callable[[str], list[str]]) -> list[Sentence]:
    """The sentences of a text as lists of words, paragraph by paragraph (a line is one).

    Words joined by a hyphen with no space (бақылау-тексеру, non-governmental) are one word.
    """
    folded = language.normalise(text)
    ftext = folded.text
    starts = _line_starts(text)
    out: list[Sentence] = []
    pos = 0
    for line in ftext.split("\n"):
        base, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = base + line.index(stripped[0])
        for s0, e0 in language.sentence_spans(stripped):
            chunk = stripped[s0:e0]
            spans = _joined(chunk, language.token_spans(chunk, cut))
            if not spans:
                continue
            offset = lead + s0
            words = [chunk[s:e] for s, e in spans]
            gaps = [""] + [chunk[spans[i - 1][1] : spans[i][0]] for i in range(1, len(spans))]
            gaps.append(chunk[spans[-1][1] :])
            original = [folded.span(offset + s, offset + e) for s, e in spans]
            out.append(Sentence(words, gaps, original, bisect_right(starts, original[0][0])))
    return out


def _joined(text: str, spans: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if out and s == out[-1][1] + 1 and text[s - 1] == "-" and text[out[-1][1] - 1].isalpha():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
