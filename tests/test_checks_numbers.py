"""The numbers check on real human translations: conversions, words, Roman numerals, clock
times, decades, one finding per number group, and the judged samples of tests/data/judged/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termguard.bitext import Pair
from termguard.check import check_numbers
from termguard.checks.base import Finding

JUDGED = Path(__file__).parent / "data" / "judged"


def _pair(source: str, target: str, src: str = "en", tgt: str = "ru") -> Pair:
    return Pair(source, target, src, tgt, "t.po", 1, "1")


def _judged() -> list[dict[str, object]]:
    rows = []
    for path in sorted(JUDGED.glob("numbers-*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return rows


def _covers(found: list[Finding], row: dict[str, object]) -> bool:
    """A finding of the pair is about the judged number: on its side over its span, or naming
    it (a group reported once, or on the other side)."""
    start, end, span = int(str(row["start"])), int(str(row["end"])), str(row["span"])
    return any(
        (f.side == row["side"] and f.start < end and start < f.end) or span in f.message
        for f in found
    )


def _check(row: dict[str, object]) -> list[Finding]:
    src, tgt = str(row["direction"]).split("-")
    return check_numbers(_pair(str(row["source"]), str(row["target"]), src, tgt))


#: False alarms the sample after still holds (judged again there, with their causes).
_STILL_FALSE = {
    (r["direction"], r["line"])
    for r in _judged()
    if r["sample"] == "after" and r["verdict"] == "false"
}


@pytest.mark.parametrize(
    "row",
    [r for r in _judged() if r["verdict"] == "false"],
    ids=lambda r: f"{r['corpus']}-{r['direction']}-{r['line']}-{r['sample']}",
)
def test_judged_false_alarms_of_before_stay_gone(row: dict[str, object]) -> None:
    """A numbers finding judged a false alarm in the sample before is no longer raised."""
    if row["sample"] == "after" or (row["direction"], row["line"]) in _STILL_FALSE:
        pytest.skip("still raised: judged a false alarm in the sample after too")
    assert not _covers(_check(row), row)


@pytest.mark.parametrize(
    "row",
    [r for r in _judged() if r["verdict"] == "real"],
    ids=lambda r: f"{r['corpus']}-{r['direction']}-{r['line']}-{r['sample']}",
)
def test_judged_real_number_problems_are_found(row: dict[str, object]) -> None:
    """Every numbers problem judged real, before or after, is still found."""
    assert _covers(_check(row), row)
