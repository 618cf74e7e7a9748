"""`termguard review`: the review page for translators, served on this machine only."""

from __future__ import annotations

import contextlib

import click

from termguard.cli.common import LANG_CHOICE, glossary_option, memory_path, project, tm_option


@click.command("review")
@click.argument("catalogs", nargs=-1, type=click.Path())
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Port on 127.0.0.1 to serve on; 0 takes any free one.",
)
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open a browser.")
@glossary_option
@tm_option
@click.option("--no-tm", is_flag=True, help="Neither show memory matches nor feed the memory.")
@click.option(
    "--from",
    "src_lang",
    type=LANG_CHOICE,
    help="Source language of catalogs whose header does not say (X-Source-Language).",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="Seconds a save waits for a running `termguard translate` to release the catalogs.",
)
@click.option(
    "--ui",
    type=click.Choice(["en", "ru"]),
    help="Language of the page itself (default: the browser's, English or Russian).",
)
def review(
    catalogs: tuple[str, ...],
    port: int,
    no_browser: bool,
    glossary_paths: tuple[str, ...],
    tm_path: str | None,
    no_tm: bool,
    src_lang: str | None,
    wait: float,
    ui: str | None,
) -> None:
    """Review and edit catalogs in the browser: drafts, terms, findings and memory in one page.

    CATALOG is a .po file or a folder of them (default: the project's locales). The page is
    served on 127.0.0.1 only, at an address with a secret token made for this run; it stops
    with Ctrl+C. Each edit is written back to its catalog at once, changing only that entry,
    under the same lock as `termguard translate`. Needs the review extra:
    pip install 'termguard[review]'.

    \b
    Example:
      termguard review locales/ --no-browser
    """
    try:
        from termguard.review.server import serve
        from termguard.review.workspace import open_workspace
    except ImportError as exc:
        raise click.ClickException(
            f"the review page needs {exc.name or 'its web stack'}: pip install 'termguard[review]'"
        ) from exc
    from termguard.cli.common import load

    glossary = load(glossary_paths)
    paths = catalogs or (project().locales or "locales",)
    memory = None if no_tm else memory_path(tm_path)
    workspace = open_workspace(paths, glossary, memory=memory, src_lang=src_lang, wait=wait)
    for problem in workspace.problems:
        click.echo(f"warning: {problem}", err=True)

    def ready(url: str) -> None:
        click.echo(url)
        click.echo(
            f"Reviewing {len(workspace.catalogs)} catalog(s) on 127.0.0.1; Ctrl+C stops.",
            err=True,
        )

    import threading

    threading.Thread(target=workspace.warm, name="warm-checks", daemon=True).start()
    # uvicorn raises the Ctrl+C again once it has shut down
    with contextlib.suppress(KeyboardInterrupt):
        serve(workspace, port=port, browser=not no_browser, ui=ui, on_ready=ready)
    click.echo("Stopped; every save is in the catalogs.", err=True)


COMMANDS = [review]
