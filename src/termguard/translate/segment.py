"""Split documents into paragraphs and sentences, keeping every byte so they can be rebuilt exactly.

A Segment is a sentence with its offsets into the original text; everything between segments
(whitespace, newlines, bullets) is layout and is copied back unchanged by rebuild(). Segments
with nothing to translate (numbers, prices, temperatures, numeric dates, URLs, e-mails, a lone
letter like the "A" of web navigation) are marked translatable=False and pass through untouched.

Sentences: pysbd's rules for kk, ru and en (and any language pysbd knows); Thai, written without
sentence punctuation, is split where a space stands between two Thai letters, short pieces
joined to the next. A line break ends a paragraph unless the line runs on into a lowercase
continuation (text wrapped at a fixed width).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Segment:
    """One sentence of a document: text == document[start:end]."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    translatable: bool


# Bullets and list markers at the start of a line are layout, not text.
_LEAD = re.compile(r"(?:[•●▪◦‣∙·○■□➢►▶*>]+|[-–—](?=\s))\s*")
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|kz|ru|th|info|gov|edu|io|uk|eu|int|biz|me|tv)\b(?:/\S*)?",
    re.IGNORECASE,
)
_UNITS = re.compile(
    r"°\s*[CFС]?|\b(?:USD|EUR|RUB|KZT|THB|тг|тнг|бат)\b|[$€₽₸฿£¥%‰№#]", re.IGNORECASE
)
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_INITIAL = re.compile(r"(?:^|[\s(«\"])[^\W\d_]\.$")
_TERMINAL = '.!?…:;»"”)'
_THAI_MIN = 12  # Thai pieces shorter than this (characters) are joined to the next one


def is_translatable(text: str) -> bool:
    """False for text with nothing to translate: numbers, prices, dates, URLs, a lone letter."""
    rest = _UNITS.sub(" ", _URL.sub(" ", text))
    words = _LETTERS.findall(rest)
    if not words:
        return False
    return not all(len(w) == 1 for w in words)


@lru_cache(maxsize=16)
def _pysbd(lang: str) -> Any:
    import pysbd  # type: ignore[import-untyped,unused-ignore]

    try:
        return pysbd.Segmenter(language=lang, clean=False)
    except (ValueError, KeyError):
        return pysbd.Segmenter(language="en", clean=False)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_MAYBE_END = re.compile(r"[.!?…。]")


@lru_cache(maxsize=4096)
def _sbd_spans(chunk: str, lang: str) -> tuple[tuple[int, int], ...]:
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
        s, e = _trim(chunk, s, e)
        if s >= e:
            continue
        if merged and (chunk[s].islower() or _INITIAL.search(chunk, 0, merged[-1][1])):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)


def _thai_spans(chunk: str) -> list[tuple[int, int]]:
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
    spans: list[tuple[int, int]] = []
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


def _is_thai(chunk: str) -> bool:
    letters = "".join(_LETTERS.findall(chunk))
    thai = len(_THAI.findall(letters))
    return thai > 0 and thai * 2 >= len(letters)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's content without its newline."""
    pos = 0
    for m in re.finditer(r"\n", text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _soft_break(prev: str, nxt: str) -> bool:
    """True if a line break falls inside a sentence (wrapped text)."""
    return bool(prev) and prev[-1] not in _TERMINAL and prev[-1].isalpha() and nxt[:1].islower()


def segment_text(text: str, lang: str) -> list[Segment]:
    """Sentences of `text` with their offsets; the gaps between them are layout.

    rebuild(text, segment_text(text, lang), {}) == text for every text.
    """
    chunks: list[tuple[int, int, int]] = []  # (start, end, paragraph) of paragraph content
    paragraph = -1
    prev_content = ""
    for line_start, line_end in _lines(text):
        s, e = _trim(text, line_start, line_end)
        if s >= e:
            prev_content = ""
            continue
        lead = _LEAD.match(text, s, e)
        if lead and lead.end() < e and lead.end() > s:
            s = lead.end()
        elif lead and lead.end() >= e:
            # The whole line is a bullet or a rule: layout.
            prev_content = ""
            continue
        content = text[s:e]
        if chunks and prev_content and not lead and _soft_break(prev_content, content):
            start, _, para = chunks[-1]
            chunks[-1] = (start, e, para)
        else:
            paragraph += 1
            chunks.append((s, e, paragraph))
        prev_content = content

    segments: list[Segment] = []
    for start, end, para in chunks:
        chunk = text[start:end]
        spans: Sequence[tuple[int, int]]
        if _is_thai(chunk) or (lang == "th" and _THAI.search(chunk)):
            spans = _thai_spans(chunk)
        else:
            spans = _sbd_spans(chunk, lang)
        for s, e in spans:
            s, e = _trim(chunk, s, e)
            if s >= e:
                continue
            piece = chunk[s:e]
            segments.append(
                Segment(
                    index=len(segments),
                    start=start + s,
                    end=start + e,
                    text=piece,
                    paragraph=para,
                    translatable=is_translatable(piece),
                )
            )
    return segments


def rebuild(text: str, segments: Sequence[Segment], replacements: Mapping[int, str]) -> str:
    """The text with segment i replaced by replacements[i]; every gap is copied byte for byte."""
    out: list[str] = []
    pos = 0
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.start < pos or seg.end > len(text) or seg.start > seg.end:
            raise ValueError(
                f"segment {seg.index} ({seg.start}:{seg.end}) overlaps or lies outside"
            )
        out.append(text[pos : seg.start])
        out.append(replacements.get(seg.index, text[seg.start : seg.end]))
        pos = seg.end
    out.append(text[pos:])
    return "".join(out)
