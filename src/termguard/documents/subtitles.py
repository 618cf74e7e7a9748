"""Subtitles: .srt (with the srt library) and WebVTT (with webvtt-py), one unit per cue.

Numbers, timecodes, cue settings, NOTE and STYLE blocks are the libraries' to keep; only the
text changes. A cue's lines are one unit, joined by spaces (a sentence often runs over two
lines), except dialogue lines that start with a dash; the translation is wrapped again into as
many lines as the cue had. Tags inside cues (<i>, <b>, <font>, <v Speaker>, {\\an8}) are marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from termguard.documents import Document, Rendered, Unit
from termguard.documents.marks import CLOSE, OPEN, POINT, Mark, trim
from termguard.errors import InputError

_CODE = re.compile(r"\{\\[^}]*\}|<[^>]*>")
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*|\d[\d:.]*)[^>]*>")
_DIALOGUE = re.compile(r"^[-–—]\s")


def _cue_unit(content: str, line: int, place: str) -> tuple[Unit, int]:
    """A cue's text as a unit, and the number of lines it had."""
    raw_lines = content.split("\n")
    joined = ""
    for i, line_text in enumerate(raw_lines):
        if i:
            joined += "\n" if _DIALOGUE.match(line_text) else " "
        joined += line_text.strip()
    plain = ""
    marks: list[tuple[int, Mark]] = []
    stack: list[tuple[str, int, int]] = []
    pos = 0
    for n, m in enumerate(_CODE.finditer(joined)):
        plain += joined[pos : m.start()]
        pos = m.end()
        raw = m.group(0)
        tag = _TAG.fullmatch(raw)
        name = tag.group(2).lower() if tag else "{\\...}"
        if tag and not tag.group(1) and not name[0].isdigit():
            stack.append((f"<{name}>", n, len(marks)))
            marks.append((len(plain), Mark(OPEN, n, f"<{name}>", raw)))
        elif tag and tag.group(1) and stack and stack[-1][0] == f"<{name}>":
            _, span, _ = stack.pop()
            marks.append((len(plain), Mark(CLOSE, span, f"<{name}>", raw)))
        else:
            marks.append((len(plain), Mark(POINT, n, name if not tag else f"<{name}>", raw)))
    plain += joined[pos:]
    for _, span, index in stack:  # <v Speaker> and other tags left open: points
        at, mark = marks[index]
        marks[index] = (at, Mark(POINT, span, mark.label, mark.raw))
    body, kept = trim(plain, marks)
    return Unit(body, kept, line, place), len(raw_lines)


def _render(unit: Rendered, lines: int) -> str:
    """The cue text with its tags, wrapped into `lines` lines of about equal length."""
    out, pos = [], 0
    for at, mark in unit.marks:
        out.append(unit.text[pos:at])
        out.append(mark.raw)
        pos = at
    out.append(unit.text[pos:])
    text = "".join(out)
    have = text.count("\n") + 1
    if have >= lines:
        return text
    # Break at spaces outside tags, as near as possible to equal shares of the visible text.
    spaces: list[tuple[int, int]] = []  # (index in text, visible characters before it)
    visible = i = 0
    while i < len(text):
        m = _CODE.match(text, i)
        if m is not None:
            i = m.end()
            continue
        if text[i] == " ":
            spaces.append((i, visible))
        visible += 1
        i += 1
    chars = list(text)
    wanted = lines - have
    for k in range(1, wanted + 1):
        target = visible * k / (wanted + 1)
        free = [sp for sp in spaces if chars[sp[0]] == " "]
        if not free:
            break
        at, _ = min(free, key=lambda sp: abs(sp[1] - target))
        chars[at] = "\n"
    return "".join(chars)


def _timing_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n"), 1) if "-->" in line]


@dataclass(frozen=True)
class _State:
    kind: str
    cues: Any  # the library's own objects
    lines: tuple[int, ...]  # lines each cue had


def read(data: bytes, path: str, fmt: str = "srt") -> Document:
    """The cues of an .srt or .vtt file as units, placed by cue number."""
    from termguard.translate.source import decode_document

    text = decode_document(data, path).replace("\r\n", "\n")
    timing = _timing_lines(text)
    units: list[Unit] = []
    counts: list[int] = []
    if fmt == "vtt":
        import webvtt

        try:
            vtt = webvtt.from_string(text)
        except webvtt.errors.MalformedFileError as exc:
            raise InputError(
                f"not a valid WebVTT file ({exc}); it must start with WEBVTT and have "
                "'00:00:01.000 --> 00:00:02.000' timing lines",
                path,
                1,
            ) from exc
        for n, caption in enumerate(vtt.captions):
            line = timing[n] if n < len(timing) else 0
            unit, count = _cue_unit(caption.raw_text, line, f"cue{n + 1}")
            units.append(unit)
            counts.append(count)
        return Document(path, "vtt", tuple(units), _State("vtt", vtt, tuple(counts)))
    import srt

    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as exc:
        line = text.count("\n", 0, exc.expected_start) + 1
        raise InputError(
            "not a valid .srt file: expected a cue number, a '00:00:01,000 --> 00:00:02,000' "
            "line and text, separated by blank lines",
            path,
            line,
        ) from exc
    if text.strip() and not subs:
        raise InputError("no subtitles found; is this an .srt file?", path, 1)
    for n, sub in enumerate(subs):
        line = timing[n] if n < len(timing) else 0
        unit, count = _cue_unit(sub.content, line, f"cue{sub.index}")
        units.append(unit)
        counts.append(count)
    return Document(path, "srt", tuple(units), _State("srt", subs, tuple(counts)))


def write(doc: Document, units: Sequence[Rendered | None], lang: str) -> bytes:
    """The subtitles with each cue's text replaced; numbers and timecodes as they were."""
    state: _State = doc.state
    if state.kind == "vtt":
        import copy

        vtt = copy.deepcopy(state.cues)
        for caption, unit, lines in zip(vtt.captions, units, state.lines, strict=True):
            if unit is not None:
                caption.text = _render(unit, lines)
        return str(vtt.content).encode("utf-8")
    import srt

    subs = [
        sub
        if unit is None
        else srt.Subtitle(sub.index, sub.start, sub.end, _render(unit, lines), sub.proprietary)
        for sub, unit, lines in zip(state.cues, units, state.lines, strict=True)
    ]
    return str(srt.compose(subs, reindex=False)).encode("utf-8")
