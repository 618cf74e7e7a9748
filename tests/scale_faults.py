"""Worker tasks for the archive-scale tests: real tasks with a fault put in for one document.

Worker processes import this module by name (the test process's sys.path reaches them), so the
functions here must stay at module level.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from termguard.scale.worker import Task, WorkerState


def stall_once(
    state: WorkerState, items: list[Any], *, victim: str, marker: str, inner: Task
) -> Any:
    """The first time the chunk holding `victim` runs, write this process's id to `marker` and
    wait to be killed; later runs (the marker is there) do the work."""
    if any(victim in str(item) for item in items) and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(120)  # the test kills this process long before
    return inner(state, items)


def crash_on(state: WorkerState, items: list[Any], *, victim: str, inner: Task) -> Any:
    """Every chunk holding `victim` ends its worker process, as a segfault in a library would."""
    if any(victim in str(item) for item in items):
        os._exit(70)
    return inner(state, items)


def raise_on(state: WorkerState, items: list[Any], *, victim: str, inner: Task) -> Any:
    """Every chunk holding `victim` raises an unexpected error (a bug, not bad input)."""
    if any(victim in str(item) for item in items):
        raise RuntimeError(f"cannot handle {victim}")
    return inner(state, items)


def worker_facts(state: WorkerState, items: list[Any]) -> list[tuple[int, int, str]]:
    """(process id, id of the worker's glossary, TERMGUARD_THREADS) for each item."""
    facts = (os.getpid(), id(state.glossary), os.environ.get("TERMGUARD_THREADS", ""))
    return [facts for _ in items]
