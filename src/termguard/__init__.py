"""termguard: offline translation and terminology checking for kk, ru, th and en news.

One call per job, for library users:

    >>> import termguard
    >>> glossary = termguard.read_glossary("glossary")
    >>> hits = termguard.find_terms("Қазақстан халқы Ассамблеясының", "kk", glossary)
    >>> findings = termguard.check_pairs([("NGOs met.", "ҮЕҰ-лар жиналды.")], glossary, "en", "kk")
    >>> run = termguard.translate_documents(["seeds/000.txt"], ["en"], glossary)
    >>> memory = termguard.open_memory("tm/termguard.sqlite")
    >>> run = termguard.translate_documents(["seeds/000.txt"], ["en"], glossary, memory=memory)

The names below are imported on first use, so `import termguard` (and `termguard --help`) stays
fast.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

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

_LAZY = {
    "TermHit": "termguard.matching",
    "find_terms": "termguard.matching",
    "Finding": "termguard.checks",
    "check_pairs": "termguard.checks",
    "run_check": "termguard.checks",
    "Pair": "termguard.bitext",
    "read_bitext": "termguard.bitext",
    "get_translator": "termguard.translate.engine",
    "segment_text": "termguard.translate.segment",
    "translate_documents": "termguard.translate.pipeline",
    "write_outputs": "termguard.translate.outputs",
    "TranslationMemory": "termguard.tm.store",
    "open_memory": "termguard.tm.store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'termguard' has no attribute '{name}'")
    return getattr(import_module(module), name)


__all__ = [
    "LANGS",
    "Concept",
    "Finding",
    "Glossary",
    "GlossaryError",
    "GlossaryFormatError",
    "InputError",
    "ModelError",
    "ModelNotInstalledError",
    "Pair",
    "Source",
    "Term",
    "TermHit",
    "TermguardError",
    "TranslationMemory",
    "__version__",
    "check_pairs",
    "find_terms",
    "get_translator",
    "open_memory",
    "read_bitext",
    "read_glossary",
    "run_check",
    "segment_text",
    "translate_documents",
    "validate_glossary",
    "write_outputs",
]
