"""Precision of judged samples: `python scripts/judged_table.py tests/data/judged/after-*.jsonl`.

Prints one Markdown row per file and severity: judged, real, false, unsure, precision (real /
judged), and the same for the term checks alone (term-*, near-miss).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TERM_CHECKS = (
    "term-missing",
    "term-forbidden",
    "term-deprecated",
    "term-inconsistent",
    "near-miss",
)


def _row(items: list[dict[str, str]]) -> str:
    n = len(items)
    real = sum(i["verdict"] == "real" for i in items)
    false = sum(i["verdict"] == "false" for i in items)
    unsure = n - real - false
    share = f"{100 * real / n:.0f}%" if n else "-"
    return f"{n} | {real} | {false} | {unsure} | {share}"


def main() -> None:
    print(
        "| sample | severity | judged | real | false | unsure | precision "
        "| term checks: judged | real | false | unsure | precision |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in sys.argv[1:]:
        rows = [json.loads(x) for x in Path(name).read_text(encoding="utf-8").splitlines() if x]
        for severity in ("error", "warning"):
            items = [r for r in rows if r["severity"] == severity]
            terms = [r for r in items if r["check"] in TERM_CHECKS]
            print(f"| {Path(name).stem} | {severity} | {_row(items)} | {_row(terms)} |")


if __name__ == "__main__":
    main()
