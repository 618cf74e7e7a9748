"""The consistency family: one source concept rendered by different approved terms in a run.

A corpus check and a reduce: each pair's renderings are taken when the pair is checked, and the
check runs once, after every pair, over the renderings of all of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termguard.bitext import Pair
from termguard.checks.base import (
    Finding,
    RunContext,
    TermContext,
    TermLookup,
    corpus_check,
    finding,
)
from termguard.glossary.model import ALLOWED_STATUSES, Glossary
from termguard.matching import TermHit


def pair_renderings(ctx: TermContext) -> list[Rendering]:
    """term-inconsistent's per-pair half: the pair's renderings, taken where it is checked."""
    return renderings(ctx.pair, ctx.source_hits, ctx.target_hits, ctx.terms)


@corpus_check("term-inconsistent", "warning", order=40, collect=pair_renderings)
def check_inconsistent(run: RunContext) -> list[Finding]:
    """term-inconsistent over a run: a reduce over every pair's renderings (check_consistency),
    so pairs checked apart (in workers, on a cluster) are compared as in one run."""
    found: list[Rendering] = list(run.collected.get("term-inconsistent", ()))
    return check_consistency(found, run.glossary)


@dataclass(frozen=True)
class Rendering:
    """How one source term was rendered in one pair (for term-inconsistent)."""

    key: tuple[str, str, str, bool]  # src_lang, tgt_lang, concept, source is an abbreviation
    rendering: str
    pair: Pair
    hit: TermHit


def renderings(
    pair: Pair, source_hits: Sequence[TermHit], target_hits: Sequence[TermHit], terms: TermLookup
) -> list[Rendering]:
    """The approved target terms used for each source concept in one pair."""
    out: list[Rendering] = []
    done: set[tuple[str, bool]] = set()
    for hit in source_hits:
        if hit.kind == "near-miss":
            continue
        abbr = terms.is_abbreviation(hit)
        if (hit.concept, abbr) in done:
            continue
        done.add((hit.concept, abbr))
        allowed = [
            t
            for t in target_hits
            if t.concept == hit.concept and t.kind != "near-miss" and t.status in ALLOWED_STATUSES
        ]
        same_kind = [t for t in allowed if terms.is_abbreviation(t) == abbr]
        for t in same_kind or allowed:
            key = (pair.src_lang, pair.tgt_lang, hit.concept, abbr)
            out.append(Rendering(key, t.term, pair, t))
    return out


def _where(pairs: Iterable[Pair], limit: int = 5) -> str:
    """'a.po:3,9 b.po:2, +4 more': the first `limit` places, lines grouped by file."""
    places = sorted({(p.path, p.line) for p in pairs})
    by_file: dict[str, list[str]] = {}
    for path, line in places[:limit]:
        by_file.setdefault(path, []).append(str(line))
    shown = " ".join(f"{path}:{','.join(lines)}" for path, lines in by_file.items())
    return shown + (f", +{len(places) - limit} more" if len(places) > limit else "")


def check_consistency(found: Iterable[Rendering], glossary: Glossary) -> list[Finding]:
    """term-inconsistent: a source concept rendered by different approved target terms.

    The commonest rendering is the one to keep (ties: an abbreviation for an abbreviation, then
    the preferred term, then alphabetical); every other occurrence is reported with all the
    variants, their counts and places.
    """
    groups: dict[tuple[str, str, str, bool], list[Rendering]] = defaultdict(list)
    for r in found:
        groups[r.key].append(r)
    out: list[Finding] = []
    for key, items in groups.items():
        counts = Counter(r.rendering for r in items)
        if len(counts) < 2:
            continue
        concept = glossary.get(key[2])
        target_terms = {t.text: t for t in (concept.terms_in(key[1]) if concept else ())}
        ranks = {}
        for v, n in counts.items():
            term = target_terms.get(v)
            same_kind = term is not None and term.is_abbreviation == key[3]
            ranks[v] = (-n, not same_kind, term is None or term.status != "preferred", v)
        order = sorted(counts, key=ranks.__getitem__)
        keep = order[0]
        variants = "; ".join(
            f"'{v}' ×{counts[v]} ({_where(r.pair for r in items if r.rendering == v)})"
            for v in order
        )
        for r in items:
            if r.rendering == keep:
                continue
            out.append(
                finding(
                    r.pair,
                    "term-inconsistent",
                    f"{key[2]} is rendered {len(counts)} ways in {key[1]}: {variants}",
                    start=r.hit.start,
                    end=r.hit.end,
                    suggestion=keep,
                    concept=key[2],
                )
            )
    return out
