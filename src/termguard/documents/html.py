"""HTML pages: text nodes and translatable attributes in, the same page with the text replaced out.

Python's html.parser (the tokenizer translate-toolkit's html2po is built on) reports where each
tag, text and entity starts, so the page is never re-serialised: everything outside the text
(doctype, scripts, styles, comments, attribute order and quoting, whitespace between blocks) is
copied byte for byte, and inline tags inside a paragraph (<b>, <a href>, <br>) keep their own
bytes as marks that travel with the translation. Only text between block tags is a unit, so a
run of closing tags is never a segment; script, style, template, pre and the like, and anything
marked translate="no", are kept as they are. alt, title, placeholder and aria-label attributes
and the page description are units of their own. The lang attribute of <html> is set to the
target language.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from termguard.documents import Document, Rendered, Unit
from termguard.documents.marks import CLOSE, OPEN, POINT, Mark, trim

INLINE = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "label",
        "mark",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
    ]
)
#: Inline elements kept whole, content and all (code is not prose).
ATOMIC = frozenset(["code", "kbd", "samp", "var", "math", "svg"])
#: Elements whose content is never text to translate.
SKIP = frozenset(
    ["script", "style", "template", "textarea", "pre", "noscript", "iframe", "object", "canvas"]
)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
INLINE_VOID = frozenset(["br", "img", "wbr", "input"])
ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
META_NAMES = frozenset(
    ["description", "og:title", "og:description", "twitter:title", "twitter:description"]
)
_WS = re.compile(r"[ \t\n\r\f]+")
_LETTER = re.compile(r"[^\W\d_]")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _attr_span(raw: str, name: str) -> tuple[int, int, str] | None:
    """(start, end, quote) of an attribute's value (quotes included) inside a tag's text."""
    m = re.search(
        rf"""[\s/]{re.escape(name)}\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""", raw, re.IGNORECASE
    )
    if m is None:
        return None
    value = m.group(1)
    quote = value[0] if value[0] in "\"'" else ""
    return m.start(1), m.end(1), quote


class _Tokens(HTMLParser):
    """Every token of a page with its offset; the tokens tile the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.events: list[tuple[str, str, list[tuple[str, str | None]], int]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, attrs, self._at()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("startend", tag, attrs, self._at()))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, [], self._at()))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data, [], self._at()))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("ref", name, [], self._at()))

    def handle_charref(self, name: str) -> None:
        self.events.append(("ref", name, [], self._at()))

    def handle_comment(self, data: str) -> None:
        self.events.append(("other", "comment", [], self._at()))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("other", "decl", [], self._at()))

    def handle_pi(self, data: str) -> None:
        self.events.append(("other", "pi", [], self._at()))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("other", "decl", [], self._at()))


@dataclass
class _Item:
    kind: str  # text, open, close, point
    start: int
    end: int
    value: str  # decoded text, or the tag name


@dataclass(frozen=True)
class _State:
    text: str
    encoding: str
    regions: tuple[tuple[int, int] | None, ...]  # per unit: the text region; None: attribute
    attrs: tuple[tuple[int, int, int, str], ...]  # (start, end, unit, quote) of attribute values
    lang: tuple[int, int, str] | None  # where the <html> lang value goes: start, end, quote
    dir: tuple[int, int, str] | None  # the <html> dir value, if any


def _collapse(items: list[_Item]) -> tuple[str, list[tuple[int, Mark]]]:
    """Plain text (whitespace collapsed as a browser shows it) and marks of a unit's items."""
    plain = ""
    marks: list[tuple[int, Mark]] = []
    stack: list[tuple[str, int, int]] = []  # (tag, span id, index in marks)
    after_point = False  # a space on each side of an image or a code span is two spaces
    for n, item in enumerate(items):
        if item.kind == "text":
            piece = _WS.sub(" ", item.value)
            if plain.endswith(" ") and piece.startswith(" ") and not after_point:
                piece = piece[1:]
            plain += piece
            after_point = False
            continue
        after_point = item.kind == "point"
        if item.kind == "open":
            stack.append((item.value, n, len(marks)))
            marks.append((len(plain), Mark(OPEN, n, f"<{item.value}>", (item.start, item.end))))
        elif item.kind == "close" and stack and stack[-1][0] == item.value:
            _, span, _ = stack.pop()
            marks.append((len(plain), Mark(CLOSE, span, f"<{item.value}>", (item.start, item.end))))
        else:  # a point, or a close tag that closes nothing open here: kept where it is
            label = f"<{item.value}>" if item.value not in ("comment", "decl", "pi") else item.value
            marks.append((len(plain), Mark(POINT, n, label, (item.start, item.end))))
    for _, span, index in stack:  # opened and never closed in this unit: kept as a point
        pos, mark = marks[index]
        marks[index] = (pos, Mark(POINT, span, mark.label, mark.raw))
    body, kept = trim(plain, marks)
    return body, list(kept)


def read(data: bytes, path: str, fmt: str = "html") -> Document:
    """The units of a page: text between block tags (with inline marks) and attributes."""
    # Long: one pass over the parser's events, whose state (open elements, the unit being built,
    # the language in force) the nested helpers share; split up, it would need a class to carry.
    from termguard.bitext import decode

    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii") if m else None
    text = decode(data, path, declared)
    encoding = "utf-8" if data.startswith(b"\xef\xbb\xbf") or not declared else declared
    tokens = _Tokens(text)
    tokens.feed(text)
    tokens.close()
    events = tokens.events
    ends = [e[3] for e in events[1:]] + [len(text)]
    units: list[Unit] = []
    regions: list[tuple[int, int] | None] = []
    attrs: list[tuple[int, int, int, str]] = []
    lang: tuple[int, int, str] | None = None
    direction: tuple[int, int, str] | None = None
    items: list[_Item] = []
    skip: list[str] = []  # open elements whose content is kept as it is
    atomic: tuple[str, int, int] | None = None  # (tag, depth, start) of an inline kept whole

    def line_of(offset: int) -> int:
        return bisect_right(tokens.line_starts, offset)

    def flush() -> None:
        while items and items[0].kind == "text" and not items[0].value.strip():
            items.pop(0)
        while items and items[-1].kind == "text" and not items[-1].value.strip():
            items.pop()
        if items:
            plain, marks = _collapse(items)
            if _LETTER.search(plain):
                first = next((i.start for i in items if i.kind == "text"), items[0].start)
                units.append(Unit(plain, tuple(marks), line_of(first)))
                regions.append((items[0].start, items[-1].end))
        items.clear()

    def attribute_units(raw: str, start: int, tag: str, attr_list: Any) -> None:
        names = list(ATTRIBUTES)
        values = {k.lower(): v for k, v in attr_list}
        if tag == "meta" and (values.get("name") or values.get("property") or "") in META_NAMES:
            names.append("content")
        for name in names:
            value = values.get(name)
            if not value or not _LETTER.search(value):
                continue
            span = _attr_span(raw, name)
            if span is None:
                continue
            a, b, quote = span
            attrs.append((start + a, start + b, len(units), quote))
            units.append(Unit(" ".join(value.split()), (), line_of(start)))
            regions.append(None)

    for (kind, value, attr_list, start), end in zip(events, ends, strict=True):
        raw = text[start:end]
        tag = value if kind in ("start", "startend", "end") else ""
        if atomic is not None:
            a_tag, depth, a_start = atomic
            if kind == "start" and tag == a_tag:
                atomic = (a_tag, depth + 1, a_start)
            elif kind == "end" and tag == a_tag:
                if depth == 1:
                    items.append(_Item("point", a_start, end, a_tag))
                    atomic = None
                else:
                    atomic = (a_tag, depth - 1, a_start)
            continue
        if skip:
            if kind == "start" and tag == skip[-1] and tag not in VOID:
                skip.append(tag)
            elif kind == "end" and tag == skip[-1]:
                skip.pop()
            continue
        if kind in ("start", "startend"):
            no = (
                dict(attr_list).get("translate", "") == "no"
                or "notranslate" in (dict(attr_list).get("class") or "").split()
            )
            if tag == "html":
                span = _attr_span(raw, "lang")
                at = start + len("<html")
                lang = (start + span[0], start + span[1], span[2]) if span else (at, at, "")
                span = _attr_span(raw, "dir")
                if span is not None:
                    direction = (start + span[0], start + span[1], span[2])
            if not no:
                attribute_units(raw, start, tag, attr_list)
            if tag in INLINE_VOID or (kind == "startend" and tag in INLINE):
                items.append(_Item("point", start, end, tag))
            elif (tag in ATOMIC or (no and tag in INLINE)) and kind == "start":
                atomic = (tag, 1, start)
            elif tag in INLINE:
                items.append(_Item("open", start, end, tag))
            else:
                flush()
                if (tag in SKIP or no) and kind == "start" and tag not in VOID:
                    skip.append(tag)
        elif kind == "end":
            if tag in INLINE or tag in INLINE_VOID:
                items.append(_Item("close", start, end, tag))
            else:
                flush()
        elif kind == "data":
            items.append(_Item("text", start, end, value))
        elif kind == "ref":
            items.append(_Item("text", start, end, html.unescape(raw)))
        else:  # comments, declarations: kept in place
            items.append(_Item("point", start, end, value))
    if atomic is not None:  # an inline element never closed: keep it all
        items.append(_Item("point", atomic[2], len(text), atomic[0]))
    flush()
    state = _State(text, encoding, tuple(regions), tuple(attrs), lang, direction)
    return Document(path, "html", tuple(units), state)


def write(doc: Document, units: Sequence[Rendered | None], lang: str) -> bytes:
    """The page with each unit's text replaced and every other byte as it was."""
    state: _State = doc.state
    text = state.text
    small: list[tuple[int, int, str]] = []  # attribute values and lang, inside tags
    for start, end, index, quote in state.attrs:
        unit = units[index]
        if unit is not None:
            q = quote or '"'
            small.append((start, end, f"{q}{html.escape(unit.text, quote=True)}{q}"))
    if state.lang is not None:
        start, end, quote = state.lang
        value = lang
        small.append((start, end, f"{quote}{value}{quote}" if end > start else f' lang="{value}"'))
    if state.dir is not None:  # kk, ru, th and en are all written left to right
        start, end, quote = state.dir
        q = quote or '"'
        small.append((start, end, f"{q}ltr{q}"))
    small.sort()

    def splice(a: int, b: int) -> str:
        out, pos = [], a
        for s, e, new in small:
            if s >= a and e <= b and s >= pos:
                out.append(text[pos:s])
                out.append(new)
                pos = e
        out.append(text[pos:b])
        return "".join(out)

    def render(unit: Rendered) -> str:
        out, pos = [], 0
        for at, mark in unit.marks:
            out.append(html.escape(unit.text[pos:at], quote=False))
            out.append(splice(*mark.raw))
            pos = at
        out.append(html.escape(unit.text[pos:], quote=False))
        return "".join(out)

    pieces, pos = [], 0
    for region, unit in sorted(
        ((r, u) for r, u in zip(state.regions, units, strict=True) if r is not None),
        key=lambda x: x[0],
    ):
        start, end = region
        pieces.append(splice(pos, start))
        pieces.append(render(unit) if unit is not None else splice(start, end))
        pos = end
    pieces.append(splice(pos, len(text)))
    return "".join(pieces).encode(state.encoding, errors="xmlcharrefreplace")
