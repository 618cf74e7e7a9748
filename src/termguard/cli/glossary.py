"""`termguard glossary ...`: validate, show, search, stats, export."""

from __future__ import annotations

import json
import sys

import click

from termguard.cli.common import glossary_option, glossary_paths, load


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

    g, problems = load_glossary(paths or glossary_paths(()))
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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@glossary_option
def search(query: str, limit: int, fmt: str, glossary_paths: tuple[str, ...]) -> None:
    """Fuzzy search across the terms of all four languages, best first.

    \b
    Example:
      termguard glossary search ассамблея
    """
    from termguard.glossary.search import search_glossary

    results = search_glossary(load(glossary_paths), query, limit=limit)
    if fmt == "json":
        for r in results:
            click.echo(json.dumps({"concept": r.concept.id, "term": r.term.text,
                                   "lang": r.term.lang, "score": round(r.score, 1)},
                                  ensure_ascii=False))
        return
    if not results:
        click.echo(f"no concept matches '{query}'", err=True)
    for r in results:
        click.echo(f"{r.score:5.1f}  {r.concept.id:<40} {r.term.lang}  {r.term.text}")


@glossary.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
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
        click.echo(json.dumps(s, ensure_ascii=False))
        return
    click.echo(f"concepts:  {s['concepts']}")
    click.echo(f"complete:  {s['complete']}  (a preferred term in kk, ru, th and en)")
    for lang, n in s["terms"].items():
        click.echo(f"terms {lang}:  {n}")
    click.echo(f"proposed:  {s['proposed']}  (terms awaiting review)")
    click.echo(f"digest:    {g.digest}")


@glossary.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(), help="Write to this file (default stdout).")
@glossary_option
def export(fmt: str, output: str | None, glossary_paths: tuple[str, ...]) -> None:
    """Export the glossary; jsonl is one JSON object per concept with every field.

    \b
    Example:
      termguard glossary export --format jsonl -o glossary.jsonl
    """
    from termguard.glossary.jsonl import generate_jsonl
    from termguard.writers.atomic import write_text

    text = generate_jsonl(load(glossary_paths))
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)


COMMANDS = [glossary]
