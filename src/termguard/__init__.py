"""termguard: offline translation and terminology checking for kk, ru, th and en news."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from termguard.errors import (
    GlossaryError,
    GlossaryFormatError,
    InputError,
    ModelError,
    ModelNotInstalledError,
    TermguardError,
)
from termguard.glossary.model import LANGS, Concept, Glossary, Source, Term
from termguard.glossary.read import read_glossary, validate_glossary

try:
    __version__ = version("termguard")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "LANGS",
    "Concept",
    "Glossary",
    "GlossaryError",
    "GlossaryFormatError",
    "InputError",
    "ModelError",
    "ModelNotInstalledError",
    "Source",
    "Term",
    "TermguardError",
    "__version__",
    "read_glossary",
    "validate_glossary",
]
