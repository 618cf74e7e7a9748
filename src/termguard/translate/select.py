"""Glossary-aware choice among n-best candidates, and repair of the chosen one.

For one sentence: the source terms say which concepts the translation must render; each candidate
is assessed (approved target terms present, no deprecated or forbidden ones); the best compliant
candidate is chosen, weighed against the model's score; where none complies, the approved term is
put in, inflected to the form the sentence needs; what cannot be fixed is flagged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from termguard.bitext import Pair
from termguard.checks import check_numbers, keep_words
from termguard.glossary.model import Concept, Glossary, Term
from termguard.lang import get_language, script
from termguard.lang.identify import wrong_language
from termguard.matching import TermHit, find_terms
from termguard.translate.inflect import form_of, inflect

#: Segment statuses, from best to worst. A segment has exactly one, set by `segment_status`;
#: what termguard did on the way (chose another candidate, repaired terms) are its actions.
STATUSES = ("ok", "chosen", "repaired", "flagged", "untranslated")

#: How much one terminology problem costs against the model's length-normalised log-probability.
PROBLEM_PENALTY = 2.0
#: A compliant candidate is not chosen when it is this much less likely than the best one.
MAX_SCORE_LOSS = 3.0
PREFERRED_BONUS = 0.05


class Scored(Protocol):
    """A translation candidate: text and the model's score (higher is better)."""

    @property
    def text(self) -> str: ...

    @property
    def score(self) -> float: ...


@dataclass(frozen=True)
class Requirement:
    """A concept found in the source, which the translation must render with an approved term."""

    concept: Concept
    source: TermHit
    #: The document's date (ISO or a year), for dated names; "" if unknown.
    date: str = ""

    @property
    def advisory(self) -> bool:
        """An advisory concept is a hint: never missing, never repaired, never a reason to
        prefer a candidate."""
        return self.concept.policy.check == "advisory"


@dataclass(frozen=True)
class TermUse:
    """How one source term came out in the translation (for catalog comments and reports)."""

    concept: str
    source: str
    target: str | None
    expected: str | None
    ok: bool
    #: The concept is advisory: the expected term is a hint, not a requirement.
    hint: bool = False


@dataclass(frozen=True)
class Assessment:
    missing: tuple[Requirement, ...]
    violations: tuple[TermHit, ...]
    preferred: int
    uses: tuple[TermUse, ...]
    #: The document's date the assessment judged dated names by ("" if unknown).
    date: str = ""

    @property
    def problems(self) -> int:
        return len(self.missing) + len(self.violations)


@dataclass(frozen=True)
class Outcome:
    """The translation of one sentence, its status and the reasons for it.

    `repairs` counts the terms the repair put in; `rank` is the candidate taken (0: the model's
    first). Both are actions, kept beside the one status a segment has.
    """

    text: str
    status: str
    reasons: tuple[str, ...] = ()
    rank: int = 0
    score: float = 0.0
    uses: tuple[TermUse, ...] = field(default=())
    repairs: int = 0

    @property
    def headline(self) -> str:
        """The status with what was done on the way: 'untranslated (2 terms repaired)'."""
        return headline(self.status, self.rank, self.repairs)


def headline(status: str, rank: int, repairs: int) -> str:
    """A segment's status line for catalogs and reports, naming actions the status hides."""
    done = []
    if rank > 0 and status != "chosen":
        done.append(f"candidate {rank + 1} chosen")
    if repairs and status != "repaired":
        done.append(f"{repairs} term{'s' if repairs > 1 else ''} repaired")
    elif repairs > 1:
        done.append(f"{repairs} terms")
    return f"{status} ({', '.join(done)})" if done else status


def segment_status(*, chosen: bool, repairs: int, problems: Sequence[str]) -> str:
    """The one status of a segment, from what was done and what is still wrong.

    Worst first: a translation that is still (partly) not in the target language is
    'untranslated' even after repairs; any other remaining problem makes it 'flagged'; otherwise
    it says what termguard did ('repaired', 'chosen') or 'ok'.
    """
    if any(p.startswith(("untranslated", "wrong-language")) for p in problems):
        return "untranslated"
    if problems:
        return "flagged"
    if repairs:
        return "repaired"
    return "chosen" if chosen else "ok"


def no_model_outcome(src_lang: str, tgt_lang: str, reqs: Sequence[Requirement]) -> Outcome:
    """A segment of a pair without a model: empty, with the glossary's renderings as hints."""
    uses = []
    for req in reqs:
        exp = req.concept.preferred(tgt_lang)
        uses.append(
            TermUse(req.concept.id, req.source.surface, None, exp.text if exp else None, False)
        )
    reasons = (f"untranslated: no model for {src_lang}->{tgt_lang}",)
    return Outcome(
        "", segment_status(chosen=False, repairs=0, problems=reasons), reasons, uses=tuple(uses)
    )


def requirements(
    source: str,
    src_lang: str,
    glossary: Glossary,
    hits: Sequence[TermHit] | None = None,
    *,
    date: str = "",
) -> list[Requirement]:
    """One requirement per distinct concept found in the source (near misses and concepts whose
    policy is `off` do not count); `date` is the document's, for dated names."""
    if hits is None:
        hits = find_terms(source, src_lang, glossary)
    seen: set[str] = set()
    out = []
    for hit in hits:
        concept = glossary.get(hit.concept)
        if hit.kind == "near-miss" or concept is None or hit.concept in seen:
            continue
        seen.add(hit.concept)
        if concept.policy.check != "off":
            out.append(Requirement(concept, hit, date))
    return out


def _expected(req: Requirement, tgt_lang: str) -> Term | None:
    """The term to render the requirement with: the preferred one, or on the document's date
    the name valid then (Nur Otan for a 2019 article)."""
    best = _preferred_for(req.concept, req.source.term, tgt_lang)
    if best is not None and req.date and not best.valid_on(req.date):
        return req.concept.name_on(tgt_lang, req.date, best)
    return best


def _dated_ok(hit: TermHit, glossary: Glossary, date: str) -> bool | None:
    """For a dated term on a known date: True if it is the valid name then, else False; None
    for an undated term or an unknown date (its status decides)."""
    concept = glossary.get(hit.concept)
    if not date or concept is None:
        return None
    term = next((t for t in concept.terms_in(hit.lang) if t.text == hit.term), None)
    if term is None or not term.is_dated:
        return None
    return term.valid_on(date)


@lru_cache(maxsize=4096)
def _preferred_for(concept: Concept, source_term: str, tgt_lang: str) -> Term | None:
    """The target term a source term asks for: an abbreviation for an abbreviation, a short
    form for a short form."""
    term = next((t for t in concept.terms if t.text == source_term), None)
    if term is not None:
        return concept.counterpart(tgt_lang, term)
    abbreviation = source_term in {t.text for t in concept.terms if t.is_abbreviation}
    return concept.preferred(tgt_lang, abbreviation=abbreviation)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def assess(text: str, reqs: Sequence[Requirement], tgt_lang: str, glossary: Glossary) -> Assessment:
    """What a candidate gets right and wrong about the required concepts."""
    hits = [h for h in find_terms(text, tgt_lang, glossary) if h.kind != "near-miss"]
    date = next((r.date for r in reqs if r.date), "")
    by_concept: dict[str, list[TermHit]] = {}
    for h in hits:
        by_concept.setdefault(h.concept, []).append(h)

    def allowed_then(h: TermHit) -> bool:
        dated = _dated_ok(h, glossary, date)
        return h.status in ("preferred", "admitted") if dated is None else dated

    violations = tuple(h for h in hits if not allowed_then(h))
    missing = []
    uses = []
    preferred = 0
    for req in reqs:
        exp = _expected(req, tgt_lang)
        allowed = [h for h in by_concept.get(req.concept.id, []) if allowed_then(h)]
        if req.concept.do_not_translate and not allowed:
            literal = _fold(req.source.surface) in _fold(text)
            allowed_ok = literal
        else:
            allowed_ok = bool(allowed)
        if allowed_ok:
            preferred += any(h.status == "preferred" for h in allowed)
            got = allowed[0].surface if allowed else req.source.surface
            uses.append(
                TermUse(req.concept.id, req.source.surface, got, exp.text if exp else None, True)
            )
        else:
            if not req.advisory:
                missing.append(req)
            uses.append(
                TermUse(
                    req.concept.id,
                    req.source.surface,
                    None,
                    exp.text if exp else None,
                    False,
                    req.advisory,
                )
            )
    return Assessment(tuple(missing), violations, preferred, tuple(uses), date)


def _utility(c: Scored, a: Assessment) -> float:
    return c.score - PROBLEM_PENALTY * a.problems + PREFERRED_BONUS * a.preferred


def _sentence_case(text: str, start: int, new: str) -> str:
    """A term put at the start of a sentence gets a capital letter."""
    if new[:1].islower() and not any(ch.isalnum() for ch in text[:start]):
        return new[:1].upper() + new[1:]
    return new


def _replace_spans(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, key=lambda e: -e[0]):
        text = text[:start] + new + text[end:]
    return text


def repair(
    text: str, a: Assessment, src_lang: str, tgt_lang: str, glossary: Glossary
) -> tuple[str, list[str]]:
    """Put approved terms in place of deprecated ones and of source terms left untranslated.

    Returns the new text and a note per fix. Spans that cannot be located stay as they are.
    """
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    for hit in a.violations:
        concept = glossary.get(hit.concept)
        if concept is None:
            continue
        term = concept.preferred(
            tgt_lang, abbreviation=hit.term in {t.text for t in concept.terms if t.is_abbreviation}
        )
        if a.date and term is not None and not term.valid_on(a.date):
            term = concept.name_on(tgt_lang, a.date, term)
        if term is None or term.text == hit.term or not free(hit.start, hit.end):
            continue
        new = inflect(
            term.text,
            tgt_lang,
            form_of(hit.surface, tgt_lang, term=hit.term),
            indeclinable=term.is_abbreviation,
        )
        new = _sentence_case(text, hit.start, new)
        edits.append((hit.start, hit.end, new))
        taken.append((hit.start, hit.end))
        notes.append(f"repaired: {hit.status} '{hit.surface}' -> '{new}' ({concept.id})")
    if a.missing:
        copied = [h for h in find_terms(text, src_lang, glossary) if h.kind != "near-miss"]
        for req in a.missing:
            exp = _expected(req, tgt_lang)
            if exp is None:
                continue
            spot = next(
                (h for h in copied if h.concept == req.concept.id and free(h.start, h.end)), None
            )
            if spot is None:
                continue
            form = form_of(spot.surface, src_lang, term=spot.term)
            new = inflect(exp.text, tgt_lang, form, indeclinable=exp.is_abbreviation)
            new = _sentence_case(text, spot.start, new)
            edits.append((spot.start, spot.end, new))
            taken.append((spot.start, spot.end))
            notes.append(f"repaired: untranslated '{spot.surface}' -> '{new}' ({req.concept.id})")
    return _replace_spans(text, edits), notes


def script_share(text: str, lang: str) -> float:
    """The share of letters written in the script `lang` is written in."""
    return script.script_share(text, get_language(lang).script)


def final_checks(
    source: str, target: str, src_lang: str, tgt_lang: str, keep: frozenset[str] = frozenset()
) -> list[str]:
    """Untranslated text, text in another language and numbers that went missing, as reasons.

    `keep` holds the do-not-translate terms (check.keep_words).
    """
    reasons = []
    if not target.strip():
        reasons.append("untranslated: empty translation")
    elif _fold(target) == _fold(source) and any(ch.isalpha() for ch in source):
        reasons.append("untranslated: translation equals the source")
    elif script_share(target, tgt_lang) < 0.5:
        reasons.append(f"untranslated: most of the text is not in the {tgt_lang} script")
    else:
        wrong = wrong_language(target, tgt_lang, keep)
        if wrong is not None:
            reasons.append(f"wrong-language: {wrong.message}")
    if target.strip():
        pair = Pair(source, target, src_lang, tgt_lang, "", 0, "")
        reasons.extend(f"numbers: {f.message}" for f in check_numbers(pair))
    return reasons


def choose_and_repair(
    source: str,
    candidates: Sequence[Scored],
    src_lang: str,
    tgt_lang: str,
    glossary: Glossary,
    reqs: Sequence[Requirement] | None = None,
) -> Outcome:
    """The whole per-sentence decision: choose, repair, check, and say why."""
    if not candidates:
        why = ("untranslated: no candidate",)
        return Outcome("", segment_status(chosen=False, repairs=0, problems=why), why)
    if reqs is None:
        reqs = requirements(source, src_lang, glossary)
    first = assess(candidates[0].text, reqs, tgt_lang, glossary)
    assessed = [(0, candidates[0], first)]
    best_score = max(c.score for c in candidates)
    best_utility = _utility(candidates[0], first)
    ceiling = PREFERRED_BONUS * len(reqs)  # the most a candidate can gain on its score
    for i, c in enumerate(candidates[1:], start=1):
        # a candidate whose score cannot win even with every term right is not assessed
        if c.score + ceiling <= best_utility or c.score < best_score - MAX_SCORE_LOSS:
            continue
        a_i = assess(c.text, reqs, tgt_lang, glossary)
        assessed.append((i, c, a_i))
        best_utility = max(best_utility, _utility(c, a_i))
    eligible = [x for x in assessed if x[1].score >= best_score - MAX_SCORE_LOSS]
    rank, cand, a = max(eligible, key=lambda x: (_utility(x[1], x[2]), -x[0]))
    reasons: list[str] = []
    problems: list[str] = []
    text = cand.text
    chosen = False
    repairs = 0
    if rank > 0 and a.problems < assessed[0][2].problems:
        chosen = True
        reasons.append(f"chosen: candidate {rank + 1} of {len(candidates)} uses the approved terms")
    elif rank > 0:
        # a tie on terms: the model's own first choice is kept
        rank, cand, a = assessed[0]
        text = cand.text
    if a.problems:
        text, notes = repair(text, a, src_lang, tgt_lang, glossary)
        if notes:
            repairs = len(notes)
            reasons.extend(notes)
            a = assess(text, reqs, tgt_lang, glossary)
        for req in a.missing:
            exp = _expected(req, tgt_lang)
            problems.append(
                f"term-missing: '{req.source.surface}' ({req.concept.id}) should be rendered "
                f"as '{exp.text if exp else '?'}'"
            )
        problems.extend(
            f"term-{'deprecated' if hit.status in ('preferred', 'admitted') else hit.status}: "
            f"'{hit.surface}' ({hit.concept})"
            for hit in a.violations
        )
    problems.extend(final_checks(source, text, src_lang, tgt_lang, keep_words(glossary)))
    reasons.extend(problems)
    status = segment_status(chosen=chosen, repairs=repairs, problems=problems)
    return Outcome(text, status, tuple(reasons), rank, cand.score, a.uses, repairs)
