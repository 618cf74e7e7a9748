"""`termguard init`: write a commented termguard.toml for a project."""

from __future__ import annotations

import os

import click

from termguard.cli.common import LANG_CHOICE, LANG_LIST


@click.command()
@click.option(
    "--to",
    "targets",
    default="en,ru",
    show_default=True,
    type=LANG_LIST,
    help="Target languages to write into the file.",
)
@click.option(
    "--from", "src_lang", type=LANG_CHOICE, help="Source language to write into the file."
)
@click.option("--force", is_flag=True, help="Replace a termguard.toml that is already here.")
def init(targets: list[str], src_lang: str | None, force: bool) -> None:
    """Write a commented termguard.toml in the current folder.

    The file names the glossary, models, locales, parallel and translated-document folders,
    languages and inputs; every command finds it from this folder or any folder below, and
    options given on the command line win over it. Folders that exist here (glossary/,
    models/, locales/, parallel/, translated/) are filled in; the rest is commented out.

    \b
    Example:
      termguard init --to en,ru
    """
    from termguard.project import FILE_NAME, find_project, generate_project
    from termguard.writers.atomic import write_text

    langs = tuple(targets)
    if os.path.exists(FILE_NAME) and not force:
        raise click.ClickException(
            f"{FILE_NAME} is already here; edit it, or pass --force to write a new one"
        )
    outer = find_project(os.pardir)
    folders = {
        key: name
        for key, name in (
            ("sources", "articles"),
            ("models", "models"),
            ("locales", "locales"),
            ("parallel", "parallel"),
            ("documents", "translated"),
        )
        if os.path.isdir(name)
    }
    glossary = "glossary" if os.path.isdir("glossary") else None
    text = generate_project(glossary=glossary, languages=langs, folders=folders)
    if src_lang:
        text = text.replace('# source-language = "kk"', f'source-language = "{src_lang}"')
    write_text(FILE_NAME, text)
    click.echo(f"wrote {FILE_NAME}", err=True)
    if outer is not None:
        click.echo(f"note: it takes the place of {outer} for this folder and below", err=True)
    if glossary is None:
        click.echo(
            "note: no glossary/ folder here; set glossary = [...] in the file to your glossary",
            err=True,
        )


COMMANDS = [init]
