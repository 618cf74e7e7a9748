"""Data structures for the concept-oriented glossary."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property

LANGS: tuple[str, ...] = ("kk", "ru", "th", "en")
STATUSES: tuple[str, ...] = ("preferred", "admitted", "deprecated", "forbidden")
TERM_TYPES: tuple[str, ...] = ("full-form", "abbreviation", "acronym", "short-form", "variant")
PARTS_OF_SPEECH: tuple[str, ...] = ("noun", "proper-noun", "adjective", "verb", "adverb", "other")
GENDERS: tuple[str, ...] = ("masculine", "feminine", "neuter", "plural")
REVIEW_STATES: tuple[str, ...] = ("approved", "proposed")

#: Statuses a translation may use; the others are violations when they appear in a target.
ALLOWED_STATUSES: frozenset[str] = frozenset({"preferred", "admitted"})
ABBREVIATION_TYPES: frozenset[str] = frozenset({"abbreviation", "acronym"})


@dataclass(frozen=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: str
    status: str = "preferred"
    type: str = "full-form"
    pos: str = "noun"
    gender: str | None = None
    case_sensitive: bool = False
    review: str = "approved"
    note: str = ""
    line: int = field(default=0, compare=False)

    @property
    def is_allowed(self) -> bool:
        """True for preferred and admitted terms."""
        return self.status in ALLOWED_STATUSES

    @property
    def is_abbreviation(self) -> bool:
        return self.type in ABBREVIATION_TYPES


@dataclass(frozen=True)
class Source:
    """Where a concept was taken from: a seed file and the phrase as it stands there."""

    seed: str
    phrase: str


@dataclass(frozen=True)
class Concept:
    """A concept with its terms in every language (one TBX conceptEntry)."""

    id: str
    subject: str
    definition: str
    terms: tuple[Term, ...]
    note: str = ""
    sources: tuple[Source, ...] = ()
    do_not_translate: bool = False
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """Terms of one language, in file order."""
        return tuple(t for t in self.terms if t.lang == lang)

    def preferred(self, lang: str, *, abbreviation: bool | None = None) -> Term | None:
        """The preferred term in `lang`; with `abbreviation` set, of that kind if there is one.

        Falls back to the first admitted term when no term is marked preferred.
        """
        terms = [t for t in self.terms_in(lang) if t.is_allowed]
        if abbreviation is not None:
            kind = [t for t in terms if t.is_abbreviation == abbreviation]
            terms = kind or terms
        for status in ("preferred", "admitted"):
            for term in terms:
                if term.status == status:
                    return term
        return None

    def is_complete(self) -> bool:
        """A preferred term in every one of the four languages."""
        return all(any(t.status == "preferred" for t in self.terms_in(lang)) for lang in LANGS)

    def to_dict(self) -> dict[str, object]:
        """Every field, in a stable order, for the canonical JSON dump."""
        return {
            "id": self.id,
            "subject": self.subject,
            "definition": self.definition,
            "note": self.note,
            "do_not_translate": self.do_not_translate,
            "sources": [asdict(s) for s in self.sources],
            "terms": {lang: [_term_dict(t) for t in self.terms_in(lang)] for lang in LANGS},
        }


def _term_dict(term: Term) -> dict[str, object]:
    d = asdict(term)
    del d["line"], d["lang"]
    return d


@dataclass(frozen=True)
class Glossary:
    """An ordered collection of concepts; immutable, so compiled indexes can be cached on it."""

    concepts: tuple[Concept, ...]

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    @cached_property
    def _by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def terms(self, lang: str | None = None) -> Iterator[tuple[Concept, Term]]:
        """Every (concept, term) pair, optionally of one language."""
        for concept in self.concepts:
            for term in concept.terms:
                if lang is None or term.lang == lang:
                    yield concept, term

    @cached_property
    def digest(self) -> str:
        """A short hash of the content, recorded in outputs so they say which glossary made them."""
        data = json.dumps(
            [c.to_dict() for c in sorted(self.concepts, key=lambda c: c.id)],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]

    def stats(self) -> dict[str, object]:
        """Counts for `termguard glossary stats`."""
        counts = {lang: 0 for lang in LANGS}
        proposed = 0
        for _, term in self.terms():
            counts[term.lang] += 1
            proposed += term.review == "proposed"
        return {
            "concepts": len(self.concepts),
            "complete": sum(c.is_complete() for c in self.concepts),
            "terms": counts,
            "proposed": proposed,
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the glossary, located in its file."""

    path: str
    line: int
    severity: str  # "error" or "warning"
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}: {tag}{self.message}"
