"""Term extraction speed on the 17,229 KazNERD sentences: sentences/s, and growth from 1x to 4x.

Run: uv run --frozen python bench/bench_extract.py [--lines N] [--per-document 100]

The sentences (../shared/corpora/mono/kaznerd_test_valid_sentences_kk.tsv) are cut into
documents of --per-document sentences; the 4x input is four numbered copies of every document
(copy-1/doc-0001 ...), so the vocabulary stays the same and the phrases' counts grow. Side by
side in one run, on the same input: termguard extract (each document counted with the real
glossary, then merged, folded and scored) and, as the reference path, the plain counting
every extractor does at least (whitespace words, every run of 1 to 5 of them in a sentence
counted in a Counter). Growth is the time at 4x over the time at 1x (4.0: linear). Times
are CPU time of the process (one core).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from termguard.extract import count_document, merge_counts
from termguard.glossary.read import read_glossary

ROOT = Path(__file__).resolve().parent.parent
KAZNERD = ROOT.parent / "shared" / "corpora" / "mono" / "kaznerd_test_valid_sentences_kk.tsv"


def load(lines: int | None, per_document: int) -> list[tuple[str, str]]:
    with KAZNERD.open(encoding="utf-8") as f:
        rows = [row["text_detok"] for row in csv.DictReader(f, delimiter="\t")]
    rows = rows[:lines] if lines else rows
    return [
        (f"doc-{i // per_document:04d}", "\n".join(rows[i : i + per_document]))
        for i in range(0, len(rows), per_document)
    ]


def copies(documents: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    return [(f"copy-{k}/{path}", text) for k in range(1, n + 1) for path, text in documents]


def extract(documents: list[tuple[str, str]], glossary: object) -> float:
    start = time.process_time()
    counts = [count_document(path, text, "kk", glossary) for path, text in documents]  # type: ignore[arg-type]
    merge_counts(counts, "kk", glossary, limit=50)  # type: ignore[arg-type]
    return time.process_time() - start


def reference(documents: list[tuple[str, str]]) -> float:
    start = time.process_time()
    counts: Counter[tuple[str, ...]] = Counter()
    for _, text in documents:
        for line in text.split("\n"):
            words = line.lower().split()
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + 5) + 1):
                    counts[tuple(words[i:j])] += 1
    counts.most_common(50)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=None, help="only the first N sentences")
    parser.add_argument("--per-document", type=int, default=100)
    args = parser.parse_args()
    if not KAZNERD.exists():
        print(f"missing {KAZNERD}", file=sys.stderr)
        return 1
    glossary = read_glossary(ROOT / "glossary")
    one = load(args.lines, args.per_document)
    four = copies(one, 4)
    sentences = sum(text.count("\n") + 1 for _, text in one)
    extract(one[:2], glossary)  # warm the languages' caches and the compiled glossary
    t1, t4 = extract(one, glossary), extract(four, glossary)
    r1, r4 = reference(one), reference(four)
    print(f"KazNERD: {sentences:,} sentences in {len(one)} documents (4x: {len(four)})")
    print(f"{'':24}{'1x s':>9}{'4x s':>9}{'1x sent/s':>12}{'4x sent/s':>12}{'growth':>8}")
    for name, a, b in (("termguard extract", t1, t4), ("reference n-grams", r1, r4)):
        print(
            f"{name:24}{a:9.2f}{b:9.2f}{sentences / a:12,.0f}{4 * sentences / b:12,.0f}{b / a:8.2f}"
        )
    print(f"extract / reference at 1x: {t1 / r1:.1f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
