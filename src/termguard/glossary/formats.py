"""Glossary exchange formats found by name: one registry for export, import and file detection.

Each format is a module that defines FORMAT (a GlossaryFormat: export and read) and imports
only the shared records of glossary/exchange.py; the modules are imported on first use, so
naming a format costs nothing until it is used [sacrebleu finds its tokenizers the same way].
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import ConceptRecord, GlossaryFormat
from termguard.glossary.model import LANGS, Glossary

#: Format name -> (module, file suffixes it is recognised by), in the order help lists them.
_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tbx": ("termguard.glossary.tbx", (".tbx", ".xml")),
    "tbx2": ("termguard.glossary.tbx2", ()),
    "csv": ("termguard.glossary.csv", (".csv",)),
    "tsv": ("termguard.glossary.tsv", (".tsv", ".tab")),
    "po": ("termguard.glossary.po", (".po", ".pot")),
    "xlsx": ("termguard.glossary.xlsx", (".xlsx",)),
    "jsonl": ("termguard.glossary.jsonl", (".jsonl", ".ndjson")),
}
#: Every format, for export and import alike.
FORMATS: tuple[str, ...] = tuple(_FORMATS)
EXPORT_FORMATS = FORMATS


def get_format(name: str) -> GlossaryFormat:
    """The format called `name`; ValueError naming the known ones otherwise."""
    entry = _FORMATS.get(name)
    if entry is None:
        raise ValueError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}")
    fmt: GlossaryFormat = import_module(entry[0]).FORMAT
    return fmt


def detect_format(path: str | Path) -> str:
    """The exchange format of a file, from its extension."""
    suffix = Path(path).suffix.lower()
    for name, (_, suffixes) in _FORMATS.items():
        if suffix in suffixes:
            return name
    raise ExchangeFormatError(
        "cannot tell the format from the extension; use .tbx, .csv, .tsv, .po, .xlsx or "
        "Jsonl, or pass --format",
        str(path),
    )


def generate_export(
    glossary: Glossary,
    fmt: str,
    langs: tuple[str, ...] = LANGS,
    source: str | None = None,
    target: str | None = None,
) -> dict[str, bytes]:
    """The file(s) of an export: {"": data}, or {"kk.po": ..., "ru.po": ...} for several catalogs.

    `glossary` is exported as given (filter it first with select_glossary). csv is bilingual
    when `source` and `target` are given; tsv needs both; po needs `source` and makes a catalog
    per target (`target`, else every other language of `langs`); xlsx adds a sheet per pair
    (narrowed by `source` and `target`).
    """
    return get_format(fmt).export(glossary, langs, source, target)


def read_exchange(
    path: str | Path,
    glossary: Glossary,
    fmt: str | None = None,
    pair: tuple[str, str] | None = None,
) -> list[ConceptRecord]:
    """Concept records from any exchange file; bilingual files without `pair` have it guessed."""
    from termguard.inputs import check_path, read_input, sniff

    name = str(path)
    check_path(name)
    if fmt is None and all(Path(name).suffix.lower() not in s for _, s in _FORMATS.values()):
        sniff(read_input(name), name)  # "this is a Word document", not "unknown extension"
    return get_format(fmt or detect_format(name)).read(name, glossary, pair)
