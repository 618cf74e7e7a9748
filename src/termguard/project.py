"""The project file, termguard.toml: found from the current folder upwards, as git and ruff do.

It names the glossaries (the first has priority: a concept in it replaces a concept with the
same id in the later ones, so a project glossary can sit over a shared one), the models,
locales, parallel-text and translated-document folders, the languages, the TMX path, the
translation memory, a fixed
catalog date and the inputs with their include and exclude globs. Paths are relative to the
file. Options on the command line always win over it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termguard.errors import InputError

FILE_NAME = "termguard.toml"
LANGS = ("kk", "ru", "th", "en")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?:[+-]\d{4})?)?$")

#: key -> (type, what it is), in the order `termguard init` writes them.
KEYS: dict[str, tuple[str, str]] = {
    "glossary": ("paths", "glossary folders or .toml files; the first wins for a concept id"),
    "models": ("path", "folder of installed Argos packages (translation models)"),
    "locales": ("path", "where catalogs go: LOCALES/<lang>/LC_MESSAGES/<doc>.po"),
    "parallel": ("path", "where parallel text goes (<doc>.<src>-<tgt>.tsv, run.tmx)"),
    "documents": ("path", "where translated documents go, in their own format"),
    "tmx": ("path", "the run's TMX file, merged run by run (default: PARALLEL/run.tmx)"),
    "memory": ("path", "the translation memory database (default: tm/termguard.sqlite)"),
    "languages": ("langs", "target languages of `translate`"),
    "source-language": ("lang", "language of the sources (detected when not set)"),
    "sources": ("paths", "what `translate` and `terms` read when no input is given"),
    "root": ("path", "catalogs are named by their document's path under this folder"),
    "include": ("globs", "files to take from folders (gitignore-style globs)"),
    "exclude": ("globs", "files and folders to leave out when walking folders"),
    "date": ("date", "fixed revision date for catalogs (YYYY-MM-DD), for reproducible runs"),
}


@dataclass(frozen=True)
class Project:
    """A parsed termguard.toml; paths are absolute, lists are tuples."""

    path: Path | None = None
    glossary: tuple[str, ...] = ()
    models: str | None = None
    locales: str | None = None
    parallel: str | None = None
    documents: str | None = None
    tmx: str | None = None
    memory: str | None = None
    languages: tuple[str, ...] = ()
    source_language: str | None = None
    sources: tuple[str, ...] = ()
    root: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None


def find_project(start: str | Path | None = None) -> Path | None:
    """The nearest termguard.toml in `start` (default: the current folder) or above it."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return number
    return 1


def read_project(path: str | Path) -> Project:
    """Parse a project file; InputError with path:line for anything wrong in it."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the project file ({exc})", name) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        raise InputError(
            f"not valid TOML ({str(exc).split(' (at', 1)[0]}); fix the file",
            name,
            int(m.group(1)) if m else None,
        ) from exc
    base = path.parent.resolve()
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise InputError(f"unknown key '{key}'; the keys are: {known}", name, line)
        kind = KEYS[key][0]
        values[key.replace("-", "_")] = _value(kind, key, value, base, name, line)
    return Project(path=path.resolve(), **values)


def _value(kind: str, key: str, value: Any, base: Path, name: str, line: int) -> Any:
    def fail(what: str) -> InputError:
        return InputError(f"'{key}' must be {what}", name, line)

    if kind in ("path", "lang", "date"):
        if not isinstance(value, str) or not value.strip():
            raise fail("a string")
        if kind == "path":
            return str(base / value)
        if kind == "lang":
            if value not in LANGS:
                raise fail("one of kk, ru, th, en")
            return value
        if not _DATE.match(value):
            raise fail("a date: YYYY-MM-DD or 'YYYY-MM-DD HH:MM+0000'")
        return value
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise fail("a string or a list of strings")
    if kind == "paths":
        return tuple(str(base / v) for v in items)
    if kind == "langs":
        bad = [v for v in items if v not in LANGS]
        if bad or not items:
            raise fail("a list of kk, ru, th, en")
        return tuple(items)
    return tuple(items)


def load_project(start: str | Path | None = None) -> Project:
    """The project file found from `start` upwards, or an empty Project when there is none."""
    found = find_project(start)
    return read_project(found) if found is not None else Project()


def catalog_date(value: str) -> str:
    """A date as catalogs record it: 'YYYY-MM-DD HH:MM+0000'."""
    if not _DATE.match(value):
        raise ValueError(f"not a date: {value!r}")
    if len(value) == 10:
        return f"{value} 00:00+0000"
    return value if re.search(r"[+-]\d{4}$", value) else f"{value}+0000"


def generate_project(
    *, glossary: str | None, languages: tuple[str, ...], folders: dict[str, str]
) -> str:
    """The text of a commented termguard.toml, `termguard init`'s output."""
    out = [
        "# termguard project file. termguard finds it from the current folder upwards, as git",
        "# does, so every command works from any folder of the project. Paths are relative to",
        "# this file; options given on the command line win over what is set here.",
        "",
        f"# {KEYS['glossary'][1]}: a project glossary first, over a shared one",
        f'glossary = ["{glossary}"]' if glossary else '# glossary = ["glossary"]',
        "",
        f"# {KEYS['languages'][1]}",
        "languages = [" + ", ".join(f'"{lang}"' for lang in languages) + "]",
        f"# {KEYS['source-language'][1]}",
        '# source-language = "kk"',
        "",
    ]
    for key in ("sources", "models", "locales", "parallel", "documents", "tmx", "memory", "root"):
        out.append(f"# {KEYS[key][1]}")
        if key in folders:
            value = folders[key]
            out.append(f'{key} = ["{value}"]' if KEYS[key][0] == "paths" else f'{key} = "{value}"')
        else:
            example = {
                "sources": '["articles"]',
                "models": '"models"',
                "locales": '"locales"',
                "parallel": '"parallel"',
                "documents": '"translated"',
                "tmx": '"parallel/run.tmx"',
                "memory": '"tm/termguard.sqlite"',
                "root": '"articles"',
            }[key]
            out.append(f"# {key} = {example}")
        out.append("")
    out += [
        f"# {KEYS['include'][1]}",
        '# include = ["*.docx", "*.html", "*.md", "*.srt", "*.vtt", "*.txt"]',
        f"# {KEYS['exclude'][1]}",
        '# exclude = ["drafts/", "*.bak.*"]',
        "",
        f"# {KEYS['date'][1]}",
        '# date = "2024-05-01"',
        "",
    ]
    return "\n".join(out)
