"""Findings of `termguard check` per check on real human translations, and a seeded sample.

Runs the check over NTREX-128 en->kk/ru/th, FLORES-200 devtest en->kk/ru/th and WMT19 kk->en
(../shared/corpora/parallel) with the glossary, prints a table of findings per check and
direction, writes every finding as JSON lines to --out (one file per direction), and with
--sample N draws a seeded random sample of N numbers findings per direction (to judge by
reading both sides).

    uv run --frozen python scripts/eval_numbers.py --out /tmp/findings [--sample 40]

With --write-recall FILE it writes the pairs the recall test injects errors into: a seeded
random choice of pairs of NTREX-128 and FLORES-200 (en->kk/ru/th) with numbers on both sides
and no numbers finding, and every such pair whose numbers include a unit conversion.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora" / "parallel"
NTREX, FLORES, WMT = CORPORA / "ntrex128", CORPORA / "flores200_devtest", CORPORA / "wmt19_kk_en"
DIRECTIONS = {
    "ntrex-en-kk": (NTREX / "newstest2019-src.eng.txt", NTREX / "newstest2019-ref.kaz.txt"),
    "ntrex-en-ru": (NTREX / "newstest2019-src.eng.txt", NTREX / "newstest2019-ref.rus.txt"),
    "ntrex-en-th": (NTREX / "newstest2019-src.eng.txt", NTREX / "newstest2019-ref.tha.txt"),
    "flores-en-kk": (FLORES / "eng_Latn.devtest", FLORES / "kaz_Cyrl.devtest"),
    "flores-en-ru": (FLORES / "eng_Latn.devtest", FLORES / "rus_Cyrl.devtest"),
    "flores-en-th": (FLORES / "eng_Latn.devtest", FLORES / "tha_Thai.devtest"),
    "wmt19-kk-en": (WMT / "newstest2019.kk-en.kk", WMT / "newstest2019.kk-en.en"),
}
SEED = 20261218


def main() -> None:
    from termguard.bitext import read_aligned
    from termguard.check import check_pairs
    from termguard.glossary.read import read_glossary

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--glossary", default=str(ROOT / "glossary"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--only", action="append", help="run only this check (repeatable)")
    ap.add_argument("--write-recall", type=Path, help="write the recall test's pairs here")
    args = ap.parse_args()
    if args.write_recall:
        write_recall(args.write_recall)
        return
    glossary = read_glossary(args.glossary)
    args.out.mkdir(parents=True, exist_ok=True)
    table: dict[str, Counter[str]] = {}
    for name, (src, tgt) in DIRECTIONS.items():
        _, s, t = name.split("-")
        pairs = read_aligned(src, tgt, src_lang=s, tgt_lang=t)
        found = check_pairs(pairs, glossary, checks=args.only)
        table[name] = Counter(f"{f.check} {f.severity}" for f in found)
        by_line = {p.line: p for p in pairs}
        rows = [
            dict(f.to_dict(), source=by_line[f.line].source, target=by_line[f.line].target)
            for f in found
        ]
        with open(args.out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        if args.sample:
            nums = [r for r in rows if r["check"] == "numbers"]
            rng = random.Random(SEED)
            picked = sorted(rng.sample(range(len(nums)), min(args.sample, len(nums))))
            with open(args.out / f"sample-{name}.jsonl", "w", encoding="utf-8") as fh:
                for i in picked:
                    fh.write(json.dumps(nums[i], ensure_ascii=False) + "\n")
    keys = sorted({k for c in table.values() for k in c})
    print("| check | " + " | ".join(table) + " |")
    print("|---|" + "---|" * len(table))
    for k in keys:
        print(f"| {k} | " + " | ".join(str(c[k]) for c in table.values()) + " |")


def write_recall(path: Path, n: int = 120) -> None:
    """Pairs with numbers and no numbers finding (TSV: corpus, line, direction, source, target)."""
    from termguard.bitext import read_aligned
    from termguard.check import check_numbers
    from termguard.checks.numbers import UNITS, numbers

    rng = random.Random(SEED)
    plain, converted = [], []
    for name, (src, tgt) in DIRECTIONS.items():
        corpus, s, t = name.split("-")
        if s != "en":
            continue
        for p in read_aligned(src, tgt, src_lang=s, tgt_lang=t):
            if "\t" in p.source + p.target or check_numbers(p):
                continue
            src_nums, tgt_nums = numbers(p.source, s), numbers(p.target, t)
            if not src_nums or not tgt_nums:
                continue
            row = (corpus, str(p.line), f"{s}-{t}", p.source, p.target)
            units = {n.unit for n in src_nums if n.unit} | {n.unit for n in tgt_nums if n.unit}
            dims = {UNITS[u][0] for u in units}
            if len(units) > len(dims):
                converted.append(row)
            else:
                plain.append(row)
    rows = sorted(
        converted + rng.sample(plain, n - len(converted)), key=lambda r: (r[0], r[2], int(r[1]))
    )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("corpus\tline\tdirection\tsource\ttarget\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"{len(rows)} pairs ({len(converted)} with a conversion) -> {path}")


if __name__ == "__main__":
    main()
