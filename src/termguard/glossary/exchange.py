"""What the exchange formats share: selection, records read back, term notation, TBX mappings."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from termguard.errors import ExchangeFormatError, UnknownLanguageError
from termguard.glossary.model import (
    ABBREVIATION_TYPES,
    GENDERS,
    LANGS,
    PARTS_OF_SPEECH,
    REVIEW_STATES,
    STATUSES,
    TERM_TYPES,
    Concept,
    Glossary,
    Policy,
    Source,
    Term,
)
from termguard.lang.detect import guess_by_letters

log = logging.getLogger(__name__)

#: Term fields a record can carry, in the order changes are reported and applied.
TERM_FIELDS: tuple[str, ...] = (
    "type",
    "status",
    "pos",
    "gender",
    "case_sensitive",
    "review",
    "note",
    "valid_from",
    "valid_until",
    "date_uncertain",
)
#: Concept fields a record can carry (sources are only ever added to).
CONCEPT_FIELDS: tuple[str, ...] = ("subject", "definition", "note", "do_not_translate", "policy")


@dataclass(frozen=True)
class TermRecord:
    """A term as an exchange file gives it; None marks a field the file does not carry.

    `gender` is "" for "no gender" and None for "not given". `loose` names fields whose value
    went through a lossy mapping (TBX has no forbidden status, no proper-noun part of speech):
    a glossary value that maps to the same exchange value counts as unchanged.
    `role` is "target" for the target column of a bilingual file (CSV pairs, TSV, .po), where
    a new term means "translate it this way" and so competes with the preferred term.
    """

    text: str
    lang: str
    status: str | None = None
    type: str | None = None
    pos: str | None = None
    gender: str | None = None
    case_sensitive: bool | None = None
    review: str | None = None
    note: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    date_uncertain: bool | None = None
    loose: frozenset[str] = frozenset()
    role: str = ""
    line: int = 0


@dataclass(frozen=True)
class ConceptRecord:
    """A concept as an exchange file gives it; None marks what the file does not carry."""

    id: str | None
    terms: tuple[TermRecord, ...]
    subject: str | None = None
    definition: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] | None = None
    do_not_translate: bool | None = None
    policy: Policy | None = None
    path: str = ""
    line: int = 0


def full_record(term: Term, line: int = 0) -> TermRecord:
    """A record carrying every field of `term` as our own formats write it: the review state
    only when it is not approved (a file that does not say approved leaves the review as it is)."""
    return TermRecord(
        text=term.text,
        lang=term.lang,
        status=term.status,
        type=term.type,
        pos=term.pos,
        gender=term.gender or "",
        case_sensitive=term.case_sensitive,
        review=term.review if term.review != "approved" else None,
        note=term.note,
        valid_from=term.valid_from,
        valid_until=term.valid_until,
        date_uncertain=term.date_uncertain,
        line=line,
    )


# --- selection ------------------------------------------------------------------------------


def parse_langs(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """'kk,en' (or a sequence) as a tuple in the canonical order kk, ru, th, en; None for all."""
    if value is None or value == "":
        return LANGS
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {item.strip() for item in items if item.strip()}
    for code in sorted(wanted):
        if code not in LANGS:
            raise UnknownLanguageError(code)
    return tuple(lang for lang in LANGS if lang in wanted)


def select_glossary(
    glossary: Glossary, langs: Sequence[str] = LANGS, statuses: Iterable[str] = ()
) -> Glossary:
    """Keep the terms in `langs` whose status or review state is among `statuses` (all if none).

    `statuses` mixes term statuses (preferred, admitted, deprecated, forbidden) and review
    states (approved, proposed): a term is kept if it matches one of each kind given.
    Concepts left without terms are dropped.
    """
    wanted = set(statuses)
    unknown = wanted - set(STATUSES) - set(REVIEW_STATES)
    if unknown:
        raise ValueError(
            f"unknown status {', '.join(sorted(unknown))}; use "
            + ", ".join((*STATUSES, *REVIEW_STATES))
        )
    by_status = wanted & set(STATUSES)
    by_review = wanted & set(REVIEW_STATES)
    concepts = []
    for concept in glossary:
        terms = tuple(
            t
            for t in concept.terms
            if t.lang in langs
            and (not by_status or t.status in by_status)
            and (not by_review or t.review in by_review)
        )
        if terms:
            concepts.append(replace(concept, terms=terms))
    return Glossary(tuple(concepts))


# --- bilingual rows (CSV pairs, TSV, .po, XLSX pair sheets) ----------------------------------


@dataclass(frozen=True)
class PairRow:
    """One source term with the target term to use for it, and a note for the translator."""

    concept: Concept
    source: Term
    target: Term | None
    description: str


def target_for(concept: Concept, source: Term, target_lang: str) -> Term | None:
    """The preferred target term of the same kind (abbreviation or full) as `source`."""
    return concept.preferred(target_lang, abbreviation=source.is_abbreviation)


def describe(concept: Concept, source: Term, target: Term | None, target_lang: str) -> str:
    """Definition plus what a translator must know: terms to avoid, proposed translations."""
    parts = [concept.definition.strip()]
    if source.status != "preferred":
        parts.append(f"Source term is {source.status}.")
    if concept.do_not_translate:
        parts.append("Do not translate.")
    if target is not None and target.review == "proposed":
        parts.append("Proposed translation, not yet established.")
    avoid = [t.text for t in concept.terms_in(target_lang) if not t.is_allowed]
    if avoid:
        parts.append("Do not use: " + ", ".join(avoid) + ".")
    return " ".join(p for p in parts if p)


def pair_rows(glossary: Glossary, source_lang: str, target_lang: str) -> list[PairRow]:
    """Every source term of every concept, in glossary order, with its target term."""
    rows = []
    for concept in glossary:
        for source in concept.terms_in(source_lang):
            target = target_for(concept, source, target_lang)
            rows.append(
                PairRow(concept, source, target, describe(concept, source, target, target_lang))
            )
    return rows


def pair_record(
    source: str, target: str, langs: tuple[str, str], path: str, line: int, concept_id: str = ""
) -> ConceptRecord:
    """A bilingual row read back: the source term finds the concept, the target is its term."""
    terms = [TermRecord(text=source.strip(), lang=langs[0], line=line)]
    if target.strip():
        terms.append(TermRecord(text=target.strip(), lang=langs[1], role="target", line=line))
    return ConceptRecord(id=concept_id or None, terms=tuple(terms), path=path, line=line)


# --- the term notation of CSV and XLSX cells -------------------------------------------------
#
# One term per line: the text, then non-default attributes in brackets, a note last:
#   ҮЕҰ [abbreviation, admitted]
#   Қазақстан халықтары Ассамблеясы [deprecated, proper-noun, note: historical name]
# Every attribute value is unique across the categories, so a bare word says which it is.

_CATEGORY: dict[str, str] = {
    **{v: "status" for v in STATUSES},
    **{v: "type" for v in TERM_TYPES},
    **{v: "pos" for v in PARTS_OF_SPEECH},
    **{v: "gender" for v in GENDERS},
    **{v: "review" for v in REVIEW_STATES},
    "case-sensitive": "case_sensitive",
    "case-insensitive": "case_sensitive",
}
_DEFAULTS = {"status": "preferred", "type": "full-form", "pos": "noun", "review": "approved"}
#: A term's validity in cell notation: 'from 2022-03-01', 'until 2022-03-01'.
_DATED = re.compile(r"^(from|until) (\d{4}-\d{2}-\d{2})$")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def format_term(term: Term) -> str:
    """One term in cell notation: text, then its non-default attributes in brackets."""
    attrs = [
        v
        for k, v in (
            ("type", term.type),
            ("status", term.status),
            ("pos", term.pos),
            ("review", term.review),
        )
        if v != _DEFAULTS[k]
    ]
    if term.gender:
        attrs.append(term.gender)
    if term.case_sensitive != (term.type in ABBREVIATION_TYPES):
        attrs.append("case-sensitive" if term.case_sensitive else "case-insensitive")
    if term.valid_from:
        attrs.append(f"from {term.valid_from}")
    if term.valid_until:
        attrs.append(f"until {term.valid_until}")
    if term.date_uncertain:
        attrs.append("date-uncertain")
    if term.note:
        attrs.append("note: " + _escape(term.note))
    return f"{term.text} [{', '.join(attrs)}]" if attrs else term.text


def format_terms(terms: Iterable[Term]) -> str:
    """A cell holding several terms, one per line."""
    return "\n".join(format_term(t) for t in terms)


def _parse_attrs(content: str) -> dict[str, str] | str:
    """The attributes in brackets, or the first word that is not one (as a str)."""
    found: dict[str, str] = {}
    rest = content
    note = None
    m = re.search(r"(?:^|,\s*)note:\s?(.*)$", rest, re.S)
    if m:
        note = _unescape(m.group(1))
        rest = rest[: m.start()]
    for word in (w.strip() for w in rest.split(",")):
        if not word:
            continue
        dated = _DATED.match(word)
        if dated:
            found["valid_from" if dated.group(1) == "from" else "valid_until"] = dated.group(2)
            continue
        if word == "date-uncertain":
            found["date_uncertain"] = "true"
            continue
        category = _CATEGORY.get(word)
        if category is None:
            return word
        if category in found:
            return f"{found[category]}, {word}"
        found[category] = word
    if note is not None:
        found["note"] = note
    return found


def parse_term(line: str, lang: str, path: str, lineno: int, column: str) -> TermRecord:
    """A term written in cell notation; raises ExchangeFormatError for unknown attributes."""
    text, attrs = line.strip(), {}
    if text.endswith("]") and " [" in text:
        starts = [m.start() for m in re.finditer(r" \[", text)]
        result: dict[str, str] | str = ""
        for start in starts:
            result = _parse_attrs(text[start + 2 : -1])
            if isinstance(result, dict):
                text, attrs = text[:start].strip(), result
                break
        else:
            bad = result if isinstance(result, str) else ""
            allowed = ", ".join(sorted(k for k in _CATEGORY if k not in ("case-insensitive",)))
            allowed += ", from YYYY-MM-DD, until YYYY-MM-DD, date-uncertain"
            if "," in bad:
                msg = (
                    f"term '{text}' in column {column} has two values of one kind ({bad}); keep one"
                )
            else:
                msg = (
                    f"unknown term attribute '{bad}' in column {column} ('{text}'); "
                    f"use any of: {allowed}, case-insensitive, note: ..."
                )
            raise ExchangeFormatError(msg, path, lineno)
    if not text:
        raise ExchangeFormatError(f"empty term in column {column}; remove the line", path, lineno)
    ttype = attrs.get("type", "full-form")
    case = attrs.get("case_sensitive")
    return TermRecord(
        text=text,
        lang=lang,
        status=attrs.get("status", "preferred"),
        type=ttype,
        pos=attrs.get("pos", "noun"),
        gender=attrs.get("gender", ""),
        case_sensitive=(case == "case-sensitive") if case else ttype in ABBREVIATION_TYPES,
        # not stated is not approved: an import never raises a review state on its own
        review=attrs.get("review"),
        note=attrs.get("note", ""),
        valid_from=attrs.get("valid_from", ""),
        valid_until=attrs.get("valid_until", ""),
        date_uncertain=attrs.get("date_uncertain") == "true",
        line=lineno,
    )


def parse_terms(cell: str, lang: str, path: str, lineno: int) -> tuple[TermRecord, ...]:
    """Every term of a cell, one per non-empty line."""
    return tuple(
        parse_term(line, lang, path, lineno, lang) for line in cell.splitlines() if line.strip()
    )


def format_sources(sources: Iterable[Source]) -> str:
    """Sources as 'seed: phrase', one per line."""
    return "\n".join(f"{s.seed}: {s.phrase}" for s in sources)


def parse_sources(cell: str, path: str, lineno: int) -> tuple[Source, ...]:
    """Sources written as 'seed: phrase', one per line."""
    out = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        seed, sep, phrase = line.partition(": ")
        if not sep or not seed.strip() or not phrase.strip():
            raise ExchangeFormatError(
                f"source '{line.strip()}' is not 'seed file: phrase'; write it as "
                "000_abc.txt: the phrase as it stands in the seed",
                path,
                lineno,
            )
        out.append(Source(seed=seed.strip(), phrase=phrase.strip()))
    return tuple(out)


_TRUE = {"yes", "true", "1", "y", "x"}
_FALSE = {"no", "false", "0", "n", ""}


def parse_flag(value: str, column: str, path: str, lineno: int) -> bool:
    """yes/no (also true/false, 1/0, empty for no)."""
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ExchangeFormatError(f"column {column} must be yes or no, not '{value}'", path, lineno)


# --- TBX mappings (v3 and v2 share the TBX-Basic data categories) ----------------------------
#
# TBX-Basic has no forbidden status, no proper-noun part of speech and no plural gender; they
# are written as the nearest TBX-Basic value (deprecated, noun, other) plus a note
# "termguard: status=forbidden; pos=proper-noun" that our reader turns back into the exact value.
# The same note carries review = proposed and a case_sensitive that differs from the default.

TBX_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
TBX_STATUS_READ = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "deprecated",
    "supersededTerm-admn-sts": "deprecated",
}
TBX_TYPE = {
    "full-form": "fullForm",
    "abbreviation": "abbreviation",
    "acronym": "acronym",
    "short-form": "shortForm",
    "variant": "variant",
}
TBX_TYPE_READ = {**{v: k for k, v in TBX_TYPE.items()}, "phrase": "full-form"}
TBX_POS = {p: ("noun" if p == "proper-noun" else p) for p in PARTS_OF_SPEECH}
TBX_POS_READ = {
    "noun": "noun",
    "verb": "verb",
    "adjective": "adjective",
    "adverb": "adverb",
    "other": "other",
    "properNoun": "proper-noun",
}
TBX_GENDER = {g: ("other" if g == "plural" else g) for g in GENDERS}
TBX_GENDER_READ = {"masculine": "masculine", "feminine": "feminine", "neuter": "neuter"}

#: Per field, how a glossary value looks in TBX: values that look the same compare equal
#: when a record read from TBX has the field in `loose`.
TBX_VIEW: dict[str, dict[str, str]] = {
    "status": TBX_STATUS,
    "type": TBX_TYPE,
    "pos": TBX_POS,
    "gender": TBX_GENDER,
}

MARKER = "termguard:"


def tbx_marker(term: Term) -> str:
    """The note that restores what TBX-Basic cannot say about `term`, or ''."""
    parts = []
    if term.status == "forbidden":
        parts.append("status=forbidden")
    if term.pos == "proper-noun":
        parts.append("pos=proper-noun")
    if term.gender == "plural":
        parts.append("gender=plural")
    if term.review != "approved":
        parts.append(f"review={term.review}")
    if term.case_sensitive != (term.type in ABBREVIATION_TYPES):
        parts.append(f"case_sensitive={'true' if term.case_sensitive else 'false'}")
    if term.valid_from:
        parts.append(f"valid_from={term.valid_from}")
    if term.valid_until:
        parts.append(f"valid_until={term.valid_until}")
    if term.date_uncertain:
        parts.append("date_uncertain=true")
    return f"{MARKER} {'; '.join(parts)}" if parts else ""


_MARKER_VALUES = {
    "status": ("forbidden", *STATUSES),
    "pos": PARTS_OF_SPEECH,
    "gender": GENDERS,
    "review": REVIEW_STATES,
    "case_sensitive": ("true", "false"),
    "do_not_translate": ("true", "false"),
    "date_uncertain": ("true", "false"),
}
_MARKER_DATES = ("valid_from", "valid_until")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The concept's check policy in a TBX note: this prefix, then the policy as JSON.
POLICY_MARKER = "termguard-policy:"


def parse_marker(text: str, path: str, lineno: int) -> dict[str, str]:
    """The key=value pairs of a 'termguard: ...' note."""
    out = {}
    for part in text[len(MARKER) :].split(";"):
        if not part.strip():
            continue
        key, sep, value = (s.strip() for s in part.partition("="))
        if sep and key in _MARKER_DATES and _ISO_DATE.match(value):
            out[key] = value
            continue
        if not sep or key not in _MARKER_VALUES or value not in _MARKER_VALUES[key]:
            raise ExchangeFormatError(
                f"cannot read '{part.strip()}' in note '{text}'; termguard notes hold "
                "key=value pairs: "
                + ", ".join(f"{k}={'|'.join(v)}" for k, v in _MARKER_VALUES.items())
                + ", valid_from=YYYY-MM-DD, valid_until=YYYY-MM-DD",
                path,
                lineno,
            )
        out[key] = value
    return out


def concept_marker(concept: Concept) -> str:
    """The concept-level 'termguard: ...' note, or ''."""
    return f"{MARKER} do_not_translate=true" if concept.do_not_translate else ""


def policy_note(concept: Concept) -> str:
    """The TBX note carrying the concept's check policy, or '' for the default policy."""
    data = concept.policy.to_json()
    return f"{POLICY_MARKER} {data}" if data else ""


def parse_policy(text: str, path: str, lineno: int | None) -> Policy:
    """The policy of a 'termguard-policy: {...}' note or a CSV/XLSX policy cell ('' is the
    default policy)."""
    import json

    raw = text[len(POLICY_MARKER) :] if text.startswith(POLICY_MARKER) else text
    if not raw.strip():
        return Policy()
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise TypeError("not an object")
        return Policy.from_dict(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ExchangeFormatError(
            f"cannot read the check policy '{raw.strip()[:60]}' ({exc}); it is the JSON "
            'object glossary export writes, e.g. {"check": "advisory", "scope": "kz"}',
            path,
            lineno,
        ) from exc


def guess_lang(texts: Iterable[str], glossary: Glossary) -> str | None:
    """The language whose glossary terms the texts match most, else a guess from the script."""
    texts = [t.strip() for t in texts if t.strip()]
    known: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for _, term in glossary.terms():
        known[term.lang].add(term.text.casefold())
    hits = {lang: sum(t.casefold() in known[lang] for t in texts) for lang in LANGS}
    best = max(LANGS, key=lambda lang: hits[lang])
    if hits[best] and list(hits.values()).count(hits[best]) == 1:
        return best
    return guess_by_letters("".join(texts))


def guess_pair(
    rows: Iterable[tuple[str, str, int]], glossary: Glossary, path: str
) -> tuple[str, str]:
    """(source, target) languages of a bilingual file's rows, from the glossary's terms."""
    rows = list(rows)
    source = guess_lang((s for s, _, _ in rows), glossary)
    target = guess_lang((t for _, t, _ in rows), glossary)
    if source is None or target is None or source == target:
        raise ExchangeFormatError(
            "cannot tell the languages of this bilingual file; pass --from and --to", path
        )
    log.warning(
        "%s: languages taken to be %s -> %s from the terms; pass --from and --to to set them",
        path,
        source,
        target,
    )
    return source, target


# --- what a format module declares -----------------------------------------------------------

#: export(glossary, langs, source, target) -> {"": data} or {"kk.po": data, ...}
Export = Callable[[Glossary, tuple[str, ...], "str | None", "str | None"], dict[str, bytes]]
#: read(path, glossary, pair) -> records; `pair` is (source, target) for bilingual files
Read = Callable[[str, Glossary, "tuple[str, str] | None"], list[ConceptRecord]]


@dataclass(frozen=True)
class GlossaryFormat:
    """One exchange format: how it exports a glossary and reads a file back.

    Each format module defines one as FORMAT; glossary/formats.py finds it by name.
    """

    name: str
    export: Export
    read: Read
