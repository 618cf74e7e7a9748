"""Turning memory matches into candidates for the pass: patched, scored, and said where from.

A match is adapted to the new source before it competes with the engine's n-best:
- numbers: where the memory's source and the new one hold the same count of numbers, each
  number that changed is carried into the translation (found there by its text or value);
- final punctuation of a shape match ('.' where the memory had none, '?' for '.');
- terms: where the sources differ in words that are glossary terms of different concepts, the
  memory's rendering of the old concept in the translation is replaced by the approved target
  term of the new one, inflected to the form the translation had (translate/inflect.py, the
  inflection the repair uses: pymorphy3 for ru, lang/kk.py's grammar for kk).

Scores put memory candidates into the ranking of translate/select.py, beside the engine's
length-normalised log-probabilities (about -0.2 for a good sentence, -1 for a poor one):
- an exact match of a reviewed translation scores EXACT_REVIEWED, far above any engine score, so
  it wins (select.py's MAX_SCORE_LOSS leaves the engine's candidates out of the choice) and
  still goes through the glossary checks and the repair;
- a shape match whose numbers were all carried over scores SHAPE_REVIEWED, just below;
- a fuzzy match scores -(1 - s) * FUZZY_SLOPE, s being the similarity after the patches
  (95% -> -0.3, like a good engine sentence; 75% -> -1.5, like a poor one);
- a person's translation that nobody approved yet ('translated') scores as an engine sentence
  would at best (exact 0) and loses UNREVIEWED_PENALTY on fuzzy matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from termguard.glossary.model import Glossary
from termguard.matching import TermHit, find_terms
from termguard.tm.keys import similarity_text, source_key
from termguard.tm.store import Match

EXACT_REVIEWED = 10.0
SHAPE_REVIEWED = 9.0
FUZZY_SLOPE = 6.0
UNREVIEWED_PENALTY = 0.3
#: Memory candidates offered per sentence, at most (best first).
MAX_TM_CANDIDATES = 5

_WORD = re.compile(r"\w+")
_FINAL = re.compile(r"[.!?…:;]+$")


@dataclass(frozen=True)
class TmUse:
    """Where a translation came from in the memory, and what was changed to reuse it."""

    kind: str
    similarity: float
    origin: str
    state: str
    source: str
    target: str
    same_glossary: bool
    patches: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        """The similarity shown to people: 100 for exact and shape matches."""
        return 100 if self.kind in ("exact", "shape") else int(self.similarity)

    @property
    def approvable(self) -> bool:
        """An exact match of a reviewed translation made with the current glossary, unchanged."""
        return (
            self.kind == "exact"
            and self.state == "reviewed"
            and self.same_glossary
            and not self.patches
        )

    def describe(self) -> str:
        """'tm 100% from locales/en/LC_MESSAGES/x.po:41 (reviewed)' for the catalog."""
        return f"tm {self.percent}% from {self.origin} ({self.state})"

    def record(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "similarity": round(self.similarity, 1),
            "origin": self.origin,
            "state": self.state,
            "source": self.source,
            "target": self.target,
            "same_glossary": self.same_glossary,
            "patches": list(self.patches),
        }


@dataclass(frozen=True)
class TmCandidate:
    """A memory translation adapted to the new source, scored for the choice."""

    text: str
    score: float
    use: TmUse


def word_diff(old: str, new: str) -> str:
    """The new source against the memory's, word by word: 'a [-old-]{+new+} c'."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, key=lambda e: -e[0]):
        text = text[:start] + new + text[end:]
    return text


def _sentence_case(text: str, start: int, new: str) -> str:
    if new[:1].islower() and not any(ch.isalnum() for ch in text[:start]):
        return new[:1].upper() + new[1:]
    return new


def _number_edits(
    query: str, source: str, target: str, src_lang: str, tgt_lang: str
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], list[str], bool]:
    """Target edits and source edits carrying the query's numbers over; notes; all carried."""
    from termguard.check import numbers

    q_nums, s_nums = numbers(query, src_lang), numbers(source, src_lang)
    if len(q_nums) != len(s_nums):
        return [], [], [], not q_nums and not s_nums
    t_nums = numbers(target, tgt_lang)
    used: set[int] = set()
    t_edits: list[tuple[int, int, str]] = []
    s_edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    ok = True

    def written(text: str) -> int | None:
        return next((i for i, t in enumerate(t_nums) if i not in used and t.text == text), None)

    for q, s in zip(q_nums, s_nums, strict=True):
        if q.text == s.text:
            # the same number: keep its place in the target from being taken by another
            same = written(s.text)
            if same is not None:
                used.add(same)
            continue
        spot = written(s.text)
        if spot is None and q.text.isdigit():
            spot = next(
                (
                    i
                    for i, t in enumerate(t_nums)
                    if i not in used and t.text.isdigit() and s.values[:1] == t.values[:1]
                ),
                None,
            )
        if spot is None:
            ok = False
            notes.append(f"numbers: could not carry {q.text} over (the memory has {s.text})")
            continue
        used.add(spot)
        t = t_nums[spot]
        t_edits.append((t.start, t.end, q.text))
        s_edits.append((s.start, s.end, q.text))
        notes.append(f"numbers patched: {s.text} -> {q.text}")
    return t_edits, s_edits, notes, ok


def _full_stop(lang: str) -> bool:
    from termguard.lang import find_language

    language = find_language(lang)
    return language.full_stop if language else True


def _final_punctuation(query: str, source: str, target: str, tgt_lang: str) -> tuple[str, str]:
    """The target with the query's final punctuation where the memory's source had another."""
    fq, fs = _FINAL.search(query.rstrip()), _FINAL.search(source.rstrip())
    pq, ps = (fq.group() if fq else ""), (fs.group() if fs else "")
    body = target.rstrip()
    if pq == ps or (pq == "." and not _full_stop(tgt_lang)):
        return target, ""
    ft = _FINAL.search(body)
    pt = ft.group() if ft else ""
    if pt != ps:
        return target, ""
    return body[: len(body) - len(pt)] + pq, f"punctuation patched: '{ps}' -> '{pq}'"


def _real(hits: Sequence[TermHit]) -> list[TermHit]:
    return [h for h in hits if h.kind != "near-miss"]


def _term_edits(
    query: str,
    q_hits: Sequence[TermHit],
    source: str,
    target: str,
    src_lang: str,
    tgt_lang: str,
    glossary: Glossary,
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], list[str]]:
    """Target and source edits replacing the old concept's term by the new concept's."""
    from termguard.translate.inflect import form_of, inflect

    s_hits = _real(find_terms(source, src_lang, glossary))
    qh_all = _real(q_hits)
    if not s_hits or not qh_all:
        return [], [], []
    s_tok = list(_WORD.finditer(source))
    q_tok = list(_WORD.finditer(query))
    sm = SequenceMatcher(
        None,
        [m.group().casefold() for m in s_tok],
        [m.group().casefold() for m in q_tok],
        autojunk=False,
    )
    t_hits: list[TermHit] | None = None
    t_edits: list[tuple[int, int, str]] = []
    s_edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    done: set[int] = set()
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or i2 == i1 or j2 == j1:
            continue
        s_span = (s_tok[i1].start(), s_tok[i2 - 1].end())
        q_span = (q_tok[j1].start(), q_tok[j2 - 1].end())
        sh = [h for h in s_hits if h.start < s_span[1] and h.end > s_span[0] and id(h) not in done]
        qh = [h for h in qh_all if h.start < q_span[1] and h.end > q_span[0]]
        if not sh or len(sh) != len(qh):
            continue
        for a, b in zip(sh, qh, strict=True):
            done.add(id(a))
            if a.concept == b.concept:
                continue
            if t_hits is None:
                t_hits = _real(find_terms(target, tgt_lang, glossary))
            in_source = [h for h in s_hits if h.concept == a.concept]
            in_target = [h for h in t_hits if h.concept == a.concept]
            concept = glossary.get(b.concept)
            if len(in_source) != len(in_target) or concept is None:
                continue
            t = in_target[in_source.index(a)]
            abbreviation = b.term in {x.text for x in concept.terms if x.is_abbreviation}
            term = concept.preferred(tgt_lang, abbreviation=abbreviation)
            if term is None:
                continue
            new = inflect(
                term.text,
                tgt_lang,
                form_of(t.surface, tgt_lang, term=t.term),
                indeclinable=term.is_abbreviation,
            )
            new = _sentence_case(target, t.start, new)
            t_edits.append((t.start, t.end, new))
            s_edits.append((a.start, a.end, b.surface))
            notes.append(f"term patched: '{t.surface}' -> '{new}' ({b.concept})")
    return t_edits, s_edits, notes


def adapt(
    match: Match,
    query: str,
    query_hits: Sequence[TermHit],
    glossary: Glossary,
) -> TmCandidate:
    """A match made into a candidate for `query`: numbers, punctuation and terms patched."""
    unit = match.unit
    src, tgt = unit.src_lang, unit.tgt_lang
    text = unit.target
    notes: list[str] = []
    kind = match.kind
    similarity = match.similarity
    if kind != "exact":
        t_edits, s_edits, num_notes, carried = _number_edits(query, unit.source, text, src, tgt)
        notes.extend(num_notes)
        if kind == "fuzzy":
            te, se, term_notes = _term_edits(
                query, query_hits, unit.source, text, src, tgt, glossary
            )
            t_edits += te
            s_edits += se
            notes.extend(term_notes)
        text = _apply(text, t_edits)
        patched_source = _apply(unit.source, s_edits)
        if kind == "shape":
            if carried:
                text, note = _final_punctuation(query, unit.source, text, tgt)
                if note:
                    notes.append(note)
            else:
                kind = "fuzzy"
        if kind == "fuzzy" and s_edits:
            from rapidfuzz import fuzz

            similarity = max(
                similarity,
                fuzz.ratio(
                    similarity_text(source_key(query)), similarity_text(source_key(patched_source))
                ),
            )
    reviewed = unit.state == "reviewed"
    if kind == "exact":
        score = EXACT_REVIEWED if reviewed else 0.0
    elif kind == "shape":
        score = SHAPE_REVIEWED if reviewed else -0.1
    else:
        score = -(1 - similarity / 100) * FUZZY_SLOPE - (0.0 if reviewed else UNREVIEWED_PENALTY)
    use = TmUse(
        kind=kind,
        similarity=match.similarity,
        origin=str(unit.origin),
        state=unit.state,
        source=unit.source,
        target=unit.target,
        same_glossary=unit.glossary == glossary.digest,
        patches=tuple(notes),
    )
    return TmCandidate(text, score, use)


def tm_candidates(
    matches: Sequence[Match], query: str, query_hits: Sequence[TermHit], glossary: Glossary
) -> list[TmCandidate]:
    """The best MAX_TM_CANDIDATES distinct translations the matches give, best score first."""
    out: dict[str, TmCandidate] = {}
    for m in matches:
        c = adapt(m, query, query_hits, glossary)
        if c.text.strip() and (c.text not in out or out[c.text].score < c.score):
            out[c.text] = c
    ranked = sorted(out.values(), key=lambda c: -c.score)
    return ranked[:MAX_TM_CANDIDATES]
