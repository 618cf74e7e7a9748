"""Inputs as people give them: files and folders, folders walked with include and exclude globs.

Globs follow .gitignore rules (pathspec's GitIgnoreSpec, as black and others use): `*.docx`
matches at any depth, `drafts/` a folder and all under it, `2024/**/*.md` a path; they are
matched against the path under the folder given. Hidden files and folders (a leading dot) and
the folders a run writes to are never walked into.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from termguard.errors import InputError

#: What a folder yields when no --include is given, per command.
DOCUMENTS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.srt", "*.vtt", "*.docx")
BITEXT = ("*.po", "*.tsv", "*.tmx", "*.xlf", "*.xliff", "*.sdlxliff")


@dataclass(frozen=True)
class Inputs:
    """The files to read, and the folders they were found in (for naming catalogs)."""

    files: tuple[str, ...]
    folders: tuple[str, ...]

    def common_root(self) -> str | None:
        """The folder every input lies under, when a folder was given: names catalogs."""
        if not self.folders:
            return None
        root = os.path.commonpath([os.path.abspath(f) for f in self.folders])
        absolute = [os.path.abspath(f) for f in self.files]
        if all(os.path.commonpath([root, f]) == root for f in absolute):
            return root
        return None


def _spec(patterns: Iterable[str]) -> object:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def expand_inputs(
    paths: Sequence[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    default_include: Sequence[str] = DOCUMENTS,
    skip: Sequence[str | Path] = (),
) -> Inputs:
    """Files named, plus the files in folders named (recursively, sorted), filtered by globs.

    A file named on its own is always taken (exclude applies to what folders hold); `skip`
    names output folders never walked into. A folder that yields nothing is an error that
    says which globs were used.
    """
    wanted = _spec(include or default_include)
    unwanted = _spec(exclude)
    skipped = {os.path.abspath(s) for s in skip}
    files: list[str] = []
    folders: list[str] = []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            files.append(path)  # a missing file is the reader's to report
            continue
        folders.append(path)
        found = []
        for here, dirs, names in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and os.path.abspath(os.path.join(here, d)) not in skipped
                and not unwanted.match_file(_rel(os.path.join(here, d), path) + "/")  # type: ignore[attr-defined]
            )
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = os.path.join(here, name)
                rel = _rel(full, path)
                if wanted.match_file(rel) and not unwanted.match_file(rel):  # type: ignore[attr-defined]
                    found.append(full)
        if not found:
            globs = ", ".join(include or default_include)
            extra = f" (excluding {', '.join(exclude)})" if exclude else ""
            raise InputError(
                f"no files to read in this folder: looked for {globs}{extra}; "
                "pass --include GLOB to take other files",
                path,
            )
        files.extend(found)
    return Inputs(tuple(dict.fromkeys(files)), tuple(folders))


def _rel(path: str, base: str) -> str:
    return Path(os.path.relpath(path, base)).as_posix()
