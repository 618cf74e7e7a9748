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
    "terms_repaired",
    "tm",
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
    "terms fixed",
    "from tm",
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.0%}"
    return str(value)


def generate_table(rows: Sequence[dict[str, Any]]) -> str:
    """A plain-text table, one row per document and target language.

    ok ... untransl. count segment statuses (one per segment, they add up to segs); terms fixed
    counts the terms the repair put in, also in segments whose status is still a problem; from tm
    counts the segments whose translation came from the translation memory.
    """
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


def generate_json(
    rows: Sequence[dict[str, Any]],
    meta: dict[str, Any],
    segments: Sequence[dict[str, Any]] = (),
) -> str:
    """The report as JSON: the run's metadata, one object per document and language, and every
    segment (document, line, source, target, status, reasons, terms) for an audit of the run."""
    body = {**meta, "documents": list(rows), "segments": list(segments)}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
