"""Language support: one module per language, plus script detection shared by all."""

from __future__ import annotations

from termguard.errors import UnknownLanguageError
from termguard.glossary.model import LANGS


def check_lang(code: str) -> str:
    """Return `code` if termguard supports it, else raise UnknownLanguageError."""
    if code not in LANGS:
        raise UnknownLanguageError(code)
    return code
