"""Glossaries shared by the exchange tests: the small fixture and the project's real one.

Both are read once per test session. The real glossary must be valid: a broken glossary/ fails
these tests rather than skipping them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from termguard.glossary.model import Glossary
from termguard.glossary.read import read_glossary

ROOT = Path(__file__).resolve().parent.parent
EXCHANGE = Path(__file__).parent / "data" / "glossaries" / "exchange"


@cache
def fixture_glossary() -> Glossary:
    return read_glossary(EXCHANGE / "glossary")


@cache
def real_glossary() -> Glossary:
    return read_glossary(ROOT / "glossary")
