"""What runs in a worker: the setup it loads once, the state its tasks keep, one chunk's call.

Shared by both backends (runner.py's worker processes, cluster.py's Dask workers) and the
client that drives them; imports nothing of either, so neither imports the other.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from termguard.glossary.model import Glossary

T = TypeVar("T")

#: What a chunk's worker died of, as DocumentFailedError says it.
LOST = "the worker processing it was lost (killed, or out of memory)"


def cpu_cores() -> int:
    """Cores this process may run on (the affinity mask where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def engine_threads(cores: int, workers: int) -> int:
    """CTranslate2 threads for each of `workers` processes sharing `cores`: the total stays at
    the core count, so the engine's threads and the processes do not oversubscribe them."""
    return max(1, cores // max(1, workers))


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker loads once and keeps: the glossary (shipped with the setup, so
    workers need no glossary files), the models folder and the translation memory (by path:
    on a cluster, storage every worker sees), and the client's working folder, against which
    relative input paths are read."""

    glossary: Glossary
    models_dir: str | None = None
    memory: str | None = None
    cwd: str = field(default_factory=os.getcwd)
    #: CTranslate2 threads per worker; None: the host's cores shared by its workers.
    threads: int | None = None
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


class WorkerState:
    """A worker's loaded setup, and what its tasks keep between chunks (checkers, the memory)."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.setup = setup
        self.glossary = setup.glossary
        self._kept: dict[Any, Any] = {}

    def kept(self, key: Any, make: Callable[[], T]) -> T:
        """The value kept under `key`, made by `make()` the first time."""
        if key not in self._kept:
            self._kept[key] = make()
        value: T = self._kept[key]
        return value

    def close(self) -> None:
        for value in self._kept.values():
            close = getattr(value, "close", None)
            if callable(close):
                close()
        self._kept.clear()


#: The setups loaded in this process, by token (a cluster worker may serve several clients).
_LOADED: dict[str, WorkerState] = {}


def load_setup(setup: WorkerSetup, threads: int) -> None:
    """Make `setup` this process's: what a worker does once, before its first chunk."""
    if setup.token in _LOADED:
        return
    # TERMGUARD_THREADS set by the user wins; the engine reads it when a model is loaded
    os.environ.setdefault("TERMGUARD_THREADS", str(setup.threads or threads))
    if os.path.isdir(setup.cwd) and os.getcwd() != setup.cwd:
        os.chdir(setup.cwd)
    _LOADED[setup.token] = WorkerState(setup)


def unload_setup(token: str) -> None:
    """Forget a setup (a cluster worker when the client is done)."""
    state = _LOADED.pop(token, None)
    if state is not None:
        state.close()


Task = Callable[[WorkerState, list[Any]], Any]


def call_task(task: Task, token: str, items: list[Any]) -> Any:
    """Run one chunk in a worker, with the setup it loaded."""
    state = _LOADED.get(token)
    if state is None:
        raise RuntimeError("this worker has not loaded termguard's setup for the run")
    return task(state, items)


@dataclass(frozen=True)
class Chunk:
    """Consecutive documents of a run: items[start:start + len(items)], and its attempt."""

    start: int
    items: tuple[Any, ...]
    attempt: int = 0


def describe(exc: BaseException) -> str:
    """A task's exception as DocumentFailedError tells it."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
