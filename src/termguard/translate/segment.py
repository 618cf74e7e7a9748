"""Split documents into paragraphs and sentences, keeping every byte so they can be rebuilt exactly.

A Segment is a sentence with its offsets into the original text; everything between segments
(whitespace, newlines, bullets) is layout and is copied back unchanged by rebuild(). Segments
with nothing to translate (numbers, prices, temperatures, numeric dates, URLs, e-mails, a lone
letter like the "A" of web navigation) are marked translatable=False and pass through untouched.

Sentences: each language's rules (Language.sentence_spans: pysbd's for kk, ru and en, see
lang/sentences.py); Thai, written without sentence punctuation, is split where a space stands
between two Thai letters, short pieces joined to the next, and a mostly Thai paragraph is split
so in a document of any language. A line break ends a paragraph unless the line runs on into a
lowercase continuation (text wrapped at a fixed width).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from termguard.lang import Language, find_language, languages
from termguard.lang.script import LETTER_RUNS
from termguard.lang.sentences import sbd_spans, trim


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
_TERMINAL = '.!?…:;»"”)'


def is_translatable(text: str) -> bool:
    """False for text with nothing to translate: numbers, prices, dates, URLs, a lone letter."""
    rest = _UNITS.sub(" ", _URL.sub(" ", text))
    words = LETTER_RUNS.findall(rest)
    if not words:
        return False
    return not all(len(w) == 1 for w in words)


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


def _sentence_spans(
    chunk: str, lang: str, language: Language | None, claimants: Sequence[Language]
) -> Sequence[tuple[int, int]]:
    """Sentence spans of one paragraph: by the rules of a language that claims it (a Thai
    paragraph in Kazakh news), else by those of the document's language."""
    for other in claimants:
        if other.claims_paragraph(chunk):
            return other.sentence_spans(chunk)
    if language is None:
        return sbd_spans(chunk, lang)
    return language.sentence_spans(chunk)


def segment_text(text: str, lang: str) -> list[Segment]:
    """Sentences of `text` with their offsets; the gaps between them are layout.

    rebuild(text, segment_text(text, lang), {}) == text for every text.
    """
    chunks: list[tuple[int, int, int]] = []  # (start, end, paragraph) of paragraph content
    paragraph = -1
    prev_content = ""
    for line_start, line_end in _lines(text):
        s, e = trim(text, line_start, line_end)
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

    language = find_language(lang)
    claimants = [other for other in languages() if other is not language]
    segments: list[Segment] = []
    for start, end, para in chunks:
        chunk = text[start:end]
        for s, e in _sentence_spans(chunk, lang, language, claimants):
            s, e = trim(chunk, s, e)
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
