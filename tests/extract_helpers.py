"""Shared by the extraction tests: the hand-judged abbreviation list, scored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from termguard.extract.abbreviations import find_definitions
from termguard.extract.sentences import sentences
from termguard.lang import get_language

JUDGED = Path(__file__).parent / "data" / "judged"


def judged_abbreviations() -> list[dict[str, str]]:
    """The rows of tests/data/judged/abbreviations.tsv."""
    lines = [ln for ln in (JUDGED / "abbreviations.tsv").read_text(encoding="utf-8").splitlines()]
    rows = [ln.split("\t") for ln in lines if not ln.startswith("#")]
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=True)) for row in body]


def score_abbreviations(lang: str) -> tuple[int, int, int, int]:
    """(pairs found, found and right, pairs spelt by initials, pairs the text defines) for
    the judged sentences of one language."""
    found = right = spelt = defined = 0
    language = get_language(lang)
    for row in judged_abbreviations():
        if row["lang"] != lang:
            continue
        spelt += row["initials"] == "yes"
        defined += bool(row["full_form"])
        for sentence in sentences(row["sentence"], language, language.segmenter()):
            for d in find_definitions(sentence, language):
                if d.abbreviation != row["abbreviation"]:
                    continue
                found += 1
                lemma = language.phrase_lemma(d.words) or ""
                want = row["full_form"].lower()
                right += want in (lemma.lower(), " ".join(d.words).lower())
    return found, right, spelt, defined


SEEDS = Path(__file__).parent.parent / "seeds"
KK_SEEDS = ("000_91604382561779cc.txt", "001_29fb1f20a1e0c734.txt",
            "003_1d53c1ac4bf90a94.txt", "004_acfa8a8fb45634c8.txt")  # fmt: skip
TH_SEEDS = ("002_8ae3edba63096470.txt",)
HELD_OUT_SEED = 14


def held_out(lang: str, seeds: tuple[str, ...], glossary: object, n: int = 20) -> Any:
    """(documents, removed ids, glossary without them, candidates, removed found in the top 50).

    The removed concepts are a seeded random draw among the concepts the seeds use: three that
    have an abbreviation in the language (all of them if fewer), the rest from the others.
    """
    import random

    from termguard.extract import extract_terms
    from termguard.glossary.model import Glossary
    from termguard.matching import find_terms

    docs = [(str(SEEDS / name), (SEEDS / name).read_text(encoding="utf-8")) for name in seeds]
    full: Glossary = glossary  # type: ignore[assignment]
    used = sorted(
        {h.concept for _, t in docs for h in find_terms(t, lang, full, near_misses=False)}
    )
    with_abbr = [c for c in used if any(t.is_abbreviation for t in full[c].terms_in(lang))]
    rng = random.Random(HELD_OUT_SEED)
    picked = rng.sample(with_abbr, min(3, len(with_abbr)))
    rest = [c for c in used if c not in picked]
    picked += rng.sample(rest, min(n - len(picked), len(rest)))
    removed = Glossary(tuple(full[c] for c in picked))
    kept = Glossary(tuple(c for c in full if c.id not in picked))
    found = extract_terms(docs, lang, kept, limit=50)
    recalled: set[str] = set()
    for c in found:
        for text in (c.term, c.abbreviation):
            if text:
                recalled |= {
                    h.concept
                    for h in find_terms(text, lang, removed, near_misses=False)
                    if h.start == 0 and h.end == len(text)
                }
    return docs, picked, kept, found, recalled
