"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_GLOSSARY = "glossary"


def glossary_option(f: F) -> F:
    """--glossary PATH (repeatable); defaults to $TERMGUARD_GLOSSARY or ./glossary."""
    return click.option(
        "--glossary",
        "glossary_paths",
        multiple=True,
        type=click.Path(),
        help="Glossary folder or .toml file (repeatable); default: glossary/.",
    )(f)


def glossary_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    if paths:
        return paths
    return (os.environ.get("TERMGUARD_GLOSSARY", DEFAULT_GLOSSARY),)


def load(paths: tuple[str, ...]) -> Any:
    """Read the glossary named by --glossary (errors become messages at the group)."""
    from termguard.glossary.read import read_glossary

    return read_glossary(*glossary_paths(paths))


LANG_CHOICE = click.Choice(["kk", "ru", "th", "en"])
