"""`termguard translate`: the glossary-aware translation pass."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from termguard.cli.common import (
    JSON_VERSION,
    LANG_CHOICE,
    LANG_LIST,
    ProgressLine,
    expand,
    glossary_option,
    include_options,
    load,
    output_folder,
    project,
    report_failed,
    tm_option,
    workers,
    workers_options,
    write_output,
)


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option(
    "--to",
    "targets",
    type=LANG_LIST,
    help="Target languages, comma-separated (e.g. en,ru); the source's own is skipped "
    "(default: the project file's languages).",
)
@click.option(
    "--from",
    "src_lang",
    type=LANG_CHOICE,
    help="Source language; detected from the text when omitted.",
)
@glossary_option
@click.option(
    "--locales",
    type=click.Path(),
    help="Where catalogs go: LOCALES/<lang>/LC_MESSAGES/<doc>.po (default: locales).",
)
@click.option(
    "--documents",
    type=click.Path(file_okay=False),
    help="Also write each translated document in its own format to DOCUMENTS/<lang>/.",
)
@include_options
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    help="Name catalogs by the document's path under this folder (2024/03/news.po); "
    "default: by file name.",
)
@click.option(
    "--wait",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0),
    metavar="SECONDS",
    help="How long to wait for another run writing the same folders.",
)
@click.option(
    "--parallel",
    type=click.Path(),
    help="Also write <doc>.<src>-<tgt>.tsv and run.tmx into this folder.",
)
@click.option("--tmx", type=click.Path(dir_okay=False), help="Write the run's TMX here.")
@click.option(
    "--date",
    metavar="YYYY-MM-DD",
    help="Revision date to record in catalogs (default: now), for reproducible output.",
)
@click.option(
    "--n-best",
    default=8,
    show_default=True,
    type=click.IntRange(1, 32),
    help="Candidates per sentence to choose from.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(allow_dash=True),
    help="Write the report as JSON to this file ('-': stdout).",
)
@click.option(
    "--models-dir",
    type=click.Path(),
    envvar="ARGOS_PACKAGES_DIR",
    help="Argos packages folder (default: $ARGOS_PACKAGES_DIR or Argos's own).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when a pair has no model and 3 when segments are flagged.",
)
@tm_option
@click.option("--no-tm", is_flag=True, help="Neither read nor update the translation memory.")
@click.option(
    "--tm-threshold",
    default=75.0,
    show_default=True,
    type=click.FloatRange(1, 100),
    metavar="PERCENT",
    help="Least similarity of a fuzzy memory match.",
)
@click.option(
    "--trust-tm",
    is_flag=True,
    help="Write exact reviewed memory matches made with the current glossary as reviewed "
    "(not fuzzy) when they pass every check.",
)
@workers_options
def translate(
    inputs: tuple[str, ...],
    targets: list[str] | None,
    src_lang: str | None,
    glossary_paths: tuple[str, ...],
    locales: str | None,
    documents: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    root: str | None,
    wait: float,
    parallel: str | None,
    tmx: str | None,
    date: str | None,
    n_best: int,
    report_path: str | None,
    models_dir: str | None,
    strict: bool,
    tm_path: str | None,
    no_tm: bool,
    tm_threshold: float,
    trust_tm: bool,
    jobs: int,
    cluster: str | None,
) -> None:
    """Translate articles so that they use the approved terms.

    Writes a catalog per document and target language (what a translator did is never
    changed), optionally parallel text and the translated documents, and prints a report to
    stderr. Reads .docx, .html, .md, .srt, .vtt and .txt; folders are walked (--include,
    --exclude). Each sentence is first looked up in the translation memory (--tm): an exact
    reviewed match wins, fuzzy ones compete with the engine's candidates, and the catalogs'
    reviewed entries are added to the memory at the start and the end of the run. Without a
    model for a pair, catalogs get what the memory has and otherwise empty translations with
    the glossary's hints. A catalog is named after its document's file name, or its path
    under --root (by default the folder given); two documents never share one. Settings not
    given come from termguard.toml (see `termguard init`). '-' translates standard input to
    standard output (one target language). --jobs and --cluster translate the documents in
    worker processes or on a Dask cluster (docs/scale.md); the outputs are the same.

    \b
    Example:
      termguard translate seeds/*.txt --to en,ru,kk
      termguard translate articles/ --to en --documents translated/
      echo 'Медиация дамып келеді.' | termguard translate - --to en
    """
    # Long: the command reads its options and the project file, makes the run and reports it;
    # each step is a few lines, kept in the order a reader of --help meets the options.
    from termguard import __version__
    from termguard.inputs import DOCUMENTS, STDIN_NAME
    from termguard.project import catalog_date
    from termguard.translate.outputs import catalog_names, write_outputs
    from termguard.translate.pipeline import rebuild_translation, translate_documents
    from termguard.translate.source import decode_document
    from termguard.writers.report import generate_json, generate_table

    cfg = project()
    if targets is None and not cfg.languages:
        raise click.UsageError(
            "give the target languages with --to LANGS (e.g. --to en,ru), or set "
            "languages = [...] in termguard.toml (`termguard init` writes one)"
        )
    langs = list(targets) if targets is not None else list(cfg.languages)
    inputs = inputs or tuple(cfg.sources)
    if not inputs:
        raise click.UsageError(
            "give the documents or folders to translate, or set sources = [...] in termguard.toml"
        )
    if "-" in inputs and (len(inputs) > 1 or len(langs) > 1):
        raise click.UsageError(
            "'-' translates standard input to standard output, one language at a time: give one "
            "--to language (or save the text to a file to translate it into several)"
        )
    src_lang = src_lang or cfg.source_language
    locales = locales or cfg.locales or "locales"
    documents = documents or cfg.documents
    parallel = parallel or cfg.parallel
    tmx = tmx or cfg.tmx
    models_dir = models_dir or cfg.models
    date = date or cfg.date
    try:
        stamp = catalog_date(date) if date else None
    except ValueError:
        raise click.BadParameter(
            f"{date!r} is not a date; use YYYY-MM-DD", param_hint="--date"
        ) from None
    for folder, option in (
        (locales, "--locales"),
        (documents, "--documents"),
        (parallel, "--parallel"),
    ):
        output_folder(folder, option)
    glossary = load(glossary_paths)
    texts = None
    names = None
    paths = list(inputs)
    if inputs == ("-",):
        texts = {"-": decode_document(sys.stdin.buffer.read(), STDIN_NAME)}
    else:
        found = expand(inputs, include, exclude, DOCUMENTS, skip=(locales, documents, parallel))
        paths = list(found.files)
        names = catalog_names(paths, locales=locales, root=root or cfg.root or found.common_root())
    opened: list[Any] = []

    def open_memory() -> Any:
        # called once an input has been read: bad input creates no memory
        memory = _memory(tm_path, locales if texts is None else None, wait)
        opened.extend([memory] if memory is not None else [])
        return memory

    work = workers(jobs, cluster)
    # one document stays here, unless a cluster was asked for
    spread = texts is None and not work.serial and (len(paths) > 1 or work.cluster is not None)
    unit = "documents" if spread else "sentences"
    bar = ProgressLine("translating", sys.stderr, unit) if sys.stderr.isatty() else None
    retried = 0
    try:
        if spread:
            from termguard.scale import any_readable, translate_files

            # the workers look the memory up by path: the client brings it up to date first
            memory = open_memory() if not no_tm and any_readable(paths, src_lang) else None
            run, retried = translate_files(
                paths,
                langs,
                glossary,
                work,
                names=names,
                models_dir=models_dir,
                memory=memory.path if memory is not None else None,
                on_progress=bar.update if bar is not None else None,
                src_lang=src_lang,
                n_best=n_best,
                tm_threshold=tm_threshold,
            )
        else:
            run = translate_documents(
                paths,
                langs,
                glossary,
                src_lang=src_lang,
                n_best=n_best,
                models_dir=models_dir,
                on_progress=bar.update if bar is not None else None,
                texts=texts,
                names=names,
                memory=None if no_tm else open_memory,
                tm_threshold=tm_threshold,
            )
    finally:
        if bar is not None:
            bar.close()
    report_failed([], retried)
    for exc in run.failed:
        click.echo(f"Error: {exc}", err=True)
    for _, _, why in run.missing_pairs:
        click.echo(f"warning: {why}", err=True)
    generator = f"termguard {__version__}"
    if texts is not None:
        for doc in run.documents:
            click.echo(rebuild_translation(doc), nl=False)
    else:

        def waited(seconds: float) -> None:
            if seconds >= 0.1:
                click.echo(f"waited {seconds:.1f} s for another run writing {locales}", err=True)

        changed, total = write_outputs(
            run.documents,
            locales=locales,
            parallel=parallel,
            generator=generator,
            glossary_digest=glossary.digest,
            glossary=glossary,
            wait=wait,
            on_wait=waited,
            documents=documents,
            tmx=tmx,
            date=stamp,
            trust_tm=trust_tm,
        )
        click.echo(f"{len(changed)} file(s) written, {total - len(changed)} unchanged", err=True)
    for memory in opened:
        _memory_report(run.documents, memory, locales if texts is None else None)
    rows = [d.counts() for d in run.documents]
    if rows:
        click.echo(generate_table(rows), err=True, nl=False)
    if report_path:
        meta = {
            "generator": generator,
            "version": JSON_VERSION,
            "glossary": glossary.digest,
            "missing_models": [f"{s}->{t}" for s, t, _ in run.missing_pairs],
            "failed": [str(e) for e in run.failed],
        }
        segments = [s.record(d) for d in run.documents for s in d.segments]
        write_output(report_path, generate_json(rows, meta, segments))
    if run.failed or (strict and run.missing_pairs):
        sys.exit(1)
    if strict and any(r["flagged"] or r["untranslated"] for r in rows):
        sys.exit(3)


def _memory(tm_path: str | None, locales: str | None, wait: float) -> Any:
    """The memory, brought up to date with the catalogs (None for stdin without a memory)."""
    from pathlib import Path

    from termguard.cli.common import memory_path
    from termguard.tm.harvest import update_from_catalogs
    from termguard.tm.store import open_memory

    path = memory_path(tm_path)
    if locales is None and not Path(path).exists():
        return None
    memory = open_memory(path, wait=wait)
    if locales is not None:
        for exc in update_from_catalogs(memory, locales).failed:
            click.echo(f"warning: {exc}", err=True)
    return memory


def _memory_report(documents: Sequence[Any], memory: Any, locales: str | None) -> None:
    """How many sentences came from the memory, and what the run's catalogs added to it."""
    from termguard.tm.harvest import update_from_catalogs

    segs = [s for d in documents for s in d.segments]
    used = [s.tm for s in segs if s.tm is not None]
    kinds = {k: sum(u.kind == k for u in used) for k in ("exact", "shape", "fuzzy")}
    line = (
        f"translation memory: {len(used)} of {len(segs)} sentence(s) from {memory.path} "
        f"({kinds['exact']} exact, {kinds['shape']} with numbers or punctuation patched, "
        f"{kinds['fuzzy']} fuzzy)"
    )
    if locales is not None:
        done = update_from_catalogs(memory, locales)
        line += f"; {done.added} translation(s) added from the catalogs"
    memory.close()
    click.echo(line, err=True)


COMMANDS = [translate]
