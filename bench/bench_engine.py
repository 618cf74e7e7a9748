"""Throughput and peak memory of termguard's engine against Argos's own path, side by side.

Both run the same .argosmodel on the same document: the seed articles of the package's source
language, repeated until they hold a few thousand translatable sentences. Argos's path is
argostranslate.translate.PackageTranslation (one CTranslate2 call per paragraph, 32-token
batches, beam 4) with its MiniSBD splitter, which cannot download its model offline, swapped for
termguard's segmentation; it gets only the translatable sentences, so both translate exactly the
same sentences. Argos runs with 1 thread and with --threads threads (its ARGOS_INTRA_THREADS);
ratios are to the faster of the two. termguard runs its batches on --threads threads.

Each engine runs in a process of its own (so peak memory, ru_maxrss, is its own), the engines
alternate --repeat times and each one's fastest run counts, so a busy moment of a shared machine
does not fall on one engine only.

    uv run --frozen python bench/bench_engine.py [--package FILE.argosmodel] [--sentences 3000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_LANGS = {
    "000_91604382561779cc.txt": "kk",
    "001_29fb1f20a1e0c734.txt": "kk",
    "002_8ae3edba63096470.txt": "th",
    "003_1d53c1ac4bf90a94.txt": "kk",
    "004_acfa8a8fb45634c8.txt": "kk",
}
# name -> (label, engine, threads: 1 or --threads, termguard variant)
RUNS = {
    "argos-1": ("Argos, per paragraph, 1 thread", "argos", 1, ""),
    "argos-n": ("Argos, per paragraph, {n} threads", "argos", 0, ""),
    "batch-1": ("termguard batches, 1 thread, no dedupe", "termguard", 1, "bounded"),
    "batch-n": ("termguard batches, {n} threads, 256 max, no dedupe", "termguard", 0, "batching"),
    "bounded": ("termguard batches, {n} threads, no dedupe", "termguard", 0, "bounded"),
    "default": ("termguard default ({n} threads, dedupe)", "termguard", 0, "default"),
}


def make_document(lang: str, sentences: int) -> tuple[str, int]:
    """Seed articles in `lang`, repeated until they hold at least `sentences` translatable ones."""
    from termguard.translate.segment import segment_text

    seeds = [
        (ROOT / "seeds" / name).read_text(encoding="utf-8")
        for name, code in sorted(SEED_LANGS.items())
        if code == lang
    ]
    if not seeds:
        sys.exit(f"no seed article in '{lang}'")
    base = "\n\n".join(seeds)
    per_copy = sum(s.translatable for s in segment_text(base, lang))
    copies = -(-sentences // per_copy)
    doc = "\n\n".join([base] * copies)
    return doc, per_copy * copies


def run_argos(package_dir: Path, doc: str, threads: int) -> float:
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)  # read when argostranslate is imported
    from argostranslate.package import Package
    from argostranslate.translate import Language, PackageTranslation

    from termguard.translate.segment import segment_text

    pkg = Package(package_dir)

    class TermguardSentencizer:
        def split_sentences(self, text: str) -> list[str]:
            return [s.text for s in segment_text(text, pkg.from_code) if s.translatable]

    translation = PackageTranslation(
        Language(pkg.from_code, pkg.from_name), Language(pkg.to_code, pkg.to_name), pkg
    )
    translation.sentencizer = TermguardSentencizer()
    translation.translate("Алматы")  # load the model outside the timed part
    start = time.perf_counter()
    translation.translate(doc)
    return time.perf_counter() - start


def run_termguard(package_dir: Path, doc: str, threads: int, variant: str) -> float:
    from termguard.translate import engine
    from termguard.translate.engine import PackageTranslator
    from termguard.translate.packages import read_package
    from termguard.translate.segment import rebuild, segment_text

    info = read_package(package_dir)
    if variant == "batching":  # CTranslate2's default limit, as in Argos's path
        engine.MAX_DECODING_TOKENS = 256
    translator = PackageTranslator(
        info,
        threads=threads,
        dedupe=variant == "default",
        length_ratio=1000.0 if variant == "batching" else 2.0,
    )
    translator.translate_batch(["Алматы"])  # load the model outside the timed part
    start = time.perf_counter()
    segments = segment_text(doc, info.from_code)
    todo = [s for s in segments if s.translatable]
    cands = translator.translate_batch([s.text for s in todo])
    rebuild(doc, segments, {s.index: c[0].text for s, c in zip(todo, cands, strict=True)})
    return time.perf_counter() - start


def child(args: argparse.Namespace) -> None:
    doc = Path(args.doc).read_text(encoding="utf-8")
    _, engine, _, variant = RUNS[args.run]
    if engine == "argos":
        seconds = run_argos(Path(args.package_dir), doc, args.threads)
    else:
        seconds = run_termguard(Path(args.package_dir), doc, args.threads, variant)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kb": peak_kb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--package",
        type=Path,
        default=ROOT / "tests" / "data" / "models" / "translate-kk_en-1_0.argosmodel",
    )
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs per engine")
    parser.add_argument(
        "--timeout", type=int, default=180, help="seconds before a run is stopped (shown as <)"
    )
    parser.add_argument("--run", choices=sorted(RUNS), help=argparse.SUPPRESS)
    parser.add_argument("--doc", help=argparse.SUPPRESS)
    parser.add_argument("--package-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        child(args)
        return

    from termguard.translate.packages import install_package

    n = args.threads
    timed_out: set[str] = set()
    runs = [r for r in RUNS if not (n == 1 and r in ("argos-n", "batch-1"))]
    with tempfile.TemporaryDirectory() as tmp:
        info, _ = install_package(args.package, Path(tmp) / "packages")
        doc, count = make_document(info.from_code, args.sentences)
        doc_path = Path(tmp) / "doc.txt"
        doc_path.write_text(doc, encoding="utf-8")
        print(
            f"package {info.name} ({args.package.name}, {info.size_bytes() / 1e6:.1f} MB), "
            f"{count} translatable sentences ({len(doc):,} characters), beam 4, "
            f"{os.cpu_count()} CPUs, fastest of {args.repeat} alternating runs"
        )
        results: dict[str, dict[str, float]] = {}
        for _ in range(args.repeat):
            for run in runs:
                if run not in timed_out:
                    _measure(run, args, n, doc_path, info.path, results, timed_out)
    argos_runs = [r for r in results if r.startswith("argos") and r not in timed_out]
    base_run = min(argos_runs, key=lambda r: results[r]["seconds"])
    base = results[base_run]
    print(f"ratios to: {RUNS[base_run][0].format(n=n)}")
    print(f"{'':<52} {'sent/s':>8} {'peak MB':>8} {'speed x':>8} {'memory x':>9}")
    for run in runs:
        r = results[run]
        rate, speed = count / r["seconds"], base["seconds"] / r["seconds"]
        if run in timed_out:  # an upper bound: the run was stopped
            print(f"{RUNS[run][0].format(n=n):<52} {f'<{rate:.1f}':>8} {'?':>8} "
                  f"{f'<{speed:.2f}':>8} {'?':>9}")  # fmt: skip
            continue
        print(
            f"{RUNS[run][0].format(n=n):<52} {rate:8.1f} {r['peak_kb'] / 1024:8.1f} "
            f"{speed:8.2f} {r['peak_kb'] / base['peak_kb']:9.2f}"
        )


def _measure(
    run: str,
    args: argparse.Namespace,
    n: int,
    doc_path: Path,
    package_dir: Path,
    results: dict[str, dict[str, float]],
    timed_out: set[str],
) -> None:
    threads = RUNS[run][2] or n
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--run", run, "--doc", str(doc_path),
             "--package-dir", str(package_dir), "--threads", str(threads)],
            capture_output=True, text=True, timeout=args.timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        timed_out.add(run)
        results.setdefault(run, {"seconds": float(args.timeout), "peak_kb": 0.0})
        return
    if out.returncode != 0:
        sys.exit(f"{run} failed:\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if run not in results or result["seconds"] < results[run]["seconds"]:
        results[run] = result


if __name__ == "__main__":
    main()
