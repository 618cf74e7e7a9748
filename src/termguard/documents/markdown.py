"""Markdown: headings, paragraphs, list items, quotes and table cells in, the same file out.

markdown-it-py (CommonMark, with GFM tables and strikethrough) finds the blocks and their lines
and the inline structure of each. It gives inline tokens no offsets, so each token is matched
back onto the block's own source text, in order: emphasis, links and images keep their exact
characters (`**` or `__`, the link destination and title) as marks, code spans and inline
HTML are kept as they are, and only the words change. Code blocks, HTML blocks and YAML front
matter are never translated. A translated block is written on one line (Markdown joins a
paragraph's lines anyway); everything outside the blocks is copied byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from termguard.documents import Document, Rendered, Unit
from termguard.documents.marks import CLOSE, OPEN, POINT, Mark, trim

_LETTER = re.compile(r"[^\W\d_]")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_FRONT = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


_LABELS = {"em": "emphasis", "strong": "bold", "s": "strikethrough", "link": "link"}


class _Unaligned(Exception):
    """The inline tokens could not be matched back onto the source (kept untranslated)."""


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _text_pattern(text: str) -> re.Pattern[str]:
    parts = []
    for ch in text:
        alts = [re.escape(ch), _ENTITY]
        if ch in _PUNCT:
            alts.insert(0, "\\\\" + re.escape(ch))
        if ch == " ":
            alts = [r"[ \t]+"]
        parts.append("(?:" + "|".join(alts) + ")")
    return re.compile("".join(parts))


def _balanced(s: str, pos: int, open_ch: str, close_ch: str) -> int:
    """The index after the bracket closing the one at s[pos], skipping escapes and quotes."""
    depth = 0
    quote = ""
    i = pos
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and open_ch == "(" and depth > 0:
            quote = ch
        elif ch == open_ch:
            depth += 1
        elif ch == close_ch:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise _Unaligned


def _link_tail(s: str, pos: int) -> int:
    """After the ']' of a link or image: its (destination "title") or [reference], if any."""
    if s.startswith("(", pos):
        return _balanced(s, pos, "(", ")")
    if s.startswith("[", pos):
        return _balanced(s, pos, "[", "]")
    return pos


def _match(s: str, pos: int, token: Any) -> int:
    """Where the source text of one inline token ends, starting at pos."""
    kind = token.type
    if kind in ("text", "text_special"):
        if not token.content:
            return pos
        m = _text_pattern(token.content).match(s, pos)
        if m is None:
            raise _Unaligned
        return m.end()
    if kind == "softbreak":
        m = re.compile(r"[ \t]*\n[ \t]*").match(s, pos)
    elif kind == "hardbreak":
        m = re.compile(r"(?:[ \t]{2,}|\\)\n[ \t]*").match(s, pos)
    elif kind in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
        return pos + len(token.markup) if s.startswith(token.markup, pos) else _fail()
    elif kind == "link_open":
        if token.markup == "autolink":
            return pos + 1 if s.startswith("<", pos) else _fail()
        if token.markup == "linkify":
            return pos
        return pos + 1 if s.startswith("[", pos) else _fail()
    elif kind == "link_close":
        if token.markup == "autolink":
            return pos + 1 if s.startswith(">", pos) else _fail()
        if token.markup == "linkify":
            return pos
        return _link_tail(s, pos + 1) if s.startswith("]", pos) else _fail()
    elif kind == "code_inline":
        ticks = re.compile(r"`+").match(s, pos)
        if ticks is None:
            raise _Unaligned
        n = len(ticks.group(0))
        m = re.compile(rf"`{{{n}}}.*?(?<!`)`{{{n}}}(?!`)", re.DOTALL).match(s, pos)
    elif kind == "image":
        if not s.startswith("![", pos):
            raise _Unaligned
        return _link_tail(s, _balanced(s, pos + 1, "[", "]"))
    elif kind == "html_inline":
        return pos + len(token.content) if s.startswith(token.content, pos) else _fail()
    else:
        raise _Unaligned
    if m is None:
        raise _Unaligned
    return m.end()


def _fail() -> int:
    raise _Unaligned


def _inline_unit(content: str, children: Sequence[Any]) -> tuple[str, list[tuple[int, Mark]]]:
    """Plain text and marks (with their exact source characters) of one inline token."""
    plain = ""
    marks: list[tuple[int, Mark]] = []
    stack: list[tuple[str, int]] = []
    pos = 0
    autolink: int | None = None  # where an autolink (<https://...>) started: kept whole
    for n, token in enumerate(children):
        end = _match(content, pos, token)
        raw = content[pos:end]
        kind = token.type
        if kind == "link_open" and token.markup in ("autolink", "linkify"):
            autolink = pos
        if autolink is not None:
            if kind == "link_close":
                marks.append((len(plain), Mark(POINT, n, "link", content[autolink:end])))
                autolink = None
            pos = end
            continue
        if kind in ("text", "text_special"):
            plain += token.content
        elif kind == "softbreak":
            plain += " "
        elif kind.endswith("_open"):
            stack.append((kind[:-5], n))
            marks.append((len(plain), Mark(OPEN, n, _LABELS.get(kind[:-5], kind[:-5]), raw)))
        elif kind.endswith("_close"):
            if not stack or stack[-1][0] != kind[:-6]:
                raise _Unaligned
            _, span = stack.pop()
            marks.append((len(plain), Mark(CLOSE, span, _LABELS.get(kind[:-6], kind[:-6]), raw)))
        else:
            label = {"code_inline": "code span", "html_inline": "inline HTML"}.get(kind, kind)
            marks.append((len(plain), Mark(POINT, n, label, raw)))
            if kind == "hardbreak":
                plain += " "
        pos = end
    if content[pos:].strip() or stack:
        raise _Unaligned
    return plain, marks


@dataclass(frozen=True)
class _State:
    text: str
    regions: tuple[tuple[int, int, bool, bool], ...]  # start, end, at a line start, in a table


def read(data: bytes, path: str, fmt: str = "md") -> Document:
    """The units of a Markdown file: each heading, paragraph and table cell."""
    import logging

    from termguard.translate.source import decode_document

    text = decode_document(data, path)
    front = _FRONT.match(text)
    masked = text
    if front:  # YAML front matter: blank lines for the parser, so line numbers stay
        masked = "\n" * front.group(0).count("\n") + text[front.end() :]
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    units: list[Unit] = []
    regions: list[tuple[int, int, bool, bool]] = []
    cursor: dict[int, int] = {}
    in_table = 0
    for token in _parser().parse(masked):
        if token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        first = token.map[0]
        content_lines = token.content.split("\n")
        located: list[tuple[int, int]] = []
        for k, piece in enumerate(content_lines):
            number = first + k
            if number >= len(lines):
                break
            at = lines[number].find(piece, cursor.get(number, 0))
            if at < 0:
                break
            cursor[number] = at + len(piece)
            located.append((starts[number] + at, starts[number] + at + len(piece)))
        if len(located) != len(content_lines):
            logging.getLogger(__name__).warning(
                "%s:%d: block not found in the source; kept as it is", path, first + 1
            )
            continue
        try:
            plain, marks = _inline_unit(token.content, token.children or [])
        except _Unaligned:
            logging.getLogger(__name__).warning(
                "%s:%d: inline markup not matched to the source; kept as it is", path, first + 1
            )
            continue
        if not _LETTER.search(plain):
            continue
        body, shifted = trim(plain, marks)
        start, end = located[0][0], located[-1][1]
        units.append(Unit(body, tuple(shifted), first + 1))
        at_line_start = start == 0 or text[start - 1] == "\n"
        regions.append((start, end, at_line_start, in_table > 0))
    return Document(path, "md", tuple(units), _State(text, tuple(regions)))


_ESCAPE = re.compile(r"([\\`*_\[\]<])")
_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")


def _escape(text: str, line_start: bool, table: bool) -> str:
    out = _ESCAPE.sub(r"\\\1", text)
    if table:
        out = out.replace("|", "\\|")
    if line_start:
        out = _BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], out)
    return out


def write(doc: Document, units: Sequence[Rendered | None], lang: str) -> bytes:
    """The file with each block's text replaced and everything else as it was."""
    state: _State = doc.state
    text = state.text
    pieces, pos = [], 0
    for (start, end, line_start, table), unit in zip(state.regions, units, strict=True):
        pieces.append(text[pos:start])
        if unit is None:
            pieces.append(text[start:end])
        else:
            out, at_text = [], 0
            for at, mark in unit.marks:
                out.append(_escape(unit.text[at_text:at], line_start and at_text == 0, table))
                out.append(mark.raw)
                at_text = at
            out.append(_escape(unit.text[at_text:], line_start and at_text == 0, table))
            pieces.append("".join(out))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces).encode("utf-8")
