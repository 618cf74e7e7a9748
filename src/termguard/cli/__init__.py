"""The termguard command line; the only package that imports click.

Each command group lives in its own module here and is registered below; commands parse options,
make one library call and format the result. Heavy libraries are imported inside the commands, so
`termguard --help` stays fast.
"""

from __future__ import annotations

import os
from typing import Any

import click

from termguard import __version__
from termguard.errors import TermguardError

EXIT_CODES = """\b
Exit codes:
  0  OK
  1  bad input or failure
  2  usage error
  3  checks found terminology problems"""


def _example(command: click.Command) -> str | None:
    """The first line under 'Example:' in a command's help text."""
    lines = (command.help or "").splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("Example"):
            for follow in lines[i + 1 :]:
                if follow.strip():
                    return follow.strip()
    return None


class Cli(click.Group):
    """Turns every TermguardError into a one-line message (or lines) and exit code 1, once."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            subs = (
                [command.get_command(ctx, n) for n in command.list_commands(ctx)]
                if isinstance(command, click.Group)
                else [command]
            )
            for sub in subs:
                example = _example(sub) if sub is not None else None
                if example and example.startswith("termguard "):
                    rows.append(example)
        if rows:
            with formatter.section("Examples"):
                formatter.write_text("\b\n" + "\n".join(rows))
        super().format_epilog(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TermguardError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `termguard terms ... | head`
            ctx.exit(0)


@click.group(
    cls=Cli,
    epilog=EXIT_CODES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="termguard")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in the output: auto is on a terminal unless NO_COLOR is set.",
)
@click.pass_context
def cli(ctx: click.Context, color: str) -> None:
    """Offline translation and terminology checking for kk, ru, th and en news."""
    # click.echo strips styles when ctx.color is False and keeps them when True; None detects
    # a terminal. NO_COLOR (no-color.org): any non-empty value turns colour off.
    if color == "always":
        ctx.color = True
    elif color == "never" or os.environ.get("NO_COLOR"):
        ctx.color = False


def _register() -> None:
    from termguard.cli import (
        check,
        extract,
        glossary,
        init,
        models,
        review,
        terms,
        tm,
        translate,
    )

    for module in (glossary, translate, models, check, terms, extract, init, tm, review):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
