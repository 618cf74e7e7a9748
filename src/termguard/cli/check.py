"""`termguard check`: terminology and consistency QA for existing translations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import click

from termguard.cli.common import (
    LANG_CHOICE,
    expand,
    glossary_option,
    include_options,
    json_document,
    json_lines,
    load,
    report_failed,
    workers,
    workers_options,
    write_output,
)

#: Kept here (not imported from termguard.check) so `termguard --help` stays light.
CHECK_IDS = (
    "term-missing",
    "term-forbidden",
    "term-deprecated",
    "term-inconsistent",
    "near-miss",
    "numbers",
    "untranslated",
    "mixed-script",
    "placeholders",
    "wrong-language",
)
EXIT_FINDINGS = 3


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    """The text around a span, the span in [brackets], on one line."""
    a, b = max(0, start - width), min(len(text), end + width)
    before = ("…" if a > 0 else "") + text[a:start]
    after = text[end:b] + ("…" if b < len(text) else "")
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def generate_text(report: Any) -> str:
    """Findings grouped by file: `line: severity check: message`, the span, the suggestion."""
    pairs = {(p.path, p.line, p.tgt_lang, p.id): p for p in report.pairs}
    # source-side findings of two aligned files name the source file
    pairs.update(
        ((p.source_path, p.line, p.tgt_lang, p.id), p) for p in report.pairs if p.source_path
    )
    by_file: dict[str, list[Any]] = defaultdict(list)
    for f in report.findings:
        by_file[f.path].append(f)
    lines: list[str] = []
    for path in sorted(by_file):
        lines.append(path)
        for f in by_file[path]:
            lines.append(
                f"  {f.line}: {f.severity} {f.check} [{f.src_lang}->{f.tgt_lang}]: {f.message}"
            )
            pair = pairs.get((f.path, f.line, f.tgt_lang, f.pair_id))
            if pair is not None and f.end > f.start:
                text = pair.source if f.side == "source" else pair.target
                lines.append(f"      {f.side}: {_excerpt(text, f.start, f.end)}")
            if f.suggestion:
                lines.append(f"      suggestion: {f.suggestion}")
            if f.glossary:
                lines.append(f"      glossary: {f.glossary}" + (f" ({f.note})" if f.note else ""))
        lines.append("")
    return "\n".join(lines)


def generate_json(report: Any) -> str:
    """One JSON document: what made it, the counts and every finding."""
    return json_document(
        glossary=report.glossary_digest,
        pairs=len(report.pairs),
        files=sorted({p.path for p in report.pairs}),
        counts=report.counts(),
        findings=[f.to_dict() for f in report.findings],
    )


def generate_jsonl(report: Any) -> str:
    """One finding per line."""
    return json_lines(f.to_dict() for f in report.findings)


def _read_files(
    files: Sequence[str],
    sources: Sequence[str],
    targets: Sequence[str],
    src_lang: str | None,
    tgt_lang: str | None,
    include_fuzzy: bool = False,
) -> list[Any]:
    """One BitextFile per file (and per --source/--target pair), in the order given.

    '-' reads one .po, TSV, TMX or XLIFF from standard input, told apart by its content.
    """
    import sys

    from termguard.bitext import read_aligned_files, read_file
    from termguard.inputs import STDIN_NAME

    found = [
        read_file(
            STDIN_NAME if path == "-" else path,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            include_fuzzy=include_fuzzy,
            data=sys.stdin.buffer.read() if path == "-" else None,
        )
        for path in files
    ]
    for src, tgt in zip(sources, targets, strict=True):
        found.append(read_aligned_files(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang))
    return found


def _with_documents(pairs: list[Any], path: str) -> list[Any]:
    """Pairs with the document id of their line (one id per line of the file)."""
    from dataclasses import replace

    from termguard.bitext import read_text

    ids = [line.split("\t")[0].strip() for line in read_text(path).splitlines()]
    return [replace(p, document=ids[p.line - 1]) if p.line <= len(ids) else p for p in pairs]


def _check_serial(
    inputs: tuple[Any, ...], glossary: Any, enabled: list[str], context: tuple[Any, ...]
) -> tuple[list[Any], Any]:
    """Read every input and check all its pairs here, with the run's document context."""
    from termguard.check import run_check

    read = _read_files(*inputs)
    for warning in (w for f in read for w in f.warnings):
        click.echo(warning, err=True)
    documents, about_kz, scope, date = context
    pairs = [p for f in read for p in f.pairs]
    if documents:
        pairs = _with_documents(pairs, documents)
    pairs, kz = _with_manifest(pairs)
    if about_kz:
        kz |= {p.path for p in pairs}
    report = run_check(pairs, glossary, checks=enabled, about_kz=kz, scope=scope, date=date or "")
    return read, report


def _render(report: Any, fmt: str) -> str:
    """The report in `fmt` (html, json, jsonl or text)."""
    from termguard import __version__

    if fmt == "html":
        from termguard.writers.html import generate_html

        return generate_html(report, version=__version__)
    if fmt == "json":
        return generate_json(report)
    if fmt == "jsonl":
        return generate_jsonl(report)
    return generate_text(report)


def _seed_articles() -> dict[str, str]:
    """{file stem: date} of the seed articles in ./seeds/manifest.toml ({} without one)."""
    from pathlib import Path

    from termguard.checks.context import seed_dates

    return seed_dates(Path("seeds") / "manifest.toml")


def _seed_inputs(paths: list[str]) -> bool:
    """Some input is a seed article of seeds/manifest.toml (its date and place are read)."""
    from pathlib import Path

    articles = _seed_articles()
    return any(Path(p).stem in articles for p in paths)


def _with_manifest(pairs: list[Any]) -> tuple[list[Any], set[str]]:
    """Pairs of a seed article (a catalog named after a file of seeds/manifest.toml) with the
    article's date, and the files that are seed articles (every seed is Kazakhstani news)."""
    from dataclasses import replace
    from pathlib import Path

    articles = _seed_articles()
    kz: set[str] = set()
    out = []
    for p in pairs:
        date = articles.get(Path(p.path).stem)
        if date is not None:
            kz.add(p.path)
            p = replace(p, date=p.date or date)
        out.append(p)
    return out, kz


@click.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Path(),
    help="Plain-text source file, aligned by line with --target (repeatable).",
)
@click.option(
    "--target",
    "targets",
    multiple=True,
    type=click.Path(),
    help="Plain-text translation of the --source given in the same position.",
)
@click.option(
    "--from",
    "src_lang",
    type=LANG_CHOICE,
    help="Source language (default: from the file, else guessed from its script).",
)
@click.option(
    "--to",
    "tgt_lang",
    type=LANG_CHOICE,
    help="Target language; picks one target of a multilingual TMX or TSV.",
)
@glossary_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    help="Write the report to this file (replaced atomically); '-' or none: stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Exit 3 if any finding is this severe or worse.",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(CHECK_IDS),
    metavar="CHECK",
    help="Run only this check (repeatable).",
)
@click.option(
    "--skip",
    multiple=True,
    type=click.Choice(CHECK_IDS),
    metavar="CHECK",
    help="Do not run this check (repeatable).",
)
@include_options
@click.option(
    "--include-fuzzy",
    is_flag=True,
    help="Also check fuzzy catalog entries (machine drafts, e.g. termguard translate's own).",
)
@workers_options
@click.option(
    "--date",
    help="The documents' date (2019-05-01 or 2019) for dated names (Nur Otan before "
    "2022-03-01); default: a .po's X-Termguard-Date, the seeds' manifest, a date on the "
    "article's first lines.",
)
@click.option(
    "--documents",
    type=click.Path(exists=True, dir_okay=False),
    help="A file of document ids, one per line of --source (NTREX's DOCUMENT_IDS.tsv): "
    "consistency, scope and short forms are judged per document.",
)
@click.option(
    "--scope",
    type=click.Choice(["document", "file", "run"]),
    default="document",
    show_default=True,
    help="What term-inconsistent compares.",
)
@click.option(
    "--about-kazakhstan",
    "about_kz",
    is_flag=True,
    help="The documents are about Kazakhstan: Kazakhstan's bodies and titles are checked "
    "throughout (default: where the document names Kazakhstan or a Kazakhstani place).",
)
@click.pass_context
def check(
    ctx: click.Context,
    files: tuple[str, ...],
    sources: tuple[str, ...],
    targets: tuple[str, ...],
    src_lang: str | None,
    tgt_lang: str | None,
    glossary_paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    include_fuzzy: bool,
    jobs: int,
    cluster: str | None,
    date: str | None,
    documents: str | None,
    scope: str,
    about_kz: bool,
) -> None:
    """Check translations against the glossary and for consistency.

    Reads .po catalogs, TSV (source<TAB>target, or a header line of language codes), TMX,
    XLIFF 1.2 and 2.0 (folders are walked for them: --include, --exclude; '-' reads one from
    standard input), or a document and its translation (--source/--target): two plain-text
    files aligned by line, or two .docx, .html, .md, .srt or .vtt files aligned by paragraph
    or cue. --jobs and --cluster read and check the files in worker processes or on a Dask
    cluster (docs/scale.md); the report is the same, term-inconsistent included.

    \b
    Checks: term-missing, term-forbidden, term-deprecated, term-inconsistent,
    near-miss, numbers, untranslated, mixed-script, placeholders, wrong-language.
    Exits 0 when clean, 3 when a finding reaches --fail-on, 1 on bad input.

    \b
    Example:
      termguard check locales/kk/LC_MESSAGES/*.po
      termguard check --source src.en.txt --target ref.kk.txt --format html -o report.html
      termguard check --include-fuzzy locales/en/LC_MESSAGES/000_91604382561779cc.po
      termguard check --source news.docx --target translated/en/news.docx
      termguard check --source src.en.txt --target ref.kk.txt --documents DOCUMENT_IDS.tsv
    """

    if not files and not sources:
        raise click.UsageError("give files to check, or --source and --target")
    if len(sources) != len(targets):
        raise click.UsageError("give one --target for each --source")
    if "-" in sources or "-" in targets:
        raise click.UsageError(
            "--source and --target read files; `check -` reads a .po, TSV, TMX or XLIFF "
            "from standard input"
        )
    if files.count("-") > 1:
        raise click.UsageError("standard input ('-') can be read once")
    from termguard.inputs import BITEXT

    if files:
        files = expand(files, include, exclude, BITEXT).files
    glossary = load(glossary_paths)
    from termguard.glossary.model import is_date

    if date is not None and not is_date(date):
        raise click.BadParameter(
            f"'{date}' is not a date; write 2019-05-01 or 2019", param_hint="--date"
        )
    enabled = [c for c in CHECK_IDS if (not only or c in only) and c not in skip]
    work = workers(jobs, cluster)
    failed: list[Any] = []
    # what needs all pairs in the client (document ids, a date, the seeds' manifest) is checked
    # serially; parallel parts are whole files, checked with the same scope
    contextual = bool(date or documents or about_kz) or _seed_inputs([*files, *sources])
    if (
        work.serial
        or contextual
        or "-" in files
        or (len(files) + len(sources) <= 1 and work.cluster is None)
    ):
        read, report = _check_serial(
            (files, sources, targets, src_lang, tgt_lang, include_fuzzy),
            glossary,
            enabled,
            (documents, about_kz, scope, date),
        )
    else:
        from termguard.scale import check_files

        read, report, failed, retried = check_files(
            files,
            list(zip(sources, targets, strict=True)),
            glossary,
            work,
            checks=enabled,
            scope=scope,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            include_fuzzy=include_fuzzy,
        )
        for warning in (w for f in read for w in f.warnings):
            click.echo(warning, err=True)
        report_failed(failed, retried)
    out = _render(report, fmt)
    write_output(output, out)
    errors = sum(f.severity == "error" for f in report.findings)
    warnings = len(report.findings) - errors
    click.echo(
        f"{len(report.pairs)} pairs in {len(read)} file(s): {errors} error(s), "
        f"{warnings} warning(s)",
        err=True,
    )
    drafts = [f for f in read if f.drafts]
    if drafts:
        n = sum(f.drafts for f in drafts)
        click.echo(
            f"{n} draft unit(s) skipped in {len(drafts)} file(s) (fuzzy entries, targets that "
            "need review, termguard's machine output); pass --include-fuzzy to check them",
            err=True,
        )
    if failed:  # the report lacks these inputs: the check is not complete
        ctx.exit(1)
    if fail_on != "never" and report.at_least(fail_on):
        ctx.exit(EXIT_FINDINGS)


COMMANDS = [check]
