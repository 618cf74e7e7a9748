"""Chunks of documents run in worker processes or on a Dask cluster, results in input order.

A run is split into chunks of consecutive documents; each chunk is one call of a task function
in a worker, which returns a picklable result that the client merges in input order, so the
output is the serial run's. Every worker loads what the setup names once (the glossary shipped
with it, the models and the memory by path) and keeps it for the chunks it is given.

A chunk whose worker was lost (killed, out of memory) or whose task raised is split, and each
of its documents runs again on its own; a document that fails again is reported by path
(DocumentFailedError) and the run goes on. On one machine (--jobs N) each worker process is a
ProcessPoolExecutor of one process, given one chunk at a time, so the chunk that was running
when a process died is known exactly; on a cluster (--cluster ADDRESS) Dask schedules the
chunks, termguard.scale.cluster.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from termguard.errors import DocumentFailedError
from termguard.scale.worker import (
    LOST,
    Chunk,
    Task,
    WorkerSetup,
    call_task,
    cpu_cores,
    describe,
    engine_threads,
    load_setup,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

R = TypeVar("R")

#: Chunks a worker is given at least, so that a slow chunk does not leave the others idle.
CHUNKS_PER_WORKER = 4
#: Documents in a chunk at most: a lost worker costs at most this much work again.
MAX_CHUNK = 32


@dataclass(frozen=True)
class Workers:
    """Where documents are processed: here (jobs 1), in `jobs` processes, or on a Dask cluster
    (`cluster` 'local' for a cluster of `jobs` worker processes on this machine, else a
    scheduler address such as tcp://10.0.0.5:8786). `chunk` is documents per task (default:
    enough chunks for CHUNKS_PER_WORKER per worker, at most MAX_CHUNK documents each)."""

    jobs: int = 1
    cluster: str | None = None
    chunk: int | None = None

    @property
    def serial(self) -> bool:
        """The run stays in this process, as without --jobs."""
        return self.jobs <= 1 and self.cluster is None

    def chunk_size(self, documents: int, capacity: int) -> int:
        """Documents per task for `documents` documents on `capacity` workers."""
        if self.chunk is not None:
            return max(1, self.chunk)
        per = math.ceil(documents / max(1, capacity * CHUNKS_PER_WORKER))
        return max(1, min(MAX_CHUNK, per))


@dataclass
class Outcome(Generic[R]):
    """What a parallel run gave: each chunk's result with the index of its first document, in
    input order; the documents that failed twice, in input order; how many ran again."""

    parts: list[tuple[int, R]] = field(default_factory=list)
    failed: list[tuple[int, DocumentFailedError]] = field(default_factory=list)
    retried: int = 0

    @property
    def results(self) -> list[R]:
        return [r for _, r in self.parts]


class Backend(Protocol):
    """Runs chunks somewhere; finished() waits for at least one and says how each went."""

    capacity: int

    def has_room(self) -> bool: ...

    def submit(self, chunk: Chunk) -> None: ...

    def busy(self) -> bool: ...

    def finished(self) -> Iterator[tuple[Chunk, Any, str | None]]: ...

    def close(self) -> None: ...


Progress = Callable[[int, int], None]


def map_chunks(
    task: Task,
    items: Sequence[Any],
    setup: WorkerSetup,
    workers: Workers,
    *,
    path_of: Callable[[Any], str] = str,
    on_progress: Progress | None = None,
) -> Outcome[Any]:
    """Run `task(state, chunk_items)` over chunks of `items` on `workers`.

    `task` must be picklable (a module-level function, or functools.partial of one) and
    return a picklable result for the chunk. `path_of(item)` names an item's document in
    DocumentFailedError. `on_progress(done, total)` counts documents as chunks come back.
    """
    backend: Backend
    if workers.cluster is not None:
        from termguard.scale.cluster import DaskBackend

        backend = DaskBackend(task, setup, workers.cluster, workers.jobs)
    else:
        backend = ProcessBackend(task, setup, max(1, workers.jobs))
    try:
        return drive(backend, items, workers, path_of=path_of, on_progress=on_progress)
    finally:
        backend.close()


def drive(
    backend: Backend,
    items: Sequence[Any],
    workers: Workers,
    *,
    path_of: Callable[[Any], str] = str,
    on_progress: Progress | None = None,
) -> Outcome[Any]:
    """Give the backend every chunk, run failed chunks again document by document, and report
    the documents that failed twice."""
    size = workers.chunk_size(len(items), backend.capacity)
    queue = deque(
        Chunk(start, tuple(items[start : start + size])) for start in range(0, len(items), size)
    )
    outcome: Outcome[Any] = Outcome()
    done = 0
    while queue or backend.busy():
        while queue and backend.has_room():
            backend.submit(queue.popleft())
        for chunk, result, error in backend.finished():
            if error is None:
                outcome.parts.append((chunk.start, result))
                done += len(chunk.items)
            elif len(chunk.items) > 1 or chunk.attempt == 0:
                # each document runs again on its own, so one that breaks its worker is found
                log.warning(
                    "%s (documents %d-%d): %s; running them again one by one",
                    path_of(chunk.items[0]),
                    chunk.start + 1,
                    chunk.start + len(chunk.items),
                    error,
                )
                outcome.retried += len(chunk.items)
                for k, item in reversed(list(enumerate(chunk.items))):
                    queue.appendleft(Chunk(chunk.start + k, (item,), chunk.attempt + 1))
            else:
                outcome.failed.append(
                    (chunk.start, DocumentFailedError(path_of(chunk.items[0]), error))
                )
                done += 1
            if on_progress is not None:
                on_progress(done, len(items))
    outcome.parts.sort(key=lambda p: p[0])
    outcome.failed.sort(key=lambda p: p[0])
    return outcome


# ------------------------------------------------------------------------- worker processes


def _init_process(setup: WorkerSetup, threads: int) -> None:
    import signal

    # Ctrl-C is the client's to handle: it stops the run and the workers with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_setup(setup, threads)


class ProcessBackend:
    """`capacity` worker processes on this machine, each its own one-process executor.

    One process per executor, one chunk at a time: when a process dies, only its executor
    breaks, and the chunk it was running is the one to run again. Processes are started with
    'spawn' (no fork of a client that may hold threads and loaded models).
    """

    def __init__(self, task: Task, setup: WorkerSetup, capacity: int) -> None:
        self.task, self.setup, self.capacity = task, setup, capacity
        self.threads = engine_threads(cpu_cores(), capacity)
        self._pools: list[ProcessPoolExecutor | None] = [None] * capacity
        self._running: dict[Future[Any], tuple[int, Chunk]] = {}

    def _pool(self, slot: int) -> ProcessPoolExecutor:
        pool = self._pools[slot]
        if pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_process,
                initargs=(self.setup, self.threads),
            )
            self._pools[slot] = pool
        return pool

    def _restart(self, slot: int) -> None:
        pool = self._pools[slot]
        self._pools[slot] = None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def has_room(self) -> bool:
        return len(self._running) < self.capacity

    def busy(self) -> bool:
        return bool(self._running)

    def submit(self, chunk: Chunk) -> None:
        from concurrent.futures.process import BrokenProcessPool

        used = {slot for slot, _ in self._running.values()}
        slot = next(s for s in range(self.capacity) if s not in used)
        try:
            future = self._pool(slot).submit(call_task, self.task, self.setup.token, [*chunk.items])
        except BrokenProcessPool:  # its process died while idle: the chunk never ran
            self._restart(slot)
            future = self._pool(slot).submit(call_task, self.task, self.setup.token, [*chunk.items])
        self._running[future] = (slot, chunk)

    def finished(self) -> Iterator[tuple[Chunk, Any, str | None]]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        done, _ = wait(list(self._running), return_when=FIRST_COMPLETED)
        for future in done:
            slot, chunk = self._running.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                self._restart(slot)
                yield chunk, None, LOST
            except Exception as exc:
                yield chunk, None, describe(exc)
            else:
                yield chunk, result, None

    def close(self) -> None:
        busy = {slot for slot, _ in self._running.values()}
        for slot in range(self.capacity):
            pool = self._pools[slot]
            self._pools[slot] = None
            if pool is None:
                continue
            if slot in busy:
                # stopped in the middle (Ctrl-C, an error in the client): do not wait for the
                # chunk; the executor keeps its processes in a private mapping
                for process in getattr(pool, "_processes", {}).values():
                    process.terminate()
            pool.shutdown(wait=slot not in busy, cancel_futures=True)
        self._running.clear()
