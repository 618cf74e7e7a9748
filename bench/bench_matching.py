"""Term recognition speed: tokens per second per language, real glossary vs a 10,000-concept one.

Run: uv run --frozen python bench/bench_matching.py [--concepts 10000] [--lines N]

Text: KazNERD sentences for kk, the FLORES-200 devtest for ru, th and en (../shared/corpora).
Three glossaries: the real one; 10,000 concepts whose made-up terms are phrases of another
news corpus, so they occur in the text (many more hits: the ratio includes their cost); and
10,000 concepts of the same shape with letters scrambled, so they (almost) never occur (the
ratio is the cost of the index's size alone).
Each sentence is one find_terms call (as the translation pass and `termguard check` make them),
with near misses on (the default). The glossaries are timed in the same run, interleaved, each
with a freshly compiled index so caches start cold; the best of --repeat runs counts, and the
compile time shown is the slowest (the first, when Thai also builds its word list). Times are
CPU time of the process, i.e. one core.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from pathlib import Path

from termguard.glossary.model import Concept, Glossary, Term
from termguard.glossary.read import load_glossary
from termguard.matching import TermIndex

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
FLORES = CORPORA / "parallel" / "flores200_devtest"
SOURCES = {
    "kk": CORPORA / "mono" / "kaznerd_test_valid_sentences_kk.tsv",
    "ru": FLORES / "rus_Cyrl.devtest",
    "th": FLORES / "tha_Thai.devtest",
    "en": FLORES / "eng_Latn.devtest",
}
TARGETS = {"kk": 100_000, "en": 100_000, "ru": 30_000, "th": 30_000}
_WORD = re.compile(r"[^\W\d_]+")


def read_lines(lang: str) -> list[str]:
    path = SOURCES[lang]
    if path.suffix == ".tsv":
        csv.field_size_limit(1 << 24)
        with path.open(encoding="utf-8") as f:
            return [row["text_detok"] for row in csv.DictReader(f, delimiter="\t")]
    return path.read_text(encoding="utf-8").splitlines()


def tokens(lang: str, lines: list[str]) -> list[list[str]]:
    """The words of each line (Thai: newmm words), to count tokens and draw synthetic terms."""
    if lang == "th":
        from pythainlp.tokenize import word_tokenize

        return [[w for w in word_tokenize(line, engine="newmm") if w.strip()] for line in lines]
    return [_WORD.findall(line) for line in lines]


#: Where the made-up terms come from: another corpus than the one timed (NTREX-128 news).
TERM_SOURCES = {
    "kk": CORPORA / "parallel" / "ntrex128" / "newstest2019-ref.kaz.txt",
    "ru": CORPORA / "parallel" / "ntrex128" / "newstest2019-ref.rus.txt",
    "th": CORPORA / "parallel" / "ntrex128" / "newstest2019-ref.tha.txt",
    "en": CORPORA / "parallel" / "ntrex128" / "newstest2019-src.eng.txt",
}
#: Share of terms with 1..5 words and of abbreviations, as in the real glossary (kk/ru/en).
LENGTHS = ((1, 0.27), (2, 0.40), (3, 0.15), (4, 0.09), (5, 0.09))
ABBREVIATIONS = 0.07
_CLAUSE = re.compile(r"[,.;:!?()«»\"“”]")


def _phrases(lang: str) -> tuple[list[list[str]], set[str], set[str]]:
    """Runs of words between punctuation marks in the term source, its 150 commonest words,
    and its words outside the commonest 2,000 (what one-word terms are drawn from)."""
    lines = TERM_SOURCES[lang].read_text(encoding="utf-8").splitlines()
    runs: list[list[str]] = []
    counts: dict[str, int] = {}
    for line in lines:
        for clause in _CLAUSE.split(line):
            words = tokens(lang, [clause])[0]
            if words:
                runs.append(words)
            for w in words:
                counts[w.lower()] = counts.get(w.lower(), 0) + 1
    ranked = sorted(counts, key=lambda w: -counts[w])
    return runs, set(ranked[:150]), set(ranked[2000:])


def _scrambled(text: str, rng: random.Random) -> str:
    """The words of `text` with their letters shuffled: same script, lengths and letters, but
    (almost always) no word of the language."""
    out = []
    for word in text.split(" "):
        letters = list(word)
        rng.shuffle(letters)
        out.append("".join(letters))
    return " ".join(out)


def synthetic(real: Glossary, langs: list[str], size: int, *, scramble: bool = False) -> Glossary:
    """The real concepts plus made-up ones up to `size`.

    Made-up terms are word n-grams of another news corpus (not starting or ending with one of
    its 150 commonest words), with the real glossary's mix of lengths and abbreviations. A
    one-word term is a word outside that corpus's commonest 2,000: a glossary lists content
    words (akim, mediation), not the verbs and pronouns that top a frequency list.

    With `scramble`, each made-up term has its letters shuffled within words: terms of the same
    shape that (almost) never occur, so only the cost of a bigger index is measured.
    """
    rng = random.Random(1)
    sources = {lang: _phrases(lang) for lang in langs}
    concepts = list(real.concepts)
    seen: set[tuple[str, str]] = {(t.lang, t.text.lower()) for _, t in real.terms()}
    letters = {"kk": "АБДҚҒҰҮЕНТ", "ru": "АБВГДЕКМНОП", "th": "ABCDEKMNOP", "en": "ABCDEKMNOP"}
    n = 0
    while len(concepts) < size:
        n += 1
        terms = []
        for lang, (runs, common, rare) in sources.items():
            if rng.random() < ABBREVIATIONS:
                text = "".join(rng.choice(letters[lang]) for _ in range(rng.randint(2, 4)))
                kind = "abbreviation"
            else:
                count = rng.choices([k for k, _ in LENGTHS], [w for _, w in LENGTHS])[0]
                run = rng.choice(runs)
                if len(run) < count:
                    continue
                i = rng.randrange(len(run) - count + 1)
                words = run[i : i + count]
                if words[0].lower() in common or words[-1].lower() in common:
                    continue
                if count == 1 and words[0].lower() not in rare:
                    continue
                text = ("" if lang == "th" else " ").join(words)
                if scramble:
                    text = _scrambled(text, rng)
                kind = "full-form"
            if (lang, text.lower()) in seen:
                continue
            seen.add((lang, text.lower()))
            terms.append(Term(text, lang, type=kind, case_sensitive=kind == "abbreviation"))
        if terms:
            concepts.append(
                Concept(f"synthetic-{n}", "synthetic", "A made-up concept.", tuple(terms))
            )
    return Glossary(tuple(concepts))


def timed_run(glossary: Glossary, lang: str, lines: list[str]) -> tuple[float, float, int]:
    """(compile seconds, matching seconds, hits) with a freshly compiled index (cold caches).

    Times are CPU seconds of this process (one core), so other work on a shared machine
    disturbs them less than wall-clock time would.
    """
    t0 = time.process_time()
    index = TermIndex(glossary, lang)
    index.find("")  # Thai builds its tokenizer's dictionary on first use
    t1 = time.process_time()
    hits = 0
    for line in lines:
        hits += len(index.find(line))
    t2 = time.process_time()
    return t1 - t0, t2 - t1, hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines")
    parser.add_argument("--langs", default="kk,ru,th,en")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    langs = args.langs.split(",")

    real, problems = load_glossary([ROOT / "glossary"])
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(f"note: the glossary has {len(errors)} error(s); benchmarking it as read",
              file=sys.stderr)  # fmt: skip
    texts = {lang: read_lines(lang) for lang in langs}
    if args.lines:
        texts = {lang: lines[: args.lines] for lang, lines in texts.items()}
    words = {lang: tokens(lang, lines) for lang, lines in texts.items()}
    glossaries = {
        "real": real,
        "n-grams": synthetic(real, langs, args.concepts),
        "made-up": synthetic(real, langs, args.concepts, scramble=True),
    }
    print(
        f"glossaries: real {len(real)} concepts; n-grams and made-up {args.concepts} concepts "
        f"each; best of {args.repeat} interleaved runs"
    )
    print(
        f"{'':21}| {'real':^26} | {'10k n-grams':^34} | {'10k made-up':^34} |"
        f"\n{'lang':4} {'lines':>6} {'tokens':>8} |"
        + f" {'tok/s':>9} {'hits':>6} {'compile':>8} |" * 1
        + f" {'tok/s':>9} {'hits':>6} {'compile':>8} {'ratio':>6} |" * 2
        + f" {'target':>8} verdict"
    )
    for lang in langs:
        lines = texts[lang]
        n_tokens = sum(len(w) for w in words[lang])
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in glossaries}
        for _ in range(args.repeat):  # interleaved, best of n: the machine may be shared
            for name, glossary in glossaries.items():
                runs[name].append(timed_run(glossary, lang, lines))
        best = {
            name: (max(run[0] for run in r), *min(r, key=lambda run: run[1])[1:])
            for name, r in runs.items()
        }
        base = best["real"][1]
        cells = []
        for name, (compiled, matched, hits) in best.items():
            cell = f" {n_tokens / matched:9,.0f} {hits:6} {compiled:7.2f}s"
            if name != "real":
                cell += f" {matched / base:5.2f}x"
            cells.append(cell + " |")
        rates = [n_tokens / run[1] for run in best.values()]
        speed = "ok" if min(rates) >= TARGETS[lang] else "SLOW"
        flat = {name: best[name][1] / base <= 1.5 for name in ("n-grams", "made-up")}
        verdict = ", ".join(f"{name} {'ok' if ok else 'over'}" for name, ok in flat.items())
        print(
            f"{lang:4} {len(lines):6} {n_tokens:8} |"
            + "".join(cells)
            + f" {TARGETS[lang]:8,} speed {speed}; <=1.5x: {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
