"""Cost and memory of a pivot at real model size, and of two real-size models loaded at once.

Two transformer-base copying packages (bench_engine.build_base_package), th->en and en->ru, make
the th->en->ru pivot; the input is the first --sentences translatable sentences of the Thai seed
article. For n-best 8, 16 and 32 it runs, each in a process of its own:
  before   the old pivot: n first-hop candidates, each translated with n-best n (n-squared
           hypotheses in the second model), batches of 16 sentences whatever the beam;
  after    termguard's pivot: the 4 best first-hop candidates, ceil(n/4) candidates each, and
           batches within the engine's budgets (engine.MAX_BATCH_HYPOTHESES hypotheses,
           engine.MAX_BATCH_HYPOTHESIS_TOKENS hypothesis-tokens);
and prints seconds, peak RSS, and the RSS with both models loaded before translating. A run
stopped by --timeout shows as '>'. Runs alternate --repeat times; the fastest counts.

    uv run --frozen python bench/bench_pivot.py [--sentences 12] [--n-best 8,16,32]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(models: Path, variant: str, n_best: int, count: int) -> None:
    from termguard.translate import engine
    from termguard.translate.engine import PackageTranslator, PivotTranslator
    from termguard.translate.packages import installed_packages
    from termguard.translate.segment import segment_text

    text = (ROOT / "seeds" / "002_8ae3edba63096470.txt").read_text(encoding="utf-8")
    sentences = [s.text for s in segment_text(text, "th") if s.translatable][:count]
    before = variant == "before"
    legs = {
        p.pair: (
            PackageTranslator(
                p, max_batch_size=16, max_batch_hypotheses=None, max_batch_tokens=None
            )
            if before
            else PackageTranslator(p)
        )
        for p in installed_packages(models)
    }
    pivot = PivotTranslator(legs["th-en"], legs["en-ru"], candidates=None if before else 4)
    for leg in legs.values():
        leg.load()
    loaded = _rss_mb()
    start = time.perf_counter()
    out = pivot.translate_batch(sentences, n_best=n_best)
    seconds = time.perf_counter() - start
    copied = sum(c[0].text == s for c, s in zip(out, sentences, strict=True))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "loaded_mb": loaded, "peak_mb": peak,
                      "copied": copied, "n": len(sentences),
                      "candidates": sum(len(c) for c in out) / len(out),
                      "max_hyp": engine.MAX_BATCH_HYPOTHESES}))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=12)
    parser.add_argument("--n-best", default="8,16,32")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--models", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.models), args.child[0], int(args.child[1]), int(args.child[2]))
        return 0

    from bench_engine import build_base_package
    from termguard.translate.packages import install_package

    sizes = [int(x) for x in args.n_best.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "packages"
        for src, tgt in (("th", "en"), ("en", "ru")):
            pkg = build_base_package(Path(tmp) / f"{src}_{tgt}.argosmodel", src, tgt)
            install_package(pkg, models)
        print(
            f"th->en->ru pivot, two transformer-base int8 packages, {args.sentences} Thai seed "
            f"sentences, fastest of {args.repeat}"
        )
        results: dict[tuple[str, int], dict[str, float] | None] = {}
        for _ in range(args.repeat):
            for n in sizes:
                for variant in ("before", "after"):
                    key = (variant, n)
                    if key in results and results[key] is None:
                        continue  # timed out once: do not wait again
                    try:
                        proc = subprocess.run(
                            [sys.executable, __file__, "--models", str(models), "--child",
                             variant, str(n), str(args.sentences)],
                            capture_output=True, text=True, timeout=args.timeout,
                        )  # fmt: skip
                    except subprocess.TimeoutExpired:
                        results[key] = None
                        continue
                    if proc.returncode != 0:
                        sys.exit(proc.stderr)
                    r = json.loads(proc.stdout.strip().splitlines()[-1])
                    old = results.get(key)
                    if old is None or r["seconds"] < old["seconds"]:
                        results[key] = r
    print(f"{'n-best':>6} {'variant':<7} {'seconds':>8} {'x before':>9} {'loaded MB':>10} "
          f"{'peak MB':>8} {'cands':>6} {'copied':>7}")  # fmt: skip
    for n in sizes:
        base = results.get(("before", n))
        for variant in ("before", "after"):
            r = results.get((variant, n))
            if r is None:
                print(f"{n:>6} {variant:<7} {f'>{args.timeout}':>8}")
                continue
            speed = (
                f"{base['seconds'] / r['seconds']:.1f}"
                if base
                else f">{args.timeout / r['seconds']:.1f}"
            )
            print(
                f"{n:>6} {variant:<7} {r['seconds']:8.1f} {speed:>9} {r['loaded_mb']:10.0f} "
                f"{r['peak_mb']:8.0f} {r['candidates']:6.1f} {int(r['copied'])}/{int(r['n'])}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
