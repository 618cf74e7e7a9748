"""Bringing a translator's file back: read it, plan the changes, report conflicts, apply to TOML.

`read_exchange` (glossary/formats.py) turns a TBX (v3 or v2), CSV, TSV, XLSX, .po or JSONL file
into concept records; `plan_import` compares them with the glossary and lists new concepts, new
terms, changed statuses and other changed fields, plus conflicts it will not resolve on its own:
a term that belongs to another concept, a change of which term is preferred, an entry it cannot
place. Nothing is ever deleted: a term missing from the file stays in the glossary.
`apply_import` edits glossary/*.toml with tomlkit, so comments and layout survive, checks the
result with the glossary rules and only then replaces the files.
"""

from __future__ import annotations

import logging
import re
import tempfile
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from termguard.errors import ExchangeFormatError, GlossaryError, GlossaryFormatError
from termguard.glossary.exchange import (
    CONCEPT_FIELDS,
    TBX_VIEW,
    TERM_FIELDS,
    ConceptRecord,
    TermRecord,
)

# Re-exported: callers of this wave still import the reader from here.
from termguard.glossary.formats import detect_format as detect_format
from termguard.glossary.formats import read_exchange as read_exchange
from termguard.glossary.model import (
    ABBREVIATION_TYPES,
    LANGS,
    POLICY_FIELDS,
    Concept,
    Glossary,
    Policy,
    Source,
    Term,
)

log = logging.getLogger(__name__)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TERM_DEFAULTS: dict[str, object] = {
    "status": "preferred",
    "type": "full-form",
    "pos": "noun",
    "gender": "",
    "review": "approved",
    "note": "",
    "valid_from": "",
    "valid_until": "",
    "date_uncertain": False,
}
#: The policy's keys as the glossary files name them (its note is policy_note).
_POLICY_KEYS = tuple("policy_note" if k == "note" else k for k in POLICY_FIELDS)
_KEY_ORDER = (
    "id",
    "subject",
    "definition",
    "note",
    "sources",
    "do_not_translate",
    *_POLICY_KEYS,
    *LANGS,
)
_TERM_KEY_ORDER = (
    "text",
    "valid_from",
    "valid_until",
    "date_uncertain",
    "type",
    "status",
    "pos",
    "gender",
    "case_sensitive",
    "review",
    "note",
)


# --- planning --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change the file asks for, with where it asks for it."""

    kind: str  # new-concept, new-term, status, field, new-source
    concept_id: str
    where: str
    lang: str = ""
    term: str = ""
    field: str = ""
    old: Any = None
    new: Any = None
    path: str = ""  # the glossary file it goes to
    note: str = ""  # said after the change, e.g. where a new concept's id came from

    def describe(self) -> str:
        if self.kind == "new-concept":
            rec: ConceptRecord = self.new
            langs = Counter(t.lang for t in rec.terms)
            counts = ", ".join(f"{lang} {langs[lang]}" for lang in LANGS if langs[lang])
            said = f"; {self.note}" if self.note else ""
            return f"new concept '{self.concept_id}' ({counts}) -> {self.path}{said}"
        if self.kind == "new-term":
            t: TermRecord = self.new
            attrs = [t.status or "", t.type or ""]
            attrs += [
                v
                for v in (
                    t.pos if t.pos != "noun" else "",
                    t.gender or "",
                    t.review if t.review != "approved" else "",
                )
                if v
            ]
            return f"new {t.lang} term '{t.text}' in '{self.concept_id}' ({', '.join(attrs)})"
        if self.kind == "new-source":
            s: Source = self.new
            return f"new source for '{self.concept_id}': {s.seed}: {s.phrase}"
        what = f"'{self.concept_id}'" + (f" {self.lang} '{self.term}'" if self.lang else "")
        return f"{what}: {self.field} {_show(self.old)} -> {_show(self.new)}"


@dataclass(frozen=True)
class Conflict:
    """A change the file asks for that needs a person: it is reported, never applied."""

    concept_id: str
    where: str
    message: str


@dataclass
class ImportPlan:
    """Every change and conflict found in one file, in file order."""

    source: str
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def summary(self) -> list[str]:
        """The reviewable lines: each change and conflict with its file:line, then totals."""
        entries = [(c.where, c.describe()) for c in self.changes]
        entries += [(c.where, f"conflict: {c.message}") for c in self.conflicts]
        entries.sort(key=lambda e: _where_key(e[0]))
        return [f"{where}: {text}" for where, text in entries] + [self.totals()]

    def totals(self) -> str:
        if not self.changes and not self.conflicts:
            return "no changes"
        n = Counter("term-field" if c.kind == "field" and c.lang else c.kind for c in self.changes)
        parts = [
            f"{n['new-concept']} new concept(s)",
            f"{n['new-term']} new term(s)",
            f"{n['status']} status change(s)",
            f"{n['field'] + n['term-field']} other change(s)",
            f"{n['new-source']} new source(s)",
            f"{len(self.conflicts)} conflict(s)",
        ]
        return ", ".join(parts)


def _where_key(where: str) -> tuple[str, int]:
    path, _, line = where.rpartition(":")
    return (path, int(line)) if line.isdigit() else (where, 0)


def _show(value: Any) -> str:
    if isinstance(value, Policy):
        value = value.to_json() or "default"
    if value is None or value == "":
        return "(none)"
    text = repr(value) if isinstance(value, str) else str(value).lower()
    return text if len(text) <= 120 else text[:117] + "...'"


def _key(lang: str, text: str) -> tuple[str, str]:
    return lang, unicodedata.normalize("NFC", text).casefold()


def _is_abbr(term_type: str | None) -> bool:
    return (term_type or "full-form") in ABBREVIATION_TYPES


def _filled(t: TermRecord, status: str) -> TermRecord:
    """A new term's record with every unknown field at its default."""
    ttype = t.type or "full-form"
    return replace(
        t,
        status=status,
        type=ttype,
        pos=t.pos or "noun",
        gender=t.gender or "",
        case_sensitive=ttype in ABBREVIATION_TYPES
        if t.case_sensitive is None
        else t.case_sensitive,
        # a translator's term is proposed until a reviewer approves it, unless the file says so
        review=t.review or "proposed",
        note=t.note or "",
        loose=frozenset(),
    )


class _Planner:
    def __init__(self, glossary: Glossary, source: str, target_file: Any) -> None:
        self.glossary = glossary
        self.plan = ImportPlan(source)
        self.target_file = target_file
        self.owner: dict[tuple[str, str], tuple[Concept, Term]] = {}
        for concept, term in glossary.terms():
            self.owner.setdefault(_key(term.lang, term.text), (concept, term))
        # What the plan has done so far, so a file that lists a thing twice (an XLSX sheet and
        # its pair sheets) gives one change, and a second preferred term gives a conflict.
        self.status: dict[tuple[str, str, str], str] = {}  # (concept, lang, folded) -> status
        self.added: dict[tuple[str, str], list[TermRecord]] = {}  # (concept, lang) -> new terms
        self.new_terms: dict[tuple[str, str], str] = {}  # (lang, folded) -> concept
        self.seen: dict[tuple[object, ...], Any] = {}
        self.new_concepts: dict[str, str] = {}

    def where(self, rec: ConceptRecord, line: int = 0) -> str:
        return f"{rec.path}:{line or rec.line}"

    def conflict(self, cid: str, where: str, msg: str) -> None:
        self.plan.conflicts.append(Conflict(cid, where, msg))

    def change(self, change: Change) -> None:
        key = (
            change.kind,
            change.concept_id,
            change.lang,
            _key(change.lang, change.term)[1],
            change.field,
        )
        if key in self.seen:
            if change.kind not in ("new-term", "new-source") and self.seen[key] != change.new:
                self.conflict(
                    change.concept_id,
                    change.where,
                    f"the file gives '{change.concept_id}' {change.field} twice: "
                    f"{_show(self.seen[key])} and {_show(change.new)}; keep one",
                )
            return
        self.seen[key] = change.new
        self.plan.changes.append(change)

    # -- matching a record to a concept --

    def match(self, rec: ConceptRecord) -> Concept | str | None:
        """The concept the record is about, None for a new one, or "" when it cannot be placed."""
        if rec.id and self.glossary.get(rec.id) is not None:
            return self.glossary[rec.id]
        owners = sorted(
            {self.owner[k][0].id for t in rec.terms if (k := _key(t.lang, t.text)) in self.owner}
        )
        if len(owners) == 1:
            return self.glossary[owners[0]]
        if len(owners) > 1:
            names = ", ".join(f"'{o}'" for o in owners)
            self.conflict(
                rec.id or owners[0],
                self.where(rec),
                f"the terms of this entry belong to concepts {names} in the glossary; "
                "one entry is one concept: split it",
            )
            return ""
        if rec.id:
            return None
        first = rec.terms[0] if rec.terms else None
        what = f"the {first.lang} term '{first.text}'" if first else "its terms"
        self.conflict(
            "?",
            self.where(rec),
            f"no concept has {what}; a file without concept ids can only add "
            "translations to concepts the glossary has: add the concept to glossary/ "
            "first, or import a file with ids (TBX, multilingual CSV or XLSX)",
        )
        return ""

    # -- an existing concept --

    def _current(self, concept: Concept, lang: str) -> list[tuple[str, str, bool]]:
        """(text, status, is abbreviation) of the concept's terms with the planned changes."""
        out = [
            (
                t.text,
                self.status.get((concept.id, *_key(lang, t.text)), t.status),
                t.is_abbreviation,
            )
            for t in concept.terms_in(lang)
        ]
        out += [
            (t.text, t.status or "", _is_abbr(t.type))
            for t in self.added.get((concept.id, lang), [])
        ]
        return out

    def allowed(self, concept: Concept, lang: str) -> list[str]:
        """Preferred and admitted terms, preferred first."""
        current = self._current(concept, lang)
        return [
            text
            for want in ("preferred", "admitted")
            for text, status, _ in current
            if status == want
        ]

    def preferred(self, concept: Concept, lang: str, abbr: bool) -> str | None:
        for text, status, is_abbr in self._current(concept, lang):
            if status == "preferred" and is_abbr == abbr:
                return text
        return None

    def existing(self, rec: ConceptRecord, concept: Concept) -> None:
        where = self.where(rec)
        for name in CONCEPT_FIELDS:
            new = getattr(rec, name)
            old = getattr(concept, name)
            if new is not None and new != old:
                self.change(
                    Change(
                        "field", concept.id, where, field=name, old=old, new=new, path=concept.path
                    )
                )
        for s in rec.sources or ():
            if s not in concept.sources:
                self.change(
                    Change(
                        "new-source",
                        concept.id,
                        where,
                        term=f"{s.seed}\0{s.phrase}",
                        new=s,
                        path=concept.path,
                    )
                )
        for t in rec.terms:
            owner = self.owner.get(_key(t.lang, t.text))
            if owner is None:
                self.new_term(rec, concept, t)
            elif owner[0].id != concept.id:
                self.moved(rec, concept.id, t, owner)
            else:
                self.compare(rec, concept, owner[1], t)

    def moved(
        self, rec: ConceptRecord, cid: str, t: TermRecord, owner: tuple[Concept, Term]
    ) -> None:
        c, g = owner
        self.conflict(
            cid,
            self.where(rec, t.line),
            f"{t.lang} term '{t.text}' is in concept '{c.id}' in the glossary "
            f"({c.path}:{g.line}) but in '{cid}' in the file; move it in glossary/ "
            "by hand if it really belongs there",
        )

    def compare(self, rec: ConceptRecord, concept: Concept, g: Term, t: TermRecord) -> None:
        where = self.where(rec, t.line)
        if t.text != g.text:
            self.change(
                Change(
                    "field", concept.id, where, g.lang, g.text, "text", g.text, t.text, concept.path
                )
            )
        for name in TERM_FIELDS:
            new = getattr(t, name)
            if new is None:
                continue
            old = getattr(g, name)
            if name == "gender":
                old = old or ""
            if new == old:
                continue
            view = TBX_VIEW.get(name, {})
            if name in t.loose and view.get(old) == view.get(new, new):
                continue
            if name == "status" and "preferred" in (old, new):
                other = self.preferred(concept, g.lang, g.is_abbreviation)
                self.conflict(
                    concept.id,
                    where,
                    f"the file makes {g.lang} '{g.text}' {new} in '{concept.id}', the "
                    f"glossary has it {old}"
                    + (f" (preferred: '{other}')" if other and other != g.text else "")
                    + "; which term is preferred is decided in glossary/: edit it "
                    "by hand",
                )
                continue
            kind = "status" if name == "status" else "field"
            if name == "status":
                self.status[(concept.id, *_key(g.lang, g.text))] = new
            self.change(
                Change(kind, concept.id, where, g.lang, g.text, name, old, new, concept.path)
            )

    def new_term(self, rec: ConceptRecord, concept: Concept, t: TermRecord) -> None:
        where = self.where(rec, t.line)
        key = _key(t.lang, t.text)
        if key in self.new_terms:
            if self.new_terms[key] != concept.id:
                self.conflict(
                    concept.id,
                    where,
                    f"{t.lang} term '{t.text}' is given to concepts "
                    f"'{self.new_terms[key]}' and '{concept.id}' in the file; keep one",
                )
            return
        abbr = _is_abbr(t.type)
        status = t.status
        if t.role == "target":
            allowed = self.allowed(concept, t.lang)
            source = next((x for x in rec.terms if x.role != "target"), None)
            what = f"{source.lang} '{source.text}'" if source else "it"
            if allowed:
                self.conflict(
                    concept.id,
                    where,
                    f"the file translates {what} as {t.lang} '{t.text}', the glossary as "
                    f"'{allowed[0]}' ('{concept.id}'); to change the preferred term edit "
                    "glossary/ by hand, or add the new one as admitted in a TBX, CSV or "
                    "XLSX file",
                )
                return
            status = "preferred"
        elif status is None:
            status = "admitted" if self.preferred(concept, t.lang, abbr) else "preferred"
        elif status == "preferred":
            other = self.preferred(concept, t.lang, abbr)
            if other:
                self.conflict(
                    concept.id,
                    where,
                    f"the file adds {t.lang} '{t.text}' as preferred to '{concept.id}', "
                    f"where '{other}' is preferred; which term is preferred is decided "
                    "in glossary/: edit it by hand, or add the new term as admitted",
                )
                return
        filled = _filled(t, status)
        self.new_terms[key] = concept.id
        self.added.setdefault((concept.id, t.lang), []).append(filled)
        self.change(
            Change("new-term", concept.id, where, t.lang, t.text, new=filled, path=concept.path)
        )

    # -- a new concept --

    def new_id(self, rec: ConceptRecord) -> tuple[str, str]:
        """The record's id if it is kebab-case, else one made from its English term (or its id
        or first term, transliterated), with a note saying so; ('', '') if none can be made."""
        cid = rec.id or ""
        if _ID.match(cid):
            return cid, ""
        english = [t for t in rec.terms if t.lang == "en"]
        english.sort(key=lambda t: (t.status not in (None, "preferred"), _is_abbr(t.type)))
        base = english[0].text if english else cid or (rec.terms[0].text if rec.terms else "")
        made = kebab_id(base)
        if not made:
            return "", ""
        taken = {c.id for c in self.glossary} | set(self.new_concepts)
        unique, n = made, 1
        while unique in taken:
            n += 1
            unique = f"{made}-{n}"
        return unique, f"id made from '{base}' (the file's id '{cid}' is not kebab-case)"

    def new_concept(self, rec: ConceptRecord) -> None:
        where = self.where(rec)
        cid, id_note = self.new_id(rec)
        if not cid:
            self.conflict(
                rec.id or "",
                where,
                f"new concept id '{rec.id or ''}' is not kebab-case; use lowercase "
                "letters, digits and hyphens (e.g. civil-society-forum)",
            )
            return
        if cid in self.new_concepts:
            self.conflict(
                cid,
                where,
                f"concept '{cid}' is in the file twice (first at "
                f"{self.new_concepts[cid]}); merge the entries",
            )
            return
        if not rec.definition:
            self.conflict(
                cid,
                where,
                f"new concept '{cid}' has no definition; write one in English in the file",
            )
            return
        terms: list[TermRecord] = []
        for t in rec.terms:
            key = _key(t.lang, t.text)
            if key in self.owner:
                self.moved(rec, cid, t, self.owner[key])
                continue
            if key in self.new_terms:
                self.conflict(
                    cid,
                    self.where(rec, t.line),
                    f"{t.lang} term '{t.text}' is given to concepts "
                    f"'{self.new_terms[key]}' and '{cid}' in the file; keep one",
                )
                continue
            abbr = _is_abbr(t.type)
            status = t.status
            has_pref = any(
                x.status == "preferred" and _is_abbr(x.type) == abbr and x.lang == t.lang
                for x in terms
            )
            if status is None:
                status = "admitted" if has_pref else "preferred"
            self.new_terms[key] = cid
            terms.append(_filled(t, status))
        if not terms:
            self.conflict(cid, where, f"new concept '{cid}' has no term to add")
            return
        path = self.target_file(rec.subject)
        if path is None:
            self.conflict(
                cid,
                where,
                f"new concept '{cid}' has no subject; fill in the subject "
                "or name the file with --into",
            )
            return
        self.new_concepts[cid] = where
        full = replace(
            rec,
            id=cid,
            terms=tuple(terms),
            sources=rec.sources or (),
            note=rec.note or "",
            do_not_translate=bool(rec.do_not_translate),
            policy=rec.policy or Policy(),
        )
        self.change(Change("new-concept", cid, where, new=full, path=str(path), note=id_note))

    def run(self, records: Iterable[ConceptRecord]) -> ImportPlan:
        for rec in records:
            concept = self.match(rec)
            if concept is None:
                self.new_concept(rec)
            elif isinstance(concept, Concept):
                self.existing(rec, concept)
        return self.plan


def kebab_id(text: str, limit: int = 48) -> str:
    """A concept id made from a term: ASCII (transliterated), lowercase words joined by hyphens,
    cut at a hyphen to at most `limit` characters: 'үкіметтік емес ұйым' -> 'ukimettik-emes-uyym'.
    """
    from anyascii import anyascii

    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rsplit("-", 1)[0]
        slug = cut if cut else slug[:limit]
    return slug.strip("-")


def _file_subject(path: Path) -> str | None:
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("subject")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "glossary"


def plan_import(
    glossary: Glossary,
    records: Sequence[ConceptRecord],
    paths: Sequence[str | Path] = ("glossary",),
    into: str | Path | None = None,
    source: str = "",
) -> ImportPlan:
    """Compare records with the glossary: the changes they ask for and the conflicts.

    New concepts go to `into` if given, else to the glossary file whose `subject` (or whose
    concepts' subject) is theirs, else to a new file named after the subject.
    """
    from termguard.glossary.read import glossary_files

    files = glossary_files(paths)
    folder = Path(paths[0]) if Path(paths[0]).is_dir() else Path(paths[0]).parent

    def target_file(subject: str | None) -> Path | None:
        if into is not None:
            return Path(into)
        if not subject:
            return None
        for f in files:
            if _file_subject(f) == subject:
                return f
        used = Counter(c.path for c in glossary if c.subject == subject and c.path)
        if used:
            return Path(used.most_common(1)[0][0])
        return folder / f"{_slug(subject)}.toml"

    name = source or (records[0].path if records else "")
    return _Planner(glossary, name, target_file).run(records)


# --- applying --------------------------------------------------------------------------------


def _q(value: object) -> str:
    """A TOML value as tomlkit writes it (strings escaped)."""
    import tomlkit

    return tomlkit.item(value).as_string()


def _term_fields(t: TermRecord) -> list[tuple[str, object]]:
    values: dict[str, object] = {
        "text": t.text,
        "type": t.type,
        "status": t.status,
        "pos": t.pos,
        "gender": t.gender or "",
        "case_sensitive": t.case_sensitive,
        "review": t.review,
        "note": t.note or "",
        "valid_from": t.valid_from or "",
        "valid_until": t.valid_until or "",
        "date_uncertain": bool(t.date_uncertain),
    }
    out = []
    for k in _TERM_KEY_ORDER:
        v = values[k]
        if k == "text":
            out.append((k, v))
        elif k == "case_sensitive":
            if v != _is_abbr(t.type):
                out.append((k, v))
        elif v != _TERM_DEFAULTS[k]:
            out.append((k, v))
    return out


def _inline(t: TermRecord) -> str:
    return "{ " + ", ".join(f"{k} = {_q(v)}" for k, v in _term_fields(t)) + " }"


def _array_text(items: list[str]) -> str:
    if len(items) == 1:
        return f"[{items[0]}]"
    return "[\n" + "".join(f"  {i},\n" for i in items) + "]"


def _concept_block(rec: ConceptRecord, file_subject: str | None) -> str:
    lines = ["", "[[concept]]", f"id = {_q(rec.id)}"]
    if rec.subject and rec.subject != file_subject:
        lines.append(f"subject = {_q(rec.subject)}")
    lines.append(f"definition = {_q(rec.definition)}")
    if rec.note:
        lines.append(f"note = {_q(rec.note)}")
    if rec.sources:
        items = [
            "{ seed = " + _q(s.seed) + ", phrase = " + _q(s.phrase) + " }" for s in rec.sources
        ]
        lines.append(f"sources = {_array_text(items)}")
    if rec.do_not_translate:
        lines.append("do_not_translate = true")
    for key, value in _policy_values(rec.policy or Policy()):
        lines.append(f"{key} = {value}")
    for lang in LANGS:
        items = [_inline(t) for t in rec.terms if t.lang == lang]
        if items:
            lines.append(f"{lang} = {_array_text(items)}")
    return "\n".join(lines) + "\n"


def _policy_values(policy: Policy) -> list[tuple[str, str]]:
    """(file key, TOML text) of each policy field that is not the default, in file order."""
    out = []
    for key, value in policy.to_dict().items():
        name = "policy_note" if key == "note" else key
        if isinstance(value, dict):
            text = "{ " + ", ".join(f"{lang} = {_q(forms)}" for lang, forms in value.items()) + " }"
        else:
            text = _q(value)
        out.append((name, text))
    return out


def _set_policy(table: Any, policy: Policy) -> None:
    """Write `policy` into a concept table: changed keys replaced, default ones removed."""
    wanted = dict(_policy_values(policy))
    for name in _POLICY_KEYS:
        if name not in wanted:
            if name in table:
                del table[name]
        elif name in table:
            table[name] = _parse_value(wanted[name])
        else:
            _insert(table, name, _parse_value(wanted[name]))


def _parse_value(text: str) -> Any:
    import tomlkit

    return tomlkit.parse(f"x = {text}\n")["x"]


def _insert(table: Any, key: str, value: Any) -> None:
    """Add `key` to a concept table at its place in the usual key order."""
    body = table.value.body
    rank = _KEY_ORDER.index(key) if key in _KEY_ORDER else len(_KEY_ORDER)
    position = None
    for i, (k, _) in enumerate(body):
        if k is None:
            continue
        name = k.key
        if name in _KEY_ORDER and _KEY_ORDER.index(name) > rank:
            position = i
            break
    if position is None:
        last = [i for i, (k, _) in enumerate(body) if k is not None]
        position = last[-1] + 1 if last else len(body)
    table.value._insert_at(position, key, value)


def _find_term(array: Any, text: str) -> int | None:
    folded = unicodedata.normalize("NFC", text).casefold()
    for i, item in enumerate(array):
        if unicodedata.normalize("NFC", str(item.get("text", ""))).casefold() == folded:
            return i
    return None


def _set_term_field(array: Any, index: int, name: str, new: Any) -> None:
    """Change one field of the term at `index`, rewriting its inline table in the file's style."""
    item = array[index]
    values = {str(k): item.item(k).as_string().strip() for k in item}
    ttype = str(item.get("type", "full-form"))
    default = _is_abbr(ttype) if name == "case_sensitive" else _TERM_DEFAULTS.get(name)
    if name != "text" and (new == default or (name == "gender" and not new)):
        values.pop(name, None)
    else:
        values[name] = _q(new)
    if name == "type" and "case_sensitive" not in item and _is_abbr(ttype) != _is_abbr(new):
        # Keep the case sensitivity the term had: the default differs between types.
        values["case_sensitive"] = _q(_is_abbr(ttype))
    array[index] = _parse_value("{ " + ", ".join(f"{k} = {v}" for k, v in values.items()) + " }")


def _append_item(table: Any, key: str, item_text: str) -> None:
    if key not in table:
        _insert(table, key, _parse_value(f"[{item_text}]"))
        return
    array = table[key]
    single_line = "\n" not in array.as_string()
    array.append(_parse_value(item_text))
    if single_line and len(key) + 3 + len(array.as_string()) > 100 and not array.trivia.comment:
        items = [v.as_string().strip() for v in array]
        table[key] = _parse_value(_array_text(items))


def _concept_table(doc: Any, cid: str, path: str) -> Any:
    for table in doc.get("concept", []):
        if table.get("id") == cid:
            return table
    raise ExchangeFormatError(
        f"concept '{cid}' is no longer in this file; the glossary changed since it was read: "
        "run the import again",
        path,
    )


def _apply_change(doc: Any, change: Change, file_subject: str | None) -> None:
    table = _concept_table(doc, change.concept_id, change.path)
    if change.kind == "new-term":
        _append_item(table, change.lang, _inline(change.new))
    elif change.kind == "new-source":
        s: Source = change.new
        _append_item(
            table, "sources", "{ seed = " + _q(s.seed) + ", phrase = " + _q(s.phrase) + " }"
        )
    elif change.lang:
        array = table.get(change.lang, [])
        index = _find_term(array, change.term)
        if index is None:
            raise ExchangeFormatError(
                f"{change.lang} term '{change.term}' is no longer in concept "
                f"'{change.concept_id}'; run the import again",
                change.path,
            )
        _set_term_field(array, index, change.field, change.new)
    elif change.field == "policy":
        _set_policy(table, change.new)
    else:
        name, new = change.field, change.new
        drop = (
            (name == "do_not_translate" and not new)
            or (name == "note" and not new)
            or (name == "subject" and new == file_subject)
        )
        if drop:
            if name in table:
                del table[name]
        elif name in table:
            table[name] = new
        else:
            _insert(table, name, _parse_value(_q(new)))


def render_changes(plan: ImportPlan, files: dict[str, str]) -> dict[str, str]:
    """The new text of every glossary file the plan changes, from the current `files` texts."""
    import tomlkit

    by_file: dict[str, list[Change]] = {}
    for change in plan.changes:
        by_file.setdefault(change.path, []).append(change)
    out = {}
    for path, changes in by_file.items():
        text = files.get(path, "")
        new_concepts: list[ConceptRecord] = [c.new for c in changes if c.kind == "new-concept"]
        if not text.strip():  # a new file, named after the subject of its first concept
            subject = new_concepts[0].subject if new_concepts else None
            blocks = "".join(_concept_block(r, subject) for r in new_concepts)
            out[path] = f"subject = {_q(subject)}\n" + blocks if subject else blocks.lstrip("\n")
            continue
        doc = tomlkit.parse(text)
        value = doc.get("subject")
        file_subject = str(value) if value is not None else None
        for change in changes:
            if change.kind != "new-concept":
                _apply_change(doc, change, file_subject)
        new_text = tomlkit.dumps(doc)
        if new_concepts:
            new_text = (
                new_text.rstrip("\n")
                + "\n"
                + "".join(_concept_block(r, file_subject) for r in new_concepts)
            )
        out[path] = new_text
    return out


def apply_import(plan: ImportPlan, paths: Sequence[str | Path] = ("glossary",)) -> list[str]:
    """Write the plan's changes (never its conflicts) into the glossary files; returns them.

    The edited files are checked with every glossary rule first, beside the untouched ones;
    if that finds an error nothing is written and GlossaryError lists the problems.
    """
    from termguard.glossary.read import glossary_files, load_glossary
    from termguard.writers.atomic import write_text

    if not plan.changes:
        return []
    current = {str(f): f.read_text(encoding="utf-8") for f in glossary_files(paths)}
    for change in plan.changes:
        if change.path not in current and Path(change.path).exists():
            current[change.path] = Path(change.path).read_text(encoding="utf-8")
    new = render_changes(plan, current)
    with tempfile.TemporaryDirectory(prefix="termguard-import-") as tmp:
        names: dict[str, str] = {}
        for i, (path, text) in enumerate({**current, **new}.items()):
            copy = Path(tmp) / "glossary" / f"{i:03d}-{Path(path).name}"
            copy.parent.mkdir(exist_ok=True)
            copy.write_text(text, encoding="utf-8")
            names[str(copy)] = path
        try:
            _, problems = load_glossary([Path(tmp) / "glossary"])
        except GlossaryFormatError as exc:
            raise GlossaryFormatError(
                f"the import would write invalid TOML ({exc.msg}); nothing was written",
                names.get(exc.path, exc.path),
                exc.lineno,
            ) from exc
        errors = [
            replace(p, path=names.get(p.path, p.path)) for p in problems if p.severity == "error"
        ]
    if errors:
        raise GlossaryError(list(errors))
    for path, text in new.items():
        write_text(path, text)
    return sorted(new)
