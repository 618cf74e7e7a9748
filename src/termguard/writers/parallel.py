"""Parallel text: a TSV per document and language pair, and a TMX 1.4 file for every run."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from termguard.bitext import tsv_escape
from termguard.errors import InputError

if TYPE_CHECKING:
    from termguard.translate.pipeline import DocumentResult, SegmentResult

TSV_HEADER = ("id", "source", "target", "status")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def generate_tsv(result: DocumentResult) -> str:
    """id, source, target, status: one row per translatable segment, in document order.

    Plain tab-separated text, not CSV: a tab, newline, carriage return or backslash inside a
    cell is written \\t, \\n, \\r, \\\\ (bitext.tsv_escape), so every line is one row for tools
    that split on tabs, and `termguard check` reads the file back as it was.
    """
    rows = [TSV_HEADER]
    rows += [(seg.id, seg.source, seg.target, seg.status) for seg in result.segments]
    return "".join("\t".join(tsv_escape(cell) for cell in row) + "\n" for row in rows)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def translated(seg: SegmentResult) -> bool:
    """Whether a segment holds a real translation: not empty, not a copy of the source, not
    untranslated, not in another language."""
    if not seg.target.strip() or seg.status == "untranslated":
        return False
    if _fold(seg.target) == _fold(seg.source):
        return False
    return not any(r.startswith("wrong-language:") for r in seg.reasons)


@dataclass
class _Unit:
    """One tu: a source sentence and its translations, by language: (text, status)."""

    tuid: str
    doc: str
    src_lang: str
    source: str
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)


def _previous_units(data: bytes, path: str) -> dict[tuple[str, str], _Unit]:
    """The units of a TMX termguard wrote before, keyed by (source language, source text)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"cannot merge this run into it: not well-formed XML ({exc.msg}); "
            "fix it or remove it to start a new one",
            path,
            exc.lineno,
        ) from exc
    header = root.find("header")
    header_src = header.get("srclang") if header is not None else None
    units: dict[tuple[str, str], _Unit] = {}
    for tu in root.iter("tu"):
        src_lang = tu.get("srclang") or header_src or ""
        tuvs: list[tuple[str, str, str]] = []
        for tuv in tu.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            text = "".join(str(t) for t in seg.itertext()) if seg is not None else ""
            status = next(
                (p.text or "" for p in tuv.findall("prop") if p.get("type") == "x-status"), ""
            )
            tuvs.append((lang, text, status))
        source = next((text for lang, text, _ in tuvs if lang == src_lang), None)
        if source is None or not source.strip():
            continue
        doc = next((p.text or "" for p in tu.findall("prop") if p.get("type") == "x-document"), "")
        unit = units.setdefault(
            (src_lang, source), _Unit(tu.get("tuid") or "", doc, src_lang, source)
        )
        for lang, text, status in tuvs:
            # copies of the source written by earlier versions are left out now
            real = text.strip() and _fold(text) != _fold(source) and status != "untranslated"
            if lang != src_lang and real:
                unit.targets[lang] = (text, status)
    return units


def generate_tmx(
    results: Sequence[DocumentResult],
    tool_version: str,
    previous: bytes | None = None,
    previous_path: str = "run.tmx",
) -> bytes:
    """One TMX 1.4 document holding every language of the run; a tu per source sentence.

    `previous` (the bytes of the TMX an earlier run wrote) is merged in: units are keyed by
    source language and text, this run's translation of a unit into a language replaces the
    earlier one, and units keep their order (earlier ones first, then new ones in run order).
    Segments without a real translation (see `translated`) are left out.
    """
    from lxml import etree

    units = _previous_units(previous, previous_path) if previous else {}
    for r in results:
        for seg in r.segments:
            if not translated(seg):
                continue
            key = (r.src_lang, seg.source)
            if key not in units:
                units[key] = _Unit(seg.id, seg.id.rsplit(":", 1)[0], r.src_lang, seg.source)
            units[key].targets[r.tgt_lang] = (seg.target, seg.status)
    kept = [u for u in units.values() if u.targets]
    src_langs = sorted({u.src_lang for u in kept})
    tmx = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "termguard",
        "creationtoolversion": tool_version,
        "segtype": "sentence",
        "adminlang": "en",
        "datatype": "plaintext",
        "o-tmf": "termguard",
        "srclang": src_langs[0] if len(src_langs) == 1 else "*all*",
    }
    etree.SubElement(tmx, "header", header)
    body = etree.SubElement(tmx, "body")
    for unit in kept:
        attrs: dict[str, Any] = {"srclang": unit.src_lang}
        if unit.tuid:
            attrs = {"tuid": unit.tuid, **attrs}
        tu = etree.SubElement(body, "tu", attrs)
        if unit.doc:
            doc = etree.SubElement(tu, "prop", type="x-document")
            doc.text = unit.doc
        tuv = etree.SubElement(tu, "tuv", {_XML_LANG: unit.src_lang})
        etree.SubElement(tuv, "seg").text = unit.source
        for lang in sorted(unit.targets):
            text, status = unit.targets[lang]
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
            prop = etree.SubElement(tuv, "prop", type="x-status")
            prop.text = status
            etree.SubElement(tuv, "seg").text = text
    return bytes(etree.tostring(tmx, xml_declaration=True, encoding="UTF-8", pretty_print=True))
