"""Plain text: the whole file is one unit, segmented into paragraphs and sentences by the pass."""

from __future__ import annotations

from collections.abc import Sequence

from termguard.documents import Document, Rendered, Unit


def read(data: bytes, path: str, fmt: str = "txt") -> Document:
    """The file's text as one unit (decoded as termguard.translate.source does)."""
    from termguard.translate.source import decode_document

    return Document(path, "txt", (Unit(decode_document(data, path)),))


def write(doc: Document, units: Sequence[Rendered | None], lang: str) -> bytes:
    """The translated text, in UTF-8."""
    unit = units[0]
    return (unit.text if unit is not None else doc.units[0].text).encode("utf-8")
