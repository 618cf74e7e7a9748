"""`termguard glossary ...`: validate, show, search, stats, export, import."""

from __future__ import annotations

import sys

import click

from termguard.cli.common import (
    LANG_CHOICE,
    LANG_LIST,
    format_option,
    glossary_option,
    json_document,
    json_lines,
    load,
    load_with_problems,
    write_output,
)
from termguard.glossary.formats import FORMATS


@click.group()
def glossary() -> None:
    """Validate, inspect, search and export the glossary.

    \b
    Example:
      termguard glossary validate glossary/
    """


@glossary.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(paths: tuple[str, ...], strict: bool) -> None:
    """Check glossary files and report every problem with file:line.

    Errors exit 1; warnings (a language without a preferred term, a source phrase
    not found in its seed) are printed but exit 0 unless --strict.

    \b
    Example:
      termguard glossary validate glossary/civil-society.toml
    """
    from termguard.glossary.read import load_glossary

    g, problems = load_glossary(paths) if paths else load_with_problems(())
    for p in problems:
        click.echo(str(p), err=True)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    stats = g.stats()
    click.echo(
        f"{stats['concepts']} concepts ({stats['complete']} complete), "
        f"{errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)


def _print_concept(concept: object) -> None:
    from termguard.glossary.model import LANGS, Concept

    assert isinstance(concept, Concept)
    click.echo(click.style(concept.id, bold=True) + f"  [{concept.subject}]")
    click.echo(f"  {concept.definition}")
    if concept.note:
        click.echo(f"  note: {concept.note}")
    if concept.do_not_translate:
        click.echo("  do not translate")
    for lang in LANGS:
        for t in concept.terms_in(lang):
            extra = [t.status, t.type]
            if t.review != "approved":
                extra.append(t.review)
            if t.gender:
                extra.append(t.gender)
            click.echo(f"  {lang}  {t.text}  ({', '.join(extra)})")
    for s in concept.sources:
        click.echo(f"  source: {s.seed}: {s.phrase}")
    click.echo(f"  at {concept.path}:{concept.line}")


@glossary.command()
@click.argument("id_or_term")
@glossary_option
def show(id_or_term: str, glossary_paths: tuple[str, ...]) -> None:
    """Show one concept, by id or by any of its terms.

    \b
    Example:
      termguard glossary show ngo
      termguard glossary show ҮЕҰ
    """
    from termguard.glossary.search import find_concept

    _print_concept(find_concept(load(glossary_paths), id_or_term))


@glossary.command()
@click.argument("query")
@click.option("--limit", default=10, show_default=True, help="Most results to show.")
@format_option("text", "json", "jsonl")
@glossary_option
def search(query: str, limit: int, fmt: str, glossary_paths: tuple[str, ...]) -> None:
    """Fuzzy search across the terms of all four languages, best first.

    \b
    Example:
      termguard glossary search ассамблея
      termguard glossary search NGO --format jsonl | jq .concept
    """
    from termguard.glossary.search import search_glossary

    g = load(glossary_paths)
    results = search_glossary(g, query, limit=limit)
    rows = [
        {
            "concept": r.concept.id,
            "term": r.term.text,
            "lang": r.term.lang,
            "score": round(r.score, 1),
            "path": r.concept.path,
            "line": r.concept.line,
        }
        for r in results
    ]
    if fmt == "json":
        click.echo(json_document(query=query, glossary=g.digest, results=rows), nl=False)
        return
    if fmt == "jsonl":
        click.echo(json_lines(rows), nl=False)
        return
    if not results:
        click.echo(f"no concept matches '{query}'", err=True)
    for r in results:
        click.echo(f"{r.score:5.1f}  {r.concept.id:<40} {r.term.lang}  {r.term.text}")


@glossary.command()
@format_option("text", "json")
@glossary_option
def stats(fmt: str, glossary_paths: tuple[str, ...]) -> None:
    """Count concepts, complete concepts, terms per language and proposed terms.

    \b
    Example:
      termguard glossary stats --format json
    """
    g = load(glossary_paths)
    s = g.stats()
    if fmt == "json":
        click.echo(json_document(glossary=g.digest, **s), nl=False)
        return
    click.echo(f"concepts:  {s['concepts']}")
    click.echo(f"complete:  {s['complete']}  (a preferred term in kk, ru, th and en)")
    for lang, n in s["terms"].items():
        click.echo(f"terms {lang}:  {n}")
    click.echo(f"proposed:  {s['proposed']}  (terms awaiting review)")
    click.echo(f"digest:    {g.digest}")


EXPORT_FORMATS = list(FORMATS)  # the registry is light: format modules load on use
STATUS_WORDS = ["preferred", "admitted", "deprecated", "forbidden", "approved", "proposed"]


def _split_statuses(values: tuple[str, ...]) -> tuple[str, ...]:
    statuses = tuple(s.strip() for v in values for s in v.split(",") if s.strip())
    for s in statuses:
        if s not in STATUS_WORDS:
            raise click.BadParameter(
                f"unknown status '{s}'; use " + ", ".join(STATUS_WORDS), param_hint="--status"
            )
    return statuses


def _export_langs(value: list[str] | None) -> tuple[str, ...]:
    from termguard.glossary.exchange import parse_langs

    return parse_langs(value)


def _check_pair_options(
    fmt: str, langs_given: bool, langs: tuple[str, ...], source: str | None, target: str | None
) -> None:
    if fmt in ("tbx", "tbx2", "jsonl") and (source or target):
        raise click.UsageError(f"--from/--to do not apply to {fmt}; use --langs")
    if fmt in ("csv", "tsv") and bool(source) != bool(target):
        raise click.UsageError(f"{fmt} needs both --from and --to (or, for csv, neither)")
    if fmt == "tsv" and not source:
        raise click.UsageError("tsv is one direction: pass --from and --to")
    if fmt == "po" and not source:
        raise click.UsageError("po catalogs need --from (the language of msgid)")
    if source and target and source == target:
        raise click.UsageError("--from and --to must differ")
    for opt, lang in (("--from", source), ("--to", target)):
        if langs_given and lang and lang not in langs:
            raise click.UsageError(f"{opt} {lang} is not among --langs {','.join(langs)}")


@glossary.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="jsonl",
    show_default=True,
    help="tbx = TBX v3 (TBX-Basic), tbx2 = TBX v2 (martif), csv, tsv (DeepL/Google), "
    "po (a catalog per target language), xlsx, jsonl.",
)
@click.option(
    "--langs",
    type=LANG_LIST,
    help="Languages to include, comma-separated (default: kk,ru,th,en).",
)
@click.option(
    "--from", "source", type=LANG_CHOICE, help="Source language (csv pairs, tsv, po, xlsx)."
)
@click.option(
    "--to", "target", type=LANG_CHOICE, help="Target language (csv pairs, tsv, po, xlsx)."
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Keep only terms with this status or review state (repeatable or comma-separated): "
    + ", ".join(STATUS_WORDS)
    + ".",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write to this file (a folder when po makes several catalogs); '-' or none: stdout.",
)
@glossary_option
def export(
    fmt: str,
    langs: list[str] | None,
    source: str | None,
    target: str | None,
    statuses: tuple[str, ...],
    output: str | None,
    glossary_paths: tuple[str, ...],
) -> None:
    """Export the glossary for translators' tools.

    \b
    tbx    TBX v3, TBX-Basic dialect (memoQ, Trados, any TBX v3 tool)
    tbx2   TBX v2 (martif) for Weblate, translate-toolkit, Okapi
    csv    a row per concept, a column per language; with --from/--to the
           source,target,description layout of Weblate, Crowdin and memoQ
    tsv    DeepL and Google glossary upload (needs --from and --to)
    po     a glossary catalog per target language (needs --from)
    xlsx   a multilingual sheet and a sheet per language pair
    jsonl  one JSON object per concept with every field

    \b
    Example:
      termguard glossary export --format tbx -o glossary.tbx
      termguard glossary export --format csv --from kk --to en --status approved -o kk-en.csv
      termguard glossary export --format po --from kk -o catalogs/
    """
    from pathlib import Path

    from termguard.glossary.exchange import select_glossary
    from termguard.glossary.formats import generate_export
    from termguard.writers.atomic import write_bytes

    selected = _export_langs(langs)
    _check_pair_options(fmt, langs is not None, selected, source, target)
    wanted = tuple(dict.fromkeys((*selected, *(x for x in (source, target) if x))))
    g = select_glossary(load(glossary_paths), wanted, _split_statuses(statuses))
    files = generate_export(g, fmt, selected, source, target)
    if "" not in files:  # several catalogs
        if not output or output == "-":
            raise click.UsageError(
                "po makes a catalog per target language: pass --to, or -o FOLDER"
            )
        for name, data in files.items():
            write_bytes(Path(output) / name, data)
            click.echo(f"wrote {Path(output) / name}", err=True)
        return
    data = files[""]
    if fmt == "xlsx" and not output:  # '-o -' asks for the bytes on stdout
        raise click.UsageError("xlsx is a binary file: pass -o FILE.xlsx")
    if write_output(output, data if fmt == "xlsx" else data.decode("utf-8")):
        click.echo(f"wrote {output} ({len(g)} concepts)", err=True)


@glossary.command("import")
@click.argument("file", type=click.Path())
@click.option("--apply", "apply_changes", is_flag=True, help="Write the changes into glossary/.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="File format (default: from the extension; tbx reads TBX v3 and v2).",
)
@click.option("--from", "source", type=LANG_CHOICE, help="Source language of a bilingual file.")
@click.option("--to", "target", type=LANG_CHOICE, help="Target language of a bilingual file.")
@click.option(
    "--into",
    type=click.Path(),
    help="Glossary file for new concepts (default: the file of their subject).",
)
@glossary_option
def import_(
    file: str,
    apply_changes: bool,
    fmt: str | None,
    source: str | None,
    target: str | None,
    into: str | None,
    glossary_paths: tuple[str, ...],
) -> None:
    """Bring a translator's TBX, CSV, TSV, XLSX or .po file back into the glossary.

    Prints every change (new concepts, new terms, changed statuses and fields) with
    its file:line; with --apply writes them into glossary/*.toml, keeping comments
    and layout. Nothing is deleted. Conflicts (a term that belongs to another
    concept, a change of the preferred term) are listed, never applied, and make
    the exit code 1.

    \b
    Example:
      termguard glossary import returned.tbx
      termguard glossary import kk-en.csv --from kk --to en --apply
    """
    from termguard.cli.common import glossary_paths as resolve_paths
    from termguard.glossary.formats import read_exchange
    from termguard.glossary.importing import apply_import, plan_import

    if bool(source) != bool(target):
        raise click.UsageError("pass both --from and --to, or neither")
    pair = (source, target) if source and target else None
    paths = resolve_paths(glossary_paths)
    g = load(glossary_paths)
    records = read_exchange(file, g, fmt, pair)
    plan = plan_import(g, records, paths, into, source=file)
    for line in plan.summary():
        click.echo(line)
    if apply_changes:
        for path in apply_import(plan, paths):
            click.echo(f"wrote {path}", err=True)
    elif plan.changes:
        click.echo("nothing written: pass --apply to write these changes", err=True)
    if plan.conflicts:
        click.echo(
            f"{len(plan.conflicts)} conflict(s) not applied; resolve them in glossary/ by hand",
            err=True,
        )
        sys.exit(1)


COMMANDS = [glossary]
