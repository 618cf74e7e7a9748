"""The whole translation pass against the bare engine, on the same sentences and model.

Prints, for the kk seed sentences at 1x, 4x and 16x (the copies numbered, so that no sentence
repeats and nothing is served from a cache): seconds for the bare
engine (one translate_batch with n-best), seconds for the whole pass (segmenting, source terms,
the same translate_batch, choice, repair, checks, writing catalogs), the terminology overhead
((pass - engine) / engine) and how time grows with the input (pass time / 1x time / scale).

    uv run --frozen python bench/bench_pass.py [--model FILE.argosmodel] [--n-best 8]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_sentences() -> list[str]:
    from termguard.translate.segment import segment_text

    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if any("\u0e00" <= ch <= "\u0e7f" for ch in text[:2000]):
            continue
        out.extend(s.text for s in segment_text(text, "kk") if s.translatable)
    return list(dict.fromkeys(out))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model",
        default=str(
            next(iter(sorted((ROOT / "tests" / "data" / "models").glob("*kk*en*.argosmodel"))), "")
        ),
    )
    parser.add_argument("--n-best", type=int, default=8)
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()
    if not args.model:
        print("no kk->en model: build the tiny models first (scripts/)", file=sys.stderr)
        return 1

    from termguard.glossary.read import read_glossary
    from termguard.translate.engine import get_translator
    from termguard.translate.outputs import write_outputs
    from termguard.translate.packages import install_package
    from termguard.translate.pipeline import translate_documents

    glossary = read_glossary(ROOT / "glossary")
    base = seed_sentences()
    scales = [int(x) for x in args.scales.split(",")]
    print(
        f"model: {Path(args.model).name}  n-best: {args.n_best}  glossary: "
        f"{len(glossary)} concepts  base: {len(base)} seed sentences"
    )
    print(
        f"{'scale':>5} {'sents':>6} {'engine s':>9} {'pass s':>8} {'overhead':>9} "
        f"{'ms/sent':>8} {'growth':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "models"
        install_package(args.model, models_dir=models)
        translator = get_translator("kk", "en", models_dir=models)
        # load the model, the matcher's indexes and the Russian/Kazakh analysers before timing
        warm = Path(tmp) / "warm.txt"
        warm.write_text("\n\n".join(base[:10]) + "\n", encoding="utf-8")
        translate_documents(
            [str(warm)],
            ["en"],
            glossary,
            src_lang="kk",
            n_best=args.n_best,
            translator_factory=lambda s, t: translator,
        )
        first: float | None = None
        for scale in scales:
            # copies numbered so that no sentence repeats (the pass and the engine both
            # deduplicate) while the mix of lengths and terms stays the seeds' own
            sentences = base + [f"{k}. {s}" for k in range(2, scale + 1) for s in base]
            docs = []
            for i in range(0, len(sentences), 30):
                path = Path(tmp) / f"s{scale}" / f"doc{i // 30:04d}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("\n\n".join(sentences[i : i + 30]) + "\n", encoding="utf-8")
                docs.append(str(path))
            # the engine alone, on exactly the sentences the pass will send it
            from termguard.translate.pipeline import load_sources

            sources = load_sources(docs, "kk", [])
            sent = sorted({seg.text for s in sources for seg in s.segments})
            t_engine = t_pass = float("inf")
            for rep in range(args.repeat):  # best of N, engine and pass interleaved
                t0 = time.perf_counter()
                translator.translate_batch(sent, args.n_best)
                t_engine = min(t_engine, time.perf_counter() - t0)
                t0 = time.perf_counter()
                run = translate_documents(
                    docs,
                    ["en"],
                    glossary,
                    src_lang="kk",
                    n_best=args.n_best,
                    translator_factory=lambda s, t: translator,
                )
                write_outputs(
                    run.documents,
                    locales=Path(tmp) / f"loc{scale}-{rep}",
                    parallel=None,
                    generator="termguard bench",
                    glossary_digest=glossary.digest,
                )
                t_pass = min(t_pass, time.perf_counter() - t0)
            first = first or t_pass
            print(
                f"{scale:>5} {len(sent):>6} {t_engine:>9.3f} {t_pass:>8.3f} "
                f"{(t_pass - t_engine) / t_engine:>8.1%} {1000 * t_pass / len(sent):>8.2f} "
                f"{t_pass / first / scale:>7.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
