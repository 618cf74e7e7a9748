"""Parallel text: a TSV per document and language pair, and a TMX 1.4 file per run."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termguard.translate.pipeline import DocumentResult

TSV_HEADER = ("id", "source", "target", "status")


def generate_tsv(result: DocumentResult) -> str:
    """id, source, target, status: one row per translatable segment, in document order."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(TSV_HEADER)
    for seg in result.segments:
        w.writerow((seg.id, seg.source, seg.target, seg.status))
    return buf.getvalue()


def generate_tmx(results: Sequence[DocumentResult], tool_version: str) -> bytes:
    """One TMX 1.4 document holding every language of the run; a tu per source segment."""
    from lxml import etree

    src_langs = sorted({r.src_lang for r in results})
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
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    units: dict[str, tuple[str, str, list[tuple[str, str, str]]]] = {}
    order: list[str] = []
    for r in results:
        for seg in r.segments:
            if seg.id not in units:
                units[seg.id] = (r.src_lang, seg.source, [])
                order.append(seg.id)
            if seg.target:
                units[seg.id][2].append((r.tgt_lang, seg.target, seg.status))
    for tuid in order:
        lang, source, targets = units[tuid]
        if not targets:
            continue
        tu = etree.SubElement(body, "tu", tuid=tuid, srclang=lang)
        doc = etree.SubElement(tu, "prop", type="x-document")
        doc.text = tuid.rsplit(":", 1)[0]
        tuv = etree.SubElement(tu, "tuv", {xml_lang: lang})
        etree.SubElement(tuv, "seg").text = source
        for tgt, text, status in sorted(targets):
            tuv = etree.SubElement(tu, "tuv", {xml_lang: tgt})
            prop = etree.SubElement(tuv, "prop", type="x-status")
            prop.text = status
            etree.SubElement(tuv, "seg").text = text
    return bytes(etree.tostring(tmx, xml_declaration=True, encoding="UTF-8", pretty_print=True))
