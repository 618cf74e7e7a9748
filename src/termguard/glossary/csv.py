"""CSV export and import: multilingual (a row per concept) and bilingual (source, target, notes).

Multilingual columns: id, subject, one per language, definition, note, do_not_translate, sources,
policy (the concept's check policy as JSON, empty for the default).
A language cell holds the concept's terms one per line, non-default attributes in brackets:
"ҮЕҰ [abbreviation, admitted]" (see exchange.format_term). The bilingual layout is what Weblate,
Crowdin and memoQ import: a row per source term with the target term to use and a description.
On import the description is ignored (it is generated from the glossary). A term whose text
ends in "]" cannot be written in the cell notation; none of the glossary's does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import (
    ConceptRecord,
    GlossaryFormat,
    format_sources,
    format_terms,
    guess_pair,
    pair_record,
    pair_rows,
    parse_flag,
    parse_policy,
    parse_sources,
    parse_terms,
)
from termguard.glossary.model import LANGS, Glossary
from termguard.writers.atomic import write_text

CONCEPT_COLUMNS = ("definition", "note", "do_not_translate", "sources", "policy")
PAIR_COLUMNS = ("source", "target", "description")


def multilingual_header(langs: tuple[str, ...] = LANGS) -> list[str]:
    """Column names of the multilingual layout."""
    return ["id", "subject", *langs, *CONCEPT_COLUMNS]


def multilingual_rows(glossary: Glossary, langs: tuple[str, ...] = LANGS) -> Iterator[list[str]]:
    """One row per concept with terms in `langs` (shared with the XLSX sheet)."""
    for c in glossary:
        if not any(t.lang in langs for t in c.terms):
            continue
        yield [
            c.id,
            c.subject,
            *(format_terms(c.terms_in(lang)) for lang in langs),
            c.definition,
            c.note,
            "yes" if c.do_not_translate else "",
            format_sources(c.sources),
            c.policy.to_json(),
        ]


def bilingual_rows(glossary: Glossary, source: str, target: str) -> Iterator[list[str]]:
    """One row per source term: the term, the target term to use (or empty), a description."""
    for row in pair_rows(glossary, source, target):
        yield [row.source.text, row.target.text if row.target else "", row.description]


def _write(header: list[str], rows: Iterator[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def generate_csv(glossary: Glossary, langs: tuple[str, ...] = LANGS) -> str:
    """The multilingual CSV: a row per concept, a column per language."""
    return _write(multilingual_header(langs), multilingual_rows(glossary, langs))


def generate_bilingual_csv(glossary: Glossary, source: str, target: str) -> str:
    """The bilingual CSV: source, target, description (empty target where none exists yet)."""
    return _write(list(PAIR_COLUMNS), bilingual_rows(glossary, source, target))


def write_csv(path: str | Path, glossary: Glossary, langs: tuple[str, ...] = LANGS) -> None:
    """Write the multilingual CSV atomically."""
    write_text(path, generate_csv(glossary, langs))


# --- reading ---------------------------------------------------------------------------------


def _decode(path: str) -> str:
    from termguard.bitext import read_text

    return read_text(path)


def _rows(path: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every record; the delimiter may be , ; or a tab."""
    text = _decode(path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExchangeFormatError(
            f"CSV syntax error ({exc}); check the quotes around cells", path, reader.line_num
        ) from exc


def csv_header(path: str | Path) -> list[str]:
    """The header row, lower-cased and stripped."""
    for _, cells in _rows(str(path)):
        return [c.strip().lower() for c in cells]
    raise ExchangeFormatError("empty file; nothing to import", str(path))


def is_bilingual(header: list[str]) -> bool:
    return "source" in header or "target" in header


def _body(path: str, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    rows = _rows(path)
    next(rows)
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ExchangeFormatError(
                f"row has {len(cells)} cells but the header has {len(header)} "
                f"({', '.join(header)}); a column is missing or extra: quote cells that "
                "hold commas or line breaks",
                path,
                line,
            )
        yield line, dict(zip(header, cells, strict=True))


def read_pairs(path: str | Path) -> list[tuple[str, str, int]]:
    """(source, target, line) of every row of a bilingual CSV."""
    name = str(path)
    header = csv_header(name)
    for column in ("source", "target"):
        if column not in header:
            raise ExchangeFormatError(
                f"missing column '{column}'; a bilingual glossary CSV has the columns "
                + ", ".join(PAIR_COLUMNS),
                name,
                1,
            )
    out = []
    for line, row in _body(name, header):
        if not row["source"].strip():
            raise ExchangeFormatError(
                "row has a target but no source term; fill in the source", name, line
            )
        out.append((row["source"], row["target"], line))
    return out


def read_csv(path: str | Path, pair: tuple[str, str] | None = None) -> list[ConceptRecord]:
    """Concept records from a multilingual or (with `pair` = (source, target)) bilingual CSV."""
    name = str(path)
    header = csv_header(name)
    if is_bilingual(header):
        if pair is None:
            raise ExchangeFormatError(
                "a bilingual CSV (source, target) does not say its languages; pass --from and --to",
                name,
            )
        return [pair_record(s, t, pair, name, line) for s, t, line in read_pairs(name)]
    check_multilingual_header(name, header)
    return multilingual_records(name, header, _body(name, header))


def check_multilingual_header(name: str, header: list[str], where: str = "") -> None:
    """Raise for unknown, repeated or missing columns of the multilingual layout."""
    allowed = set(multilingual_header())
    seen: set[str] = set()
    for column in header:
        if column not in allowed:
            raise ExchangeFormatError(
                f"unknown column '{column}'{where}; the columns are "
                + ", ".join(multilingual_header())
                + " (or source, target, description for a bilingual file)",
                name,
                1,
            )
        if column in seen:
            raise ExchangeFormatError(f"column '{column}' appears twice{where}; keep one", name, 1)
        seen.add(column)
    if "id" not in header:
        raise ExchangeFormatError(
            f"missing column 'id'{where}; export the glossary again or add the concept ids",
            name,
            1,
        )
    if not any(lang in header for lang in LANGS):
        raise ExchangeFormatError(
            f"no language column{where}; add at least one of " + ", ".join(LANGS), name, 1
        )


def multilingual_records(
    name: str, header: list[str], rows: Iterable[tuple[int, dict[str, str]]]
) -> list[ConceptRecord]:
    """Concept records from the rows of the multilingual layout (CSV or the XLSX sheet)."""
    langs = [lang for lang in LANGS if lang in header]
    records = []
    for line, row in rows:
        terms = tuple(t for lang in langs for t in parse_terms(row[lang], lang, name, line))
        definition = row.get("definition")
        records.append(
            ConceptRecord(
                id=row["id"].strip() or None,
                terms=terms,
                subject=row["subject"].strip() or None if "subject" in row else None,
                definition=definition if definition and definition.strip() else None,
                note=row.get("note"),
                sources=parse_sources(row["sources"], name, line) if "sources" in row else None,
                do_not_translate=(
                    parse_flag(row["do_not_translate"], "do_not_translate", name, line)
                    if "do_not_translate" in row
                    else None
                ),
                policy=parse_policy(row["policy"], name, line) if "policy" in row else None,
                path=name,
                line=line,
            )
        )
    return records


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    if source and target:
        return {"": generate_bilingual_csv(glossary, source, target).encode("utf-8")}
    return {"": generate_csv(glossary, langs).encode("utf-8")}


def _read(path: str, glossary: Glossary, pair: tuple[str, str] | None) -> list[ConceptRecord]:
    if pair is None and is_bilingual(csv_header(path)):
        pair = guess_pair(read_pairs(path), glossary, path)
    return read_csv(path, pair)


FORMAT = GlossaryFormat("csv", _export, _read)
