"""translate --jobs 2 writes what a serial run writes, byte for byte, under every CPU kernel
family (the engine's batches hold sentences of one length, so a chunk changes nothing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scale_translate import translate_inputs, translate_run

pytestmark = pytest.mark.engine  # run under every CPU kernel family: scripts/cpu_variants.py

NTREX = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "parallel" / "ntrex128"
)


@pytest.fixture
def ntrex_document(tmp_path: Path) -> str:
    """NTREX-128's first document (English), a paragraph per line."""
    ids_path = NTREX / "DOCUMENT_IDS.tsv"
    if not ids_path.exists():
        pytest.skip(f"NTREX-128 is not at {NTREX} (../shared/corpora)")
    ids = ids_path.read_text(encoding="utf-8").splitlines()
    lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    path = tmp_path / f"000_{ids[0]}.txt"
    first = [line for line, doc in zip(lines, ids, strict=True) if doc == ids[0]]
    path.write_text("\n\n".join(first) + "\n", encoding="utf-8")
    return str(path)


def test_translate_with_jobs_writes_the_serial_files(tmp_path: Path, ntrex_document: str) -> None:
    """A Kazakh seed and an NTREX document with the tiny models and the seed memory: --jobs 2
    writes the serial run's catalogs, TSV, TMX, translated documents and report, pivots
    (kk->en->ru) included."""
    inputs = translate_inputs([ntrex_document], thai=False)
    serial = translate_run(tmp_path / "serial", inputs)
    jobs = translate_run(tmp_path / "jobs", inputs, "--jobs", "2")
    assert jobs == serial
    report = json.loads(serial["report.json"])
    assert {(d["source"], d["target"]) for d in report["documents"]} == {
        ("kk", "en"),
        ("kk", "ru"),
        ("en", "ru"),
    }
    assert sum(d["tm"] for d in report["documents"]) > 0  # the workers looked up the memory
    assert all(d["model"] for d in report["documents"])  # and ran the engine
