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
#: How strictly a concept is checked (glossary/README.md, "Check policy").
CHECK_LEVELS: tuple[str, ...] = ("required", "advisory", "off")
#: Where a concept applies: "kz" only in documents about Kazakhstan (or naming it nearby).
SCOPES: tuple[str, ...] = ("any", "kz")


def is_date(text: str, *, year: bool = True) -> bool:
    """`text` is a calendar date written 2019-05-01 (or, with `year`, a year alone: 2019).

    Dates are compared as text, so only these two shapes are dates, and 2019-13-45 is none.
    """
    import datetime

    if year and len(text) == 4 and text.isascii() and text.isdigit():
        return True
    if len(text) != 10 or not text.isascii():
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


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
    #: ISO dates: the term is the valid name from `valid_from` (inclusive) until
    #: `valid_until` (exclusive, the day the next name took effect); "" is open.
    valid_from: str = ""
    valid_until: str = ""
    #: A boundary's day is not sure: both names pass in the calendar year of each boundary.
    date_uncertain: bool = False
    line: int = field(default=0, compare=False)

    @property
    def is_allowed(self) -> bool:
        """True for preferred and admitted terms."""
        return self.status in ALLOWED_STATUSES

    @property
    def is_dated(self) -> bool:
        return bool(self.valid_from or self.valid_until)

    def valid_on(self, date: str) -> bool:
        """True if the term is the valid name on `date` (ISO, or a year 'YYYY').

        A year alone, or a boundary marked uncertain, passes the whole calendar year of the
        boundary, so a name is never held wrong for a day nobody is sure of.
        """
        if not date or not self.is_dated:
            return True
        year = date[:4]
        loose = self.date_uncertain or len(date) == 4
        lo, hi = self.valid_from, self.valid_until
        if lo and (date if len(date) > 4 else year + "-12-31") < lo:
            return loose and year == lo[:4]
        if hi and (date if len(date) > 4 else year + "-01-01") >= hi:
            return loose and year == hi[:4]
        return True

    @property
    def is_abbreviation(self) -> bool:
        return self.type in ABBREVIATION_TYPES


@dataclass(frozen=True)
class Source:
    """Where a concept was taken from: a seed file and the phrase as it stands there."""

    seed: str
    phrase: str


@dataclass(frozen=True)
class Policy:
    """How a concept is checked: its level, where it applies and what else renders it.

    Every field is documented in glossary/README.md ("Check policy"); the defaults are a
    required concept that applies everywhere and is rendered only by its own terms.
    """

    check: str = "required"
    scope: str = "any"
    kz_evidence: bool = False
    senses: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    short_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    derived: tuple[tuple[str, tuple[str, ...]], ...] = ()
    equivalents: tuple[str, ...] = ()
    omissible: str = ""
    uncertain: str = ""
    note: str = ""

    def short_forms_in(self, lang: str) -> tuple[str, ...]:
        return dict(self.short_forms).get(lang, ())

    def derived_in(self, lang: str) -> tuple[str, ...]:
        return dict(self.derived).get(lang, ())

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Policy:
        """A policy from to_dict's output; unknown keys raise KeyError, wrong types TypeError."""
        fields: dict[str, object] = {}
        for key, value in data.items():
            if key not in POLICY_FIELDS:
                raise KeyError(key)
            if key in ("short_forms", "derived"):
                if not isinstance(value, dict):
                    raise TypeError(f"{key} must be a table of languages")
                fields[key] = tuple(
                    (lang, tuple(str(v) for v in value[lang])) for lang in LANGS if value.get(lang)
                )
            elif key in ("senses", "cues", "exclude", "equivalents"):
                if not isinstance(value, list):
                    raise TypeError(f"{key} must be a list")
                fields[key] = tuple(str(v) for v in value)
            elif key == "kz_evidence":
                fields[key] = bool(value)
            else:
                fields[key] = str(value)
        return cls(**fields)  # type: ignore[arg-type]

    def to_json(self) -> str:
        """to_dict as one line of JSON ("" for the default policy), for exchange files."""
        data = self.to_dict()
        return json.dumps(data, ensure_ascii=False, sort_keys=False) if data else ""

    def to_dict(self) -> dict[str, object]:
        """The fields that differ from the default, as the glossary file writes them."""
        out: dict[str, object] = {}
        default = Policy()
        for key in POLICY_FIELDS:
            value = getattr(self, key)
            if value == getattr(default, key):
                continue
            if key in ("short_forms", "derived"):
                value = {lang: list(forms) for lang, forms in value}
            elif isinstance(value, tuple):
                value = list(value)
            out[key] = value
        return out


#: The policy's keys, in the order the glossary files and exports write them.
POLICY_FIELDS: tuple[str, ...] = (
    "check",
    "scope",
    "kz_evidence",
    "senses",
    "cues",
    "exclude",
    "short_forms",
    "derived",
    "equivalents",
    "omissible",
    "uncertain",
    "note",
)


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
    policy: Policy = Policy()
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

    def counterpart(self, lang: str, term: Term) -> Term | None:
        """The approved term in `lang` to render `term` with: a short form for a short form
        (Қазақстан -> Kazakhstan, not Republic of Kazakhstan) where `lang` has one, else the
        preferred term of its kind (an abbreviation for an abbreviation)."""
        if term.type == "short-form":
            short = [t for t in self.terms_in(lang) if t.is_allowed and t.type == "short-form"]
            if short:
                return short[0]
        return self.preferred(lang, abbreviation=term.is_abbreviation)

    def name_on(self, lang: str, date: str, like: Term | None = None) -> Term | None:
        """The concept's name in `lang` on `date`: a dated term valid then (of the kind of
        `like`, abbreviation or not, if there is one), else the preferred term."""
        dated = [t for t in self.terms_in(lang) if t.is_dated and t.valid_on(date)]
        if like is not None:
            dated = [t for t in dated if t.is_abbreviation == like.is_abbreviation] or dated
        if dated:
            return dated[0]
        return self.preferred(lang)

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
            "policy": self.policy.to_dict(),
            "terms": {lang: [_term_dict(t) for t in self.terms_in(lang)] for lang in LANGS},
        }


def _term_dict(term: Term) -> dict[str, object]:
    d = asdict(term)
    del d["line"], d["lang"]
    for key in ("valid_from", "valid_until", "date_uncertain"):
        if not d[key]:
            del d[key]  # undated terms keep the digest they had
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

    @cached_property
    def derived(self) -> dict[object, object]:
        """What other modules build from this glossary (by a key of theirs), kept with it."""
        return {}

    @cached_property
    def equivalent_of(self) -> dict[str, tuple[str, ...]]:
        """Concept id -> the concepts that declare it an equivalent (policy `equivalents`):
        a rendering of it renders them too."""
        table: dict[str, list[str]] = {}
        for concept in self.concepts:
            for e in concept.policy.equivalents:
                table.setdefault(e, []).append(concept.id)
        return {e: tuple(ids) for e, ids in table.items()}

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
