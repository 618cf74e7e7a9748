"""--jobs and --cluster: worker processes and a Dask cluster give a serial run's output, byte for
byte, on the seeds and on NTREX-128; a killed worker loses no document; a document that fails
twice is reported by path while the run goes on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import scale_faults
from termguard.cli import cli
from termguard.errors import DocumentFailedError
from termguard.glossary.read import read_glossary
from termguard.matching import find_terms
from termguard.scale import Workers, WorkerSetup, cpu_cores, engine_threads, map_chunks
from termguard.scale.runner import drive
from termguard.scale.tasks import terms_chunk
from termguard.scale.worker import LOST, Chunk
from termguard.texts import read_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
MODELS = Path(__file__).resolve().parent / "data" / "models"
NTREX = ROOT.parent / "shared" / "corpora" / "parallel" / "ntrex128"
COLUMNS = {"en": "src.eng", "kk": "ref.kaz", "ru": "ref.rus", "th": "ref.tha"}


#: NTREX-128 documents the tests use (of 123), so the suite stays fast; bench_scale.py runs all.
NTREX_DOCS = 30


def _ntrex_documents() -> dict[str, list[int]]:
    """NTREX-128's first NTREX_DOCS documents: their ids and line numbers, in corpus order."""
    if not (NTREX / "DOCUMENT_IDS.tsv").exists():
        pytest.skip(f"NTREX-128 is not at {NTREX} (../shared/corpora)")
    docs: dict[str, list[int]] = {}
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    for i, doc in enumerate(ids):
        docs.setdefault(doc, []).append(i)
    return dict(list(docs.items())[:NTREX_DOCS])


def _ntrex_lines() -> dict[str, list[str]]:
    return {
        lang: (NTREX / f"newstest2019-{name}.txt").read_text(encoding="utf-8").splitlines()
        for lang, name in COLUMNS.items()
    }


@pytest.fixture(scope="module")
def ntrex_tsv(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Each NTREX-128 document used as a four-language TSV (en, kk, ru, th)."""
    docs, lines = _ntrex_documents(), _ntrex_lines()
    out = tmp_path_factory.mktemp("ntrex-tsv")
    paths = []
    for k, (doc, rows) in enumerate(docs.items()):
        path = out / f"{k:03d}_{doc}.tsv"
        body = ["en\tkk\tru\tth"] + ["\t".join(lines[c][i] for c in COLUMNS) for i in rows]
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def ntrex_text(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each NTREX-128 document as plain text per language, a paragraph per line."""
    docs, lines = _ntrex_documents(), _ntrex_lines()
    out: dict[str, list[str]] = {}
    for lang in COLUMNS:
        folder = tmp_path_factory.mktemp(f"ntrex-{lang}")
        out[lang] = []
        for k, (doc, rows) in enumerate(docs.items()):
            path = folder / f"{k:03d}_{doc}.txt"
            path.write_text("\n\n".join(lines[lang][i] for i in rows) + "\n", encoding="utf-8")
            out[lang].append(str(path))
    return out


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A LocalCluster of two one-thread worker processes, as termguard starts for 'local'."""
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    from termguard.scale.cluster import LOCAL_CONFIG

    with dask.config.set(LOCAL_CONFIG):
        local = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
        )
    try:
        yield str(local.scheduler_address)
    finally:
        local.close()


@pytest.fixture(scope="module")
def glossary() -> Any:
    return read_glossary(ROOT / "glossary")


@pytest.fixture(scope="module")
def terms_files(ntrex_text: dict[str, list[str]]) -> list[str]:
    """The seeds and the NTREX-128 documents in Kazakh."""
    return [*SEEDS, *ntrex_text["kk"]]


@pytest.fixture(scope="module")
def serial_terms(terms_files: list[str]) -> str:
    """What a serial `terms --format jsonl` prints for terms_files."""
    result = run("terms", *terms_files, "--lang", "kk", "--format", "jsonl")
    assert result.exit_code == 0
    # hits from the seeds and from most NTREX documents, so a lost document shows
    found = {json.loads(line)["path"] for line in result.stdout.splitlines()}
    assert set(SEEDS) <= found and len(found - set(SEEDS)) >= len(terms_files[len(SEEDS) :]) // 2
    return str(result.stdout)


@pytest.fixture(scope="module")
def serial_check(ntrex_tsv: list[str]) -> str:
    """What a serial `check --format json --scope run` prints for the NTREX documents."""
    result = run("check", *ntrex_tsv, "--format", "json", "--scope", "run")
    assert result.exit_code == 3
    return str(result.stdout)


def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def _serial_terms(paths: list[str], lang: str, glossary: Any) -> list[Any]:
    return [(p, read_text(p), find_terms(read_text(p), lang, glossary)) for p in paths]


def _flatten(outcome: Any) -> list[Any]:
    return [entry for part in outcome.results for entry in part]


# ------------------------------------------------------------------------- the retry rules


class InlineBackend:
    """Runs each chunk at once in this process; `fails(chunk)` says why it fails, if it does."""

    capacity = 2

    def __init__(self, fails: Any) -> None:
        self.fails = fails
        self.done: list[tuple[Chunk, Any, str | None]] = []
        self.seen: list[Chunk] = []

    def has_room(self) -> bool:
        return True

    def busy(self) -> bool:
        return bool(self.done)

    def submit(self, chunk: Chunk) -> None:
        self.seen.append(chunk)
        why = self.fails(chunk)
        self.done.append((chunk, None if why else list(chunk.items), why))

    def finished(self) -> Iterator[tuple[Chunk, Any, str | None]]:
        done, self.done = self.done, []
        yield from done

    def close(self) -> None:
        pass


def test_a_failed_chunk_runs_again_document_by_document() -> None:
    """A chunk whose worker was lost once runs again as one task per document, and the results
    come back whole and in input order."""
    lost = {"c"}

    def fails(chunk: Chunk) -> str | None:
        if chunk.attempt == 0 and lost & set(chunk.items):
            return LOST
        return None

    backend = InlineBackend(fails)
    items = list("abcdefg")
    outcome = drive(backend, items, Workers(jobs=2, chunk=3))
    assert [x for part in outcome.results for x in part] == items
    assert outcome.failed == [] and outcome.retried == 3
    assert [c.items for c in backend.seen if c.attempt == 1] == [("a",), ("b",), ("c",)]


def test_a_document_that_fails_twice_is_reported_and_the_run_goes_on() -> None:
    """A document that fails in its chunk and again alone is reported by path; every other
    document of its chunk and of the run is kept."""

    def fails(chunk: Chunk) -> str | None:
        return "RuntimeError: boom" if "e" in chunk.items else None

    outcome = drive(InlineBackend(fails), list("abcdefg"), Workers(jobs=2, chunk=3))
    assert [x for part in outcome.results for x in part] == list("abcdfg")
    assert [(i, type(e), e.path) for i, e in outcome.failed] == [(4, DocumentFailedError, "e")]
    assert str(outcome.failed[0][1]).startswith("e: not processed: RuntimeError: boom, twice;")


def test_a_single_document_gets_a_second_try_too() -> None:
    """A chunk of one document that fails once is run once more before it is reported."""
    tries: list[int] = []

    def fails(chunk: Chunk) -> str | None:
        tries.append(chunk.attempt)
        return LOST if chunk.attempt == 0 else None

    outcome = drive(InlineBackend(fails), ["only"], Workers(jobs=2))
    assert outcome.results == [["only"]] and tries == [0, 1] and outcome.retried == 1


def test_chunks_give_each_worker_several_and_stay_small() -> None:
    """Default chunks: about four per worker, never more than 32 documents, at least one."""
    w = Workers(jobs=2)
    assert [w.chunk_size(n, 2) for n in (1, 5, 8, 80, 10_000)] == [1, 1, 1, 10, 32]
    assert Workers(jobs=2, chunk=7).chunk_size(10_000, 2) == 7


def test_engine_threads_share_the_cores() -> None:
    """Workers times engine threads never exceeds the cores, and each worker has one at least."""
    for cores in (1, 2, 4, 8, 64):
        for workers in (1, 2, 3, 4, 16):
            threads = engine_threads(cores, workers)
            assert threads >= 1
            assert threads * workers <= max(cores, workers)


# ------------------------------------------------------------------- worker processes, --jobs


def test_each_worker_loads_the_setup_once_and_takes_its_share_of_cores(
    glossary: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every chunk a worker process runs sees the same glossary object, and its engine threads
    are the cores divided among the workers (TERMGUARD_THREADS)."""
    monkeypatch.delenv("TERMGUARD_THREADS", raising=False)
    items = [str(i) for i in range(12)]
    outcome = map_chunks(
        scale_faults.worker_facts, items, WorkerSetup(glossary), Workers(jobs=2, chunk=1)
    )
    facts = _flatten(outcome)
    assert len(facts) == 12
    glossaries = {pid: {g for p, g, _ in facts if p == pid} for pid, _, _ in facts}
    assert all(len(ids) == 1 for ids in glossaries.values())
    assert {t for _, _, t in facts} == {str(engine_threads(cpu_cores(), 2))}
    assert os.getpid() not in glossaries


def test_terms_with_jobs_is_the_serial_output(terms_files: list[str], serial_terms: str) -> None:
    """terms --jobs 2 over the seeds and the NTREX kk documents prints what terms does."""
    jobs = run("terms", *terms_files, "--lang", "kk", "--format", "jsonl", "--jobs", "2")
    assert jobs.exit_code == 0 and jobs.stdout == serial_terms


def test_check_with_jobs_is_the_serial_report(ntrex_tsv: list[str], serial_check: str) -> None:
    """check --jobs 2 over NTREX documents in four languages writes the serial report, with
    term-inconsistent compared over the whole run (its reduce over parts is proven with a
    conflict in tests/test_check.py; NTREX's human translations hold none)."""
    jobs = run("check", *ntrex_tsv, "--format", "json", "--scope", "run", "--jobs", "2")
    assert jobs.exit_code == 3 and jobs.stdout == serial_check
    assert json.loads(serial_check)["findings"]


def test_a_killed_worker_process_loses_no_document(
    glossary: Any, ntrex_text: dict[str, list[str]], tmp_path: Path
) -> None:
    """The test kills the worker process in the middle of a chunk: its documents run again,
    and every document's terms come back as in a serial run."""
    paths = ntrex_text["kk"][:24]
    marker = tmp_path / "pid"
    task = partial(
        scale_faults.stall_once,
        victim=Path(paths[9]).name,
        marker=str(marker),
        inner=partial(terms_chunk, lang="kk", near_misses=True),
    )
    killer = threading.Thread(target=_kill_when_written, args=(marker,), daemon=True)
    killer.start()
    outcome = map_chunks(task, paths, WorkerSetup(glossary), Workers(jobs=2, chunk=4))
    killer.join(5)
    assert marker.exists() and not killer.is_alive()
    assert outcome.failed == [] and outcome.retried == 4
    assert _flatten(outcome) == _serial_terms(paths, "kk", glossary)


def _kill_when_written(marker: Path, timeout: float = 60) -> None:
    """Wait for a worker to write its process id to `marker`, then kill that process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text(encoding="utf-8"):
            os.kill(int(marker.read_text(encoding="utf-8")), signal.SIGKILL)
            return
        time.sleep(0.05)


def test_a_document_that_kills_its_worker_twice_is_reported(
    glossary: Any, ntrex_text: dict[str, list[str]]
) -> None:
    """A document whose worker process dies every time is reported by path after its second
    try; the run goes on, and the other documents are as in a serial run."""
    paths = ntrex_text["kk"][:10]
    victim = paths[5]
    task = partial(
        scale_faults.crash_on,
        victim=Path(victim).name,
        inner=partial(terms_chunk, lang="kk", near_misses=True),
    )
    outcome = map_chunks(task, paths, WorkerSetup(glossary), Workers(jobs=2, chunk=5))
    assert [(i, e.path, e.reason) for i, e in outcome.failed] == [(5, victim, LOST)]
    rest = [p for p in paths if p != victim]
    assert _flatten(outcome) == _serial_terms(rest, "kk", glossary)


# --------------------------------------------------------------------- Dask cluster, --cluster


def test_terms_and_check_on_a_dask_cluster_are_the_serial_output(
    cluster: str,
    terms_files: list[str],
    serial_terms: str,
    ntrex_tsv: list[str],
    serial_check: str,
) -> None:
    """terms and check with --cluster (a LocalCluster of two workers) print the serial output."""
    dask = run("terms", *terms_files, "--lang", "kk", "--format", "jsonl", "--cluster", cluster)
    assert dask.exit_code == 0 and dask.stdout == serial_terms
    dask = run("check", *ntrex_tsv, "--format", "json", "--scope", "run", "--cluster", cluster)
    assert dask.exit_code == 3 and dask.stdout == serial_check


def test_cluster_local_starts_its_own_workers() -> None:
    """--cluster local -j 2 starts a LocalCluster of two workers and prints the serial output."""
    pytest.importorskip("distributed")
    kazakh = [p for p in SEEDS if not _thai(p)]
    serial = run("terms", *kazakh, "--lang", "kk", "--format", "jsonl")
    local = run(
        "terms", *kazakh, "--lang", "kk", "--format", "jsonl", "--cluster", "local", "-j", "2"
    )
    assert serial.exit_code == local.exit_code == 0 and local.stdout == serial.stdout


def _thai(path: str) -> bool:
    return "\u0e00" <= Path(path).read_text(encoding="utf-8")[0] <= "\u0e7f"


def test_a_killed_dask_worker_loses_no_document(
    cluster: str, glossary: Any, ntrex_text: dict[str, list[str]], tmp_path: Path
) -> None:
    """The test kills a Dask worker's process in the middle of a chunk: the nanny starts a new
    worker, the chunk's documents run again, and nothing is lost."""
    paths = ntrex_text["kk"][:24]
    marker = tmp_path / "pid"
    task = partial(
        scale_faults.stall_once,
        victim=Path(paths[14]).name,
        marker=str(marker),
        inner=partial(terms_chunk, lang="kk", near_misses=True),
    )
    killer = threading.Thread(target=_kill_when_written, args=(marker,), daemon=True)
    killer.start()
    workers = Workers(cluster=cluster, chunk=4)
    outcome = map_chunks(task, paths, WorkerSetup(glossary), workers)
    killer.join(5)
    assert marker.exists() and not killer.is_alive()
    assert outcome.failed == [] and outcome.retried >= 4
    assert _flatten(outcome) == _serial_terms(paths, "kk", glossary)


def test_a_document_failing_twice_on_the_cluster_is_reported(
    cluster: str, glossary: Any, ntrex_text: dict[str, list[str]]
) -> None:
    """An unexpected error on one document, on the cluster: reported by path with the error,
    after a second try; the other documents are as in a serial run."""
    paths = ntrex_text["kk"][:10]
    victim = paths[2]
    task = partial(
        scale_faults.raise_on,
        victim=Path(victim).name,
        inner=partial(terms_chunk, lang="kk", near_misses=True),
    )
    outcome = map_chunks(task, paths, WorkerSetup(glossary), Workers(cluster=cluster, chunk=5))
    assert [(i, e.path) for i, e in outcome.failed] == [(2, victim)]
    assert "RuntimeError: cannot handle" in outcome.failed[0][1].reason
    assert _flatten(outcome) == _serial_terms([p for p in paths if p != victim], "kk", glossary)


# ---------------------------------------------------------------------- translate, real models


def test_translate_on_a_cluster_writes_what_jobs_writes(
    tmp_path: Path, cluster: str, ntrex_text: dict[str, list[str]]
) -> None:
    """translate with --cluster writes, byte for byte, what --jobs 2 writes (which is what a
    serial run writes: test_scale_translate.py, under every CPU kernel family); both run the
    engine in workers only."""
    from scale_translate import translate_inputs, translate_run

    inputs = translate_inputs(ntrex_text["en"], thai=False)
    jobs = translate_run(tmp_path / "jobs", inputs, "-j", "2")
    dask = translate_run(tmp_path / "dask", inputs, "--cluster", cluster)
    assert dask == jobs and len(jobs) > 10


# ------------------------------------------------------------------------------- light imports


def test_dask_is_imported_only_for_cluster() -> None:
    """`termguard --help` and everything --jobs uses leave dask unimported; --cluster's backend
    is the one module that imports it."""
    probe = (
        "import sys; from termguard.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "import termguard.scale, termguard.scale.runner, termguard.scale.tasks\n"
        "print('DASK', [m for m in ('dask', 'distributed') if m in sys.modules])\n"
        "import termguard.scale.cluster\n"
        "print('DASK', [m for m in ('dask', 'distributed') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[-2:] == ["DASK []", "DASK ['dask', 'distributed']"]
