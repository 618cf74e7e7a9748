"""Translation memory exchange: import TMX, TSV, XLIFF and .po files; export TMX 1.4.

Files are read by termguard.bitext (the readers `termguard check` uses), so every format and
language tag that check understands can feed the memory. An imported file is a file of the
memory like a catalog: importing it again replaces what it said before.

The export is lossless: each unit is one `<tu>`, and each of its origins one
`<prop type="x-termguard-origin">STATE DATE GLOSSARY PLACE[:LINE]</prop>`, so export -> import
gives the same memory. The unit's best review state is also a prop (`x-termguard-state`), and
its first and last dates are TMX's creationdate and changedate.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termguard.errors import InputError
from termguard.tm.store import STATES, Record, SyncResult, TranslationMemory, Unit

FORMATS = ("tmx",)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TMX_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")


@dataclass(frozen=True)
class ImportResult:
    """What an import read and changed."""

    path: str
    pairs: int
    added: int
    removed: int


def _tmx_date(iso: str) -> str | None:
    m = _ISO_DATE.match(iso)
    return "{}{}{}T{}{}{}Z".format(*m.groups()) if m else None


def _iso_date(tmx: str | None) -> str | None:
    m = _TMX_DATE.match(tmx or "")
    return "{}-{}-{}T{}:{}:{}Z".format(*m.groups()) if m else None


def _display(path: str) -> str:
    """How an imported file is named in origins: relative to the current folder if inside it."""
    rel = os.path.relpath(os.path.abspath(path))
    return Path(path if rel.startswith("..") else rel).as_posix()


def _origin_prop(text: str) -> tuple[str, str, str | None, str, int | None] | None:
    parts = text.strip().split(" ", 3)
    if len(parts) != 4 or parts[0] not in STATES or _tmx_date(parts[1]) is None:
        return None
    state, date, glossary, where = parts
    place, line = where, None
    m = re.fullmatch(r"(.+):(\d+)", where)
    if m:
        place, line = m.group(1), int(m.group(2))
    return state, date, None if glossary == "-" else glossary, place, line


def _tmx_extras(raw: bytes) -> dict[int, tuple[list[Any], str | None]]:
    """Per <tu> line: termguard's origin props and the unit's date, as the export wrote them."""
    from lxml import etree

    from termguard.inputs import xml_parser

    out: dict[int, tuple[list[Any], str | None]] = {}
    root = etree.fromstring(raw, parser=xml_parser())
    for tu in root.iter("tu"):
        origins = [
            o
            for o in (
                _origin_prop(p.text or "")
                for p in tu.findall("prop")
                if p.get("type") == "x-termguard-origin"
            )
            if o is not None
        ]
        date = _iso_date(tu.get("changedate") or tu.get("creationdate"))
        line = tu.sourceline
        out[line if isinstance(line, int) else 0] = (origins, date)
    return out


def _check_source_language(pairs: Sequence[Any], path: str, given: str | None) -> None:
    """Refuse a file whose stated source language its text contradicts (po2tmx says 'en')."""
    from termguard.bitext import guess_lang

    if given or not pairs:
        return
    stated = pairs[0].src_lang
    guessed = guess_lang(p.source for p in pairs)
    if guessed is not None and guessed != stated:
        raise InputError(
            f"the file says its source language is {stated}, but the source text is {guessed}; "
            f"write it with the right language (po2tmx --source-language {guessed}) or pass "
            f"--from {guessed}",
            path,
        )


def read_records(
    path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    state: str = "reviewed",
) -> Iterator[Record]:
    """The memory records of a TMX, TSV, XLIFF or .po file (a .po gives its reviewed entries)."""
    from termguard.bitext import detect_format, read_bitext

    name = str(path)
    fmt = detect_format(name)
    pairs = read_bitext(name, src_lang=src_lang, tgt_lang=tgt_lang)
    if fmt == "tmx" and src_lang is None and pairs:
        _check_source_language(pairs, name, None)
    extras = _tmx_extras(Path(name).read_bytes()) if fmt == "tmx" else {}
    place = _display(name)
    for p in pairs:
        if not p.target.strip():
            continue
        origins, date = extras.get(p.line, ([], None))
        if origins:
            for o_state, o_date, o_glossary, o_place, o_line in origins:
                yield Record(
                    p.src_lang,
                    p.tgt_lang,
                    p.source,
                    p.target,
                    o_state,
                    o_place,
                    o_line,
                    o_date,
                    o_glossary,
                )
        else:
            yield Record(p.src_lang, p.tgt_lang, p.source, p.target, state, place, p.line, date)


def import_file(
    tm: TranslationMemory,
    path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    state: str = "reviewed",
) -> ImportResult:
    """Import one file into the memory in one transaction; importing it again replaces it."""
    records = list(read_records(path, src_lang=src_lang, tgt_lang=tgt_lang, state=state))
    st = os.stat(path)
    done: SyncResult = tm.sync_file(
        str(Path(path).resolve()), "import", records, mtime_ns=st.st_mtime_ns, size=st.st_size
    )
    return ImportResult(str(path), len(records), done.added, done.removed)


def generate_tmx(units: Sequence[Unit] | Iterator[Unit], tool_version: str) -> bytes:
    """TMX 1.4 of the units: one <tu> per unit, origins as props (see the module's doc)."""
    from lxml import etree

    items = list(units)
    src_langs = sorted({u.src_lang for u in items})
    tmx = etree.Element("tmx", version="1.4")
    etree.SubElement(
        tmx,
        "header",
        {
            "creationtool": "termguard",
            "creationtoolversion": tool_version,
            "segtype": "sentence",
            "o-tmf": "termguard",
            "adminlang": "en",
            "srclang": src_langs[0] if len(src_langs) == 1 else "*all*",
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(tmx, "body")
    for u in items:
        dates = sorted(o.date for o in u.origins)
        attrs = {"srclang": u.src_lang}
        first, last = _tmx_date(dates[0]), _tmx_date(dates[-1])
        if first:
            attrs["creationdate"] = first
        if last:
            attrs["changedate"] = last
        tu = etree.SubElement(body, "tu", attrs)
        etree.SubElement(tu, "prop", type="x-termguard-state").text = u.state
        for o in u.origins:
            etree.SubElement(
                tu, "prop", type="x-termguard-origin"
            ).text = f"{o.state} {o.date} {o.glossary or '-'} {o}"
        for lang, text in ((u.src_lang, u.source), (u.tgt_lang, u.target)):
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    return bytes(etree.tostring(tmx, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def export_tmx(
    tm: TranslationMemory,
    path: str | Path,
    tool_version: str,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> int:
    """Write the memory (or one language pair of it) to `path` as TMX 1.4; returns the units."""
    from termguard.writers.atomic import write_bytes

    units = list(tm.units(src_lang, tgt_lang))
    write_bytes(path, generate_tmx(units, tool_version))
    return len(units)
