"""The check report as one self-contained HTML page, source and target side by side."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape
from itertools import pairwise
from pathlib import Path

from termguard.checks import CheckReport, Finding
from termguard.glossary.model import ALLOWED_STATUSES
from termguard.matching import TermHit
from termguard.writers.atomic import write_text

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .2em; }
h2 { font-size: 1.1em; margin: 1.6em 0 .4em; font-family: monospace; }
.meta { color: #555; margin-bottom: 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d0d0; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
table.summary { width: auto; margin-bottom: 1em; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.line { font-family: monospace; color: #555; white-space: nowrap; }
td.text { width: 33%; white-space: pre-wrap; word-break: break-word; }
.lang { display: block; color: #777; font-size: .8em; }
.term-src { background: #d3e4fd; border-radius: 2px; }
.term-ok { background: #c8f0c8; border-radius: 2px; }
.term-bad { background: #ffc4c4; border-radius: 2px; }
.flag { text-decoration: underline wavy #d9480f; text-decoration-skip-ink: none; }
ul.findings { margin: 0; padding-left: 1.1em; }
.sev { font-size: .75em; font-weight: bold; padding: 0 .35em; border-radius: 3px; color: #fff; }
.sev-error { background: #c92a2a; }
.sev-warning { background: #e67700; }
.check { font-family: monospace; font-size: .9em; }
.suggest { color: #2b8a3e; }
.where { color: #666; font-size: 0.85em; }
.note { color: #555; font-size: 0.85em; margin-left: 1.5em; }
.legend span { margin-right: 1em; padding: 0 .3em; }
.hidden { display: none; }
"""

_JS = r"""
function applyFilter() {
  var on = {};
  document.querySelectorAll('input.filter').forEach(function (box) {
    on[box.value] = box.checked;
  });
  document.querySelectorAll('li.finding').forEach(function (li) {
    li.classList.toggle('hidden', !on[li.dataset.check]);
  });
  document.querySelectorAll('tr.pair').forEach(function (tr) {
    var shown = tr.querySelectorAll('li.finding:not(.hidden)').length > 0;
    tr.classList.toggle('hidden', !shown);
  });
  document.querySelectorAll('section.file').forEach(function (sec) {
    var shown = sec.querySelectorAll('tr.pair:not(.hidden)').length > 0;
    sec.classList.toggle('hidden', !shown);
  });
}
document.querySelectorAll('input.filter').forEach(function (box) {
  box.addEventListener('change', applyFilter);
});
// report.html#only=numbers,placeholders opens with just those checks shown.
var only = /^#only=([\w,-]+)$/.exec(location.hash);
if (only) {
  var keep = only[1].split(',');
  document.querySelectorAll('input.filter').forEach(function (box) {
    box.checked = keep.indexOf(box.value) >= 0;
  });
}
applyFilter();
"""


def _marked(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """`text` escaped, with (start, end, css class, title) spans wrapped; spans may overlap."""
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[str] = []
    for a, b in pairwise(bounds):
        covering = [s for s in spans if s[0] <= a and b <= s[1] and s[0] < s[1]]
        chunk = escape(text[a:b])
        if not covering:
            out.append(chunk)
            continue
        classes = " ".join(sorted({s[2] for s in covering}))
        titles = "; ".join(dict.fromkeys(s[3] for s in covering if s[3]))
        out.append(f'<span class="{escape(classes)}" title="{escape(titles)}">{chunk}</span>')
    return "".join(out)


def _term_spans(hits: Sequence[TermHit], side: str) -> list[tuple[int, int, str, str]]:
    """Source terms in one colour; target terms approved in another, violating in a third."""
    spans = []
    for h in hits:
        what = "misspelt" if h.kind == "near-miss" else h.status
        if side == "source":
            css = "term-src"
        else:
            ok = h.kind != "near-miss" and h.status in ALLOWED_STATUSES
            css = "term-ok" if ok else "term-bad"
        spans.append((h.start, h.end, css, f"{h.concept}: {h.term} ({what})"))
    return spans


def _finding_spans(findings: Sequence[Finding], side: str) -> list[tuple[int, int, str, str]]:
    return [
        (f.start, f.end, "flag", f"{f.check}: {f.message}")
        for f in findings
        if f.side == side and f.end > f.start
    ]


def generate_html(
    report: CheckReport, *, title: str = "termguard check", version: str = "", clean: bool = False
) -> str:
    """The report page; pairs without findings are left out unless `clean`."""
    by_pair: dict[tuple[str, int, str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_pair[(f.path, f.line, f.tgt_lang, f.pair_id)].append(f)
    files: dict[str, list[str]] = defaultdict(list)
    for pair, src_hits, tgt_hits in zip(
        report.pairs, report.source_hits, report.target_hits, strict=True
    ):
        found = by_pair.get((pair.path, pair.line, pair.tgt_lang, pair.id), [])
        if pair.source_path and pair.source_path != pair.path:
            # source-side findings name the source file
            found = found + by_pair.get((pair.source_path, pair.line, pair.tgt_lang, pair.id), [])
        if not found and not clean:
            continue
        items = "".join(
            f'<li class="finding" data-check="{escape(f.check)}">'
            f'<span class="sev sev-{escape(f.severity)}">{escape(f.severity)}</span> '
            f'<span class="check">{escape(f.check)}</span> {escape(f.message)}'
            + (f' <span class="suggest">→ {escape(f.suggestion)}</span>' if f.suggestion else "")
            + (f' <span class="where">{escape(f.glossary)}</span>' if f.glossary else "")
            + (f'<div class="note">{escape(f.note)}</div>' if f.note else "")
            + "</li>"
            for f in found
        )
        checks = " ".join(sorted({f.check for f in found}))
        source = _marked(
            pair.source, _term_spans(src_hits, "source") + _finding_spans(found, "source")
        )
        target = _marked(
            pair.target, _term_spans(tgt_hits, "target") + _finding_spans(found, "target")
        )
        files[pair.path].append(
            f'<tr class="pair" data-checks="{escape(checks)}">'
            f'<td class="line">{pair.line}</td>'
            f'<td class="text"><span class="lang">{escape(pair.src_lang)}</span>{source}</td>'
            f'<td class="text"><span class="lang">{escape(pair.tgt_lang)}</span>{target}</td>'
            f'<td><ul class="findings">{items}</ul></td></tr>'
        )
    counts = report.counts()
    summary = "".join(
        f'<tr><td><label><input type="checkbox" class="filter" value="{escape(c)}" checked> '
        f'<span class="check">{escape(c)}</span></label></td>'
        f'<td class="n">{counts[c]["error"]}</td><td class="n">{counts[c]["warning"]}</td></tr>'
        for c in report.checks
    )
    sections = "".join(
        f'<section class="file"><h2>{escape(path)}</h2><table><thead><tr><th>line</th>'
        f"<th>source</th><th>target</th><th>findings</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
        for path, rows in sorted(files.items())
    )
    errors = sum(f.severity == "error" for f in report.findings)
    meta = (
        f"{len(report.pairs)} pairs in {len({p.path for p in report.pairs})} file(s); "
        f"{len(report.findings)} findings ({errors} errors); glossary {report.glossary_digest}"
        + (f"; termguard {version}" if version else "")
    )
    body = sections or '<p class="clean">No findings.</p>'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<h1>{escape(title)}</h1><p class="meta">{escape(meta)}</p>'
        '<p class="legend"><span class="term-src">source term</span>'
        '<span class="term-ok">approved target term</span>'
        '<span class="term-bad">deprecated, forbidden or misspelt term</span>'
        '<span class="flag">flagged span</span></p>'
        '<table class="summary"><thead><tr><th>check (show)</th><th>errors</th><th>warnings</th>'
        f"</tr></thead><tbody>{summary}</tbody></table>"
        f"<main>{body}</main><script>{_JS}</script></body></html>\n"
    )


def write_html(
    path: str | Path,
    report: CheckReport,
    *,
    title: str = "termguard check",
    version: str = "",
    clean: bool = False,
) -> None:
    """Write the report page atomically."""
    write_text(path, generate_html(report, title=title, version=version, clean=clean))
