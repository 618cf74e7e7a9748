"""Candidates as glossary concepts for the review loop: `termguard glossary import` reads them.

A new candidate becomes a concept whose terms have the review state `proposed` (its term, the
abbreviation the text defines, the proposed translation), with the first occurrence as its
source and file:line in its note (an abbreviation or translation another concept already has is
named in the concept's note instead, so the import cannot take the entry for that concept); a
candidate that near-misses a term becomes a proposed
admitted variant of that concept, the concept's own fields copied so the import plans only the
new term.
"""

from __future__ import annotations

from collections.abc import Sequence

from termguard.extract.score import TermCandidate
from termguard.glossary.model import Concept, Glossary, Source, Term

DEFAULT_SUBJECT = "proposed-terms"


def _note(c: TermCandidate) -> str:
    where = f"found {c.frequency} time(s) in {c.documents} document(s), first at {c.source}"
    return f"termguard extract: {where} ('{c.phrase}'); score {c.score:g}"


def _source(c: TermCandidate) -> Source:
    path = c.source.rsplit(":", 1)[0]
    return Source(seed=path.rsplit("/", 1)[-1], phrase=c.phrase)


def candidate_glossary(
    candidates: Sequence[TermCandidate],
    glossary: Glossary | None = None,
    subject: str = DEFAULT_SUBJECT,
    target: str | None = None,
) -> Glossary:
    """The candidates as concepts to import (see the module doc)."""
    from termguard.glossary.importing import kebab_id

    taken = {c.id for c in glossary} if glossary is not None else set()
    # A term another concept already has would make the import take the whole entry for that
    # concept (and plan changes to it): such a term goes into the note instead.
    owned = {(t.lang, t.text): c.id for c, t in glossary.terms()} if glossary is not None else {}
    concepts: list[Concept] = []
    variants: dict[str, list[Term]] = {}
    sources: dict[str, list[Source]] = {}
    for c in candidates:
        note = _note(c)
        if c.variant_of and glossary is not None and glossary.get(c.variant_of) is not None:
            term = Term(c.term, c.lang, status="admitted", type="variant", review="proposed",
                        note=f"near miss of '{c.variant_term}'; {note}")  # fmt: skip
            variants.setdefault(c.variant_of, []).append(term)
            sources.setdefault(c.variant_of, []).append(_source(c))
            continue
        made = kebab_id(c.term) or "term"
        cid, n = f"proposed-{made}", 1
        while cid in taken:
            n += 1
            cid = f"proposed-{made}-{n}"
        taken.add(cid)
        terms = [Term(c.term, c.lang, review="proposed", note=note)]
        also = []
        if (c.lang, c.abbreviation) in owned:
            also.append(
                f"abbreviation {c.abbreviation} is a term of {owned[c.lang, c.abbreviation]}"
            )
        elif c.abbreviation and c.abbreviation != c.term:
            terms.append(
                Term(c.abbreviation, c.lang, type="abbreviation", case_sensitive=True,
                     review="proposed", note="defined in the text beside the full form")
            )  # fmt: skip
        if c.translation and target and (target, c.translation) in owned:
            also.append(
                f"aligned text proposes {c.translation} (Dice {c.translation_score:g}), "
                f"a term of {owned[target, c.translation]}"
            )
        elif c.translation and target:
            terms.append(
                Term(c.translation, target, review="proposed",
                     note=f"co-occurs in aligned text (Dice {c.translation_score:g})")
            )  # fmt: skip
        concepts.append(
            Concept(
                id=cid,
                subject=subject,
                definition=f"Proposed by termguard extract ({c.source}); write the definition.",
                terms=tuple(terms),
                note="; ".join(also),
                sources=(_source(c),),
            )
        )
    for cid, terms in variants.items():
        old = glossary[cid] if glossary is not None else None
        if old is None:
            continue
        concepts.append(
            Concept(
                id=cid,
                subject=old.subject,
                definition=old.definition,
                terms=tuple(terms),
                note=old.note,
                sources=tuple(dict.fromkeys(sources[cid])),
                do_not_translate=old.do_not_translate,
            )
        )
    return Glossary(tuple(concepts))
