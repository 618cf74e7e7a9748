"""The terms family: approved terms missing, forbidden or deprecated terms used, misspelt terms.

Each check reads the term hits of one pair (TermContext). The source's hits say which concepts
the translation must render; the target's hits say how it did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from termguard.bitext import Pair
from termguard.checks.base import Finding, TermContext, TermLookup, finding, registered, term_check
from termguard.checks.context import PairContext, forms_glossary
from termguard.glossary.model import Concept, Glossary, Term
from termguard.lang import find_language
from termguard.matching import TermHit, find_terms


def applies(concept: Concept, ctx: TermContext, hit: TermHit, text: str) -> bool:
    """True if the concept's policy lets it be checked at this hit: not `off`, in scope (a
    Kazakhstani concept in a document about Kazakhstan), and with one of its cues nearby if it
    lists any."""
    policy = concept.policy
    if policy.check == "off" or (policy.scope == "kz" and not ctx.document.about_kz):
        return False
    if policy.cues:
        low = text.casefold()
        return any(cue.casefold() in low for cue in policy.cues)
    return True


#: Share of a source hit's letters that the concepts read inside it must cover for the hit to
#: count as rendered part by part.
PARTS_COVER = 0.8


def _rendered_inside(hit: TermHit, ctx: TermContext) -> bool:
    """True if the target renders a source hit part by part: the concepts read inside it cover
    it (Constitution of Kazakhstan against Конституция + Казахстан) and each is rendered.
    'Foreign Minister' is not rendered by a bare 'minister': 'Foreign' is covered by nothing."""
    if not hit.nested or not all(n.concept in ctx.rendered for n in hit.nested):
        return False
    covered = [False] * (hit.end - hit.start)
    for n in hit.nested:
        for k in range(max(n.start, hit.start), min(n.end, hit.end)):
            covered[k - hit.start] = True
    letters = [c.isalpha() for c in hit.surface]
    total = sum(letters)
    inside = sum(1 for c, is_letter in zip(covered, letters, strict=False) if c and is_letter)
    return total > 0 and inside >= PARTS_COVER * total


@term_check("term-missing", "error", order=10)
def check_term_missing(ctx: TermContext) -> list[Finding]:
    """term-missing: a source term of a required concept in scope whose concept the target does
    not render (with an approved, derived, short or equivalent form; for a name to keep as
    written, does not have at all).

    Advisory concepts never raise it; a concept whose approved target term is only proposed
    raises a warning, since the target has no established equivalent to hold it to.
    """
    pair, glossary = ctx.pair, ctx.glossary
    out: list[Finding] = []
    seen: set[str] = set()
    for hit in (*ctx.source_hits, *source_short_forms(ctx)):
        if hit.kind == "near-miss" or hit.concept in seen:
            continue
        seen.add(hit.concept)
        concept = glossary.get(hit.concept)
        if concept is None or concept.policy.check != "required":
            continue
        if not applies(concept, ctx, hit, pair.source) or hit.concept in ctx.rendered:
            continue  # rendered (violations and misspellings are reported by their checks)
        if _rendered_inside(hit, ctx):
            continue
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
        expected = _expected(concept, ctx, hit)
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
                severity="warning" if expected.review == "proposed" else None,
            )
        )
    return out


def _expected(concept: Concept, ctx: TermContext, hit: TermHit) -> Term | None:
    """The target term to suggest: the short approved form for a short form, else the preferred
    term of the hit's kind, dated terms taken as valid on the document's date."""
    lang = ctx.pair.tgt_lang
    if hit.kind == "short-form":
        forms = concept.policy.short_forms_in(lang)
        if forms:
            return Term(forms[0], lang, status="admitted", type="short-form")
    term = ctx.terms.term(hit)
    if term is not None:
        best = concept.counterpart(lang, term)
    else:
        best = concept.preferred(lang, abbreviation=ctx.terms.is_abbreviation(hit))
    if best is not None and ctx.document.date and not best.valid_on(ctx.document.date):
        return concept.name_on(lang, ctx.document.date, best) or best
    return best


#: How many pairs after its full form a short form still counts (a document without ids is a
#: whole file: a bare 'сот' forty lines on is some other court).
SHORT_REACH = 10


def source_short_forms(ctx: TermContext) -> list[TermHit]:
    """Short forms in the source that count as their concept: after its full form in the same
    document (the nearest preceding full form wins where two concepts share a short form),
    and where no other term was read; at most SHORT_REACH pairs after the full form."""
    forms = forms_glossary(ctx.glossary, "short_forms")
    if not len(forms):
        return []
    named = {
        c: k for c, k in ctx.document.source_named.items() if ctx.document.index - k <= SHORT_REACH
    }
    taken = [(h.start, h.end) for h in ctx.source_hits]
    best: dict[tuple[int, int], TermHit] = {}
    for hit in find_terms(ctx.pair.source, ctx.pair.src_lang, forms, near_misses=False):
        for h in (hit, *hit.nested):
            if h.concept not in named or any(s < h.end and h.start < e for s, e in taken):
                continue
            span = (h.start, h.end)
            if span not in best or named[h.concept] > named[best[span].concept]:
                best[span] = replace(h, kind="short-form", nested=())
    return sorted(best.values(), key=lambda h: (h.start, h.end))


def _violations(ctx: TermContext, status: str) -> list[Finding]:
    """term-forbidden or term-deprecated: target terms of that status, with the better term.

    Nested hits count too (a deprecated name inside a longer one). A dated term is judged by
    the document's date: valid on it, it passes whatever its status; an approved name not yet
    (or no longer) valid on it is deprecated there. Without a date, a dated name keeps its
    status and the finding says until when it was right. Advisory concepts give warnings.
    """
    pair = ctx.pair
    date = ctx.document.date
    out: list[Finding] = []
    for top in ctx.target_hits:
        for hit in (top, *top.nested):
            if hit.kind == "near-miss":
                continue
            concept = ctx.glossary.get(hit.concept)
            term = ctx.terms.term(hit)
            if concept is None or not applies(concept, ctx, hit, pair.target):
                continue
            dated = term is not None and term.is_dated and bool(date)
            if dated and term is not None:
                if term.valid_on(date) or status != "deprecated":
                    continue
            elif hit.status != status:
                continue
            out.append(_violation(ctx, concept, hit, term, status))
    return out


def _violation(
    ctx: TermContext, concept: Concept, hit: TermHit, term: Term | None, status: str
) -> Finding:
    pair, date = ctx.pair, ctx.document.date
    if date and term is not None and term.is_dated:
        better = concept.name_on(pair.tgt_lang, date, term)
        why = f"'{hit.surface}' is not the name of {concept.id} on {date} ({_period(term)})"
    else:
        better = concept.preferred(pair.tgt_lang, abbreviation=ctx.terms.is_abbreviation(hit))
        why = f"'{hit.surface}' is a {status} term for {concept.id}"
        if term is not None and term.is_dated:
            why += f" (right for {_period(term)}; the document has no date)"
    instead = f"; use '{better.text}'" if better else ""
    severity = "warning" if concept.policy.check == "advisory" else None
    return finding(
        pair,
        f"term-{status}",
        why + instead,
        start=hit.start,
        end=hit.end,
        suggestion=_in_form_of(better, hit) if better else "",
        concept=concept.id,
        severity=severity,
    )


def _period(term: Term) -> str:
    if term.valid_from and term.valid_until:
        return f"valid {term.valid_from} to {term.valid_until}"
    if term.valid_from:
        return f"valid from {term.valid_from}"
    return f"valid until {term.valid_until}"


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
    out = []
    for hit in ctx.target_hits:
        concept = ctx.glossary.get(hit.concept)
        if hit.kind != "near-miss" or hit.concept not in asked or concept is None:
            continue
        if not applies(concept, ctx, hit, ctx.pair.target):
            continue
        term = ctx.terms.term(hit)
        if term is not None and not term.is_allowed:
            continue  # a word like a deprecated spelling (Kazakhstan, Kazakstan) is no misspelling
        text = term.text if term is not None else hit.term
        out.append(
            finding(
                ctx.pair,
                "near-miss",
                f"'{hit.surface}' looks like a misspelling of '{text}'",
                start=hit.start,
                end=hit.end,
                suggestion=text,
                concept=hit.concept,
            )
        )
    return out


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
    document: PairContext | None = None,
) -> list[Finding]:
    """Every term check of one pair (term-missing, term-forbidden, term-deprecated, near-miss).

    `terms` is the glossary's term index, built once per run by Checker (and here if not
    given). Findings in the target come first, in the order of its hits.
    """
    ctx = TermContext(
        pair,
        source_hits,
        target_hits,
        glossary,
        terms or TermLookup(glossary),
        document or PairContext(date=pair.date),
    )
    target: list[Finding] = []
    source: list[Finding] = []
    for check in registered():
        if check.scope == "terms":
            for f in check.run(ctx):
                (source if f.side == "source" else target).append(f)
    return sorted(target, key=lambda f: (f.start, f.end)) + source
