"""Documents as newsrooms have them (.docx, .html, .md, .srt, .vtt, .txt), read into units.

A Document is a list of Units, each plain text to translate (a paragraph, a table cell, a
heading, a cue, an alt text) with its inline marks (see termguard.documents.marks) and its
place in the document (`p3`, `cue 7`, a line number). The format's module keeps what it needs
to write the translated document back in the same format: everything that is not text (styles,
markup, timecodes) is copied, the text of each unit is replaced.

The format is chosen by content first (a Word file is a zip with word/document.xml whatever
its name) and then by extension; the format modules are imported only when used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from termguard.documents.marks import Marks
from termguard.errors import InputError

#: Formats termguard reads and writes, by the name of their module.
FORMATS = ("txt", "html", "md", "srt", "vtt", "docx")
_MODULES = {
    "txt": "termguard.documents.text",
    "html": "termguard.documents.html",
    "md": "termguard.documents.markdown",
    "srt": "termguard.documents.subtitles",
    "vtt": "termguard.documents.subtitles",
    "docx": "termguard.documents.docx",
}
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".srt": "srt",
    ".vtt": "vtt",
    ".docx": "docx",
}
#: Other binary formats people send, named so the error can say what to do.
_BINARY = (
    (b"%PDF-", "a PDF file", "export the text (or save it as .docx) first"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file (.doc/.xls)", "save it as .docx first"),
    (b"{\\rtf", "an RTF file", "save it as .docx first"),
    (b"\x89PNG", "a PNG image", "termguard translates text"),
    (b"\xff\xd8\xff", "a JPEG image", "termguard translates text"),
)
_SRT_START = re.compile(r"\A\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")


@dataclass(frozen=True)
class Unit:
    """One piece of text of a document with its inline marks and its place."""

    text: str
    marks: Marks = ()
    line: int = 1
    place: str = ""


@dataclass(frozen=True)
class Document:
    """A document read for translation: its units and what its writer needs."""

    path: str
    format: str
    units: tuple[Unit, ...]
    state: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Rendered:
    """A unit's translated text and its marks, for the writer."""

    text: str
    marks: Marks = ()


def _zip_kind(data: bytes) -> str | None:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "content.xml" in names:
        return "odf"
    return "zip"


def detect_format(path: str | Path, data: bytes) -> str:
    """The document format of a file, by its content first and then by its extension."""
    name = str(path)
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "docx":
            return "docx"
        what = {
            "xlsx": "an Excel workbook",
            "pptx": "a PowerPoint presentation",
            "odf": "an OpenDocument file",
        }.get(kind or "", "a zip archive")
        raise InputError(
            f"is {what}, not a document termguard reads; save it as .docx (Word) or .txt",
            name,
        )
    for magic, what, fix in _BINARY:
        if data.startswith(magic):
            raise InputError(f"is {what}; {fix}", name)
    if suffix == ".docx":
        raise InputError(
            "is not a Word document (a .docx file is a zip archive); save it again from Word",
            name,
        )
    fmt = EXTENSIONS.get(suffix)
    if fmt is not None:
        return fmt
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    low = head.lower()
    if low.startswith(b"webvtt"):
        return "vtt"
    if low.startswith((b"<!doctype html", b"<html")):
        return "html"
    if _SRT_START.match(head.decode("utf-8", "replace")):
        return "srt"
    return "txt"


def _module(fmt: str) -> Any:
    return import_module(_MODULES[fmt])


def read_source(path: str | Path, data: bytes | None = None) -> Document:
    """Read a document in any supported format into units; clear errors for bad input."""
    name = str(path)
    if data is None:
        from termguard.inputs import read_input

        data = read_input(name)
    fmt = detect_format(name, data)
    doc: Document = _module(fmt).read(data, name, fmt)
    return doc


def write_translation(doc: Document, units: Sequence[Rendered | None], lang: str) -> bytes:
    """The document in its own format with each unit's text replaced (None: kept as it is)."""
    if len(units) != len(doc.units):
        raise ValueError(f"{len(units)} translated units for {len(doc.units)}")
    data: bytes = _module(doc.format).write(doc, list(units), lang)
    return data


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Document",
    "Rendered",
    "Unit",
    "detect_format",
    "read_source",
    "write_translation",
]
