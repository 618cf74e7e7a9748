"""The public API: every name in termguard.__all__ resolves, lazily for the heavy ones."""

from __future__ import annotations

import subprocess
import sys

import pytest

import termguard


@pytest.mark.parametrize("name", termguard.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    """Each name in __all__ is an attribute of the package."""
    assert getattr(termguard, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A misspelt name raises AttributeError, not KeyError."""
    with pytest.raises(AttributeError, match="no attribute 'find_term'"):
        termguard.find_term  # noqa: B018


def test_import_does_not_load_matching_or_engines() -> None:
    """`import termguard` alone loads neither the matcher nor any translation library."""
    code = (
        "import sys, termguard\n"
        "print([m for m in ('termguard.matching', 'termguard.translate.engine', 'ctranslate2',"
        " 'pymorphy3') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
