"""XLSX export and import: a multilingual sheet plus a sheet per language pair (openpyxl).

The "glossary" sheet has the columns and cell notation of the multilingual CSV; each pair sheet,
named "kk-en" and so on, the bilingual layout (source, target, description). Headers are bold
and frozen, columns sized to their content, long cells wrapped.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from copy import copy
from itertools import permutations
from pathlib import Path
from typing import Any

from termguard.errors import ExchangeFormatError
from termguard.glossary.csv import (
    PAIR_COLUMNS,
    bilingual_rows,
    check_multilingual_header,
    multilingual_header,
    multilingual_records,
    multilingual_rows,
)
from termguard.glossary.exchange import ConceptRecord, GlossaryFormat, pair_record
from termguard.glossary.model import LANGS, Glossary
from termguard.writers.atomic import write_bytes

log = logging.getLogger(__name__)

MAIN_SHEET = "glossary"
_PAIR_SHEET = re.compile(r"^([a-z]{2})-([a-z]{2})$")
_MAX_WIDTH = 60
#: A glossary sheet inflating beyond this is not a glossary (openpyxl holds it in memory).
_MAX_INFLATED = 512 << 20
_XML_REFUSED = (
    "a sheet declares {what}, which termguard does not expand (entities can hide a "
    "billion-laughs bomb or read local files); save it again as Excel .xlsx"
)


def _refused(exc: BaseException) -> str:
    name = getattr(exc, "name", None)
    return _XML_REFUSED.format(what=f"the XML entity '{name}'" if name else "a DTD")


def _fill(ws: Any, header: list[str], rows: Iterable[list[str]]) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in header]
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(row)
        for i, value in enumerate(row):
            longest = max((len(line) for line in value.split("\n")), default=0)
            widths[i] = max(widths[i], min(longest, _MAX_WIDTH))
    wrapped = None
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a term or note, never a formula
            if wrapped is None:
                cell.alignment = wrap
                wrapped = cell._style
            else:  # sharing the style record is ~50 times faster than hashing an Alignment
                cell._style = copy(wrapped)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def default_pairs(
    langs: tuple[str, ...], source: str | None = None, target: str | None = None
) -> list[tuple[str, str]]:
    """Every ordered pair of `langs`, narrowed to `source` and `target` when given."""
    return [
        (s, t)
        for s, t in permutations(langs, 2)
        if (source is None or s == source) and (target is None or t == target)
    ]


def generate_xlsx(
    glossary: Glossary,
    langs: tuple[str, ...] = LANGS,
    pairs: list[tuple[str, str]] | None = None,
) -> bytes:
    """The workbook: the multilingual sheet, then one sheet per (source, target) pair."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = MAIN_SHEET
    _fill(ws, multilingual_header(langs), multilingual_rows(glossary, langs))
    for source, target in default_pairs(langs) if pairs is None else pairs:
        _fill(
            wb.create_sheet(f"{source}-{target}"),
            list(PAIR_COLUMNS),
            bilingual_rows(glossary, source, target),
        )
    wb.properties.creator = "termguard"
    wb.properties.title = f"termguard glossary {glossary.digest}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_xlsx(path: str | Path, glossary: Glossary, langs: tuple[str, ...] = LANGS) -> None:
    """Write the workbook atomically."""
    write_bytes(path, generate_xlsx(glossary, langs))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_rows(ws: Any) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        yield number, [_cell(v) for v in values]


def _table(name: str, ws: Any, sheet: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    rows = _sheet_rows(ws)
    first = next(rows, None)
    if first is None:
        return [], []
    header = [h.strip().lower() for h in first[1]]
    while header and not header[-1]:
        header.pop()
    body = []
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        extra = [c for c in cells[len(header) :] if c.strip()]
        if extra:
            raise ExchangeFormatError(
                f"row has a value beyond the last column ('{extra[0]}'); "
                "give the column a header or move the value",
                name,
                number,
            )
        cells = cells[: len(header)] + [""] * (len(header) - len(cells))
        body.append((number, dict(zip(header, cells, strict=True))))
    return header, body


def _cause(exc: BaseException) -> BaseException:
    """The first error in a chain: openpyxl wraps the XML parser's in a generic message."""
    seen = exc
    while seen.__cause__ is not None or seen.__context__ is not None:
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    return seen


def read_xlsx(path: str | Path) -> list[ConceptRecord]:
    """Concept records from the multilingual sheet and every pair sheet, in sheet order."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    from termguard.errors import InputError
    from termguard.inputs import read_input, zip_problem

    name = str(path)
    try:
        raw = read_input(name)
    except InputError as exc:
        raise ExchangeFormatError(exc.msg, name, exc.lineno) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            problem = zip_problem(zf, max_total=_MAX_INFLATED)
        if problem:
            raise ExchangeFormatError(f"{problem}; save the sheet again as Excel .xlsx", name)
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError) as exc:
        cause = _cause(exc)
        if isinstance(cause, DefusedXmlException):
            raise ExchangeFormatError(_refused(cause), name) from exc
        raise ExchangeFormatError(
            f"not a readable .xlsx workbook ({cause}); save it again as Excel .xlsx", name
        ) from exc
    except DefusedXmlException as exc:
        raise ExchangeFormatError(_refused(exc), name) from exc
    records: list[ConceptRecord] = []
    try:
        for ws in wb.worksheets:
            sheet = ws.title
            where = f"{name}[{sheet}]"  # file[sheet]:row in every message and record
            header, body = _table(where, ws, sheet)
            m = _PAIR_SHEET.match(sheet)
            if sheet == MAIN_SHEET:
                check_multilingual_header(where, header)
                records.extend(multilingual_records(where, header, body))
            elif m and m.group(1) in LANGS and m.group(2) in LANGS:
                for column in ("source", "target"):
                    if column not in header:
                        raise ExchangeFormatError(
                            f"missing column '{column}'; pair sheets have "
                            + ", ".join(PAIR_COLUMNS),
                            where,
                            1,
                        )
                pair = (m.group(1), m.group(2))
                for number, row in body:
                    if not row["source"].strip():
                        raise ExchangeFormatError(
                            "row has a target but no source term", where, number
                        )
                    records.append(pair_record(row["source"], row["target"], pair, where, number))
            else:
                log.warning(
                    "%s: sheet '%s' is neither '%s' nor a pair like 'kk-en'; skipped",
                    name,
                    sheet,
                    MAIN_SHEET,
                )
    except (ParseError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ExchangeFormatError(
            f"a sheet is not readable ({exc}); save it again as Excel .xlsx", name
        ) from exc
    except DefusedXmlException as exc:
        raise ExchangeFormatError(_refused(exc), name) from exc
    finally:
        wb.close()
    if not records:
        raise ExchangeFormatError(f"no '{MAIN_SHEET}' or pair sheet with rows", name)
    return records


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    return {"": generate_xlsx(glossary, langs, default_pairs(langs, source, target))}


FORMAT = GlossaryFormat("xlsx", _export, lambda path, glossary, pair: read_xlsx(path))
