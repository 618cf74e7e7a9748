"""Every exception termguard raises."""

from __future__ import annotations

from typing import Any


class TermguardError(Exception):
    """Root of all termguard errors; the CLI turns these into one-line messages."""

    exit_code = 1

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickles as cls(*args), and args is the formatted message alone, which the
        # subclasses' own __init__ (path, lineno, ...) cannot take: a worker process's error
        # would not reach the client. Rebuild from the message and the fields instead.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[TermguardError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


class InputError(TermguardError):
    """A file given to termguard cannot be read or understood."""

    def __init__(self, msg: str, path: str, lineno: int | None = None) -> None:
        where = f"{path}:{lineno}" if lineno else path
        super().__init__(f"{where}: {msg}")
        self.path, self.lineno, self.msg = path, lineno, msg


class GlossaryFormatError(InputError):
    """A glossary file is malformed (TOML syntax, schema or a failed rule)."""


class ExchangeFormatError(InputError):
    """A glossary file exchanged with translators (TBX, CSV, TSV, XLSX, .po) is malformed."""


class GlossaryError(TermguardError):
    """The glossary as a whole failed validation; carries every problem found."""

    def __init__(self, problems: list[object]) -> None:
        lines = [str(p) for p in problems]
        super().__init__("\n".join(lines) if lines else "glossary is invalid")
        self.problems = problems


class UnknownLanguageError(TermguardError):
    """A language code termguard does not support."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown language '{code}'; use one of kk, ru, th, en")
        self.code = code


class ModelError(TermguardError):
    """A translation model package is missing, malformed or failed to load."""


class ModelNotInstalledError(ModelError):
    """No installed package (or pivot route) translates the requested pair."""

    def __init__(self, from_code: str, to_code: str, installed: list[str]) -> None:
        have = ", ".join(installed) if installed else "none"
        super().__init__(
            f"no model for {from_code}->{to_code} (installed: {have}); install one with "
            f"'termguard models install FILE.argosmodel' (see docs/models.md)"
        )
        self.from_code, self.to_code, self.installed = from_code, to_code, installed


class PackageFormatError(ModelError):
    """An .argosmodel file is not a valid Argos package."""

    def __init__(self, msg: str, path: str) -> None:
        super().__init__(f"{path}: {msg}")
        self.path = path


class CatalogError(InputError):
    """A .po catalog or parallel-text file is malformed."""


class OutputLockError(TermguardError):
    """Another run holds an output folder's lock for longer than this run may wait."""

    def __init__(self, folder: object, wait: float) -> None:
        super().__init__(
            f"{folder}: another termguard run is writing here and did not finish within "
            f"{wait:g} s; wait for it and run again, or pass --wait SECONDS to wait longer"
        )
        self.folder, self.wait = folder, wait


class CatalogNameError(InputError):
    """Two documents would share one catalog."""


class TranslationMemoryError(TermguardError):
    """The translation memory database cannot be opened, read or written."""

    def __init__(self, msg: str, path: str) -> None:
        super().__init__(f"{path}: {msg}")
        self.path, self.msg = path, msg


class OutputError(TermguardError):
    """An output file or folder cannot be written; says why and what to do."""

    def __init__(self, msg: str, path: str) -> None:
        super().__init__(f"{path}: {msg}")
        self.path, self.msg = path, msg


class DocumentFailedError(TermguardError):
    """A worker failed on a document twice (its process was lost, or an unexpected error); the
    run went on without it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(
            f"{path}: not processed: {reason}, twice; the other documents were, and running "
            "this one alone without --jobs or --cluster shows what goes wrong"
        )
        self.path, self.reason = path, reason


class ClusterError(TermguardError):
    """The Dask cluster named by --cluster cannot be reached or used."""
