"""Serial against --jobs 2 against --cluster local (2 workers), side by side on the same input.

Inputs, made in a temporary folder from ../shared/corpora/parallel/ntrex128:
  check      NTREX-128's 123 documents as four-language TSV (en, kk, ru, th), x16: numbered
             copies (every line of copy k starts 'k. ' on both sides, so no pair repeats and
             none is served from check's cache; the words repeat, as an archive's do)
  terms      the same documents' Kazakh text, x16 numbered the same way
  translate  the first --translate-docs NTREX documents' Kazakh text, numbered copies up to
             --translate-scale, with the package given by --model (kk->en; by default the
             committed tiny one: build the bench-size one with scripts/build_tiny_models.py
             --size bench, see scripts/README.md)

Each run is the command as a user runs it, in its own process (`python -m termguard ...`), so
every mode pays for starting: the serial run for its imports and glossary indexes, the worker
modes for starting their workers, which each build their own. The outputs of the three modes
are compared byte for byte. Printed: seconds, documents per second, the speed-up over serial,
and, per worker core, documents (and for translate sentences) per second.

Then the cost of the machinery itself, with a task that does nothing (termguard.scale.map_chunks
over the check documents): starting the workers (2 documents), and the overhead per document
when every document is its own task (--chunk 1) and in the default chunks.

    uv run --frozen python bench/bench_scale.py [--scale 16] [--only check,terms,translate]
        [--model FILE.argosmodel] [--translate-docs 24] [--translate-scale 1] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NTREX = ROOT.parent / "shared" / "corpora" / "parallel" / "ntrex128"
COLUMNS = {"en": "src.eng", "kk": "ref.kaz", "ru": "ref.rus", "th": "ref.tha"}
MODES = {
    "serial": (),
    "jobs 2": ("--jobs", "2"),
    "cluster local": ("--cluster", "local", "--jobs", "2"),
}


def ntrex() -> tuple[dict[str, list[int]], dict[str, list[str]]]:
    """NTREX-128's documents (id -> line numbers, in corpus order) and its lines per language."""
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    docs: dict[str, list[int]] = {}
    for i, doc in enumerate(ids):
        docs.setdefault(doc, []).append(i)
    lines = {
        lang: (NTREX / f"newstest2019-{name}.txt").read_text(encoding="utf-8").splitlines()
        for lang, name in COLUMNS.items()
    }
    return docs, lines


def _prefix(k: int) -> str:
    return f"{k}. " if k > 1 else ""


def write_tsv(folder: Path, scale: int) -> tuple[int, int]:
    """Each document as a four-language TSV, in `scale` numbered copies; the file and pair
    counts (a pair per line and target language)."""
    docs, lines = ntrex()
    folder.mkdir(parents=True)
    n = pairs = 0
    for k in range(1, scale + 1):
        for d, (doc, rows) in enumerate(docs.items()):
            body = ["en\tkk\tru\tth"]
            body += ["\t".join(_prefix(k) + lines[c][i] for c in COLUMNS) for i in rows]
            (folder / f"{k:02d}_{d:03d}_{doc}.tsv").write_text(
                "\n".join(body) + "\n", encoding="utf-8"
            )
            n += 1
            pairs += 3 * len(rows)
    return n, pairs


def write_text(folder: Path, lang: str, scale: int, limit: int | None = None) -> tuple[int, int]:
    """Each document's text in `lang`, a paragraph per line, in `scale` numbered copies; the
    file and sentence counts."""
    docs, lines = ntrex()
    folder.mkdir(parents=True)
    files = sentences = 0
    for k in range(1, scale + 1):
        for d, (doc, rows) in enumerate(list(docs.items())[:limit]):
            text = "\n\n".join(_prefix(k) + lines[lang][i] for i in rows)
            (folder / f"{k:02d}_{d:03d}_{doc}.txt").write_text(text + "\n", encoding="utf-8")
            files += 1
            sentences += len(rows)
    return files, sentences


def termguard(*args: str, env: dict[str, str] | None = None) -> float:
    """Seconds for one `python -m termguard ...` run (exit 0 or 3 expected)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "termguard", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    took = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"termguard {' '.join(args[:3])} ... failed:\n{done.stderr[-2000:]}")
    return took


def compare(name: str, outputs: dict[str, Path]) -> str:
    """'same' when every mode wrote what the serial run wrote, byte for byte."""

    def files(path: Path) -> dict[str, bytes]:
        if path.is_file():
            return {"": path.read_bytes()}
        return {
            str(p.relative_to(path)): p.read_bytes()
            for p in sorted(path.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        }

    serial = files(outputs["serial"])
    for mode, path in outputs.items():
        if files(path) != serial:
            raise SystemExit(f"{name}: {mode} wrote something else than the serial run")
    return "same"


def row(name: str, mode: str, seconds: float, docs: int, base: float, cores: int) -> str:
    return (
        f"{name:>9} {mode:>14} {seconds:>8.1f} {docs / seconds:>8.1f} {base / seconds:>7.2f}x "
        f"{docs / seconds / cores:>10.2f}"
    )


def best(repeat: int, run: Any) -> float:
    return min(run(i) for i in range(repeat))


def bench_check(tmp: Path, scale: int, repeat: int) -> list[str]:
    folder = tmp / "check-in"
    n, pairs = write_tsv(folder, scale)
    out: dict[str, Path] = {}
    times: dict[str, float] = {}
    for mode, flags in MODES.items():
        out[mode] = tmp / f"check-{mode.replace(' ', '-')}.json"

        def run(_: int, flags: tuple[str, ...] = flags, path: Path = out[mode]) -> float:
            return termguard("check", str(folder), "--format", "json", "-o", str(path), *flags)

        times[mode] = best(repeat, run)
    same = compare("check", out)
    return [
        row("check", m, t, n, times["serial"], 1 if m == "serial" else 2) for m, t in times.items()
    ] + [f"{'':>9} {n} files, {pairs} pairs (x{scale}); outputs: {same}"]


def bench_terms(tmp: Path, scale: int, repeat: int) -> list[str]:
    folder = tmp / "terms-in"
    n, _ = write_text(folder, "kk", scale)
    out: dict[str, Path] = {}
    times: dict[str, float] = {}
    for mode, flags in MODES.items():
        out[mode] = tmp / f"terms-{mode.replace(' ', '-')}.jsonl"

        def run(_: int, flags: tuple[str, ...] = flags, path: Path = out[mode]) -> float:
            with path.open("w", encoding="utf-8"):
                pass
            return _terms(folder, path, flags)

        times[mode] = best(repeat, run)
    same = compare("terms", out)
    return [
        row("terms", m, t, n, times["serial"], 1 if m == "serial" else 2) for m, t in times.items()
    ] + [f"{'':>9} {n} files (x{scale}); outputs: {same}"]


TERMS = (sys.executable, "-m", "termguard", "terms")


def _terms(folder: Path, path: Path, flags: tuple[str, ...]) -> float:
    start = time.perf_counter()
    with path.open("wb") as stdout:
        done = subprocess.run(
            [*TERMS, str(folder), "--lang", "kk", "--format", "jsonl", *flags],
            cwd=ROOT,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
    if done.returncode:
        raise SystemExit(f"terms failed:\n{done.stderr.decode()[-2000:]}")
    return time.perf_counter() - start


def bench_translate(tmp: Path, model: str, docs: int, scale: int, repeat: int) -> list[str]:
    from termguard.translate.packages import install_package

    models = tmp / "models"
    install_package(model, models_dir=models)
    folder = tmp / "translate-in"
    n, sentences = write_text(folder, "kk", scale, docs)
    out: dict[str, Path] = {}
    times: dict[str, float] = {}
    for mode, flags in MODES.items():
        out[mode] = tmp / f"translate-{mode.replace(' ', '-')}"

        def run(i: int, flags: tuple[str, ...] = flags, path: Path = out[mode]) -> float:
            return termguard(
                "translate",
                str(folder),
                "--from",
                "kk",
                "--to",
                "en",
                "--glossary",
                str(ROOT / "glossary"),
                "--models-dir",
                str(models),
                "--locales",
                str(path / f"run{i}" / "locales"),
                "--date",
                "2025-01-01",
                "--no-tm",
                *flags,
            )

        times[mode] = best(repeat, run)
    same = compare("translate", out)
    lines = [
        row("translate", m, t, n, times["serial"], 1 if m == "serial" else 2)
        + f" {sentences / t / (1 if m == 'serial' else 2):>9.1f}"
        for m, t in times.items()
    ]
    return [*lines, f"{'':>9} {n} files, {sentences} sentences, {Path(model).name}; {same}"]


def _nothing(state: Any, items: list[Any]) -> list[None]:
    return [None for _ in items]


def bench_overhead(tmp: Path) -> list[str]:
    """Starting the workers, and the cost per document of the machinery alone."""
    from termguard.glossary.read import read_glossary
    from termguard.scale import Workers, WorkerSetup, map_chunks

    glossary = read_glossary(ROOT / "glossary")
    items = [str(p) for p in sorted((tmp / "check-in").glob("*.tsv"))] or [
        str(i) for i in range(1968)
    ]
    lines = []
    for name, cluster in (("jobs 2", None), ("cluster local", "local")):
        workers = Workers(jobs=2, cluster=cluster)
        t0 = time.perf_counter()
        map_chunks(_nothing, items[:2], WorkerSetup(glossary), workers)
        start = time.perf_counter() - t0
        per = {}
        for chunk in (1, None):
            t0 = time.perf_counter()
            map_chunks(_nothing, items, WorkerSetup(glossary), Workers(2, cluster, chunk))
            per[chunk] = (time.perf_counter() - t0 - start) / len(items)
        lines.append(f"{name:>14} {start:>9.2f} {per[1] * 1000:>16.2f} {per[None] * 1000:>19.3f}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=16)
    parser.add_argument("--only", default="check,terms,translate,overhead")
    parser.add_argument(
        "--model",
        default=str(ROOT / "tests" / "data" / "models" / "translate-kk_en-1_0.argosmodel"),
    )
    parser.add_argument("--translate-docs", type=int, default=24)
    parser.add_argument("--translate-scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    args = parser.parse_args()
    if not (NTREX / "DOCUMENT_IDS.tsv").exists():
        print(f"NTREX-128 is not at {NTREX} (../shared/corpora)", file=sys.stderr)
        return 1
    only = set(args.only.split(","))
    from termguard.scale import cpu_cores

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cores: {cpu_cores()}  load average before: {load:.2f}")
    print(
        f"{'':>9} {'mode':>14} {'seconds':>8} {'docs/s':>8} {'speed-up':>8} "
        f"{'docs/s/core':>10} {'sents/s/core':>9}"
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if "check" in only:
            print("\n".join(bench_check(tmp, args.scale, args.repeat)), flush=True)
        if "terms" in only:
            print("\n".join(bench_terms(tmp, args.scale, args.repeat)), flush=True)
        if "translate" in only:
            lines = bench_translate(
                tmp, args.model, args.translate_docs, args.translate_scale, args.repeat
            )
            print("\n".join(lines), flush=True)
        if "overhead" in only:
            if not (tmp / "check-in").exists():
                write_tsv(tmp / "check-in", args.scale)
            print(
                f"\n{'machinery':>14} {'start s':>9} {'ms/doc (chunk 1)':>16} "
                f"{'ms/doc (default)':>19}"
            )
            print("\n".join(bench_overhead(tmp)), flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average after: {load:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
