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


def ru_form(span: str) -> Form | None:
    """Case and number of the head noun of a Russian span, or None if it has no noun."""
    for word in re.findall(r"[А-Яа-яЁё]+", span):
        for p in _ru_parses(word):
            if p.tag.POS == "NOUN" and "Fixd" not in p.tag:
                case = p.tag.case or "nomn"
                case = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}.get(
                    case, case
                )
                return Form(case, p.tag.number == "plur")
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

_BACK = set("аоұыяу")
_FRONT = set("әөүіеиэю")
_VOWELS = _BACK | _FRONT
_VOICELESS = set("кқпстфхцчшщ")
_NASAL = set("мнң")

#: Case endings as a Kazakh reader sees them at the end of a word, longest first.
_KK_CASE_ENDINGS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            *((e, "gent") for e in ("ның", "нің", "дың", "дің", "тың", "тің")),
            *((e, "datv") for e in ("ға", "ге", "қа", "ке", "на", "не")),
            *((e, "accs") for e in ("ны", "ні", "ды", "ді", "ты", "ті")),
            *((e, "loct") for e in ("да", "де", "та", "те", "нда", "нде")),
            *((e, "gent") for e in ("дан", "ден", "тан", "тен", "нан", "нен")),
            *((e, "ablt") for e in ("мен", "бен", "пен", "менен")),
        ],
        key=lambda x: -len(x[0]),
    )
)
_KK_PLURAL = re.compile(r"(лар|лер|дар|дер|тар|тер)")


def kk_form(surface_word: str, stem: str) -> Form:
    """The case and number a Kazakh word carries beyond `stem` (its dictionary form).

    Ablative maps to the genitive ('from X' is 'от X' in Russian, 'of X' in English).
    """
    word = surface_word.split("-")[-1] if "-" in surface_word else surface_word
    base = stem.split()[-1] if stem.split() else stem
    common = 0
    for a, b in zip(word.casefold(), base.casefold(), strict=False):
        if a != b:
            break
        common += 1
    # stem-final voicing (қ->ғ, к->г, п->б) changes the last stem letter
    suffix = word[max(common, len(base) - 1) :] if common >= len(base) - 1 else word[common:]
    if common == len(base):
        suffix = word[len(base) :]
    suffix = suffix.casefold()
    plural = bool(_KK_PLURAL.match(suffix))
    for ending, case in _KK_CASE_ENDINGS:
        if suffix.endswith(ending) and len(suffix) >= len(ending):
            return Form(case, plural)
    if suffix in ("н", "ын", "ін") and base[-1:] in "ыі":
        return Form("accs", plural)
    return Form("nomn", plural)


def _harmony_back(word: str) -> bool:
    for ch in reversed(word.casefold()):
        if ch in _BACK:
            return True
        if ch in _FRONT:
            return False
    return True


def _pick(word: str, back: str, front: str) -> str:
    return back if _harmony_back(word) else front


def _kk_possessive(term: str) -> bool:
    """Multiword names whose last word carries the 3rd-person possessive (халқы Ассамблеясы)."""
    words = term.split()
    return len(words) > 1 and words[-1][-1:].casefold() in ("ы", "і")


def kk_inflect(term: str, form: Form) -> str:
    """Add the Kazakh plural and case suffixes to a term's last word, with vowel harmony."""
    if form == NOMINATIVE:
        return term
    words = term.split(" ")
    word = words[-1]
    abbreviation = word.isupper() and len(word) > 1
    # abbreviations take a hyphen and harmonise with how they are read (ҮЕҰ -> ҮЕҰ-ның)
    out = word
    last = word[-1].casefold()
    if form.plural and not abbreviation:
        if last in _VOWELS or last in "руй":
            suffix = _pick(out, "лар", "лер")
        elif last in "лмнңжз":
            suffix = _pick(out, "дар", "дер")
        else:
            suffix = _pick(out, "тар", "тер")
        out += suffix
        last = "р"
    possessive = _kk_possessive(term) and not form.plural
    case_suffix = ""
    if form.case == "gent":
        if last in _VOWELS or last in _NASAL:
            case_suffix = _pick(out, "ның", "нің")
        elif last in "лржзйу":
            case_suffix = _pick(out, "дың", "дің")
        else:
            case_suffix = _pick(out, "тың", "тің")
    elif form.case == "datv":
        if possessive:
            case_suffix = _pick(out, "на", "не")
        elif last in _VOICELESS:
            case_suffix = _pick(out, "қа", "ке")
        else:
            case_suffix = _pick(out, "ға", "ге")
    elif form.case == "accs":
        if possessive:
            case_suffix = "н"
        elif last in _VOWELS:
            case_suffix = _pick(out, "ны", "ні")
        elif last in _VOICELESS:
            case_suffix = _pick(out, "ты", "ті")
        else:
            case_suffix = _pick(out, "ды", "ді")
    elif form.case == "loct":
        if possessive:
            case_suffix = _pick(out, "нда", "нде")
        elif last in _VOICELESS:
            case_suffix = _pick(out, "та", "те")
        else:
            case_suffix = _pick(out, "да", "де")
    elif form.case == "ablt":
        case_suffix = "бен" if last in "жз" else "пен" if last in _VOICELESS else "мен"
    if abbreviation:
        return " ".join([*words[:-1], out + ("-" + case_suffix if case_suffix else "")])
    return " ".join([*words[:-1], out + case_suffix])


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
