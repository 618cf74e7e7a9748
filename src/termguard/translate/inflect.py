"""Putting a glossary term into the grammatical form a sentence needs: the language's own rules.

Repair replaces a span of a translation with the approved term. The span's grammar (a Russian
word's case and number, an English plural, a Kazakh suffix chain) decides the form; each
language's `form_of` and `inflect` (lang/<code>.py) know how.
"""

from __future__ import annotations

from termguard.lang import find_language
from termguard.lang.base import CASES, NOMINATIVE, Form

__all__ = ["CASES", "NOMINATIVE", "Form", "form_of", "inflect"]


def form_of(span: str, lang: str, *, term: str | None = None) -> Form:
    """The grammatical form of `span` in `lang` (term: the dictionary form, needed for kk)."""
    language = find_language(lang)
    return language.form_of(span, term) if language is not None else NOMINATIVE


def inflect(term: str, lang: str, form: Form, *, indeclinable: bool = False) -> str:
    """`term` in `form`; Thai has no inflection and abbreviations keep their shape (but kk)."""
    language = find_language(lang)
    return language.inflect(term, form, indeclinable=indeclinable) if language else term
