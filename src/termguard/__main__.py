"""python -m termguard."""

from termguard.cli import cli

cli()
