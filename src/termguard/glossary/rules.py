"""Validation rules over a whole glossary; each returns problems, none stops the others."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from termguard.glossary.model import LANGS, Concept, Glossary, Problem, Term
from termguard.lang.script import fix_homoglyphs, mixed_script_words

Rule = Callable[[Glossary], Iterator[Problem]]
_SPACE_TROUBLE = re.compile(r"^\s|\s$|\s{2,}|[\t\u00a0\u200b\u00ad]")


def _key(term: Term) -> tuple[str, str]:
    return term.lang, unicodedata.normalize("NFC", term.text).casefold()


def _where(first: Concept, term: Term, here: Concept) -> str:
    return f"line {term.line}" if first.path == here.path else f"{first.path}:{term.line}"


def duplicate_ids(glossary: Glossary) -> Iterator[Problem]:
    first: dict[str, Concept] = {}
    for c in glossary:
        if c.id in first:
            f = first[c.id]
            yield Problem(
                c.path,
                c.line,
                "error",
                "duplicate-id",
                f"concept id '{c.id}' is already used at {f.path}:{f.line}; "
                "give each concept its own id",
            )
        else:
            first[c.id] = c


def duplicate_terms(glossary: Glossary) -> Iterator[Problem]:
    owners: dict[tuple[str, str], list[tuple[Concept, Term]]] = defaultdict(list)
    for c, t in glossary.terms():
        owners[_key(t)].append((c, t))
    for (lang, _), pairs in owners.items():
        if len(pairs) < 2:
            continue
        ids = sorted({c.id for c, _ in pairs})
        first_c, first_t = pairs[0]
        for c, t in pairs[1:]:
            if len(ids) > 1:
                listed = ", ".join(f"'{i}'" for i in ids)
                yield Problem(
                    c.path,
                    t.line,
                    "error",
                    "duplicate-term",
                    f"{lang} term '{t.text}' is listed in concepts {listed}; keep one",
                )
            else:
                yield Problem(
                    c.path,
                    t.line,
                    "error",
                    "duplicate-term",
                    f"{lang} term '{t.text}' is listed twice in concept '{c.id}' "
                    f"(first at {_where(first_c, first_t, c)}); remove one",
                )


def preferred_terms(glossary: Glossary) -> Iterator[Problem]:
    for c in glossary:
        for lang in LANGS:
            terms = c.terms_in(lang)
            preferred = [t for t in terms if t.status == "preferred"]
            if not preferred:
                yield Problem(
                    c.path,
                    c.line,
                    "warning",
                    "missing-preferred",
                    f"concept '{c.id}' has no preferred {lang} term; add one "
                    '(review = "proposed" if no official equivalent exists)',
                )
            for abbr in (False, True):
                same = [t for t in preferred if t.is_abbreviation == abbr]
                if len(same) > 1:
                    kind = "abbreviations" if abbr else "full terms"
                    names = ", ".join(f"'{t.text}'" for t in same)
                    yield Problem(
                        c.path,
                        same[1].line,
                        "error",
                        "many-preferred",
                        f"concept '{c.id}' has {len(same)} preferred {lang} {kind} "
                        f"({names}); keep one preferred and mark the others admitted",
                    )


def term_text(glossary: Glossary) -> Iterator[Problem]:
    for c, t in glossary.terms():
        if unicodedata.normalize("NFC", t.text) != t.text:
            yield Problem(
                c.path,
                t.line,
                "error",
                "not-nfc",
                f"{t.lang} term '{t.text}' is not in Unicode NFC; retype it or "
                "normalise the file to NFC",
            )
        if _SPACE_TROUBLE.search(t.text):
            yield Problem(
                c.path,
                t.line,
                "error",
                "whitespace",
                f"{t.lang} term '{t.text}' has stray, double or invisible whitespace; "
                "use single plain spaces between words",
            )
        for _, _, word in mixed_script_words(t.text):
            yield Problem(
                c.path,
                t.line,
                "error",
                "mixed-script",
                f"{t.lang} term '{t.text}': word '{word}' mixes Latin and Cyrillic "
                f"letters; write '{fix_homoglyphs(word)}'",
            )


@cache
def _seed_text(path: Path) -> str | None:
    try:
        return " ".join(path.read_text(encoding="utf-8").split())
    except (OSError, UnicodeDecodeError):
        return None


def sources_exist(glossary: Glossary) -> Iterator[Problem]:
    for c in glossary:
        if not c.sources:
            yield Problem(
                c.path,
                c.line,
                "warning",
                "no-source",
                f"concept '{c.id}' has no source; add sources = "
                '[{ seed = "file.txt", phrase = "..." }]',
            )
        for s in c.sources:
            seeds = Path(c.path).resolve().parent.parent / "seeds"
            text = _seed_text(seeds / s.seed)
            if text is None:
                if seeds.is_dir():
                    yield Problem(
                        c.path,
                        c.line,
                        "warning",
                        "source-missing",
                        f"concept '{c.id}': seed '{s.seed}' is not in {seeds.name}/",
                    )
            elif " ".join(s.phrase.split()) not in text:
                yield Problem(
                    c.path,
                    c.line,
                    "warning",
                    "source-phrase",
                    f"concept '{c.id}': phrase '{s.phrase}' is not in {s.seed}; "
                    "copy it exactly from the seed",
                )


def policy_rules(glossary: Glossary) -> Iterator[Problem]:
    """A policy names only concepts that exist, and a derived or short form is not a term."""
    for c in glossary:
        for other in c.policy.equivalents:
            if glossary.get(other) is None or other == c.id:
                yield Problem(
                    c.path,
                    c.line,
                    "error",
                    "policy",
                    f"concept '{c.id}': equivalent '{other}' is not another concept; "
                    "name an existing concept id",
                )
        terms = {(t.lang, t.text.casefold()) for t in c.terms}
        for key, table in (("derived", c.policy.derived), ("short_forms", c.policy.short_forms)):
            for lang, forms in table:
                for form in forms:
                    if key == "derived" and (lang, form.casefold()) in terms:
                        yield Problem(
                            c.path,
                            c.line,
                            "warning",
                            "policy",
                            f"concept '{c.id}': derived {lang} form '{form}' is already a "
                            "term; remove it from derived",
                        )


RULES: tuple[Rule, ...] = (
    duplicate_ids,
    duplicate_terms,
    preferred_terms,
    term_text,
    sources_exist,
    policy_rules,
)


def check_glossary(glossary: Glossary) -> list[Problem]:
    """Run every rule and return all problems found."""
    return [p for rule in RULES for p in rule(glossary)]
