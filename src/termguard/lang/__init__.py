"""Languages found by name: one module per language behind one interface (lang/base.py).

`get_language("kk")` is everything termguard knows about Kazakh; the built-in modules are
imported on first use [sacrebleu finds its tokenizers the same way], and `register_language`
adds one more (a Kyrgyz or Uzbek reader, a test's toy language) without touching any other
module.
"""

from __future__ import annotations

from importlib import import_module

from termguard.errors import UnknownLanguageError
from termguard.lang.base import Language

#: Built-in languages: code -> the module whose LANGUAGE it is, in termguard's canonical order.
_BUILTIN = {
    "kk": "termguard.lang.kk",
    "ru": "termguard.lang.ru",
    "th": "termguard.lang.th",
    "en": "termguard.lang.en",
}
_LOADED: dict[str, Language] = {}
#: languages(), kept until a language is registered or forgotten (checks ask it per number).
_ALL: list[tuple[Language, ...]] = []


def register_language(language: Language) -> Language:
    """Make `language` known by its code (replacing a language of that code); returns it."""
    if not language.code:
        raise ValueError("a language needs a code")
    _LOADED[language.code] = language
    _ALL.clear()
    return language


def unregister_language(code: str) -> None:
    """Forget a registered language (a built-in one comes back on next use)."""
    _LOADED.pop(code, None)
    _ALL.clear()


def find_language(code: str) -> Language | None:
    """The language of `code`, or None if termguard knows none."""
    language = _LOADED.get(code)
    if language is None and code in _BUILTIN:
        language = register_language(import_module(_BUILTIN[code]).LANGUAGE)
    return language


def get_language(code: str) -> Language:
    """The language of `code`; UnknownLanguageError if termguard knows none."""
    language = _LOADED.get(code) or find_language(code)
    if language is None:
        raise UnknownLanguageError(code)
    return language


def languages() -> tuple[Language, ...]:
    """Every known language: the built-in ones in order, then the ones registered since."""
    if not _ALL:
        builtin = tuple(get_language(code) for code in _BUILTIN)
        added = tuple(lang for code, lang in _LOADED.items() if code not in _BUILTIN)
        _ALL[:] = [builtin + added]
    return _ALL[0]


def check_lang(code: str) -> str:
    """Return `code` if termguard supports it, else raise UnknownLanguageError."""
    get_language(code)
    return code


__all__ = [
    "Language",
    "check_lang",
    "find_language",
    "get_language",
    "languages",
    "register_language",
    "unregister_language",
]
