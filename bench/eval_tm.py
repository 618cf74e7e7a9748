"""How much a translation memory gives without a model, on real news: hit rates and chrF.

1. NTREX-128 (../shared/corpora/parallel/ntrex128, CC BY-SA 4.0): a memory of lines 1-1500
   (English source, the professional kk, ru and th references as reviewed translations), then
   lines 1501-1997 translated with no model, each line through the pass's own per-sentence path
   (lookup, adapt, choose_and_repair with the project glossary). Per direction: the share of
   lines with an exact match and with a match at 75, 85 and 95% or more, and for the lines
   whose suggestion came from a fuzzy match, the chrF (sacrebleu, chrF2) of the suggestions
   against the references beside the chrF of an empty target and of the source copied.
2. The seed articles' own repetition: every segment of seeds/*.txt in reading order, looked up
   in a memory of the segments before it (what a translator who approved each sentence in turn
   would get): the share with an exact match and with a match at 75/85/95%. The seeds have no
   reference translations, so no chrF here.

    uv run --frozen python bench/eval_tm.py
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NTREX = ROOT.parent / "shared" / "corpora" / "parallel" / "ntrex128"
sys.path.insert(0, str(ROOT / "src"))

from termguard.glossary.read import read_glossary  # noqa: E402
from termguard.matching import find_terms  # noqa: E402
from termguard.tm.adapt import tm_candidates  # noqa: E402
from termguard.tm.store import Record, TranslationMemory  # noqa: E402
from termguard.translate.select import choose_and_repair, requirements  # noqa: E402

THRESHOLDS = (75, 85, 95)
NAMES = {"kk": "kaz", "ru": "rus", "th": "tha"}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _chrf(hyps: Sequence[str], refs: Sequence[str]) -> float:
    from sacrebleu.metrics import CHRF

    return float(CHRF().corpus_score(list(hyps), [list(refs)]).score) if hyps else float("nan")


def ntrex(glossary: object, folder: Path) -> None:
    src = _lines(NTREX / "newstest2019-src.eng.txt")
    print("NTREX-128: memory of lines 1-1500, lines 1501-1997 translated with no model")
    print(
        f"{'pair':<6} {'lines':>5} {'exact':>6} "
        + " ".join(f"{'>=' + str(t) + '%':>6}" for t in THRESHOLDS)
        + f"  {'fuzzy':>5} {'chrF tm':>7} {'empty':>5} {'copy':>5}"
    )
    for tgt, name in NAMES.items():
        ref = _lines(NTREX / f"newstest2019-ref.{name}.txt")
        tm = TranslationMemory(folder / f"ntrex-{tgt}.sqlite")
        tm.sync_file(
            f"/ntrex-{tgt}",
            "import",
            [
                Record("en", tgt, s, r, "reviewed", "ntrex", i)
                for i, (s, r) in enumerate(zip(src[:1500], ref[:1500], strict=True), 1)
                if s.strip() and r.strip()
            ],
        )
        queries = list(zip(src[1500:], ref[1500:], strict=True))
        exact = 0
        at = dict.fromkeys(THRESHOLDS, 0)
        fuzzy_hyp, fuzzy_ref, fuzzy_src = [], [], []
        for line, reference in queries:
            matches = tm.lookup(line, "en", tgt, threshold=min(THRESHOLDS))
            if not matches:
                continue
            best = max(100.0 if m.kind in ("exact", "shape") else m.similarity for m in matches)
            exact += any(m.kind == "exact" for m in matches)
            for t in THRESHOLDS:
                at[t] += best >= t
            hits = find_terms(line, "en", glossary)  # type: ignore[arg-type]
            cands = tm_candidates(matches, line, hits, glossary)  # type: ignore[arg-type]
            reqs = requirements(line, "en", glossary, hits)  # type: ignore[arg-type]
            outcome = choose_and_repair(line, cands, "en", tgt, glossary, reqs)  # type: ignore[arg-type]
            if cands and cands[outcome.rank].use.kind == "fuzzy":
                fuzzy_hyp.append(outcome.text)
                fuzzy_ref.append(reference)
                fuzzy_src.append(line)
        n = len(queries)
        print(
            f"en->{tgt:<2} {n:>5} {exact / n:>6.1%} "
            + " ".join(f"{at[t] / n:>6.1%}" for t in THRESHOLDS)
            + f"  {len(fuzzy_hyp):>5} {_chrf(fuzzy_hyp, fuzzy_ref):>7.1f} "
            f"{_chrf([''] * len(fuzzy_ref), fuzzy_ref):>5.1f} {_chrf(fuzzy_src, fuzzy_ref):>5.1f}"
        )
        tm.close()


def seeds(folder: Path) -> None:
    from termguard.translate.segment import segment_text
    from termguard.translate.source import read_document

    print("\nSeed articles: each segment against a memory of the segments before it")
    print(
        f"{'lang':<5} {'segments':>8} {'exact':>6} "
        + " ".join(f"{'>=' + str(t) + '%':>6}" for t in THRESHOLDS)
    )
    for lang, files in (("kk", ["000", "001", "003", "004"]), ("th", ["002"])):
        tm = TranslationMemory(folder / f"seeds-{lang}.sqlite")
        segs = []
        for prefix in files:
            (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
            text = read_document(path)
            segs += [s.text for s in segment_text(text, lang) if s.translatable]
        exact = 0
        at = dict.fromkeys(THRESHOLDS, 0)
        for i, seg in enumerate(segs):
            matches = tm.lookup(seg, lang, "en", threshold=min(THRESHOLDS))
            best = max(
                (100.0 if m.kind in ("exact", "shape") else m.similarity for m in matches),
                default=0,
            )
            exact += any(m.kind == "exact" for m in matches)
            for t in THRESHOLDS:
                at[t] += best >= t
            # the translator approves it: the memory holds it from now on (the source stands
            # in for the translation, which this count does not need)
            tm.sync_file(f"/seed-{i}", "import", [Record(lang, "en", seg, seg, "reviewed", "s", i)])
        n = len(segs)
        print(
            f"{lang:<5} {n:>8} {exact / n:>6.1%} "
            + " ".join(f"{at[t] / n:>6.1%}" for t in THRESHOLDS)
        )
        tm.close()


def main() -> None:
    glossary = read_glossary(ROOT / "glossary")
    with tempfile.TemporaryDirectory() as tmp:
        ntrex(glossary, Path(tmp))
        seeds(Path(tmp))


if __name__ == "__main__":
    main()
