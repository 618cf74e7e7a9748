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


def project() -> Any:
    """The project file (termguard.toml) found from the current folder upwards, or an empty one."""
    from termguard.project import load_project

    return load_project()


def models_dir(value: str | None) -> str | None:
    """--models-dir, else $ARGOS_PACKAGES_DIR, else the project file's models folder."""
    if value is not None or os.environ.get("ARGOS_PACKAGES_DIR"):
        return value
    found: str | None = project().models
    return found


def glossary_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    """--glossary, else $TERMGUARD_GLOSSARY, else the project file's, else ./glossary."""
    return _glossary_source(paths)[0]


def _glossary_source(paths: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    if paths:
        return paths, False
    env = os.environ.get("TERMGUARD_GLOSSARY")
    if env:
        return (env,), False
    cfg = project()
    if cfg.glossary:
        return tuple(cfg.glossary), True
    if cfg.path is None and not os.path.exists(DEFAULT_GLOSSARY):
        from termguard.errors import GlossaryFormatError

        raise GlossaryFormatError(
            "no such glossary file or folder, and no termguard.toml here or above; pass "
            "--glossary PATH, or run `termguard init` in the project's folder to write a "
            "termguard.toml that names the glossary (it is found from every folder below)",
            DEFAULT_GLOSSARY,
        )
    return (DEFAULT_GLOSSARY,), False


def load(paths: tuple[str, ...]) -> Any:
    """Read the glossary named by --glossary or the project file (earlier paths win there)."""
    from termguard.glossary.read import read_glossary

    resolved, layered = _glossary_source(paths)
    return read_glossary(*resolved, layered=layered)


def load_with_problems(paths: tuple[str, ...]) -> Any:
    """The glossary and every problem in it (for `glossary validate`)."""
    from termguard.glossary.read import load_glossary

    resolved, layered = _glossary_source(paths)
    return load_glossary(resolved, layered=layered)


def include_options(f: F) -> F:
    """--include GLOB and --exclude GLOB (repeatable): which files folders given yield."""
    f = click.option(
        "--exclude",
        "exclude",
        multiple=True,
        metavar="GLOB",
        help="Leave out files or folders matching GLOB when walking folders (repeatable).",
    )(f)
    return click.option(
        "--include",
        "include",
        multiple=True,
        metavar="GLOB",
        help="Take only files matching GLOB from folders, gitignore-style (repeatable).",
    )(f)


def expand(
    inputs: tuple[str, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    default_include: tuple[str, ...],
    skip: tuple[str | None, ...] = (),
) -> Any:
    """Inputs with folders walked; the project file's include/exclude when none are given."""
    from termguard.inputs import expand_inputs

    cfg = project()
    return expand_inputs(
        inputs,
        include=include or cfg.include,
        exclude=exclude or cfg.exclude,
        default_include=default_include,
        skip=[s for s in skip if s],
    )


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


def tm_option(f: F) -> F:
    """--tm PATH; defaults to $TERMGUARD_TM, the project file's memory, tm/termguard.sqlite."""
    return click.option(
        "--tm",
        "tm_path",
        type=click.Path(dir_okay=False),
        envvar="TERMGUARD_TM",
        help="Translation memory file (default: $TERMGUARD_TM, else `memory` in termguard.toml, "
        "else tm/termguard.sqlite in the project).",
    )(f)


def memory_path(value: str | None) -> str:
    """--tm or $TERMGUARD_TM, else the project file's memory, else tm/termguard.sqlite in the
    project's folder (the current folder without a project file)."""
    if value:
        return value
    from termguard.tm.store import DEFAULT_PATH

    cfg = project()
    if cfg.memory:
        return str(cfg.memory)
    return str(cfg.folder / DEFAULT_PATH) if cfg.folder is not None else DEFAULT_PATH
