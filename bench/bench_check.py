"""Speed of `termguard check` on real human translations with the full glossary.

Prints, for NTREX-128 en->kk, en->ru and en->th (1,997 pairs each, read from
../shared/corpora/parallel/ntrex128) and all of them in one run: pairs per second for the whole
check on its first run (the language analysers still cold) and the best of --repeat runs (a fresh
Checker each time, so check's own cache starts empty, while the analysers' word caches stay
warm), the same with term checks only and with text checks only (numbers, untranslated,
mixed-script, placeholders, wrong-language), the share of time in find_terms, and the first run's
ratio to the target of 2,000 pairs per second. Then the cost of the wrong-language check alone:
microseconds per pair, beside the untranslated check (the cheapest script test) on the same
pairs, and its share of the whole check.

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
TEXT_CHECKS = ("numbers", "untranslated", "mixed-script", "placeholders", "wrong-language")


def load_pairs(lang: str) -> list[Any]:
    from termguard.bitext import read_aligned

    name = {"kk": "kaz", "ru": "rus", "th": "tha"}[lang]
    return read_aligned(NTREX / "newstest2019-src.eng.txt", NTREX / f"newstest2019-ref.{name}.txt")


def timed(
    pairs: Sequence[Any], glossary: Any, checks: Sequence[str] | None, repeat: int
) -> tuple[float, float, float, int]:
    """First and best wall time of `repeat` runs, find_terms time in the best, the findings."""
    from termguard.check import run_check
    from termguard.matching import find_terms

    first, best, best_find, found = 0.0, float("inf"), 0.0, 0
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
        first = first or took
        if took < best:
            best, best_find, found = took, spent[0], len(report.findings)
    return first, best, best_find, found


def check_cost(pairs: Sequence[Any], glossary: Any, check: str, repeat: int) -> float:
    """Best seconds per pair of one check alone (a fresh Checker each run)."""
    from termguard.check import Checker

    best = float("inf")
    for _ in range(repeat):
        checker = Checker(glossary, checks=[check])
        start = time.perf_counter()
        for pair in pairs:
            checker.check_pair(pair)
        best = min(best, time.perf_counter() - start)
    return best / len(pairs)


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
    print(
        f"{'pairs':>8} {'n':>5} {'first p/s':>10} {'best p/s':>9} {'terms p/s':>10} "
        f"{'text p/s':>9} {'find_terms':>11} {'first vs 2000/s':>16} {'findings':>9}"
    )
    for name, pairs in sets.items():
        first, best, find_time, found = timed(pairs, glossary, None, args.repeat)
        terms_only = timed(pairs, glossary, TERM_CHECKS, args.repeat)[1]
        text_only = timed(pairs, glossary, TEXT_CHECKS, args.repeat)[1]
        n = len(pairs)
        print(
            f"{'en-' + name:>8} {n:>5} {n / first:>10.0f} {n / best:>9.0f} {n / terms_only:>10.0f} "
            f"{n / text_only:>9.0f} {find_time / best:>10.0%} {n / first / TARGET:>15.2f}x "
            f"{found:>9}"
        )
    print(
        f"\n{'pairs':>8} {'wrong-language us/pair':>23} {'untranslated us/pair':>21} "
        f"{'ratio':>6} {'share of check':>15}"
    )
    for name, pairs in sets.items():
        wrong = check_cost(pairs, glossary, "wrong-language", args.repeat)
        plain = check_cost(pairs, glossary, "untranslated", args.repeat)
        whole = timed(pairs, glossary, None, 1)[1] / len(pairs)
        print(
            f"{'en-' + name:>8} {wrong * 1e6:>23.1f} {plain * 1e6:>21.1f} {wrong / plain:>6.1f} "
            f"{wrong / whole:>14.1%}"
        )


if __name__ == "__main__":
    main()
