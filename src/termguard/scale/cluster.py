"""Chunks of a run as tasks on a Dask cluster (the `cluster` extra: pip install termguard[cluster]).

The setup reaches every worker once, through a worker plugin (workers that join later get it
too); the chunks are Dask tasks; results come back to the client, which merges them and writes
every output itself. 'local' starts a LocalCluster of worker processes on this machine. This
module is imported only for --cluster, so nothing else loads dask.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from termguard.errors import ClusterError
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
    unload_setup,
)

try:
    import dask
    import distributed
    from distributed import WorkerPlugin
    from distributed.comm.addressing import get_address_host
except ImportError as exc:  # pragma: no cover - the extra is installed in the test environment
    raise ClusterError(
        "--cluster needs Dask: pip install 'termguard[cluster]' (dask[distributed])"
    ) from exc

log = logging.getLogger(__name__)

#: A local cluster's scheduler: a task whose worker dies is not rescheduled by Dask, but comes
#: back to termguard as failed, which runs its documents again one by one (runner.drive), and
#: a one-thread worker holds one task at a time, so a lost worker loses only the chunk it ran.
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.scheduler.worker-saturation": 1.0,
}
#: Seconds to wait for a scheduler to answer.
CONNECT_TIMEOUT = 30


class SetupPlugin(WorkerPlugin):
    """Loads a run's setup on each worker once; engine threads share the host's cores."""

    def __init__(self, setup: WorkerSetup, per_host: dict[str, int]) -> None:
        self.run_setup = setup  # not `setup`: that is the hook Dask calls
        self.per_host = per_host
        self.name = f"termguard-{setup.token}"

    def setup(self, worker: Any) -> None:
        host = get_address_host(worker.address)
        load_setup(self.run_setup, engine_threads(cpu_cores(), self.per_host.get(host, 1)))

    def teardown(self, worker: Any) -> None:
        unload_setup(self.run_setup.token)


def _workers_per_host(client: distributed.Client) -> dict[str, int]:
    """How many worker processes each host runs (they share its cores)."""
    counts: dict[str, int] = {}
    for info in client.scheduler_info(n_workers=-1)["workers"].values():
        counts[info["host"]] = counts.get(info["host"], 0) + 1
    return counts


class DaskBackend:
    """Runs chunks as Dask tasks on the cluster at `address`, or on a LocalCluster ('local')."""

    def __init__(self, task: Task, setup: WorkerSetup, address: str, jobs: int = 1) -> None:
        self.task, self.setup = task, setup
        self.cluster: Any = None
        try:
            if address == "local":
                n = jobs if jobs > 1 else cpu_cores()
                with dask.config.set(LOCAL_CONFIG):
                    self.cluster = distributed.LocalCluster(
                        n_workers=n,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",  # a free port: 8787 may be taken
                        silence_logs=logging.ERROR,
                    )
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise ClusterError(
                f"cannot use the Dask cluster at {address} ({describe(exc)}); start one with "
                "dask-scheduler and dask-worker (docs/scale.md), or use --cluster local"
            ) from exc
        if address != "local":
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        info = self.client.scheduler_info(n_workers=-1)["workers"]
        self.capacity: int = max(1, sum(int(w["nthreads"]) for w in info.values()))
        self.plugin = SetupPlugin(setup, _workers_per_host(self.client))
        self.client.register_plugin(self.plugin, name=self.plugin.name)
        self._running: dict[Any, Chunk] = {}

    def has_room(self) -> bool:
        # Dask queues tasks on the scheduler; two per worker thread keep every worker busy
        return len(self._running) < 2 * self.capacity

    def busy(self) -> bool:
        return bool(self._running)

    def submit(self, chunk: Chunk) -> None:
        future = self.client.submit(
            call_task, self.task, self.setup.token, [*chunk.items], pure=False, retries=0
        )
        self._running[future] = chunk

    def finished(self) -> Iterator[tuple[Chunk, Any, str | None]]:
        done = distributed.wait(list(self._running), return_when="FIRST_COMPLETED").done
        for future in done:
            chunk = self._running.pop(future)
            try:
                result = future.result()
            except distributed.KilledWorker:
                yield chunk, None, LOST
            except Exception as exc:
                yield chunk, None, describe(exc)
            else:
                yield chunk, result, None
            future.release()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            for future in self._running if hasattr(self, "_running") else ():
                future.cancel()
            if hasattr(self, "plugin") and self.cluster is None:
                try:
                    client.unregister_worker_plugin(self.plugin.name)
                except Exception as exc:  # the scheduler may be gone; the workers forget on exit
                    log.debug("could not unregister %s: %s", self.plugin.name, exc)
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
