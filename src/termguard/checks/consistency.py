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
from termguard.glossary.model import ALLOWED_STATUSES, Concept, Glossary
from termguard.matching import TermHit

#: What term-inconsistent compares: the pairs of one document (the default), of one file, or
#: of the whole run.
SCOPES = ("document", "file", "run")


def pair_renderings(ctx: TermContext) -> list[Rendering]:
    """term-inconsistent's per-pair half: the pair's renderings, taken where it is checked."""
    return renderings(ctx.pair, ctx.source_hits, ctx.target_hits, ctx.terms, ctx.glossary)


@corpus_check("term-inconsistent", "warning", order=40, collect=pair_renderings)
def check_inconsistent(run: RunContext) -> list[Finding]:
    """term-inconsistent over a run: a reduce over every pair's renderings (pair_renderings),
    compared per document (or per file or run, `RunContext.scope`) by check_consistency, so
    pairs checked apart (in workers, on a cluster) are compared as in one run."""
    found: list[Rendering] = list(run.collected.get("term-inconsistent", ()))
    return check_consistency(found, run.glossary, scope=run.scope)


@dataclass(frozen=True)
class Rendering:
    """How one source concept was rendered in one pair (for term-inconsistent): `rendering` is
    the target concept whose term was used (the concept itself, or a concept it is declared
    equivalent to), `term` the term as written."""

    key: tuple[str, str, str]  # src_lang, tgt_lang, concept
    rendering: str
    term: str
    pair: Pair
    hit: TermHit


def renderings(
    pair: Pair,
    source_hits: Sequence[TermHit],
    target_hits: Sequence[TermHit],
    terms: TermLookup,
    glossary: Glossary | None = None,
) -> list[Rendering]:
    """The approved target terms used for each required source concept in one pair.

    Preferred, admitted and abbreviated terms of one concept are one rendering; a term of an
    equivalent concept (head rendered by 'director') is another.
    """
    glossary = glossary or terms.glossary
    out: list[Rendering] = []
    done: set[str] = set()
    for hit in source_hits:
        if hit.kind == "near-miss" or hit.concept in done:
            continue
        done.add(hit.concept)
        concept = glossary.get(hit.concept)
        if concept is None or concept.policy.check != "required":
            continue
        accepted = {hit.concept, *_other_words(concept, glossary, pair.tgt_lang)}
        key = (pair.src_lang, pair.tgt_lang, hit.concept)
        for top in target_hits:
            for t in (top, *top.nested):
                if t.kind != "near-miss" and t.status in ALLOWED_STATUSES and t.concept in accepted:
                    out.append(Rendering(key, t.concept, t.term, pair, t))
    return out


def _other_words(concept: Concept, glossary: Glossary, lang: str) -> list[str]:
    """The concept's equivalents that are not a broader or narrower word of its own terms:
    'akim' and 'regional akim' (Akim of the Kyzylorda region) are one rendering, 'NGO' for a
    public organisation is another."""
    own = [t.text.casefold() for t in concept.terms_in(lang) if t.is_allowed]
    out = []
    for other_id in concept.policy.equivalents:
        other = glossary.get(other_id)
        if other is None:
            continue
        words = [t.text.casefold() for t in other.terms_in(lang) if t.is_allowed]
        if not any(w in o or o in w for w in words for o in own):
            out.append(other_id)
    return out


def _where(pairs: Iterable[Pair], limit: int = 5) -> str:
    """'a.po:3,9 b.po:2, +4 more': the first `limit` places, lines grouped by file."""
    places = sorted({(p.path, p.line) for p in pairs})
    by_file: dict[str, list[str]] = {}
    for path, line in places[:limit]:
        by_file.setdefault(path, []).append(str(line))
    shown = " ".join(f"{path}:{','.join(lines)}" for path, lines in by_file.items())
    return shown + (f", +{len(places) - limit} more" if len(places) > limit else "")


def _group(r: Rendering, scope: str) -> tuple[str, ...]:
    if scope == "run":
        return r.key
    if scope == "file":
        return (r.pair.path, *r.key)
    return (r.pair.path, r.pair.document, *r.key)


def check_consistency(
    found: Iterable[Rendering], glossary: Glossary, *, scope: str = "document"
) -> list[Finding]:
    """term-inconsistent: a source concept rendered in one document (file, run) by the terms of
    different concepts, reported once per conflict with the counts and places of each.

    The commonest rendering is the one to keep (ties: the concept's own terms); the finding
    stands at the first pair of the first other rendering.
    """
    groups: dict[tuple[str, ...], list[Rendering]] = defaultdict(list)
    for r in found:
        groups[_group(r, scope)].append(r)
    out: list[Finding] = []
    for items in groups.values():
        counts = Counter(r.rendering for r in items)
        if len(counts) < 2:
            continue
        concept_id = items[0].key[2]
        order = sorted(counts, key=lambda v: (-counts[v], v != concept_id, v))
        keep = order[0]
        variants = "; ".join(
            f"{v} as '{', '.join(sorted({r.term for r in items if r.rendering == v}))}' "
            f"×{counts[v]} ({_where(r.pair for r in items if r.rendering == v)})"
            for v in order
        )
        first = min(
            (r for r in items if r.rendering != keep), key=lambda r: (r.pair.line, r.hit.start)
        )
        concept = glossary.get(keep)
        best = concept.preferred(first.key[1]) if concept else None
        out.append(
            finding(
                first.pair,
                "term-inconsistent",
                f"{concept_id} is rendered {len(counts)} ways in {first.key[1]} in this "
                f"{scope}: {variants}",
                start=first.hit.start,
                end=first.hit.end,
                suggestion=best.text if best else "",
                concept=concept_id,
            )
        )
    return out
