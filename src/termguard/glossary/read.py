"""Reading glossary/*.toml into the model, collecting every problem with its file and line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from termguard.errors import GlossaryError, GlossaryFormatError
from termguard.glossary.model import (
    ABBREVIATION_TYPES,
    CHECK_LEVELS,
    GENDERS,
    LANGS,
    PARTS_OF_SPEECH,
    POLICY_FIELDS,
    REVIEW_STATES,
    SCOPES,
    STATUSES,
    TERM_TYPES,
    Concept,
    Glossary,
    Policy,
    Problem,
    Source,
    Term,
    is_date,
)
from termguard.glossary.rules import check_glossary

_POLICY_KEYS = {f"policy_{k}" if k == "note" else k for k in POLICY_FIELDS}
_CONCEPT_KEYS = {
    "id",
    "subject",
    "definition",
    "note",
    "sources",
    "do_not_translate",
    *_POLICY_KEYS,
    *LANGS,
}
_TERM_KEYS = {
    "text",
    "status",
    "type",
    "pos",
    "gender",
    "case_sensitive",
    "review",
    "note",
    "valid_from",
    "valid_until",
    "date_uncertain",
}
_FILE_KEYS = {"subject", "concept"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOML_LINE = re.compile(r"at line (\d+)")
_TOP_KEY = re.compile(r"^([A-Za-z_]+)\s*=")
_TEXT_KEY = re.compile(r"(?<![\w\"])text\s*=")


class _Lines:
    """Finds the line of a concept, key or term in the raw TOML text (tomllib gives none)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [i for i, s in enumerate(self.lines) if s.strip() == "[[concept]]"]

    def _block(self, index: int) -> range:
        if index >= len(self.headers):
            return range(0)
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
        return range(self.headers[index], end)

    def concept(self, index: int) -> int:
        block = self._block(index)
        return block.start + 1 if block else 0

    def key(self, index: int, key: str) -> int:
        for i in self._block(index):
            m = _TOP_KEY.match(self.lines[i])
            if m and m.group(1) == key:
                return i + 1
        return self.concept(index)

    def term(self, index: int, lang: str, position: int) -> int:
        start = self.key(index, lang)
        seen = -1
        block = self._block(index)
        for i in range(start - 1, block.stop if block else 0):
            if i >= start and _TOP_KEY.match(self.lines[i]):
                break
            seen += len(_TEXT_KEY.findall(self.lines[i]))
            if seen >= position:
                return i + 1
        return start


def _problem(
    problems: list[Problem], path: str, line: int, code: str, msg: str, severity: str = "error"
) -> None:
    problems.append(Problem(path, line, severity, code, msg))


def _parse_file(path: Path, problems: list[Problem]) -> list[Concept]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GlossaryFormatError(f"cannot read glossary file ({exc.strerror})", name) from exc
    from termguard.errors import InputError
    from termguard.inputs import check_binary, sniff

    try:
        sniff(raw, name)
        check_binary(raw, name)  # UTF-16 without a BOM, NUL bytes
    except InputError as exc:
        raise GlossaryFormatError(exc.msg, name, exc.lineno) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GlossaryFormatError("not UTF-8; save the file as UTF-8", name, line) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        msg = re.sub(r"\s*\(at line \d+, column (\d+)\)", r" (column \1)", str(exc))
        raise GlossaryFormatError(
            f"TOML syntax error: {msg}; fix the syntax (strings in double quotes, "
            "one [[concept]] per block)",
            name,
            int(m.group(1)) if m else None,
        ) from exc
    lines = _Lines(text)
    for key in data:
        if key not in _FILE_KEYS:
            _problem(
                problems,
                name,
                1,
                "schema",
                f"unknown top-level key '{key}'; allowed: subject, [[concept]]",
            )
    file_subject = data.get("subject", "")
    if not isinstance(file_subject, str):
        _problem(problems, name, 1, "schema", "'subject' must be a string")
        file_subject = ""
    raw_concepts = data.get("concept", [])
    if not isinstance(raw_concepts, list):
        _problem(problems, name, 1, "schema", "'concept' must be an array of tables: [[concept]]")
        return []
    concepts = []
    for index, entry in enumerate(raw_concepts):
        concept = _parse_concept(entry, index, name, file_subject, lines, problems)
        if concept is not None:
            concepts.append(concept)
    return concepts


def _as_str(value: Any, key: str, where: tuple[str, int], problems: list[Problem]) -> str:
    if isinstance(value, str):
        return value
    _problem(
        problems,
        where[0],
        where[1],
        "schema",
        f"'{key}' must be a string, not {type(value).__name__}",
    )
    return ""


def _check_keys(
    entry: dict[str, Any], index: int, name: str, lines: _Lines, problems: list[Problem]
) -> None:
    """A problem for every key a concept may not have."""
    for key in entry:
        if key not in _CONCEPT_KEYS:
            hint = " (languages are kk, ru, th, en)" if len(key) == 2 else ""
            _problem(
                problems,
                name,
                lines.key(index, key),
                "schema",
                f"unknown key '{key}' in concept{hint}; allowed: "
                + ", ".join(sorted(_CONCEPT_KEYS)),
            )


def _concept_id(
    entry: dict[str, Any], index: int, name: str, lines: _Lines, problems: list[Problem]
) -> str | None:
    """The concept's id, or None (with a problem) if it has none; a problem if not kebab-case."""
    cid = entry.get("id")
    if not isinstance(cid, str) or not cid:
        _problem(
            problems,
            name,
            lines.concept(index),
            "schema",
            "concept has no 'id'; add id = \"kebab-case-name\"",
        )
        return None
    if not _ID.match(cid):
        _problem(
            problems,
            name,
            lines.key(index, "id"),
            "schema",
            f"id '{cid}' is not kebab-case; use lowercase letters, digits and hyphens",
        )
    return cid


def _parse_terms(
    entry: dict[str, Any], index: int, name: str, lines: _Lines, problems: list[Problem]
) -> tuple[Term, ...]:
    """The concept's terms, language by language in the canonical order, file order within."""
    terms: list[Term] = []
    for lang in LANGS:
        raw_terms = entry.get(lang, [])
        if not isinstance(raw_terms, list):
            _problem(
                problems,
                name,
                lines.key(index, lang),
                "schema",
                f"'{lang}' must be a list of terms: {lang} = [{{ text = \"...\" }}]",
            )
            continue
        for pos, raw in enumerate(raw_terms):
            term = _parse_term(raw, lang, (name, lines.term(index, lang, pos)), problems)
            if term is not None:
                terms.append(term)
    return tuple(terms)


def _parse_concept(
    entry: dict[str, Any],
    index: int,
    name: str,
    file_subject: str,
    lines: _Lines,
    problems: list[Problem],
) -> Concept | None:
    line = lines.concept(index)
    _check_keys(entry, index, name, lines, problems)
    cid = _concept_id(entry, index, name, lines, problems)
    if cid is None:
        return None
    definition = _as_str(
        entry.get("definition", ""), "definition", (name, lines.key(index, "definition")), problems
    )
    if not definition.strip():
        _problem(
            problems,
            name,
            line,
            "schema",
            f"concept '{cid}' has no definition; add definition = \"...\" in English",
        )
    subject = _as_str(
        entry.get("subject", file_subject), "subject", (name, lines.key(index, "subject")), problems
    )
    if not subject:
        _problem(
            problems,
            name,
            line,
            "schema",
            f"concept '{cid}' has no subject; set subject in the concept or at the file top",
        )
    note = _as_str(entry.get("note", ""), "note", (name, lines.key(index, "note")), problems)
    dnt = entry.get("do_not_translate", False)
    if not isinstance(dnt, bool):
        _problem(
            problems,
            name,
            lines.key(index, "do_not_translate"),
            "schema",
            "'do_not_translate' must be true or false",
        )
        dnt = False
    sources = _parse_sources(
        entry.get("sources", []), (name, lines.key(index, "sources")), problems
    )
    return Concept(
        id=cid,
        subject=subject,
        definition=definition,
        terms=_parse_terms(entry, index, name, lines, problems),
        note=note,
        sources=sources,
        do_not_translate=dnt,
        policy=_parse_policy(entry, index, name, lines, problems),
        path=name,
        line=line,
    )


def _strings(
    value: Any, key: str, where: tuple[str, int], problems: list[Problem]
) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    _problem(problems, *where, "schema", f"'{key}' must be a list of strings: {key} = [\"...\"]")
    return ()


def _per_lang(
    value: Any, key: str, where: tuple[str, int], problems: list[Problem]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict) or not set(value) <= set(LANGS):
        _problem(
            problems,
            *where,
            "schema",
            f'\'{key}\' must be a table of languages: {key} = {{ kk = ["..."], en = ["..."] }}',
        )
        return ()
    return tuple(
        (lang, _strings(value[lang], f"{key}.{lang}", where, problems))
        for lang in LANGS
        if value.get(lang)
    )


def _parse_policy(
    entry: dict[str, Any], index: int, name: str, lines: _Lines, problems: list[Problem]
) -> Policy:
    """The concept's check policy (check, scope, senses, ...); absent keys keep the defaults."""
    fields: dict[str, Any] = {}
    for key in POLICY_FIELDS:
        file_key = "policy_note" if key == "note" else key
        if file_key not in entry:
            continue
        value = entry[file_key]
        where = (name, lines.key(index, file_key))
        if key in ("check", "scope"):
            choices = CHECK_LEVELS if key == "check" else SCOPES
            if _check_choice(value, key, choices, where, problems):
                fields[key] = value
        elif key == "kz_evidence":
            if isinstance(value, bool):
                fields[key] = value
            else:
                _problem(problems, *where, "schema", "'kz_evidence' must be true or false")
        elif key in ("short_forms", "derived"):
            fields[key] = _per_lang(value, key, where, problems)
        elif key in ("senses", "cues", "exclude", "equivalents"):
            fields[key] = _strings(value, key, where, problems)
        else:
            fields[key] = _as_str(value, file_key, where, problems)
    return Policy(**fields)


def _parse_sources(
    value: Any, where: tuple[str, int], problems: list[Problem]
) -> tuple[Source, ...]:
    if not isinstance(value, list):
        _problem(
            problems,
            *where,
            "schema",
            '\'sources\' must be a list: [{ seed = "file.txt", phrase = "..." }]',
        )
        return ()
    out = []
    for item in value:
        if (
            not isinstance(item, dict)
            or set(item) != {"seed", "phrase"}
            or not all(isinstance(v, str) for v in item.values())
        ):
            _problem(
                problems,
                *where,
                "schema",
                'each source needs exactly seed = "file" and phrase = "text"',
            )
            continue
        out.append(Source(seed=item["seed"], phrase=item["phrase"]))
    return tuple(out)


def _check_choice(
    value: Any, key: str, choices: Sequence[str], where: tuple[str, int], problems: list[Problem]
) -> bool:
    if value in choices:
        return True
    _problem(
        problems, *where, "schema", f"unknown {key} '{value}'; use one of: " + ", ".join(choices)
    )
    return False


def _parse_term(
    raw: Any, lang: str, where: tuple[str, int], problems: list[Problem]
) -> Term | None:
    if not isinstance(raw, dict):
        _problem(problems, *where, "schema", f'a {lang} term must be a table {{ text = "..." }}')
        return None
    for key in raw:
        if key not in _TERM_KEYS:
            _problem(
                problems,
                *where,
                "schema",
                f"unknown key '{key}' in term; allowed: " + ", ".join(sorted(_TERM_KEYS)),
            )
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        _problem(problems, *where, "schema", f'{lang} term has no text; add text = "..."')
        return None
    status = raw.get("status", "preferred")
    ttype = raw.get("type", "full-form")
    pos = raw.get("pos", "noun")
    review = raw.get("review", "approved")
    gender = raw.get("gender")
    ok = _check_choice(status, "status", STATUSES, where, problems)
    ok &= _check_choice(ttype, "type", TERM_TYPES, where, problems)
    ok &= _check_choice(pos, "part of speech", PARTS_OF_SPEECH, where, problems)
    ok &= _check_choice(review, "review state", REVIEW_STATES, where, problems)
    if gender is not None:
        ok &= _check_choice(gender, "gender", GENDERS, where, problems)
    case_sensitive = raw.get("case_sensitive", ttype in ABBREVIATION_TYPES)
    if not isinstance(case_sensitive, bool):
        _problem(problems, *where, "schema", "'case_sensitive' must be true or false")
        ok = False
    note = raw.get("note", "")
    if not isinstance(note, str):
        _problem(problems, *where, "schema", "'note' must be a string")
        ok = False
    dates = {}
    for key in ("valid_from", "valid_until"):
        value = raw.get(key, "")
        if value and not (isinstance(value, str) and is_date(value, year=False)):
            _problem(problems, *where, "schema", f"'{key}' must be an ISO date: \"2022-03-01\"")
            ok = False
        dates[key] = value
    if dates["valid_from"] and dates["valid_until"] and dates["valid_from"] >= dates["valid_until"]:
        _problem(problems, *where, "schema", "'valid_from' must come before 'valid_until'")
        ok = False
    uncertain = raw.get("date_uncertain", False)
    if not isinstance(uncertain, bool):
        _problem(problems, *where, "schema", "'date_uncertain' must be true or false")
        ok = False
    if not ok:
        return None
    return Term(
        text=text,
        lang=lang,
        status=status,
        type=ttype,
        pos=pos,
        gender=gender,
        case_sensitive=case_sensitive,
        review=review,
        note=note,
        valid_from=dates["valid_from"],
        valid_until=dates["valid_until"],
        date_uncertain=uncertain,
        line=where[1],
    )


def glossary_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .toml files named, or found (sorted) in the folders named."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.toml"))
            if not found:
                raise GlossaryFormatError("no *.toml glossary files in this folder", str(p))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise GlossaryFormatError(
                "no such glossary file or folder; pass --glossary PATH", str(p)
            )
    return files


def load_glossary(
    paths: Iterable[str | Path], *, layered: bool = False
) -> tuple[Glossary, list[Problem]]:
    """Parse and check the glossary; returns it with every problem (errors and warnings).

    A file that is not valid TOML stops the read with GlossaryFormatError. With `layered`,
    each path is a layer and the earlier ones win: a concept replaces a concept with the same
    id in a later layer (a project glossary over a shared one) instead of clashing with it.
    """
    problems: list[Problem] = []
    concepts: list[Concept] = []
    layers = [[p] for p in paths] if layered else [list(paths)]
    taken: set[str] = set()
    for layer in layers:
        found: list[Concept] = []
        for path in glossary_files(layer):
            found.extend(_parse_file(path, problems))
        concepts.extend(c for c in found if c.id not in taken)
        if layered:
            taken.update(c.id for c in found)
    glossary = Glossary(tuple(concepts))
    problems.extend(check_glossary(glossary))
    problems.sort(key=lambda p: (p.path, p.line, p.code, p.message))
    return glossary, problems


def read_glossary(*paths: str | Path, layered: bool = False) -> Glossary:
    """Read glossary files or folders; raise GlossaryError listing every error if any.

    `layered`: earlier paths win for a concept id (see load_glossary).
    """
    glossary, problems = load_glossary(paths or ("glossary",), layered=layered)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise GlossaryError(list(errors))
    return glossary


def validate_glossary(*paths: str | Path) -> list[Problem]:
    """Every problem in the glossary, errors and warnings, sorted by file and line."""
    return load_glossary(paths or ("glossary",))[1]
