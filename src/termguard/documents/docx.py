"""Word documents (.docx) with python-docx: paragraphs, tables, headers and footers.

Each paragraph is a unit. Its runs are read with their formatting (the run properties, w:rPr):
the formatting most of the text has is the paragraph's own, and runs formatted otherwise
(bold, italics, a character style) and hyperlinks become spans, so the words they cover carry
the formatting through the translation. Tabs, line breaks, pictures, fields, footnote
references and bookmarks are points, copied as they were. The translated document is the
original package with each paragraph's runs written again: paragraph properties, styles,
numbering, sections, headers and pictures are untouched. Text in text boxes, footnotes and
comments is not translated.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from termguard.documents import Document, Rendered, Unit
from termguard.documents.marks import CLOSE, OPEN, POINT, Mark, trim
from termguard.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LETTER = re.compile(r"[^\W\d_]")
#: Language tags Word uses in w:lang for the target languages.


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(el: Any) -> str:
    tag = el.tag
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def _walk(container: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    """(place, w:p) of every paragraph in a body, header or table cell, in document order."""
    paragraph = table = 0
    for child in container:
        name = _local(child)
        if name == "p":
            paragraph += 1
            yield f"{prefix}p{paragraph}", child
        elif name == "tbl":
            table += 1
            for r, row in enumerate(child.iterchildren(_q("tr")), 1):
                for c, cell in enumerate(row.iterchildren(_q("tc")), 1):
                    yield from _walk(cell, f"{prefix}t{table}.r{r}.c{c}.")
        elif name == "sdt":  # a content control around blocks
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from _walk(content, prefix)


def _paragraphs(document: Any) -> list[tuple[str, Any]]:
    found = list(_walk(document.element.body, ""))
    for s, section in enumerate(document.sections, 1):
        for kind in ("header", "first_page_header", "even_page_header"):
            part = getattr(section, kind)
            if not part.is_linked_to_previous:
                found.extend(_walk(part._element, f"{kind.replace('_', '-')}{s}."))
        for kind in ("footer", "first_page_footer", "even_page_footer"):
            part = getattr(section, kind)
            if not part.is_linked_to_previous:
                found.extend(_walk(part._element, f"{kind.replace('_', '-')}{s}."))
    return found


@dataclass
class _Piece:
    kind: str  # text, point, open, close
    value: Any  # text; the element to copy (point); the hyperlink (open/close)
    rpr: Any = None  # the run properties of text
    link: int = -1  # which hyperlink the text lies in


def _run_pieces(run: Any, link: int, out: list[_Piece]) -> None:
    rpr = run.find(_q("rPr"))
    for child in run:
        name = _local(child)
        if name == "rPr" or name == "lastRenderedPageBreak":
            continue
        if name == "t":
            out.append(_Piece("text", child.text or "", rpr, link))
        elif name == "noBreakHyphen":
            out.append(_Piece("text", "\u2011", rpr, link))
        else:  # tab, br, drawing, footnote reference, symbol...: the run with just that
            keep = copy.deepcopy(run)
            for other in list(keep):
                if other is not keep.find(_q("rPr")) and _local(other) != name:
                    keep.remove(other)
            for extra in keep.findall(_q(name))[1:]:
                keep.remove(extra)
            out.append(_Piece("point", keep, None, link))


def _pieces(p: Any) -> list[_Piece]:
    out: list[_Piece] = []
    field: list[Any] | None = None  # runs of a complex field, kept whole
    links = 0

    def runs(parent: Any, link: int) -> None:
        nonlocal field
        for child in parent:
            name = _local(child)
            if field is not None:
                field.append(child)
                chars = child.findall(f".//{_q('fldChar')}")
                if any(c.get(_q("fldCharType")) == "end" for c in chars):
                    out.append(_Piece("point", field, None, link))
                    field = None
                continue
            if name == "r":
                chars = child.findall(_q("fldChar"))
                if any(c.get(_q("fldCharType")) == "begin" for c in chars):
                    field = [child]
                    continue
                _run_pieces(child, link, out)
            elif name in ("ins", "smartTag", "customXml"):
                runs(child, link)
            elif name in ("pPr", "proofErr", "rsid"):
                continue
            else:  # hyperlinks are handled below; bookmarks, fldSimple, deletions: points
                out.append(_Piece("point", child, None, link))

    for child in p:
        name = _local(child)
        if name == "hyperlink" and field is None:
            out.append(_Piece("open", child))
            runs(child, links)
            out.append(_Piece("close", child))
            links += 1
        else:
            runs([child], -1)
    if field is not None:
        out.append(_Piece("point", field, None, -1))
    return out


def _key(rpr: Any) -> bytes:
    from lxml import etree

    return b"" if rpr is None else bytes(etree.tostring(rpr))


def _unit(pieces: list[_Piece], place: str, line: int) -> tuple[Unit, Any] | None:
    """The paragraph's plain text and marks, and the run properties its plain text gets."""
    weight: dict[bytes, int] = {}
    props: dict[bytes, Any] = {}
    for piece in pieces:
        if piece.kind == "text" and piece.link < 0:
            k = _key(piece.rpr)
            weight[k] = weight.get(k, 0) + len(piece.value)
            props.setdefault(k, piece.rpr)
    base = max(weight, key=lambda k: weight[k]) if weight else b""
    plain = ""
    marks: list[tuple[int, Mark]] = []
    span = 0
    open_fmt: tuple[bytes, int] | None = None  # the formatting span open now
    link_base: bytes | None = None
    link_span = 0

    def close_fmt() -> None:
        nonlocal open_fmt
        if open_fmt is not None:
            marks.append((len(plain), Mark(CLOSE, open_fmt[1], "formatting")))
            open_fmt = None

    for piece in pieces:
        if piece.kind == "text":
            k = _key(piece.rpr)
            own = base if link_base is None else link_base
            if open_fmt is not None and open_fmt[0] != k:
                close_fmt()
            if k != own and open_fmt is None:
                span += 1
                open_fmt = (k, span)
                marks.append((len(plain), Mark(OPEN, span, _describe(piece.rpr), piece.rpr)))
            plain += piece.value
        elif piece.kind == "open":
            close_fmt()
            span += 1
            link_runs = piece.value.findall(_q("r"))
            rpr = link_runs[0].find(_q("rPr")) if link_runs else None
            link_base = _key(rpr)
            marks.append((len(plain), Mark(OPEN, span, "link", (piece.value, rpr))))
            link_span = span
        elif piece.kind == "close":
            close_fmt()
            marks.append((len(plain), Mark(CLOSE, link_span, "link")))
            link_base = None
        else:
            close_fmt()
            span += 1
            marks.append((len(plain), Mark(POINT, span, _point_label(piece.value), piece.value)))
    close_fmt()
    # A close mark carries its open's raw, so the writer can find it from either end.
    opens = {m.span: m for _, m in marks if m.kind == OPEN}
    marks = [
        (p, Mark(CLOSE, m.span, opens[m.span].label, opens[m.span].raw))
        if m.kind == CLOSE and m.span in opens
        else (p, m)
        for p, m in marks
    ]
    if not _LETTER.search(plain):
        return None
    body, kept = trim(plain, marks)
    return Unit(body, kept, line, place), props.get(base)


def _describe(rpr: Any) -> str:
    if rpr is None:
        return "formatting"
    names = [_local(c) for c in rpr]
    words = {"b": "bold", "i": "italics", "u": "underline", "rStyle": "character style"}
    found = [words[n] for n in names if n in words]
    return " ".join(found) or "formatting"


def _point_label(value: Any) -> str:
    if isinstance(value, list):
        return "field"
    names = [_local(c) for c in value if _local(c) != "rPr"] or [_local(value)]
    return {"tab": "tab", "br": "line break", "drawing": "picture"}.get(names[0], names[0])


#: A Word file inflating beyond this is not an article (python-docx holds it in memory).
_MAX_INFLATED = 1 << 30


@dataclass(frozen=True)
class _State:
    data: bytes
    indices: tuple[int, ...]  # which paragraphs (in _paragraphs order) are units
    props: tuple[Any, ...]  # the run properties of each unit's plain text


def _open(data: bytes, path: str) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from termguard.inputs import check_zipped_xml, zip_problem

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            problem = zip_problem(zf, max_total=_MAX_INFLATED)
            if problem:
                raise InputError(f"refused: {problem}; save it again from Word", path)
            check_zipped_xml(zf, path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(
            f"is a damaged Word document ({exc}); save it again from Word", path
        ) from exc
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(
            f"cannot be read as a Word document ({exc}); open it in Word and save it as .docx",
            path,
        ) from exc
    except Exception as exc:  # lxml XMLSyntaxError and zip errors inside the package
        raise InputError(
            f"is a damaged Word document ({type(exc).__name__}: {exc}); save it again from Word",
            path,
        ) from exc


def read(data: bytes, path: str, fmt: str = "docx") -> Document:
    """Every paragraph with text, in the body, its tables, headers and footers, as a unit."""
    document = _open(data, path)
    units: list[Unit] = []
    indices: list[int] = []
    props: list[Any] = []
    for i, (place, p) in enumerate(_paragraphs(document)):
        found = _unit(_pieces(p), place, len(units) + 1)
        if found is not None:
            units.append(found[0])
            props.append(found[1])
            indices.append(i)
    return Document(path, "docx", tuple(units), _State(data, tuple(indices), tuple(props)))


def _word_lang(lang: str) -> str:
    """The language tag Word writes for `lang` (kk-KZ), from the language; the code if unknown."""
    from termguard.lang import find_language

    language = find_language(lang)
    return (language.locale if language else "") or lang


def _set_lang(rpr: Any, lang: str) -> Any:
    if rpr is None:
        return None
    rpr = copy.deepcopy(rpr)
    tag = rpr.find(_q("lang"))
    if tag is not None and tag.get(_q("val")):
        tag.set(_q("val"), _word_lang(lang))
    return rpr


def _text_run(text: str, rpr: Any, lang: str) -> Any:
    from lxml import etree

    run = etree.Element(_q("r"))
    props = _set_lang(rpr, lang)
    if props is not None:
        run.append(props)
    t = etree.SubElement(run, _q("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _rewrite(p: Any, unit: Rendered, base: Any, lang: str) -> None:
    from lxml import etree

    for child in list(p):
        if _local(child) != "pPr":
            p.remove(child)
    containers = [p]
    formats: list[Any] = [base]
    pos = 0

    def emit(text: str) -> None:
        if text:
            containers[-1].append(_text_run(text, formats[-1], lang))

    for at, mark in unit.marks:
        emit(unit.text[pos:at])
        pos = at
        if mark.kind == OPEN and mark.label == "link":
            element, rpr = mark.raw
            link = etree.SubElement(containers[-1], element.tag, dict(element.attrib))
            containers.append(link)
            formats.append(rpr)
        elif mark.kind == OPEN:
            formats.append(mark.raw)
            containers.append(containers[-1])
        elif mark.kind == CLOSE:
            if len(containers) > 1:
                containers.pop()
                formats.pop()
        else:
            for element in mark.raw if isinstance(mark.raw, list) else [mark.raw]:
                containers[-1].append(copy.deepcopy(element))
    emit(unit.text[pos:])


def write(doc: Document, units: Sequence[Rendered | None], lang: str) -> bytes:
    """The original package with every translated paragraph's runs written again."""
    state: _State = doc.state
    document = _open(state.data, doc.path)
    paragraphs = _paragraphs(document)
    for index, unit, base in zip(state.indices, units, state.props, strict=True):
        if unit is not None:
            _rewrite(paragraphs[index][1], unit, base, lang)
    document.core_properties.language = _word_lang(lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
