"""Glossary catalogs in gettext .po, one per target language, as Poedit and Weblate open them.

msgctxt is the concept id, msgid a source term, msgstr the target term to use (empty where the
language has none yet); extracted comments carry the definition, statuses and terms to avoid.
A target term still under review (review = "proposed") is marked fuzzy. The header records the
source language (X-Source-Language), the glossary digest and the termguard version.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import polib

from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import (
    ConceptRecord,
    GlossaryFormat,
    PairRow,
    pair_record,
    pair_rows,
)
from termguard.glossary.model import LANGS, Glossary
from termguard.writers.atomic import write_text


def _comment(row: PairRow, target_lang: str) -> str:
    concept, source, target = row.concept, row.source, row.target
    lines = [concept.definition.strip()]
    lines.append(f"source term: {source.status}, {source.type}")
    if target is not None:
        kind = f"{target.status}, {target.type}"
        lines.append(f"target term: {kind}" + (", proposed" if target.review == "proposed" else ""))
        if target.note:
            lines.append(f"target note: {target.note}")
    avoid = [f"{t.text} ({t.status})" for t in concept.terms_in(target_lang) if not t.is_allowed]
    if avoid:
        lines.append("do not use: " + ", ".join(avoid))
    if concept.do_not_translate:
        lines.append("do not translate")
    return "\n".join(line for line in lines if line)


def generate_po(
    glossary: Glossary, source: str, target: str, revision_date: str | None = None
) -> str:
    """The glossary catalog for one direction, as .po text.

    `revision_date` ("YYYY-MM-DD HH:MM+0000") defaults to now; msgfmt --check wants one.
    """
    from termguard import __version__

    if revision_date is None:
        revision_date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"termguard glossary {glossary.digest}",
        "PO-Revision-Date": revision_date,
        "Last-Translator": "termguard glossary export",
        "Language-Team": f"termguard glossary ({target})",
        "Language": target,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": source,
        "X-Generator": f"termguard {__version__}",
    }
    for row in pair_rows(glossary, source, target):
        entry = polib.POEntry(
            msgctxt=row.concept.id,
            msgid=row.source.text,
            msgstr=row.target.text if row.target else "",
            comment=_comment(row, target),
        )
        if row.target is not None and row.target.review == "proposed":
            entry.flags.append("fuzzy")
        po.append(entry)
    return str(po)


def generate_po_catalogs(
    glossary: Glossary,
    source: str,
    targets: tuple[str, ...] = LANGS,
    revision_date: str | None = None,
) -> dict[str, str]:
    """One catalog per target language other than `source`, keyed by language."""
    return {t: generate_po(glossary, source, t, revision_date) for t in targets if t != source}


def write_po(path: str | Path, glossary: Glossary, source: str, target: str) -> None:
    """Write one glossary catalog atomically."""
    write_text(path, generate_po(glossary, source, target))


_LINE = re.compile(r"line (\d+)")
_KEYWORD = re.compile(r"^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\b|^\"")
_STRING_LINE = re.compile(r'^(?:msg\w+(?:\[\d+\])?\s+)?"(?:[^"\\]|\\.)*"\s*$')


def _check_strings(path: str) -> None:
    """polib reads an unterminated string as empty: refuse it instead of losing the text."""
    from termguard.bitext import read_text

    text = read_text(path)
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if _KEYWORD.match(stripped) and not _STRING_LINE.match(stripped):
            raise ExchangeFormatError(
                "not a valid .po file (a string without its closing quote); "
                "check it with msgfmt --check",
                path,
                number,
            )


def read_po(path: str | Path, pair: tuple[str, str] | None = None) -> list[ConceptRecord]:
    """Concept records from a glossary catalog; the languages come from its header or `pair`."""
    name = str(path)
    _check_strings(name)
    try:
        po = polib.pofile(name)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        m = _LINE.search(str(exc))
        raise ExchangeFormatError(
            f"not a valid .po file ({exc}); check it with msgfmt --check",
            name,
            int(m.group(1)) if m else None,
        ) from exc
    if pair is None:
        source = po.metadata.get("X-Source-Language", "").strip()
        target = po.metadata.get("Language", "").strip().split("_")[0]
        if source not in LANGS or target not in LANGS:
            raise ExchangeFormatError(
                "the header does not name both languages (Language, X-Source-Language); "
                "pass --from and --to",
                name,
                1,
            )
        pair = (source, target)
    records = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        record = pair_record(
            entry.msgid,
            entry.msgstr,
            pair,
            name,
            int(entry.linenum or 0),
            concept_id=entry.msgctxt or "",
        )
        if len(record.terms) == 2:
            review = "proposed" if entry.fuzzy else "approved"
            record = replace(
                record, terms=(record.terms[0], replace(record.terms[1], review=review))
            )
        records.append(record)
    return records


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    if not source:
        raise ValueError("po needs a source language")
    targets = (target,) if target else tuple(lang for lang in langs if lang != source)
    catalogs = generate_po_catalogs(glossary, source, targets)
    if target:
        return {"": catalogs[target].encode("utf-8")}
    return {f"{lang}.po": text.encode("utf-8") for lang, text in catalogs.items()}


FORMAT = GlossaryFormat("po", _export, lambda path, glossary, pair: read_po(path, pair))
