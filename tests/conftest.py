"""Shared fixtures: paths to the test data and the project's own glossary and seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def project_glossary():  # type: ignore[no-untyped-def]
    from termguard.glossary.read import read_glossary

    return read_glossary(ROOT / "glossary")
