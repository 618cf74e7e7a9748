"""Recall of the term checks on real pairs with injected errors, in inflected kk and ru.

tests/data/recall/ holds Tatoeba kk-ru sentences and NGO sentences of a seed article with
their Russian (README.md there) whose target renders a
required concept of the source with an inflected approved term. Each such rendering is spoiled
three ways, one at a time, keeping the word's grammatical form: a deprecated or forbidden term
of the concept, another concept's term, and a typo (two letters swapped in the stem). The
check must report the concept on that line in at least 95% of the injections.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from termguard.bitext import Pair
from termguard.checks import run_check
from termguard.glossary.model import Glossary
from termguard.lang import find_language
from termguard.matching import find_terms

DATA = Path(__file__).parent / "data" / "recall"
CAUGHT_BY = {"term-missing", "term-deprecated", "term-forbidden", "near-miss"}
#: A concept whose term stands in for another's (no glossary concept names it as a rendering).
WRONG = "tolerance"


@dataclass(frozen=True)
class Injection:
    kind: str
    concept: str
    pair: Pair


def _pairs() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name in ("tatoeba", "seed"):
        kk = (DATA / f"{name}.kk").read_text(encoding="utf-8").splitlines()
        ru = (DATA / f"{name}.ru").read_text(encoding="utf-8").splitlines()
        out += zip(kk, ru, strict=True)
    return out


def _typo(word: str) -> str:
    """Two letters of the stem swapped (Қазақстанның -> Қзаақстанның)."""
    if len(word) < 5 or word[1] == word[2]:
        return word[:2] + word[3:]
    return word[0] + word[2] + word[1] + word[3:]


def _injections(glossary: Glossary) -> Iterator[Injection]:
    line = 0
    for kk, ru in _pairs():
        for src, tgt, sl, tl in ((kk, ru, "kk", "ru"), (ru, kk, "ru", "kk")):
            line += 1
            language = find_language(tl)
            assert language is not None
            asked = {
                h.concept
                for h in find_terms(src, sl, glossary, near_misses=False)
                if glossary[h.concept].policy.check == "required"
            }
            hits = find_terms(tgt, tl, glossary, near_misses=False)
            counts = Counter(h.concept for h in hits)
            for hit in hits:
                if hit.kind != "inflected" or hit.concept not in asked or counts[hit.concept] > 1:
                    continue
                concept = glossary[hit.concept]
                form = language.form_of(hit.surface, hit.term)
                spoilt = []
                bad = [t for t in concept.terms_in(tl) if not t.is_allowed and not t.is_dated]
                if bad:
                    spoilt.append(("deprecated", language.inflect(bad[0].text, form)))
                other = glossary[WRONG].preferred(tl)
                assert other is not None
                spoilt.append(("wrong-term", language.inflect(other.text, form)))
                spoilt.append(("typo", _typo(hit.surface)))
                for kind, text in spoilt:
                    target = tgt[: hit.start] + text + tgt[hit.end :]
                    pair = Pair(src, target, sl, tl, f"recall.{sl}-{tl}", line, f"{kind}:{line}")
                    yield Injection(kind, hit.concept, pair)


@cache
def _results(glossary: Glossary) -> tuple[tuple[Injection, bool], ...]:
    injections = list(_injections(glossary))
    paths = {i.pair.path for i in injections}
    out = []
    for inj in injections:
        report = run_check([inj.pair], glossary, about_kz=paths)
        caught = any(f.concept == inj.concept and f.check in CAUGHT_BY for f in report.findings)
        out.append((inj, caught))
    return tuple(out)


def test_recall_of_injected_errors_in_inflected_kazakh_and_russian_is_at_least_95_percent(
    project_glossary: Glossary,
) -> None:
    """At least 100 injected errors in real pairs, and 95% of them are reported."""
    results = _results(project_glossary)
    assert len(results) >= 100
    caught = sum(ok for _, ok in results)
    missed = [(i.kind, i.concept, i.pair.target) for i, ok in results if not ok]
    assert caught >= 0.95 * len(results), missed


def test_every_kind_of_injection_is_present_in_both_directions(project_glossary: Glossary) -> None:
    """The recall set spoils kk and ru targets with deprecated terms, wrong terms and typos."""
    kinds = Counter((i.kind, i.pair.tgt_lang) for i, _ in _results(project_glossary))
    for kind in ("deprecated", "wrong-term", "typo"):
        for lang in ("kk", "ru"):
            assert kinds[kind, lang] > 0, (kind, lang)
