"""Shared fixtures: paths to the test data and the project's own glossary and seeds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _session_memory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Module fixtures that translate use a memory of their own too, not tm/ of the folder
    pytest runs in (which `make demo` fills with the seed sample)."""
    before = os.environ.get("TERMGUARD_TM")
    os.environ["TERMGUARD_TM"] = str(tmp_path_factory.mktemp("memory") / "termguard.sqlite")
    yield
    if before is None:
        os.environ.pop("TERMGUARD_TM", None)
    else:
        os.environ["TERMGUARD_TM"] = before


@pytest.fixture(autouse=True)
def _own_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own translation memory, never tm/ of the folder pytest runs in."""
    monkeypatch.setenv("TERMGUARD_TM", str(tmp_path / "tm" / "termguard.sqlite"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def project_glossary():  # type: ignore[no-untyped-def]
    from termguard.glossary.read import read_glossary

    return read_glossary(ROOT / "glossary")


# Tests that run the real CTranslate2 path must carry the `engine` marker, so that
# scripts/cpu_variants.py reruns them under every CPU kernel family (their numbers differ by CPU).
_ENGINE_RUNS = [0]


def _count_engine_runs() -> None:
    from termguard.translate.engine import PackageTranslator

    original = PackageTranslator._translate_items

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _ENGINE_RUNS[0] += 1
        return original(self, *args, **kwargs)

    PackageTranslator._translate_items = counted  # type: ignore[method-assign]


_count_engine_runs()


@pytest.fixture(autouse=True)
def _engine_tests_are_marked(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A test that ran the real engine without the `engine` marker fails with the way to fix it."""
    before = _ENGINE_RUNS[0]
    yield
    if _ENGINE_RUNS[0] > before and request.node.get_closest_marker("engine") is None:
        pytest.fail(
            f"{request.node.nodeid} runs the real CTranslate2 engine: mark it "
            "pytest.mark.engine so scripts/cpu_variants.py runs it under every CPU kernel family"
        )
