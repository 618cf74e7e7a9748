"""The terms family: approved terms missing, forbidden or deprecated terms used, misspelt terms.

Each check reads the term hits of one pair (TermContext). The source's hits say which concepts
the translation must render; the target's hits say how it did.
"""

from __future__ import annotations

from collections.abc import Sequence

from termguard.bitext import Pair
from termguard.checks.base import Finding, TermContext, TermLookup, finding, registered, term_check
from termguard.glossary.model import Glossary, Term
from termguard.lang import find_language
from termguard.matching import TermHit


@term_check("term-missing", "error", order=10)
def check_term_missing(ctx: TermContext) -> list[Finding]:
    """term-missing: a source term whose concept the target does not render with an approved
    term (or, for a name to keep as written, does not have at all)."""
    pair, glossary = ctx.pair, ctx.glossary
    out: list[Finding] = []
    found = {h.concept for h in ctx.target_hits}
    seen: set[str] = set()
    for hit in ctx.source_hits:
        if hit.kind == "near-miss" or hit.concept in seen:
            continue
        seen.add(hit.concept)
        concept = glossary.get(hit.concept)
        if concept is None or hit.concept in found:
            continue  # rendered (violations and misspellings are reported by their checks)
        if concept.do_not_translate:
            if hit.surface.casefold() in pair.target.casefold():
                continue
            out.append(
                finding(
                    pair,
                    "term-missing",
                    f"'{hit.surface}' ({concept.id}) is a name to keep as written, and the target "
                    "does not have it",
                    side="source",
                    start=hit.start,
                    end=hit.end,
                    suggestion=hit.surface,
                    concept=concept.id,
                )
            )
            continue
        expected = concept.preferred(pair.tgt_lang, abbreviation=ctx.terms.is_abbreviation(hit))
        if expected is None:
            continue  # the glossary has no approved target term to hold the target to
        out.append(
            finding(
                pair,
                "term-missing",
                f"'{hit.surface}' ({concept.id}) has no approved {pair.tgt_lang} rendering in the "
                f"target; expected '{expected.text}'",
                side="source",
                start=hit.start,
                end=hit.end,
                suggestion=expected.text,
                concept=concept.id,
            )
        )
    return out


def _violations(ctx: TermContext, status: str) -> list[Finding]:
    """term-forbidden or term-deprecated: target terms of that status, with the better term."""
    pair = ctx.pair
    out: list[Finding] = []
    for hit in ctx.target_hits:
        if hit.kind == "near-miss" or hit.status != status:
            continue
        concept = ctx.glossary.get(hit.concept)
        if concept is None:
            continue
        better = concept.preferred(pair.tgt_lang, abbreviation=ctx.terms.is_abbreviation(hit))
        instead = f"; use '{better.text}'" if better else ""
        out.append(
            finding(
                pair,
                f"term-{status}",
                f"'{hit.surface}' is a {status} term for {concept.id}{instead}",
                start=hit.start,
                end=hit.end,
                suggestion=_in_form_of(better, hit) if better else "",
                concept=concept.id,
            )
        )
    return out


@term_check("term-forbidden", "error", order=20)
def check_term_forbidden(ctx: TermContext) -> list[Finding]:
    """term-forbidden: a term the glossary forbids, in the target."""
    return _violations(ctx, "forbidden")


@term_check("term-deprecated", "warning", order=30)
def check_term_deprecated(ctx: TermContext) -> list[Finding]:
    """term-deprecated: a term the glossary deprecates, in the target."""
    return _violations(ctx, "deprecated")


@term_check("near-miss", "warning", order=50, near_misses=True)
def check_near_miss(ctx: TermContext) -> list[Finding]:
    """near-miss: a target word that looks like a misspelling of a term the source asked for.

    A near miss counts only for a concept the source has: a target word that resembles a term
    the source never asked for ('residents' and 'President') is another word, not a misspelling.
    """
    asked = {h.concept for h in ctx.source_hits if h.kind != "near-miss"}
    return [
        finding(
            ctx.pair,
            "near-miss",
            f"'{hit.surface}' looks like a misspelling of '{hit.term}'",
            start=hit.start,
            end=hit.end,
            suggestion=hit.term,
            concept=hit.concept,
        )
        for hit in ctx.target_hits
        if hit.kind == "near-miss" and hit.concept in asked
    ]


def _in_form_of(term: Term, hit: TermHit) -> str:
    """`term` in the grammatical form of the surface it replaces (ұйымдарға, акима), and
    capitalised if that was (at the start of a sentence)."""
    text = term.text
    language = find_language(hit.lang)
    if hit.kind == "inflected" and language is not None:
        form = language.form_of(hit.surface, hit.term)
        text = language.inflect(term.text, form, indeclinable=term.is_abbreviation)
    if hit.surface[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def check_terms(
    pair: Pair,
    source_hits: Sequence[TermHit],
    target_hits: Sequence[TermHit],
    glossary: Glossary,
    *,
    terms: TermLookup | None = None,
) -> list[Finding]:
    """Every term check of one pair (term-missing, term-forbidden, term-deprecated, near-miss).

    `terms` is the glossary's term index, built once per run by Checker (and here if not
    given). Findings in the target come first, in the order of its hits.
    """
    ctx = TermContext(pair, source_hits, target_hits, glossary, terms or TermLookup(glossary))
    target: list[Finding] = []
    source: list[Finding] = []
    for check in registered():
        if check.scope == "terms":
            for f in check.run(ctx):
                (source if f.side == "source" else target).append(f)
    return sorted(target, key=lambda f: (f.start, f.end)) + source
