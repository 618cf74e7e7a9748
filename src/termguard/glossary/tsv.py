"""The DeepL and Google glossary upload format: one direction, "source<TAB>target" per line.

Their rules: no header, no empty source or target, no tab or line break inside an entry, no
duplicate source entry. Source terms without a target term are left out; a source spelled
exactly like an earlier one keeps the first entry (both are logged).
"""

from __future__ import annotations

import logging
from pathlib import Path

from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import (
    ConceptRecord,
    GlossaryFormat,
    guess_pair,
    pair_record,
    pair_rows,
)
from termguard.glossary.model import Glossary
from termguard.writers.atomic import write_text

log = logging.getLogger(__name__)


def generate_tsv(glossary: Glossary, source: str, target: str) -> str:
    """One "source<TAB>target" line per source term that has a target term."""
    lines = []
    seen: dict[str, str] = {}
    for row in pair_rows(glossary, source, target):
        if row.target is None:
            log.info("%s: no %s term for '%s'; left out", row.concept.id, target, row.source.text)
            continue
        src, tgt = row.source.text, row.target.text
        if any(ch in s for s in (src, tgt) for ch in "\t\r\n") or not src.strip():
            log.warning("%s: '%s' cannot be a TSV entry; left out", row.concept.id, src)
            continue
        if src in seen:
            log.warning(
                "%s: source '%s' is already an entry (concept %s); left out",
                row.concept.id,
                src,
                seen[src],
            )
            continue
        seen[src] = row.concept.id
        lines.append(f"{src}\t{tgt}\n")
    return "".join(lines)


def write_tsv(path: str | Path, glossary: Glossary, source: str, target: str) -> None:
    """Write the TSV glossary atomically."""
    write_text(path, generate_tsv(glossary, source, target))


def read_pairs(path: str | Path) -> list[tuple[str, str, int]]:
    """(source, target, line) of every entry."""
    name = str(path)
    from termguard.bitext import read_text

    text = read_text(name)
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
            raise ExchangeFormatError(
                f"expected 'source<TAB>target', found {len(cells)} field(s); a glossary TSV "
                "has exactly two non-empty columns",
                name,
                number,
            )
        out.append((cells[0], cells[1], number))
    return out


def read_tsv(path: str | Path, pair: tuple[str, str]) -> list[ConceptRecord]:
    """Concept records from a TSV glossary of the direction `pair` = (source, target)."""
    name = str(path)
    return [pair_record(s, t, pair, name, line) for s, t, line in read_pairs(name)]


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    if not (source and target):
        raise ValueError("tsv needs a source and a target language")
    return {"": generate_tsv(glossary, source, target).encode("utf-8")}


def _read(path: str, glossary: Glossary, pair: tuple[str, str] | None) -> list[ConceptRecord]:
    if pair is None:
        pair = guess_pair(read_pairs(path), glossary, path)
    return read_tsv(path, pair)


FORMAT = GlossaryFormat("tsv", _export, _read)
