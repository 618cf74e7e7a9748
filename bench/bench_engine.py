"""Throughput and peak memory of termguard's engine against Argos's own path, side by side.

Both run the same .argosmodel on the same document: the seed articles of the package's source
language, repeated until they hold a few thousand translatable sentences. Argos's path is
argostranslate.translate.PackageTranslation (one CTranslate2 call per paragraph, 32-token
batches) with its MiniSBD splitter, which cannot download its model offline, swapped for
termguard's segmentation; it gets only the translatable sentences, so both translate exactly the
same sentences. Each engine runs in its own process, so peak memory (ru_maxrss) is its own.

    uv run --frozen python bench/bench_engine.py [--package FILE.argosmodel] [--sentences 3000]

Prints sentences per second and peak memory for each engine, and the ratios to Argos.
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
ENGINES = {
    "argos": "Argos PackageTranslation (per paragraph)",
    "termguard": "termguard engine (default)",
    "termguard-nodedupe": "termguard, no dedupe, Argos's length limit",
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


def run_argos(package_dir: Path, doc: str, threads: int) -> None:
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)
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
    _report(time.perf_counter() - start)


def run_termguard(package_dir: Path, doc: str, threads: int, dedupe: bool) -> None:
    from termguard.translate.engine import PackageTranslator
    from termguard.translate.packages import read_package
    from termguard.translate.segment import rebuild, segment_text

    info = read_package(package_dir)
    translator = PackageTranslator(
        info, threads=threads, dedupe=dedupe, length_ratio=2.0 if dedupe else 1000.0
    )
    translator.translate_batch(["Алматы"])  # load the model outside the timed part
    start = time.perf_counter()
    segments = segment_text(doc, info.from_code)
    todo = [s for s in segments if s.translatable]
    cands = translator.translate_batch([s.text for s in todo])
    rebuild(doc, segments, {s.index: c[0].text for s, c in zip(todo, cands, strict=True)})
    _report(time.perf_counter() - start)


def _report(seconds: float) -> None:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kb": peak_kb}))


def child(args: argparse.Namespace) -> None:
    doc = Path(args.doc).read_text(encoding="utf-8")
    if args.engine == "argos":
        run_argos(Path(args.package_dir), doc, args.threads)
    else:
        run_termguard(Path(args.package_dir), doc, args.threads, dedupe=args.engine == "termguard")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--package",
        type=Path,
        default=ROOT / "tests" / "data" / "models" / "translate-kk_en-1_0.argosmodel",
    )
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 intra_threads")
    parser.add_argument("--engine", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--doc", help=argparse.SUPPRESS)
    parser.add_argument("--package-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        child(args)
        return

    from termguard.translate.packages import install_package

    with tempfile.TemporaryDirectory() as tmp:
        info, _ = install_package(args.package, Path(tmp) / "packages")
        doc, count = make_document(info.from_code, args.sentences)
        doc_path = Path(tmp) / "doc.txt"
        doc_path.write_text(doc, encoding="utf-8")
        print(
            f"package {info.name} ({args.package.name}), {count} translatable sentences "
            f"({len(doc):,} characters), intra_threads {args.threads}, beam 4"
        )
        results = {}
        for engine in ENGINES:
            out = subprocess.run(
                [sys.executable, __file__, "--engine", engine, "--doc", str(doc_path),
                 "--package-dir", str(info.path), "--threads", str(args.threads)],
                capture_output=True, text=True,
            )  # fmt: skip
            if out.returncode != 0:
                sys.exit(f"{engine} failed:\n{out.stderr}")
            results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
    base = results["argos"]
    print(f"{'engine':<46} {'sent/s':>9} {'peak MB':>9} {'speed x':>8} {'memory x':>9}")
    for engine, label in ENGINES.items():
        r = results[engine]
        rate = count / r["seconds"]
        print(
            f"{label:<46} {rate:9.1f} {r['peak_kb'] / 1024:9.1f} "
            f"{base['seconds'] / r['seconds']:8.2f} {r['peak_kb'] / base['peak_kb']:9.2f}"
        )


if __name__ == "__main__":
    main()
