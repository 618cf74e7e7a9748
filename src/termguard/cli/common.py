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


class ProgressLine:
    """A one-line progress report on a terminal: redrawn a few times a second, not per item.

    The estimate of the time left comes from the work done so far (sentences, not files), and
    appears only once there is enough of it to go on.
    """

    INTERVAL = 0.25  # seconds between redraws
    MIN_ELAPSED = 1.0  # no estimate before this much time and 2% of the work

    def __init__(
        self,
        label: str,
        stream: Any,
        unit: str = "sentences",
        clock: Callable[[], float] | None = None,
    ) -> None:
        import time

        self.label, self.stream, self.unit = label, stream, unit
        self.clock = clock or time.monotonic
        self.started = self.clock()
        self.last_draw = -1e9
        self.width = 0
        self.draws = 0

    def update(self, done: int, total: int) -> None:
        now = self.clock()
        if done < total and now - self.last_draw < self.INTERVAL:
            return
        self.last_draw = now
        self.draw(self.line(done, total, now - self.started))

    def line(self, done: int, total: int, elapsed: float) -> str:
        share = done / total if total else 1.0
        text = f"{self.label} {share:4.0%}  {done:,}/{total:,} {self.unit}"
        if done >= total:
            text += f"  {_clock(elapsed)}"
        elif elapsed >= self.MIN_ELAPSED and share >= 0.02:
            text += f"  {_clock(elapsed * (total - done) / done)} left"
        return text

    def draw(self, text: str) -> None:
        self.draws += 1
        pad = " " * max(0, self.width - len(text))
        self.width = len(text)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()

    def close(self) -> None:
        if self.draws:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"
