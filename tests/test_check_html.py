"""Tests of the HTML check report: escaping, term marks, overlapping spans and the filter."""

from __future__ import annotations

from pathlib import Path

from termguard.check import CHECKS, run_check
from termguard.glossary.read import read_glossary
from termguard.writers.html import _marked, generate_html, write_html

DATA = Path(__file__).parent / "data" / "check"


def test_text_from_the_files_is_escaped() -> None:
    """Markup in sources, targets and messages is shown as text, never run."""
    g = read_glossary(DATA / "glossary")
    report = run_check(
        [('<script>alert("x")</script> NGO', "<img src=x onerror=alert(1)>")], g, "en", "kk"
    )
    page = generate_html(report)
    main = page.split("<main>")[1].split("</main>")[0]
    assert "<script" not in main and "<img" not in main
    assert "&lt;script&gt;" in main and "alert(&quot;x&quot;)" in main
    assert "&lt;img src=x onerror=alert(1)&gt;" in main


def test_overlapping_spans_are_split_into_nested_classes() -> None:
    """A finding span overlapping a term mark splits into chunks carrying both classes."""
    html = _marked("abcdef", [(0, 4, "term-ok", "t"), (2, 6, "flag", "f")])
    assert html == (
        '<span class="term-ok" title="t">ab</span>'
        '<span class="flag term-ok" title="t; f">cd</span>'
        '<span class="flag" title="f">ef</span>'
    )


def test_clean_report_says_so_and_lists_every_check(tmp_path: Path) -> None:
    """With no findings the page says so; the filter lists every check with its counts."""
    g = read_glossary(DATA / "glossary")
    report = run_check([("Mediation.", "Медиация.")], g, "en", "kk")
    out = tmp_path / "r.html"
    write_html(out, report, version="9.9")
    page = out.read_text(encoding="utf-8")
    assert "No findings." in page
    assert page.count('class="filter"') == len(CHECKS)
    assert "termguard 9.9" in page and report.glossary_digest in page
