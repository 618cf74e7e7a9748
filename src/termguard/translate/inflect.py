"""Putting a glossary term into the grammatical form a sentence needs (ru, en, kk).

Repair replaces a span of a translation with the approved term. The span's grammar (a Russian
word's case and number, an English plural, a Kazakh suffix chain) decides the form: Russian
with pymorphy3, English and Kazakh with explicit rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Grammatical cases shared by the three languages' rules, named as pymorphy3 names them.
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class Form:
    """The grammar of a noun phrase: case and number (singular unless plural)."""

    case: str = "nomn"
    plural: bool = False


NOMINATIVE = Form()


# ---------------------------------------------------------------- Russian


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _ru_parses(word: str) -> tuple[Any, ...]:
    return tuple(_morph().parse(word))


def _ru_case(case: str | None) -> str:
    case = case or "nomn"
    return {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}.get(case, case)


def ru_form(span: str) -> Form | None:
    """Case and number of the head noun of a Russian span, or None if it has no noun.

    The adjectives before the noun agree with it, so a noun form that reads several ways
    (организации: genitive singular or nominative plural) takes the reading they share
    (неправительственные организации: nominative plural).
    """
    words = re.findall(r"[А-Яа-яЁё]+", span)
    for i, word in enumerate(words):
        nouns = [p for p in _ru_parses(word) if p.tag.POS == "NOUN" and "Fixd" not in p.tag]
        if not nouns:
            continue
        shared: set[tuple[str, str]] | None = None
        for before in words[:i]:
            readings = {
                (_ru_case(p.tag.case), p.tag.number)
                for p in _ru_parses(before)
                if p.tag.POS in ("ADJF", "PRTF")
            }
            if readings:
                shared = readings if shared is None else shared & readings
        head = next(
            (p for p in nouns if shared is None or (_ru_case(p.tag.case), p.tag.number) in shared),
            nouns[0],
        )
        return Form(_ru_case(head.tag.case), head.tag.number == "plur")
    return None


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def ru_inflect(term: str, form: Form) -> str:
    """Inflect a Russian term (in the nominative) to `form`.

    Leading adjectives and the first noun change; words after the head noun (genitive
    complements such as 'народа Казахстана') stay as they are. Indeclinable words stay.
    """
    if form == NOMINATIVE:
        return term
    words = term.split(" ")
    out = []
    head_done = False
    grammemes = {form.case, "plur" if form.plural else "sing"}
    for word in words:
        if head_done or not re.fullmatch(r"[А-Яа-яЁё-]+", word):
            out.append(word)
            continue
        parses = [p for p in _ru_parses(word) if p.tag.case == "nomn"] or list(_ru_parses(word))
        chosen = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF", "NOUN")), None)
        if chosen is None or "Fixd" in chosen.tag:
            out.append(word)
            head_done = head_done or (chosen is not None and chosen.tag.POS == "NOUN")
            continue
        inflected = chosen.inflect(grammemes)
        out.append(_match_case(word, inflected.word) if inflected else word)
        if chosen.tag.POS == "NOUN":
            head_done = True
    return " ".join(out)


# ---------------------------------------------------------------- English


def en_form(span: str) -> Form:
    """An English span is plural when its last word is (roughly: ends in s but not ss/'s)."""
    last = span.split()[-1] if span.split() else ""
    plural = bool(re.search(r"(?<![sui'’])s$", last)) and len(last) > 3
    return Form("nomn", plural)


def en_pluralize(word: str) -> str:
    if word.isupper():
        return word + "s"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def en_inflect(term: str, form: Form) -> str:
    """Pluralise an English term's head word (the last word before any 'of ...')."""
    if not form.plural:
        return term
    words = term.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    words[head] = en_pluralize(words[head])
    return " ".join(words)


# ---------------------------------------------------------------- Kazakh

_KK_TAG = {"gent": "GEN", "datv": "DAT", "accs": "ACC", "loct": "LOC", "ablt": "INS"}


def kk_form(surface_word: str, stem: str) -> Form:
    """The case and number a Kazakh word carries beyond the term word `stem`."""
    from termguard.lang import kk

    base = stem.split()[-1] if stem.split() else stem
    case, plural = kk.case_and_number(surface_word, base)
    return Form(case, plural)


def kk_inflect(term: str, form: Form) -> str:
    """The term with the Kazakh plural and case suffixes on its last word (lang.kk's grammar)."""
    from termguard.lang import kk

    if form == NOMINATIVE:
        return term
    words = term.split(" ")
    tags = (("PL",) if form.plural else ()) + (
        (_KK_TAG[form.case],) if form.case in _KK_TAG else ()
    )
    # a plural izafet name (Ассамблеялары) is rare: keep the possessive and only add the case
    inflected = kk.inflect(words[-1], tags) or kk.inflect(words[-1], tags[-1:])
    return " ".join([*words[:-1], inflected or words[-1]])


def form_of(span: str, lang: str, *, term: str | None = None) -> Form:
    """The grammatical form of `span` in `lang` (term: the dictionary form, needed for kk)."""
    if lang == "ru":
        return ru_form(span) or NOMINATIVE
    if lang == "en":
        return en_form(span)
    if lang == "kk":
        last = span.split()[-1] if span.split() else span
        return kk_form(last, term or last)
    return NOMINATIVE


def inflect(term: str, lang: str, form: Form, *, indeclinable: bool = False) -> str:
    """`term` in `form`; Thai has no inflection and abbreviations keep their shape (but kk)."""
    if indeclinable and lang != "kk":
        return term
    if lang == "ru":
        return ru_inflect(term, form)
    if lang == "en":
        return en_inflect(term, form)
    if lang == "kk":
        return kk_inflect(term, form)
    return term
