"""termguard's errors travel between processes: a worker's error reads the same in the client."""

from __future__ import annotations

import pickle

import pytest

from termguard import errors

EXAMPLES = [
    errors.TermguardError("something failed"),
    errors.InputError("cannot read (No such file)", "a.txt", 3),
    errors.GlossaryFormatError("bad key", "glossary/x.toml", 14),
    errors.ExchangeFormatError("no header", "terms.csv"),
    errors.GlossaryError(["one problem", "another"]),
    errors.UnknownLanguageError("xx"),
    errors.ModelError("model broken"),
    errors.ModelNotInstalledError("kk", "th", ["kk-en 1.0"]),
    errors.PackageFormatError("two top folders", "x.argosmodel"),
    errors.CatalogError("bad entry", "a.po", 7),
    errors.OutputLockError("locales", 60.0),
    errors.CatalogNameError("would write the same catalog", "b.txt"),
    errors.TranslationMemoryError("cannot open", "tm/termguard.sqlite"),
    errors.OutputError("is a folder", "out"),
    errors.DocumentFailedError("a.txt", "the worker processing it was lost"),
    errors.ClusterError("cannot reach tcp://10.0.0.1:8786"),
]


@pytest.mark.parametrize("exc", EXAMPLES, ids=lambda e: type(e).__name__)
def test_every_error_survives_pickling(exc: errors.TermguardError) -> None:
    """An error pickled and read back has its class, message, fields and exit code."""
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc)
    assert str(back) == str(exc)
    assert vars(back) == vars(exc)
    assert back.exit_code == exc.exit_code
