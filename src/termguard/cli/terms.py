"""`termguard terms`: list the glossary terms found in text files."""

from __future__ import annotations

import json
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

import click

from termguard.cli.common import (
    LANG_CHOICE,
    glossary_option,
    include_options,
    load,
    report_failed,
    text_inputs,
    workers,
    workers_options,
)

#: Columns of the tsv format, and keys of every jsonl object, in order.
FIELDS = ("path", "line", "start", "end", "surface", "concept", "term", "kind", "status", "score")
_CONTEXT = 50  # characters shown around a hit on long lines


def read_text(path: str) -> str:
    """A file's text as termguard.texts.read_text gives it; '-' is stdin."""
    from termguard.inputs import STDIN_NAME
    from termguard.texts import read_text as read

    if path == "-":
        return read(STDIN_NAME, sys.stdin.buffer.read())
    return read(path)


class _Lines:
    """Line numbers (1-based) of offsets in a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def number(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def span(self, number: int) -> tuple[int, int]:
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return start, end


def _row(path: str, lines: _Lines, hit: Any) -> dict[str, Any]:
    return {
        "path": path,
        "line": lines.number(hit.start),
        "start": hit.start,
        "end": hit.end,
        "surface": hit.surface,
        "concept": hit.concept,
        "term": hit.term,
        "kind": hit.kind,
        "status": hit.status,
        "score": hit.score,
        "nested": [
            {
                "concept": n.concept,
                "term": n.term,
                "start": n.start,
                "end": n.end,
                "surface": n.surface,
                "status": n.status,
            }
            for n in hit.nested
        ],
    }


def _rows(found: Iterable[tuple[str, str, Sequence[Any]]]) -> Iterable[dict[str, Any]]:
    for path, text, hits in found:
        lines = _Lines(text)
        for hit in hits:
            yield _row(path, lines, hit)


def generate_jsonl(found: Iterable[tuple[str, str, Sequence[Any]]]) -> Iterable[str]:
    """One JSON object per hit (see FIELDS); offsets index the whole file's text."""
    for row in _rows(found):
        yield json.dumps(row, ensure_ascii=False)


def generate_json(
    found: Sequence[tuple[str, str, Sequence[Any]]], lang: str, digest: str
) -> Iterable[str]:
    """One document: the glossary, language and files read, and every hit as in jsonl."""
    from termguard.cli.common import json_document

    yield json_document(
        glossary=digest,
        lang=lang,
        files=[path for path, _, _ in found],
        hits=list(_rows(found)),
    ).rstrip("\n")


def _tsv_cell(value: object) -> str:
    return " ".join(str(value).split())


def generate_tsv(found: Iterable[tuple[str, str, Sequence[Any]]]) -> Iterable[str]:
    """A header, then one tab-separated row per hit."""
    yield "\t".join(FIELDS)
    for path, text, hits in found:
        lines = _Lines(text)
        for hit in hits:
            row = _row(path, lines, hit)
            yield "\t".join(_tsv_cell(row[f]) for f in FIELDS)


def _mark(surface: str, hit: Any) -> str:
    if hit.kind == "near-miss":
        return click.style(f"[{surface}?]", fg="yellow", bold=True)
    colour = "red" if hit.status in ("deprecated", "forbidden") else "green"
    return click.style(f"[{surface}]", fg=colour, bold=True)


def _highlight(text: str, start: int, end: int, hits: Sequence[Any]) -> str:
    """The line text[start:end] with each hit in [brackets]; long lines cut to the hits."""
    windows: list[list[int]] = []
    for hit in hits:
        a, b = max(start, hit.start - _CONTEXT), min(end, hit.end + _CONTEXT)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    if end - start <= 3 * _CONTEXT:
        windows = [[start, end]]
    pieces = []
    for a, b in windows:
        out, pos = [], a
        for hit in hits:
            if hit.start < a or hit.end > b:
                continue
            out.append(text[pos : hit.start])
            out.append(_mark(text[hit.start : hit.end], hit))
            pos = hit.end
        out.append(text[pos:b])
        piece = " ".join("".join(out).split())
        pieces.append(("…" if a > start else "") + piece + ("…" if b < end else ""))
    return " ".join(pieces)


def generate_text(
    found: Iterable[tuple[str, str, Sequence[Any]]], nested: bool = False
) -> Iterable[str]:
    """Hits grouped by line: the line with each term in [brackets], then one line per hit
    (and, with `nested`, one per concept read inside it)."""
    for path, text, hits in found:
        lines = _Lines(text)
        by_line: dict[int, list[Any]] = {}
        for hit in hits:
            by_line.setdefault(lines.number(hit.start), []).append(hit)
        for number, line_hits in by_line.items():
            start, end = lines.span(number)
            yield f"{path}:{number}: {_highlight(text, start, end, line_hits)}"
            for hit in line_hits:
                extra = [hit.kind]
                if hit.status != "preferred":
                    extra.append(hit.status)
                if hit.kind == "near-miss":
                    extra.append(f"score {hit.score:g}")
                    if hit.note:
                        extra.append(hit.note)
                yield f"    {hit.surface} -> {hit.concept}: {hit.term} ({', '.join(extra)})"
                if nested:
                    for n in hit.nested:
                        status = "" if n.status == "preferred" else f" ({n.status})"
                        yield f"        inside: {n.surface} -> {n.concept}: {n.term}{status}"


@click.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--lang",
    type=LANG_CHOICE,
    help="Language of the text (default: the project file's source-language).",
)
@include_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "tsv"]),
    default="text",
    show_default=True,
    help="text: hits by line with the term highlighted; json: one document; jsonl: one "
    "object per hit; tsv: a table.",
)
@click.option(
    "--near-misses/--no-near-misses",
    default=True,
    show_default=True,
    help="Also report probable misspellings of terms (kind near-miss, with a score).",
)
@click.option(
    "--nested",
    is_flag=True,
    help="text: also list the concepts read inside each hit (json and jsonl always carry "
    "them as 'nested').",
)
@glossary_option
@workers_options
def terms(
    files: tuple[str, ...],
    lang: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    near_misses: bool,
    nested: bool,
    glossary_paths: tuple[str, ...],
    jobs: int,
    cluster: str | None,
) -> None:
    """Find glossary terms in text files, inflected forms included.

    Offsets (json, jsonl, tsv) index each whole file's text as decoded from UTF-8; lines count
    from 1. Documents with markup (.docx, .html, .md, .srt, .vtt) are searched in their text
    only. Folders are walked (--include, --exclude). Kinds: exact, inflected, abbreviation,
    normalised (homoglyphs, invisible characters, spelling variants), near-miss (with a
    score). '-' reads standard input. --jobs and --cluster search the files in worker
    processes or on a Dask cluster (docs/scale.md); the output is the same.

    \b
    Example:
      termguard terms seeds/*.txt --lang kk
      termguard terms articles/ --lang kk --include '*.docx'
      termguard terms article.txt --lang ru --format jsonl | jq .concept
      termguard terms seeds/004_acfa8a8fb45634c8.txt --lang kk --nested
    """
    from termguard.matching import find_terms

    lang, paths = text_inputs(files, lang, include, exclude, "search")
    glossary = load(glossary_paths)
    work = workers(jobs, cluster)
    found: list[tuple[str, str, Any]] = []
    failed: list[Any] = []
    if work.serial or "-" in paths or (len(paths) <= 1 and work.cluster is None):
        for path in paths:
            text = read_text(path)
            found.append((path, text, find_terms(text, lang, glossary, near_misses=near_misses)))
    else:
        from termguard.scale import find_terms_in_files

        found, failed, retried = find_terms_in_files(
            paths, lang, glossary, work, near_misses=near_misses
        )
        report_failed(failed, retried)
    total = sum(len(hits) for _, _, hits in found)
    near = sum(h.kind == "near-miss" for _, _, hits in found for h in hits)
    if fmt == "json":
        lines = generate_json(found, lang, glossary.digest)
    elif fmt == "text":
        lines = generate_text(found, nested)
    else:
        lines = {"text": generate_text, "jsonl": generate_jsonl, "tsv": generate_tsv}[fmt](found)
    for line in lines:
        click.echo(line)
    click.echo(f"{total - near} term(s), {near} near miss(es) in {len(paths)} file(s)", err=True)
    if failed:
        sys.exit(1)


COMMANDS = [terms]
