"""Speed of `termguard check` on real human translations with the full glossary.

Prints, for NTREX-128 en->kk, en->ru and en->th (1,997 pairs each, read from
../shared/corpora/parallel/ntrex128) and all of them in one run: pairs per second for the whole
check (a fresh Checker each time, so nothing is cached between runs), the same with term checks
only and with the text checks only (numbers, untranslated, mixed-script, placeholders), the share
of time spent in find_terms, and the ratio to the target of 2,000 pairs per second.

    uv run --frozen python bench/bench_check.py [--glossary glossary] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NTREX = ROOT.parent / "shared" / "corpora" / "parallel" / "ntrex128"
TARGET = 2000.0
TERM_CHECKS = (
    "term-missing",
    "term-forbidden",
    "term-deprecated",
    "term-inconsistent",
    "near-miss",
)
TEXT_CHECKS = ("numbers", "untranslated", "mixed-script", "placeholders")


def load_pairs(lang: str) -> list[Any]:
    from termguard.bitext import read_aligned

    name = {"kk": "kaz", "ru": "rus", "th": "tha"}[lang]
    return read_aligned(NTREX / "newstest2019-src.eng.txt", NTREX / f"newstest2019-ref.{name}.txt")


def timed(
    pairs: Sequence[Any], glossary: Any, checks: Sequence[str] | None, repeat: int
) -> tuple[float, float, int]:
    """Best wall time of `repeat` runs, the find_terms time in that run, and the findings."""
    from termguard.check import run_check
    from termguard.matching import find_terms

    best, best_find, found = float("inf"), 0.0, 0
    for _ in range(repeat):
        spent = [0.0]

        def counting(*args: Any, _spent: list[float] = spent, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return find_terms(*args, **kwargs)
            finally:
                _spent[0] += time.perf_counter() - t

        find: Callable[..., Any] = counting
        start = time.perf_counter()
        report = run_check(pairs, glossary, checks=checks, find=find)
        took = time.perf_counter() - start
        if took < best:
            best, best_find, found = took, spent[0], len(report.findings)
    return best, best_find, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", default=str(ROOT / "glossary"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from termguard.glossary.read import read_glossary

    glossary = read_glossary(args.glossary)
    terms = sum(1 for _ in glossary.terms())
    print(f"glossary: {len(glossary)} concepts, {terms} terms ({glossary.digest})")
    sets = {lang: load_pairs(lang) for lang in ("kk", "ru", "th")}
    sets["all"] = [p for lang in ("kk", "ru", "th") for p in sets[lang]]
    header = (
        f"{'pairs':>10} {'n':>6} {'all p/s':>9} {'terms p/s':>10} {'text p/s':>9} "
        f"{'find_terms':>11} {'vs 2000/s':>10} {'findings':>9}"
    )
    print(header)
    for name, pairs in sets.items():
        full, find_time, found = timed(pairs, glossary, None, args.repeat)
        terms_only, _, _ = timed(pairs, glossary, TERM_CHECKS, args.repeat)
        text_only, _, _ = timed(pairs, glossary, TEXT_CHECKS, args.repeat)
        rate = len(pairs) / full
        print(
            f"{'en-' + name:>10} {len(pairs):>6} {rate:>9.0f} {len(pairs) / terms_only:>10.0f} "
            f"{len(pairs) / text_only:>9.0f} {find_time / full:>10.0%} {rate / TARGET:>9.2f}x "
            f"{found:>9}"
        )


if __name__ == "__main__":
    main()
