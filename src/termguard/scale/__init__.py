"""Archive scale: documents processed in worker processes (--jobs) or on Dask (--cluster).

runner.py splits a run into chunks of documents, runs them in workers that load the glossary
and the models once, runs again the documents of a lost worker and merges the results in input
order; worker.py is what runs in a worker (the setup loaded once, one chunk's call);
cluster.py is the Dask backend (the optional `cluster` extra); tasks.py has the translate,
check and terms tasks and their merges. Outputs are byte for byte a serial run's.
"""

from __future__ import annotations

from termguard.scale.runner import Outcome, Workers, map_chunks
from termguard.scale.tasks import any_readable, check_files, find_terms_in_files, translate_files
from termguard.scale.worker import WorkerSetup, WorkerState, cpu_cores, engine_threads

__all__ = [
    "Outcome",
    "WorkerSetup",
    "WorkerState",
    "Workers",
    "any_readable",
    "check_files",
    "cpu_cores",
    "engine_threads",
    "find_terms_in_files",
    "map_chunks",
    "translate_files",
]
