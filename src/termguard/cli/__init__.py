"""The termguard command line; the only package that imports click.

Each command group lives in its own module here and is registered below; commands parse options,
make one library call and format the result. Heavy libraries are imported inside the commands, so
`termguard --help` stays fast.
"""

from __future__ import annotations

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


class Cli(click.Group):
    """Turns every TermguardError into a one-line message (or lines) and exit code 1, once."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TermguardError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `termguard terms ... | head`
            ctx.exit(0)


@click.group(cls=Cli, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="termguard")
def cli() -> None:
    """Offline translation and terminology checking for kk, ru, th and en news.

    \b
    Example:
      termguard glossary validate
      termguard terms seeds/*.txt --lang kk
    """


def _register() -> None:
    from termguard.cli import glossary, models, translate

    for module in (glossary, translate, models):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
