"""The run report: a table for people (stderr) and JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

COLUMNS = (
    "document",
    "source",
    "target",
    "segments",
    "term_occurrences",
    "compliance",
    "ok",
    "chosen",
    "repaired",
    "flagged",
    "untranslated",
)
HEADINGS = (
    "document",
    "from",
    "to",
    "segs",
    "terms",
    "compl.",
    "ok",
    "chosen",
    "repaired",
    "flagged",
    "untransl.",
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.0%}"
    return str(value)


def generate_table(rows: Sequence[dict[str, Any]]) -> str:
    """A plain-text table, one row per document and target language."""
    cells = [list(HEADINGS)] + [[_cell(r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            c.ljust(w) if i < 3 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def generate_json(rows: Sequence[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The report as JSON: the run's metadata and one object per document and language."""
    return json.dumps({**meta, "documents": list(rows)}, ensure_ascii=False, indent=2) + "\n"
