"""The check registry: a new check is one decorated function, listed and run like the others."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from termguard.bitext import Pair
from termguard.checks import (
    CHECKS,
    Finding,
    TermContext,
    check_pairs,
    finding,
    pair_check,
    registered,
    term_check,
    unregister,
)
from termguard.glossary.model import Concept, Glossary, Term


@pytest.fixture
def shouting() -> Iterator[str]:
    @pair_check("shouting", "warning", order=85)
    def check_shouting(pair: Pair) -> list[Finding]:
        """shouting: a target in capitals where the source is not."""
        if pair.target.isupper() and not pair.source.isupper():
            return [finding(pair, "shouting", "target is in capitals", end=len(pair.target))]
        return []

    yield "shouting"
    unregister("shouting")


def test_the_built_in_checks_are_listed_in_report_order() -> None:
    """CHECKS lists every family's checks with their severities, in the order reports use."""
    assert list(CHECKS.items()) == [
        ("term-missing", "error"),
        ("term-forbidden", "error"),
        ("term-deprecated", "warning"),
        ("term-inconsistent", "warning"),
        ("near-miss", "warning"),
        ("numbers", "error"),
        ("untranslated", "error"),
        ("mixed-script", "error"),
        ("placeholders", "error"),
        ("wrong-language", "error"),
    ]
    scopes = [c.scope for c in registered(["numbers", "near-miss", "term-inconsistent"])]
    assert scopes == ["corpus", "terms", "pair"]
    [wrong] = registered(["wrong-language"])
    assert (wrong.scope, wrong.uses_terms, wrong.replaces) == ("terms", False, ("untranslated",))


def test_a_registered_check_takes_its_place_and_runs(shouting: str) -> None:
    """A check registered by its decorator sits at its order and runs in check_pairs."""
    assert list(CHECKS)[7:10] == ["mixed-script", "shouting", "placeholders"]
    glossary = Glossary(())
    findings = check_pairs([("Good news.", "ЖАҚСЫ ЖАҢАЛЫҚ.")], glossary, "en", "kk")
    assert [(f.check, f.severity) for f in findings] == [("shouting", "warning")]
    assert check_pairs([("Good news.", "ЖАҚСЫ.")], glossary, "en", "kk", checks=["numbers"]) == []


def test_unregistering_a_check_removes_it(shouting: str) -> None:
    """After unregister the check is neither listed nor accepted by name."""
    unregister(shouting)
    assert shouting not in CHECKS
    with pytest.raises(ValueError, match="unknown checks: shouting"):
        check_pairs([("a", "b")], Glossary(()), "en", "kk", checks=[shouting])


def test_a_term_check_reads_the_hits_of_both_sides() -> None:
    """A term check gets the source's and the target's hits, only for translated pairs."""
    seen: list[tuple[int, int]] = []

    @term_check("term-count", "warning", order=45)
    def check_term_count(ctx: TermContext) -> list[Finding]:
        """term-count: records how many hits each side has."""
        seen.append((len(ctx.source_hits), len(ctx.target_hits)))
        return []

    terms = (Term("mediation", "en"), Term("медиация", "kk"))
    glossary = Glossary((Concept("mediation", "law", "Settling a dispute.", terms),))
    try:
        pairs = [("Mediation works.", "Медиация жұмыс істейді."), ("Mediation.", "")]
        check_pairs(pairs, glossary, "en", "kk", checks=["term-count"])
    finally:
        unregister("term-count")
    assert seen == [(1, 1)]


def test_a_corpus_check_with_collect_is_a_reduce_over_parts() -> None:
    """A corpus check registered with collect reads every pair's pieces in pair order, whether
    the pairs were checked in one part or in several merged (as workers do)."""
    from termguard.checks import Checker, RunContext, corpus_check

    def lengths(ctx: TermContext) -> list[tuple[str, int]]:
        return [(ctx.pair.path, len(ctx.pair.target))]

    @corpus_check("long-file", "warning", order=45, uses_terms=False, collect=lengths)
    def check_long_file(run: RunContext) -> list[Finding]:
        """long-file: the run's targets are over 20 characters in all."""
        pieces = list(run.collected["long-file"])
        if sum(n for _, n in pieces) <= 20:
            return []
        return [finding(run.pairs[0], "long-file", " ".join(p for p, _ in pieces))]

    try:
        pairs = [Pair(f"s{i}", "x" * 8, "en", "kk", f"{i}.po", 1, str(i)) for i in (3, 1, 2)]
        checker = Checker(Glossary(()), checks=["long-file"])
        whole = checker.run(pairs)
        merged = checker.merge([checker.check_part(pairs[:1]), checker.check_part(pairs[1:])])
        assert merged == whole
        assert [f.message for f in whole.findings] == ["1.po 2.po 3.po"]
        assert checker.merge([checker.check_part(pairs[1:])]).findings == ()
    finally:
        unregister("long-file")
