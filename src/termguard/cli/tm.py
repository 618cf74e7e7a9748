"""`termguard tm ...`: the translation memory: update, import, export, stats, search."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from termguard.cli.common import LANG_CHOICE, json_document, memory_path, project, tm_option

if TYPE_CHECKING:
    from termguard.tm.store import TranslationMemory


def _open(tm_path: str | None, wait: float = 60.0) -> TranslationMemory:
    from termguard.tm.store import open_memory

    return open_memory(memory_path(tm_path), wait=wait)


@click.group("tm")
def tm_group() -> None:
    """Reuse reviewed translations: the translation memory of the project.

    The memory (--tm PATH, $TERMGUARD_TM, `memory` in termguard.toml, or tm/termguard.sqlite in
    the project) holds every translation a person made in the catalogs, and whatever is
    imported; `termguard translate` reads it before the engine and updates it from the
    catalogs at the start and the end of each run.

    \b
    Example:
      termguard tm search 'Осындай шешім қабылданды.' --from kk --to en
    """


@tm_group.command()
@click.option(
    "--locales",
    type=click.Path(file_okay=False),
    help="The catalogs to read: LOCALES/<lang>/LC_MESSAGES/**/*.po (default: the project's "
    "locales, else locales/).",
)
@tm_option
def update(locales: str | None, tm_path: str | None) -> None:
    """Read every reviewed translation of the catalogs into the memory.

    Catalogs that did not change since the last update are skipped; a catalog read again
    replaces what it said before (a corrected translation replaces the old one).

    \b
    Example:
      termguard tm update --locales locales
    """
    from termguard.tm.harvest import update_from_catalogs

    locales = locales or project().locales or "locales"
    memory = _open(tm_path)
    with memory:
        done = update_from_catalogs(memory, locales)
    for exc in done.failed:
        click.echo(f"Error: {exc}", err=True)
    click.echo(
        f"{done.read} of {done.catalogs} catalog(s) read: {done.added} translation(s) added, "
        f"{done.removed} removed ({memory.path})",
        err=True,
    )
    if done.failed:
        sys.exit(1)


@tm_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--from", "src_lang", type=LANG_CHOICE, help="Source language (default: the file's).")
@click.option("--to", "tgt_lang", type=LANG_CHOICE, help="Only this target language.")
@click.option(
    "--state",
    type=click.Choice(["reviewed", "translated"]),
    default="reviewed",
    show_default=True,
    help="Review state of the imported translations (a termguard TMX keeps its own).",
)
@tm_option
def import_(
    files: tuple[str, ...],
    src_lang: str | None,
    tgt_lang: str | None,
    state: str,
    tm_path: str | None,
) -> None:
    """Import translations from TMX, TSV, XLIFF or .po files (reviewed entries).

    Importing a file again replaces what it gave before.

    \b
    Example:
      termguard tm import seeds/tm/seed-sentences.tmx
    """
    from termguard.tm.exchange import import_file

    memory = _open(tm_path)
    with memory:
        for path in files:
            done = import_file(memory, path, src_lang=src_lang, tgt_lang=tgt_lang, state=state)
            click.echo(
                f"{path}: {done.pairs} translation(s) read, {done.added} added, "
                f"{done.removed} removed",
                err=True,
            )


@tm_group.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tmx"]),
    default="tmx",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(), help="File.")
@click.option("--from", "src_lang", type=LANG_CHOICE, help="Only this source language.")
@click.option("--to", "tgt_lang", type=LANG_CHOICE, help="Only this target language.")
@tm_option
def export(
    fmt: str, output: str, src_lang: str | None, tgt_lang: str | None, tm_path: str | None
) -> None:
    """Write the memory as TMX 1.4 (origins, review states and dates kept as props).

    \b
    Example:
      termguard tm export --format tmx -o memory.tmx
    """
    from termguard import __version__
    from termguard.tm.exchange import export_tmx, generate_tmx

    memory = _open(tm_path)
    with memory:
        if output == "-":
            sys.stdout.buffer.write(generate_tmx(memory.units(src_lang, tgt_lang), __version__))
            return
        n = export_tmx(memory, output, __version__, src_lang=src_lang, tgt_lang=tgt_lang)
    click.echo(f"{n} unit(s) written to {output}", err=True)


@tm_group.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@tm_option
def stats(fmt: str, tm_path: str | None) -> None:
    """Units per language pair and review state.

    \b
    Example:
      termguard tm stats --format json
    """
    memory = _open(tm_path)
    with memory:
        figures = memory.stats()
    if fmt == "json":
        click.echo(json_document(**figures), nl=False)
        return
    click.echo(f"{figures['path']}: {figures['units']} unit(s)")
    for p in figures["pairs"]:
        click.echo(
            f"  {p['source']}->{p['target']}  {p['units']}  "
            f"({p['reviewed']} reviewed, {p['translated']} translated)"
        )
    files = figures["files"]
    click.echo(
        f"  from {files.get('catalog', 0)} catalog(s) and {files.get('import', 0)} imported file(s)"
    )


@tm_group.command()
@click.argument("text")
@click.option("--from", "src_lang", type=LANG_CHOICE, required=True, help="Source language.")
@click.option("--to", "tgt_lang", type=LANG_CHOICE, required=True, help="Target language.")
@click.option(
    "--min",
    "threshold",
    default=50.0,
    show_default=True,
    type=click.FloatRange(0, 100),
    help="Least similarity, in percent.",
)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@tm_option
def search(
    text: str,
    src_lang: str,
    tgt_lang: str,
    threshold: float,
    limit: int,
    tm_path: str | None,
) -> None:
    """Translations of TEXT and of similar sentences, best first.

    \b
    Example:
      termguard tm search 'Осындай шешім қабылданды.' --from kk --to en --min 60
    """
    memory = _open(tm_path)
    with memory:
        matches = memory.lookup(text, src_lang, tgt_lang, threshold=threshold, limit=limit)
    for m in matches[:limit]:
        pct = 100 if m.kind in ("exact", "shape") else int(m.similarity)
        click.echo(f"{pct:3d}%  {m.kind:<5}  {m.unit.state:<10}  {m.unit.origin}")
        click.echo(f"      {m.unit.source}")
        click.echo(f"      {m.unit.target}")
    if not matches:
        click.echo(f"no match at {threshold:g}% or more", err=True)


COMMANDS = [tm_group]
