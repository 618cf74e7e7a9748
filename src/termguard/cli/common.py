"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
import sys
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


def text_inputs(
    files: tuple[str, ...],
    lang: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    verb: str,
) -> tuple[str, list[str]]:
    """The language and the documents of a command that reads text in one language (terms,
    extract): the command line's, else the project file's; a usage error says what is missing."""
    from termguard.inputs import DOCUMENTS

    cfg = project()
    lang = lang or cfg.source_language
    if lang is None:
        raise click.UsageError(
            "give the language of the text with --lang kk|ru|th|en (or set source-language "
            "in termguard.toml)"
        )
    files = files or tuple(cfg.sources)
    if not files:
        raise click.UsageError(
            f"give the files or folders to {verb} (or set sources in termguard.toml)"
        )
    return lang, list(expand(files, include, exclude, DOCUMENTS).files)


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


def workers_options(f: F) -> F:
    """--jobs N and --cluster ADDRESS: where the documents are processed (termguard.scale)."""
    f = click.option(
        "--cluster",
        metavar="ADDRESS",
        help="Process documents on a Dask cluster: its scheduler (tcp://HOST:8786), or 'local' "
        "for --jobs worker processes here; needs pip install 'termguard[cluster]'.",
    )(f)
    return click.option(
        "--jobs",
        "-j",
        default=1,
        show_default=True,
        type=click.IntRange(0),
        metavar="N",
        help="Worker processes (0: one per core); the output is the same as with 1.",
    )(f)


def workers(jobs: int, cluster: str | None) -> Any:
    """The termguard.scale.Workers for --jobs and --cluster."""
    from termguard.scale.runner import Workers
    from termguard.scale.worker import cpu_cores

    return Workers(jobs=jobs or cpu_cores(), cluster=cluster or None)


def report_failed(failed: Any, retried: int) -> None:
    """Documents that workers failed on twice, and those run again after a lost worker."""
    if retried:
        click.echo(
            f"warning: {retried} document(s) run again after a worker was lost or failed", err=True
        )
    for exc in failed:
        click.echo(f"Error: {exc}", err=True)


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


LANGS = ("kk", "ru", "th", "en")


def normalise_lang(value: str) -> str | None:
    """'kk' for 'kk', 'KK', 'kk-KZ', 'kk_KZ' or 'kaz'; None for a language termguard lacks."""
    from termguard.bitext import lang_code

    return lang_code(value)


class LangType(click.ParamType):  # type: ignore[type-arg]
    """A language option: kk, ru, th or en in any case, or a tag such as kk-KZ, ru_RU, en-US.

    With `many`, a comma-separated list (duplicates dropped, order kept).
    """

    name = "lang"

    def __init__(self, many: bool = False) -> None:
        self.many = many

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "LANGS" if self.many else "[kk|ru|th|en]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (list, tuple)):
            return value
        items = [v.strip() for v in str(value).split(",")] if self.many else [str(value).strip()]
        codes: list[str] = []
        for item in items:
            if not item and self.many:
                continue
            code = normalise_lang(item)
            if code is None:
                self.fail(
                    f"unknown language '{item}'; use kk, ru, th or en "
                    "(any case; tags such as kk-KZ or ru_RU work too)",
                    param,
                    ctx,
                )
            if code not in codes:
                codes.append(code)
        if not codes:
            self.fail("no language given; use kk, ru, th or en, separated by commas", param, ctx)
        return codes if self.many else codes[0]


LANG_CHOICE = LangType()
LANG_LIST = LangType(many=True)


def write_output(path: str | None, data: str | bytes) -> bool:
    """Write a command's output to `path` atomically, or to stdout for None or '-'.

    Returns True when a file was written (so the command can say so on stderr).
    """
    if path is None or path == "-":
        if isinstance(data, bytes):
            stream = sys.stdout.buffer
            if stream.isatty():
                raise click.UsageError("this output is a binary file: pass -o FILE")
            stream.write(data)
            stream.flush()
        else:
            click.echo(data, nl=False)
        return False
    from termguard.writers.atomic import write_bytes, write_text

    if isinstance(data, bytes):
        write_bytes(path, data)
    else:
        write_text(path, data)
    return True


def output_folder(value: str | None, option: str) -> str | None:
    """An output folder option: '-' makes no sense for a folder; a file in the way is refused."""
    if value is None:
        return None
    if value == "-":
        raise click.UsageError(f"{option} is a folder; '-' (standard output) cannot be one")
    from termguard.writers.atomic import check_folder

    check_folder(value)
    return value


#: The layout version of every `--format json` document; raised when a key changes meaning.
JSON_VERSION = 1


def json_document(**fields: Any) -> str:
    """One JSON document as every command writes it: generator, version, then the fields.

    The convention (README, "Machine-readable output"): `--format json` is one object that
    starts with "generator" ("termguard X.Y.Z") and "version" (JSON_VERSION) and holds its
    items in a list under a plural noun; `--format jsonl` is the same items, one per line,
    nothing else; a file's path is always under "path".
    """
    import json

    from termguard import __version__

    doc = {"generator": f"termguard {__version__}", "version": JSON_VERSION, **fields}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def json_lines(items: Any) -> str:
    """The items of a json document, one compact object per line."""
    import json

    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def format_option(
    *choices: str, default: str = "text", help: str | None = None
) -> Callable[[F], F]:
    """--format with the given choices (text, json, jsonl, ...)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help or "Output format: " + ", ".join(choices) + " (json/jsonl: see README).",
    )


def deprecated_json_flag(f: F) -> F:
    """--json, kept hidden for old scripts: the same as --format json."""
    return click.option("--json", "as_json", is_flag=True, hidden=True)(f)
