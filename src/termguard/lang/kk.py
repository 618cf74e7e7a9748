"""Kazakh noun inflection: an explicit suffix grammar with vowel harmony and stem-final voicing.

A Kazakh noun takes a chain of suffixes, in this order: plural, possessive, case (and the
relational -дағы after the locative). Each suffix has allomorphs chosen by the vowel harmony of
the word (back а о ұ ы, front ә ө ү і е) and by the sound it follows. Stems ending in қ, к, п
voice before a vowel (қауымдастық -> қауымдастығы). The grammar is a small finite-state machine,
so it both analyses a word (`analyse`) and lists the forms of a stem (`inflections`).

Only inflection is accepted: derivations that make a new word (-лық: ассамблеялық, -шы:
кеңесші, -шылық: әкімшілік, -лы, -сыз) are not in the grammar, so they are not the term.
The relational -дағы/-дегі ("the one in ...") is accepted: Ассамблеядағы still names the Assembly.

`LANGUAGE` (class Kazakh) is this module's side of the language interface (lang/base.py): term
patterns with suffix chains and izafet variants, words glued together in scraped text, Kazakh
typed with Russian letters, suffixes after a hyphen (ҮЕҰ-ның), ordinals (25-жылдығы), inflection
for repair, month names and number words.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from termguard.glossary.model import Concept, Term
from termguard.lang.base import (
    NOMINATIVE,
    WORD,
    Form,
    Language,
    Span,
    runs,
    split_camel_case,
)
from termguard.lang.terms import PLAIN, Keys, TermEntry, WordPattern, capital

VOWELS = frozenset("аәеёиоөұүыіэюя")
_BACK = frozenset("аоұыяё")
_FRONT = frozenset("әөүіеэ")
BACK, FRONT = "back", "front"

# Classes of the sound a suffix follows; each suffix picks its allomorph by class.
V, R, L, N, Z, T = "V", "R", "L", "N", "Z", "T"  # vowel, р/й/у, л, м/н/ң, з/ж, voiceless
_CLASS_OF = {
    **{ch: V for ch in "аәеёоөұүыіэя"},
    "р": R, "й": R, "л": L, "м": N, "н": N, "ң": N, "з": Z, "ж": Z,
}  # fmt: skip
ALL_CLASSES = (V, R, L, N, Z, T)

#: Stem-final consonants that voice before a vowel-initial suffix.
VOICING = {"қ": "ғ", "к": "г", "п": "б"}
DEVOICING = {v: k for k, v in VOICING.items()}

#: Stems that drop their last vowel before a vowel-initial suffix (халық -> халқы).
ELISION = {
    "халық": "халқ", "орын": "орн", "ерін": "ерн", "мұрын": "мұрн", "ауыз": "ауз",
    "қарын": "қарн", "ерік": "ерк", "ырық": "ырқ", "құлық": "құлқ", "бөрік": "бөрк",
    "қойын": "қойн", "көңіл": "көңл", "әріп": "әрп",
}  # fmt: skip

START, PLURAL, POSS3, POSS_NM, POSS_Z, CASE, LOCATIVE, RELATIONAL = (
    "start", "plural", "poss3", "poss-nm", "poss-z", "case", "locative", "relational",
)  # fmt: skip


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its stem and the suffixes after it, with their grammatical tags."""

    stem: str
    suffixes: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def ending(self) -> str:
        return "".join(self.suffixes)


def harmonies(word: str) -> tuple[str, ...]:
    """Which vowel harmony suffixes of `word` follow: back, front, or both when unclear.

    The last vowel decides; и and ю (and у after a vowel, where it is a consonant) say nothing,
    so the vowel before them decides, and a word with no telling vowel takes either.
    """
    w = word.lower()
    for k in range(len(w) - 1, -1, -1):
        ch = w[k]
        if ch in _BACK:
            return (BACK,)
        if ch in _FRONT:
            return (FRONT,)
        if ch == "у" and k > 0 and w[k - 1] not in VOWELS:
            # у after a consonant is the vowel ұ/ү; in loans (форум, ресурс) mostly ұ.
            return (BACK, FRONT) if k == len(w) - 1 else (BACK,)
    return (BACK, FRONT)


def final_classes(word: str) -> tuple[str, ...]:
    """The class(es) of the sound a word ends in, which pick suffix allomorphs."""
    w = word.lower().rstrip("ьъ")
    if not w:
        return ALL_CLASSES
    last = w[-1]
    if last in "иую":
        return (V, R)
    if last in _CLASS_OF:
        return (_CLASS_OF[last],)
    if "а" <= last <= "я" or last in "ғқһ":
        return (T,)
    return ALL_CLASSES  # digits, Latin letters: pronunciation unknown


def _table(h: str, c: str, state: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every suffix chain that can follow (harmony h, class c, state): surface -> (morphs, tags)."""
    back = h == BACK
    a, y, g, q = ("а", "ы", "ғ", "қ") if back else ("е", "і", "г", "к")
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {"": ((), ())}

    def add(morph: str, tag: str, next_class: str, next_state: str) -> None:
        for rest, (morphs, tags) in _table_cached(h, next_class, next_state).items():
            out.setdefault(morph + rest, ((morph, *morphs), (tag, *tags)))

    def cases(cls: str, *, dative: str | None = None, relational: bool = True) -> None:
        # Similative -дай/-дей (миллион теңгедей: "about a million tenge") goes with the cases.
        similative = ("т" if cls == T else "д") + a + "й"
        out.setdefault(similative, ((similative,), ("SIM",)))
        gen = {V: "н", N: "н", L: "д", R: "д", Z: "д"}.get(cls, "т") + y + "ң"
        acc = {V: "н"}.get(cls, "т" if cls == T else "д") + y
        dat = dative or ((q if cls == T else g) + a)
        loc = ("т" if cls == T else "д") + a
        abl = {N: "н", T: "т"}.get(cls, "д") + a + "н"
        ins = {Z: "б", T: "п"}.get(cls, "м") + "ен"
        for morph, tag in ((gen, "GEN"), (acc, "ACC"), (dat, "DAT"), (abl, "ABL")):
            out.setdefault(morph, ((morph,), (tag,)))
        out.setdefault(ins, ((ins,), ("INS",)))
        out.setdefault(ins + "ен", ((ins + "ен",), ("INS",)))
        if relational:
            add(loc, "LOC", V, LOCATIVE)
        else:
            out.setdefault(loc, ((loc,), ("LOC",)))

    if state == START:
        plural = {V: "л", R: "л", L: "д", N: "д", Z: "д"}.get(c, "т") + a + "р"
        add(plural, "PL", R, PLURAL)
    if state in (START, PLURAL):
        vowel_final = c == V
        add(("с" + y) if vowel_final else y, "POSS3", V, POSS3)
        add("м" if vowel_final else y + "м", "POSS1SG", N, POSS_NM)
        add("ң" if vowel_final else y + "ң", "POSS2SG", N, POSS_NM)
        add(("ң" if vowel_final else y + "ң") + y + "з", "POSS2SG.POL", Z, POSS_Z)
        add(("м" if vowel_final else y + "м") + y + "з", "POSS1PL", Z, POSS_Z)
    if state in (START, PLURAL, POSS3):
        # Predicative endings: төрағамын "I am the chairman", мүшеміз "we are members".
        # (-сыз "you are" is left out: it is also the privative -сыз, "without".)
        first = {V: "м", R: "м", L: "м", N: "м", Z: "б"}.get(c if state != POSS3 else V, "п")
        for ending, tag in ((first + y + "н", "PRED1SG"), (first + y + "з", "PRED1PL")):
            out.setdefault(ending, ((ending,), (tag,)))
    if state in (START, PLURAL, POSS_Z):
        cases(c)
    elif state == POSS_NM:
        cases(N, dative=a)
        out.setdefault("ш" + a, (("ш" + a,), ("EQU",)))  # пікірімше: "in my opinion"
    elif state == POSS3:
        # After the 3rd-person possessive the cases take a pronominal н.
        for morph, tag in (("н" + y + "ң", "GEN"), ("н" + a, "DAT"), ("н", "ACC"),
                           ("н" + a + "н", "ABL"), ("мен", "INS"), ("менен", "INS"),
                           ("нш" + a, "EQU")):  # fmt: skip
            out.setdefault(morph, ((morph,), (tag,)))
        add("нд" + a, "LOC", V, LOCATIVE)
    elif state == LOCATIVE:
        add(g + y, "REL", V, RELATIONAL)  # -дағы/-дегі: "the one in ..."
    elif state == RELATIONAL:
        add("л" + a + "р", "PL", R, CASE)  # -дағылар: "those in ..."
    elif state == CASE:
        cases(c, relational=False)
    return out


@cache
def _table_cached(h: str, c: str, state: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return _table(h, c, state)


@cache
def suffix_chains(h: str, c: str, state: str = START) -> frozenset[str]:
    """Every suffix chain (as one string, "" included) after harmony h, class c and state."""
    return frozenset(_table_cached(h, c, state))


@cache
def lenient_chains() -> frozenset[str]:
    """Chains after an abbreviation or a number, whose pronunciation the letters do not show.

    Every harmony and class is allowed, with or without the hyphen the spelling rules ask for
    (ҮЕҰ-ның, ҚХА-ға, 300-ден).
    """
    chains: set[str] = set()
    for h in (BACK, FRONT):
        for c in ALL_CLASSES:
            chains |= suffix_chains(h, c)
    return frozenset(chains | {"-" + s for s in chains if s})


def _readings(stem: str, rest: str) -> list[Analysis]:
    """Analyses of stem+rest where rest is a suffix chain of stem (rest lower-case)."""
    found: list[Analysis] = []
    if rest.startswith("-"):
        if rest[1:] and rest in lenient_chains():
            for h in (BACK, FRONT):
                for c in ALL_CLASSES:
                    hit = _table_cached(h, c, START).get(rest[1:])
                    if hit is not None:
                        return [Analysis(stem, ("-" + hit[0][0], *hit[0][1:]), hit[1])]
        return found
    if not rest:
        return [Analysis(stem, (), ())]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    low = stem.lower()
    stems = [(stem, low)]
    if rest[0] in VOWELS:
        if low[-1:] in DEVOICING:
            # The dictionary form first: қауымдастығы is қауымдастық + ы.
            stems.insert(0, (stem[:-1] + DEVOICING[low[-1]], low[:-1] + DEVOICING[low[-1]]))
        for full, short in ELISION.items():
            if low == short:
                stems.insert(0, (_same_case(stem, full), full))
    for surface_stem, key in stems:
        for h in harmonies(key):
            for c in final_classes(key):
                hit = _table_cached(h, c, START).get(rest)
                if hit is not None and (surface_stem, hit[1]) not in seen:
                    seen.add((surface_stem, hit[1]))
                    found.append(Analysis(surface_stem, hit[0], hit[1]))
    return found


def analyse(word: str) -> list[Analysis]:
    """Every reading of `word` as a stem plus an inflectional suffix chain, shortest stem first.

    The word itself, with no suffix, is always the last reading. Stems are given in their
    dictionary form (қауымдастығы -> қауымдастық, халқы -> халық).
    """
    out: list[Analysis] = []
    low = word.lower()
    hyphen = low.rfind("-")
    if hyphen > 0:
        out.extend(_readings(word[:hyphen], low[hyphen:]))
    for i in range(1, len(word)):
        if low[i] == "-" or low[i - 1] == "-":
            continue
        out.extend(_readings(word[:i], low[i:]))
    out.append(Analysis(word, (), ()))
    return out


def stems(word: str) -> set[str]:
    """The possible dictionary forms of `word` (lower-case)."""
    return {a.stem.lower() for a in analyse(word)}


def is_inflection_of(word: str, stem: str) -> bool:
    """True if `word` is `stem` itself or `stem` with an inflectional suffix chain."""
    low = stem.lower()
    return any(a.stem.lower() == low for a in analyse(word))


def inflections(stem: str) -> set[str]:
    """Every inflected form of a noun stem that the grammar generates (the stem included)."""
    forms: set[str] = set()
    for key, allowed in continuations(stem):
        forms |= {key + s for s in allowed}
    return forms


def _state_after(word: str) -> list[tuple[str, str, str, str]]:
    """(key, harmony, class, state) to continue from, for each reading of a term word.

    The word itself is a stem (state start); a word that already ends in a suffix (the izafet
    Ассамблеясы, the plural ұйымдар) can also go on from where its own chain stopped.
    """
    out = [(word, h, c, START) for h in harmonies(word) for c in final_classes(word)]
    for a in analyse(word)[:-1]:
        if not a.tags or a.stem.lower() == word.lower():
            continue
        state, cls = {
            "PL": (PLURAL, R), "POSS3": (POSS3, V), "POSS1SG": (POSS_NM, N),
            "POSS2SG": (POSS_NM, N), "POSS1PL": (POSS_Z, Z), "POSS2SG.POL": (POSS_Z, Z),
        }.get(a.tags[-1], ("", ""))  # fmt: skip
        if state:
            out.extend((word, h, cls, state) for h in harmonies(a.stem))
    return out


def continuations(word: str, *, abbreviation: bool = False) -> list[tuple[str, frozenset[str]]]:
    """How a term word may be inflected: (prefix, suffix chains allowed after it) pairs.

    The first pair is the word itself; a word ending in қ/к/п adds its voiced prefix (only
    vowel-initial chains follow it), and a word that drops a vowel adds its short prefix.
    Abbreviations and numbers take every chain (see `lenient_chains`).
    """
    if abbreviation or not any(ch.lower() in VOWELS for ch in word) or word.isupper():
        return [(word, lenient_chains())]
    chains: set[str] = set()
    for _, h, c, state in _state_after(word):
        chains |= suffix_chains(h, c, state)
    out = [(word, frozenset(chains))]
    for a in analyse(word)[:-1]:
        if a.tags == ("POSS3",) and len(a.stem) >= 3:
            # An izafet word (белсендісі) also stands for its plural (белсенділері).
            plural = set()
            for h in harmonies(a.stem):
                for c in final_classes(a.stem):
                    table = _table_cached(h, c, START)
                    plural |= {s for s, (_, tags) in table.items() if tags[:2] == ("PL", "POSS3")}
            if plural and all(k != word[: len(a.stem)] for k, _ in out):
                out.append((word[: len(a.stem)], frozenset(plural)))
    low = word.lower()
    vowel_initial = set()
    for h in harmonies(word):
        vowel_initial |= {s for s in suffix_chains(h, T) if s[:1] in VOWELS}
    if low[-1:] in VOICING:
        out.append((word[:-1] + VOICING[low[-1]], frozenset(vowel_initial)))
    if len(low) > 3 and low[-1] == low[-2] and low[-1] not in VOWELS:
        # A loan's double final consonant is written single before a suffix
        # (процесс -> процеске, процесі; класс -> класы).
        single = set()
        for _, h, c, state in _state_after(word):
            single |= {s for s in suffix_chains(h, c, state) if s}
        for h in harmonies(word):
            single |= {s for s in suffix_chains(h, V) if s}  # процесі: as if vowel-final
        out.append((word[:-1], frozenset(single)))
    if low in ELISION:
        short = ELISION[low]
        elided = set()
        for h in harmonies(word):
            for c in final_classes(word):
                elided |= {s for s in suffix_chains(h, c) if s[:1] in VOWELS}
        out.append((_same_case(word, short), frozenset(elided)))
    return out


def _same_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def genitives(word: str) -> frozenset[str]:
    """The genitive suffixes `word` can take (-ның/-нің/-дың/-дің/-тың/-тің)."""
    out = set()
    for h in harmonies(word):
        for c in final_classes(word):
            for s, (_, tags) in _table_cached(h, c, START).items():
                if tags == ("GEN",):
                    out.add(s)
    return frozenset(out)


_IZAFET_TAGS = {(), ("GEN",), ("POSS3",), ("POSS3", "GEN")}


def izafet_forms(
    word: str, *, abbreviation: bool = False, possessed: bool = False
) -> list[tuple[str, frozenset[str]]]:
    """How the first noun of an izafet (X-тың Y-ы) may stand: (prefix, suffix chains) pairs.

    Official and everyday texts add or drop the genitive and the possessive inside a multiword
    name (басшының орынбасары, басшысының орынбасары, басшы орынбасары; БҰҰ Бас Ассамблеясы,
    БҰҰ-ның Бас Ассамблеясы), so the noun is allowed bare, with -ның, -сы or -сының. A noun
    that is itself possessed by the word before it (халқы in Қазақстан халқының бірлігі) keeps
    its possessive and only adds or drops the genitive.
    """
    if abbreviation or word.isupper():
        gens = set()
        for h in (BACK, FRONT):
            for c in ALL_CLASSES:
                gens |= {s for s, (_, t) in _table_cached(h, c, START).items() if t == ("GEN",)}
        return [(word, frozenset({""} | {"-" + g for g in gens}))]
    bare = strip_genitive(word) or word
    stripped = [a.stem for a in analyse(bare)[:-1] if a.tags == ("POSS3",)]
    tagsets = _IZAFET_TAGS
    if possessed and stripped:
        tagsets = {("POSS3",), ("POSS3", "GEN")}
    cores = stripped if possessed and stripped else [bare, *stripped]
    found: dict[str, set[str]] = {}
    for core in cores:
        for key, chains in continuations(core):
            allowed = found.setdefault(key, set())
            for h in harmonies(core):
                for c in final_classes(core):
                    for s, (_, tags) in _table_cached(h, c, START).items():
                        if tags in tagsets and s in chains:
                            allowed.add(s)
    return [(key, frozenset(allowed)) for key, allowed in found.items() if allowed]


def ends_in_possessive(word: str) -> bool:
    """True if `word` can be read as a noun with a 3rd-person possessive (Ассамблеясы, Кеңесі)."""
    return any(a.tags[-1:] == ("POSS3",) for a in analyse(word))


def strip_genitive(word: str) -> str | None:
    """`word` without its genitive suffix (Ассамблеясының -> Ассамблеясы), or None."""
    for a in analyse(word):
        if a.tags and a.tags[-1] == "GEN":
            return word[: len(word) - len(a.suffixes[-1])]
    return None


#: Beginnings of derivational suffixes: a word that goes on with one of these after a term
#: stem is a different word (ассамблеялық, әкімшілік, кеңесші, ұйымдастыру).
DERIVATIONS = (
    "лық", "лік", "дық", "дік", "тық", "тік", "лы", "лі", "ды", "ді", "ты", "ті",
    "сыз", "сіз", "шы", "ші", "ша", "ше", "дай", "дей", "тай", "тей", "ла", "ле",
    "да", "де", "та", "те", "лас", "лес", "дас", "дес", "тас", "тес", "лан", "лен",
    "дан", "ден", "тан", "тен", "ғы", "гі", "қы", "кі", "кер", "гер", "паз", "хана",
    "аралық", "ара",
)  # fmt: skip


def glued_rest(rest: str) -> bool:
    """True if `rest`, left after a stem and its suffixes, looks like the next word glued on.

    Scraped Kazakh text loses spaces (Ассамблеямүшелері): the rest must start like a word (a
    vowel, or one consonant and a vowel), run on for four letters, and not start like a
    derivational suffix (ассамблеялық, үкіметаралық) or a piece of one (қазақстандықтар).
    """
    head = rest.split("-", 1)[0]
    if len(head) < 4 or rest.startswith(DERIVATIONS) or head[0] in "ыіңьъ":
        return False
    return head[0] in VOWELS or (head[1] in VOWELS and head[0].isalpha())


def inflect(word: str, tags: tuple[str, ...]) -> str | None:
    """`word` (a term's last word, as the glossary writes it) with the suffix chain `tags`.

    ('PL', 'GEN') on ұйым gives ұйымдардың; ('GEN',) on the izafet word Ассамблеясы gives
    Ассамблеясының (the case follows its possessive, with the pronominal н); abbreviations take
    their suffix after a hyphen (ҮЕҰ-ның). None when the grammar has no such chain.
    """
    if not tags:
        return word
    abbreviation = word.isupper() and len(word) > 1
    # the izafet reading (state after the possessive) first, so Ассамблеясы + DAT is -на
    states = sorted(_state_after(word), key=lambda s: s[3] == START)
    if abbreviation:
        states = [(word, h, c, START) for h in harmonies(word) for c in final_classes(word)]
    for key, h, c, state in states:
        for surface, (_, found) in _table_cached(h, c, state).items():
            if found == tags:
                return f"{key}-{surface}" if abbreviation else key + surface
    return None


#: Suffix tags -> the grammatical case they express, for carrying a case across languages.
CASE_OF_TAG = {"GEN": "gent", "ACC": "accs", "DAT": "datv", "LOC": "loct", "ABL": "gent",
               "INS": "ablt"}  # fmt: skip


def case_and_number(word: str, base: str) -> tuple[str, bool]:
    """The case (pymorphy3's names) and plurality that `word` adds to the term word `base`.

    Ассамблеясының on Ассамблеясы is the genitive; ұйымдардың on ұйым the genitive plural;
    the ablative reads as the genitive ('from X' is 'of X' in English, 'от X' in Russian).
    """
    low = base.lower()
    own_tags = {a.stem.lower(): a.tags for a in analyse(base)}
    added: tuple[str, ...] = ()
    for a in analyse(word):
        stem = a.stem.lower()
        if stem == low:
            added = a.tags
            break
        own = own_tags.get(stem)
        if own is not None and a.tags[: len(own)] == own and len(a.tags) > len(own):
            added = a.tags[len(own) :]
    case = next((CASE_OF_TAG[t] for t in reversed(added) if t in CASE_OF_TAG), "nomn")
    return case, "PL" in added


#: Kazakh letters and the Russian ones that stand for them when text is typed on a Russian
#: keyboard (Токаев for Тоқаев): a variant spelling, reported as a near miss.
KK_TO_RU = str.maketrans("қғңәөұүһіҚҒҢӘӨҰҮҺІ", "кгнаоууxиКГНАОУУXИ")


def kk_ru_fold(word: str) -> str:
    """A Kazakh word with the letters Russian lacks replaced by their Russian look-alikes."""
    return word.translate(KK_TO_RU)


# ---------------------------------------------------------------- words and term patterns

_ORDINAL = re.compile(r"\d+-(?=\w|$)")


def _suffixes_attached(text: str, found: Iterable[Span]) -> Iterable[Span]:
    """Join a case suffix written after a hyphen to its word: ҮЕҰ-ның, ҚХА-ға, 300-ден."""
    chains = lenient_chains()
    pending: Span | None = None
    for s, e in found:
        if pending is not None:
            word = text[s:e]
            if (
                s == pending[1] + 1
                and text[pending[1]] == "-"
                and word.islower()
                and ("-" + word in chains)
            ):
                pending = (pending[0], e)
                continue
            yield pending
        pending = (s, e)
    if pending is not None:
        yield pending


def _izafet_head(words: list[str], gaps: list[str], i: int) -> bool:
    """True if word i of a term is followed, across spaces only, by a word with a 3rd-person
    possessive (the possessed noun of an izafet: БҰҰ Бас Ассамблеясы)."""
    for j in range(i + 1, len(words)):
        if gaps[j - 1] != "":
            return False
        if ends_in_possessive(words[j]):
            return True
    return False


def _word_keys(words: list[str], gaps: list[str], i: int, w: str, abbreviation: bool) -> Keys:
    """The keys of word i (`w`, lower-case unless case-sensitive) of a term, with their chains."""
    keys: Keys = {}
    if i == len(words) - 1:
        for key, allowed in continuations(w, abbreviation=abbreviation):
            keys[key] = ((allowed, 0 if key == w else 1),)
    elif _izafet_head(words, gaps, i):
        # The noun of an izafet may add or drop its genitive and possessive (Ассамблеясы
        # Кеңесі, Ассамблеясының Кеңесі; басшының орынбасары, басшысының орынбасары).
        possessed = i > 0 and gaps[i - 1] == ""
        for key, allowed in izafet_forms(w, abbreviation=abbreviation, possessed=possessed):
            own = w[len(key) :] if w.startswith(key) else None
            if own in allowed:
                keys[key] = ((frozenset({own}), 0), (allowed - {own}, 1))
            else:
                keys[key] = ((allowed, 1),)
    else:
        keys[w] = PLAIN
    return keys


# ---------------------------------------------------------------- repair

_CASE_TAG = {"gent": "GEN", "datv": "DAT", "accs": "ACC", "loct": "LOC", "ablt": "INS"}


def form_of(surface_word: str, stem: str) -> Form:
    """The case and number a Kazakh word carries beyond the term word `stem`."""
    base = stem.split()[-1] if stem.split() else stem
    case, plural = case_and_number(surface_word, base)
    return Form(case, plural)


def inflect_term(term: str, form: Form) -> str:
    """The term with the plural and case suffixes of `form` on its last word."""
    if form == NOMINATIVE:
        return term
    words = term.split(" ")
    tags = (("PL",) if form.plural else ()) + (
        (_CASE_TAG[form.case],) if form.case in _CASE_TAG else ()
    )
    # a plural izafet name (Ассамблеялары) is rare: keep the possessive and only add the case
    inflected = inflect(words[-1], tags) or inflect(words[-1], tags[-1:])
    return " ".join([*words[:-1], inflected or words[-1]])


# ---------------------------------------------------------------- term extraction

#: Words that never stand inside a candidate term: pronouns, postpositions, conjunctions,
#: particles, auxiliaries, quantifiers and adverbs of news text (beside function_words).
STOP_WORDS = frozenset((
    "мен", "сен", "ол", "біз", "сіз", "олар", "өзі", "өз", "өзінің", "өздері", "оның", "олардың",
    "біздің", "бізде", "бізге", "бізді", "оған", "одан", "онымен", "осы", "сол", "бұл", "мына",
    "осындай", "сондай", "мұндай", "бұндай", "осыған", "соған", "бұған", "осының", "соның",
    "бұның", "мұның", "оны", "соны", "бұны", "мұны", "осыны", "барлық", "бүкіл", "әр", "әрбір",
    "кей", "кейбір", "бірнеше", "көп", "көптеген", "аз", "басқа", "өзге", "бір", "екі", "үш",
    "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он", "жүз", "мың", "миллион", "миллиард",
    "бірі", "біріне", "бірін", "бірінші", "екінші", "үшінші", "және", "мен", "бен", "пен", "да",
    "де", "та", "те", "әрі", "не", "немесе", "я", "яки", "бірақ", "алайда", "дегенмен", "себебі",
    "өйткені", "сондықтан", "сонымен", "сонда", "егер", "ал", "ғой", "ғана", "қана", "тек",
    "әсіресе", "ең", "өте", "аса", "тым", "әлі", "енді", "қазір", "бүгін", "кеше", "ертең",
    "биыл", "былтыр", "жыл", "жылы", "жылдың", "жылға", "жылдан", "жылда", "жылғы", "күні",
    "күн", "ай", "айында", "сағат", "уақытта", "кезде", "кезінде", "кейін", "дейін", "бері",
    "соң", "бұрын", "үшін", "туралы", "жайлы", "бойынша", "арқылы", "қарай", "қарсы", "сияқты",
    "секілді", "сайын", "шейін", "гөрі", "бірге", "қатар", "қатарлы", "жөнінде", "жөніндегі",
    "бойы", "бойынан", "арасында", "арасындағы", "ішінде", "ішіндегі", "алдында", "кейінгі",
    "бар", "жоқ", "емес", "еді", "екен", "екені", "екенін", "болып", "болды", "болса", "болатын",
    "болады", "болу", "болған", "болмақ", "тиіс", "керек", "қажет", "мүмкін", "деп", "деген",
    "дейді", "деді", "айтты", "атап", "мәселен", "мысалы", "яғни", "иә", "жоқ", "ия", "міне",
    "мұнда", "онда", "сонда", "қайда", "қалай", "қандай", "қашан", "неге", "не", "кім", "кімнің",
    "қай", "қанша", "неше", "жан", "жақсы", "үлкен", "кіші", "жаңа", "ескі", "тағы", "тіпті",
    "ме", "ма", "па", "пе", "ба", "бе", "шығар", "сол", "қазіргі", "бүгінгі", "осылайша",
    "атты", "берді", "алды", "келді", "отыр", "тұр", "жатыр", "сондай-ақ", "аясында",
    "жүзінде", "жүзеге", "іске", "ету", "етуге", "етуде", "асыру", "асыруға", "асыруда", "жасау",
    "болу", "өту", "ретінде", "орай", "байланысты", "қатысты", "бағытталған", "мақсатында",
))  # fmt: skip

#: Endings of verb forms (participles, present and progressive tenses) that no noun phrase of
#: a term holds; past tenses in -ды/-ді share their ending with the accusative (see
#: head_reading).
VERB_ENDINGS = (
    "ған", "ген", "қан", "кен", "ғанын", "генін", "қанын", "кенін", "атын", "етін", "йтын",
    "йтін", "йды", "йді", "ады", "еді", "ейді", "айды", "уда", "уде", "моқ", "мақ", "мек",
    "пақ", "пек", "бақ", "бек", "ыпты", "іпті", "ғанда", "генде", "қанда", "кенде", "мыз", "міз",
)  # fmt: skip

#: Endings of adjectives (and of the nouns made the same way): a head after one is no
#: izafet's possessed noun (ұлттық бірлігі reads as ұлттық бірлік).
_MODIFIER_ENDINGS = (
    "лық", "лік", "дық", "дік", "тық", "тік", "лы", "лі", "ды", "ді", "ғи", "ви", "шіл", "шыл",
    "сыз", "сіз",
)  # fmt: skip

#: Suffix tags folded away when a word is reduced to its dictionary form.
_FOLDED = frozenset(("PL", "POSS3", "GEN", "DAT", "LOC", "ABL", "INS", "ACC", "REL"))
#: Possessives of the 1st and 2nd person: no term is 'our country'.
_PERSONAL = frozenset(("POSS1SG", "POSS2SG", "POSS1PL", "POSS2SG.POL"))
#: Case tags after which no word of the same noun phrase follows.
_CLOSING = frozenset(("DAT", "LOC", "ABL", "INS", "ACC", "SIM", "EQU", "REL", "PRED1SG", "PRED1PL"))


@cache
def _cached_analyse(word: str) -> tuple[Analysis, ...]:
    return tuple(analyse(word))


_VOICELESS = frozenset("қкпстшфхцчщ")


def closes_phrase(word: str) -> bool:
    """True if `word` ends a noun phrase: it takes a case other than the genitive
    (Алматыда, құрылтайында), and no reading of it is a genitive, a possessive or a plural."""
    low = word.lower()
    if low.endswith(("стан", "стон")):
        return False  # the -стан of country names (Қазақстан) is no ablative
    if len(low) > 4 and low.endswith(("ты", "ті")) and low[-3] in _VOICELESS:
        return True  # the accusative after a voiceless stem (мемлекетті, біртұтастықты)
    readings = [a for a in _cached_analyse(word) if a.tags and len(a.stem) >= 3]
    if any(a.tags[-1] in ("GEN", "POSS3", "PL") for a in readings):
        return False
    return any(a.tags[-1] in _CLOSING for a in readings)


def _genitive(word: str) -> bool:
    return any(a.tags[-1:] == ("GEN",) and len(a.stem) > 2 for a in _cached_analyse(word))


def _possessed(word: str) -> bool:
    return any(a.tags[-1:] == ("POSS3",) and len(a.stem) > 2 for a in _cached_analyse(word))


def whole_phrase(words: Sequence[str], i: int, j: int, first: int) -> bool:
    """True if words i..j of a chain starting at `first` are a whole noun phrase: a genitive
    inside it has its possessed noun inside too (Азаматтық қоғам институттарының рөлі, not
    облысының Қазақстан), and its first word is not the possessed noun of the word before it
    (not халқы Ассамблеясы out of Қазақстан халқы Ассамблеясы)."""
    if i > first and _possessed(words[i]) and not is_modifier(words[i - 1]):
        return False
    for k in range(i, j):
        if _genitive(words[k]) and not any(_possessed(w) for w in words[k + 1 : j + 1]):
            return False
    return True


def verb_like(word: str) -> bool:
    """True if `word` ends like a verb form (құрылған, өткізілетін, береді)."""
    low = word.lower()
    return len(low) > 4 and low.endswith(VERB_ENDINGS)


def head_reading(word: str, known: Container[str] = frozenset()) -> Analysis | None:
    """The reading of a phrase's last word that folds it to its dictionary form, or None.

    Among the readings whose suffixes are plural, possessive and case, the shortest stem of
    three letters or more that `known` holds wins (ұйымдарының: ұйым); with none known, the
    word itself. `known` is what stems_seen makes of the words of the texts. A word in
    -ды/-ді/-ты/-ті is taken only as the accusative of a known stem: otherwise it is a past
    tense (құрылды) or an adjective (маңызды), no head of a term.
    """
    readings = _cached_analyse(word)
    chosen = next(
        (
            a
            for a in readings[:-1]
            if a.tags and set(a.tags) <= _FOLDED and len(a.stem) > 2 and a.stem.lower() in known
        ),
        readings[-1],
    )
    if not chosen.tags and any(
        a.tags[-1:] and a.tags[-1] in _PERSONAL and a.stem.lower() in known for a in readings[:-1]
    ):
        return None  # еліміз, пікірімше: 'our country', 'in my opinion'
    past_or_adjective = word.lower().endswith(("ды", "ді", "ты", "ті")) and len(word) > 3
    if past_or_adjective and not (chosen.tags[-1:] == ("ACC",) and chosen.stem.lower() in known):
        return None
    return chosen


def with_possessive(stem: str) -> str:
    """The noun `stem` with the 3rd-person possessive: ұйым -> ұйымы, халық -> халқы."""
    low = stem.lower()
    suffix = ""
    for h in harmonies(low):
        for c in final_classes(low):
            for s, (_, tags) in _table_cached(h, c, START).items():
                if tags == ("POSS3",):
                    suffix = s
                    break
            if suffix:
                break
        if suffix:
            break
    if suffix[:1] in VOWELS:
        if low in ELISION:
            stem = _same_case(stem, ELISION[low])
        elif low[-1:] in VOICING:
            stem = stem[:-1] + VOICING[low[-1]]
    return stem + suffix


def is_modifier(word: str) -> bool:
    """True if `word` reads as an adjective before a noun (үкіметтік, емес, қоғамдық)."""
    low = word.lower()
    return low == "емес" or low.endswith(_MODIFIER_ENDINGS)


def phrase_lemma(words: Sequence[str], known: Container[str] = frozenset()) -> str | None:
    """The dictionary form of a Kazakh noun phrase: its last word folded (see head_reading).

    The possessive of the last word stays when the word before it is a noun (the izafet:
    бастауыш партия ұйымдары -> бастауыш партия ұйымы), and goes after an adjective
    (үкіметтік емес ұйымдарының -> үкіметтік емес ұйым) or in a one-word phrase.
    """
    head = words[-1]
    base = LANGUAGE.abbreviation_base(head)
    if base is not None:
        return " ".join([*words[:-1], base])
    reading = head_reading(head, known)
    if reading is None:
        return None
    form = reading.stem
    if len(words) == 1 and form.lower().endswith("у") and len(form) > 3:
        return None  # a verbal noun alone (асыру, дамыту) names an action, not a concept
    before = words[-2] if len(words) > 1 else ""
    possessed = before and any(
        a.tags[-1:] == ("POSS3",) and a.stem.lower() in known for a in _cached_analyse(before)
    )
    if "POSS3" in reading.tags and before and (possessed or not is_modifier(before)):
        form = with_possessive(form)
    return " ".join([*words[:-1], form])


def stems_seen(vocabulary: Iterable[str]) -> frozenset[str]:
    """Stems the words of texts give evidence of: a word seen standing alone, or the stem of
    two different words seen (мекемелері and мекемелермен: мекеме)."""
    words = {w.lower() for w in vocabulary}
    forms: dict[str, int] = {}
    for word in words:
        for a in _cached_analyse(word)[:-1]:
            if a.tags and set(a.tags) <= _FOLDED and len(a.stem) > 2:
                stem = a.stem.lower()
                forms[stem] = forms.get(stem, 0) + 1
    return frozenset(words | {stem for stem, n in forms.items() if n >= 2})


@cache
def stem_key(word: str) -> str:
    """A rough stem for counting: the shortest folded stem of two letters or more."""
    for a in _cached_analyse(word):
        if len(a.stem) >= 2 and (not a.tags or set(a.tags) <= _FOLDED):
            return a.stem.lower()
    return word.lower()


def _month(word: str) -> bool:
    low = word.lower()
    return low.startswith(Kazakh.months)


# ---------------------------------------------------------------- the language


#: Kazakh number words (10 is он, which also begins онда 'there': see Kazakh.number_words).
_NUMBER_STEMS = {
    0: "нөл", 1: "бір", 2: "екі", 3: "үш", 4: "төрт", 5: "бес", 6: "алты", 7: "жеті",
    8: "сегіз", 9: "тоғыз", 20: "жиырма", 30: "отыз", 40: "қырық", 50: "елу", 60: "алпыс",
    70: "жетпіс", 80: "сексен", 90: "тоқсан", 100: "жүз", 1000: "мың", 10**6: "миллион",
    10**9: "миллиард",
}  # fmt: skip
#: An ordinal (отызыншы), a collective (екеу) and a case ending (жиырмадағы) may follow.
_NUMBER_TAIL = (
    "(?:ыншы|інші|ншы|нші|сыншы|сінші)?(?:ау|еу)?(?:сы|сі|ы|і)?"
    "(?:ның|нің|дың|дің|ға|ге|қа|ке|на|не|да|де|та|те|дан|ден|тан|тен|нан|нен|дағы|дегі|"
    "тағы|тегі|ны|ні|ды|ді|ты|ті|мен|бен|пен)?"
)


class Kazakh(Language):
    """Kazakh: Cyrillic, agglutinative (lang/kk.py's suffix grammar)."""

    code = "kk"
    name = "Kazakh"
    locale = "kk-KZ"
    aliases = ("kaz", "kazakh")
    script = "cyrillic"
    own_letters = "әғқңөұүһі"
    resembles = "ru"
    function_words = frozenset((
        "және", "мен", "бен", "пен", "деп", "ол", "олар", "осы", "сол", "бұл", "бар", "жоқ",
        "үшін", "туралы", "бойынша", "арқылы", "кейін", "дейін", "бірақ", "немесе", "емес", "еді",
        "екен", "болып", "болды", "болса", "тиіс", "керек", "жылы", "соң", "қарай", "сияқты",
        "деген", "біз", "ал", "сіз", "мұнда", "онда", "сондай", "оны", "ме", "ма", "па", "пе",
    ))  # fmt: skip
    number_endings = frozenset((
        "ші", "шы", "нші", "ншы", "дан", "ден", "тан", "тен", "нан", "нен", "да", "де", "та",
        "те", "ға", "ге", "қа", "ке", "на", "не", "ның", "нің", "дың", "дің", "тың", "тің", "ны",
        "ні", "ды", "ді", "ты", "ті", "жылы", "жылдары", "дағы", "дегі", "тағы", "тегі",
    ))  # fmt: skip
    decimal_comma = True
    months = (
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
        "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
    )  # fmt: skip
    number_words: ClassVar[Mapping[int, str]] = {
        value: stem + _NUMBER_TAIL for value, stem in _NUMBER_STEMS.items()
    } | {
        10: "он(?:ыншы\\w*|нан|ға)?",
        40: "қыр(?:ық|қ(?=ыншы))" + _NUMBER_TAIL,
    }  # not онда 'there', оны 'it', оның 'his'
    scale_words: ClassVar[Mapping[int, str]] = {
        1000: "мың\\w*",
        10**6: "млн|миллион\\w*",
        10**9: "млрд|миллиард\\w*",
    }
    units: ClassVar[Mapping[str, str]] = {
        "mi": "миля\\w*|мил[ья]\\w*",
        "km": "км|шақырым\\w*|километр\\w*",
        "mph": "миль?/сағ\\w*|миля/сағ\\w*",
        "kmh": "км/сағ\\w*|км/с\\b|км/ч",
        "ft": "фут\\w*",
        "in": "дюйм\\w*",
        "yd": "ярд\\w*",
        "m": "м\\b|метр\\w*",
        "cm": "см|сантиметр\\w*",
        "mm": "мм|миллиметр\\w*",
        "lb": "фунт\\w*",
        "oz": "унци\\w*",
        "kg": "кг|килограмм\\w*|келі\\w*",
        "g": "грамм\\w*",
        "t": "тонна\\w*",
        "acre": "акр\\w*",
        "ha": "га|гектар\\w*",
        "sqkm": "шаршы км|шаршы шақырым\\w*|шаршы километр\\w*|км²",
        "gal": "галлон\\w*",
        "l": "л\\b|литр\\w*",
        "F": "°\\s?F|Фаренгейт\\w*",
        "C": "°\\s?C|°\\s?С|Цельси\\w*",
        "deg": "градус\\w*|°",
    }
    decade_after = r"(?:-?(?:шы|ші|ыншы|інші))?[- ]?жылдар\w*"

    #: 14 сағат 42 минут is 14:42.
    clock_words = ("сағат", r"минут\w*")

    suffixing = True
    glues_words = True

    def word_spans(self, text: str) -> list[Span]:
        """Words; a hyphen cuts a word (әз-Наурыз), but not before a suffix (ҮЕҰ-ның), and an
        ordinal before its noun (25-жылдығы, 78-бабы) is not a word of a term."""
        found: Iterable[Span] = (m.span() for m in WORD.finditer(text))
        if "-" in text:
            found = [
                (s, e)
                for s, e in _suffixes_attached(text, found)
                if not (
                    text[e : e + 1] == "-" and text[s:e].isdigit() and text[e + 1 : e + 2].isalpha()
                )
            ]
        return split_camel_case(text, found)

    def gap_key(self, gap: str) -> str:
        """An ordinal between two words of a term is no part of it (25-жылдығы)."""
        if gap == " " or gap == "":
            return ""  # the common case first: the matcher asks at every word of a term
        if any(ch.isdigit() for ch in gap):
            gap = _ORDINAL.sub("", gap)
        return super().gap_key(gap)

    def term_entries(self, concept: Concept, term: Term, text: str) -> list[TermEntry]:
        """The last word takes any suffix chain; an izafet noun adds or drops its own."""
        words, gaps, lead, trail = self.split_term(text)
        if not words:
            return []
        patterns = []
        cs = term.case_sensitive
        for i, word in enumerate(words):
            w = word if cs else word.lower()
            abbreviation = term.is_abbreviation or (word.isupper() and len(word) > 1)
            keys = _word_keys(words, gaps, i, w, abbreviation)
            patterns.append(WordPattern(keys, w, case_sensitive=cs, capital=capital(word, term)))
        return [TermEntry(concept, term, patterns, gaps, lead, trail)]

    # The module's functions themselves, not wrappers: the matcher calls them for every new word.
    keyboard_variant = staticmethod(kk_ru_fold)
    glued_rest = staticmethod(glued_rest)

    def form_of(self, span: str, term: str | None = None) -> Form:
        last = span.split()[-1] if span.split() else span
        return form_of(last, term or last)

    stop_words = STOP_WORDS

    def is_phrase_word(self, word: str) -> bool:
        """No stop word, verb form, month or number; емес stands inside (үкіметтік емес ұйым)."""
        if word.lower() == "емес":
            return True
        return super().is_phrase_word(word) and not verb_like(word) and not _month(word)

    def phrase_spans(self, words: Sequence[str], gaps: Sequence[str]) -> list[Span]:
        """Noun and adjective chains, cut after a word in a case other than the genitive; a
        phrase neither starts nor ends with емес and is a whole izafet (whole_phrase)."""
        out: list[Span] = []
        most = self.max_phrase_words
        for a, b in runs(words, gaps, self.is_phrase_word):
            start = a
            for k in range(a, b + 1):
                if k < b and not closes_phrase(words[k]):
                    continue
                for i in range(start, k + 1):
                    if words[i].lower() == "емес":
                        continue
                    out.extend(
                        (i, j)
                        for j in range(i, min(k, i + most - 1) + 1)
                        if words[j].lower() != "емес" and whole_phrase(words, i, j, a)
                    )
                start = k + 1
        return out

    def phrase_lemma(self, words: Sequence[str], known: Container[str] = frozenset()) -> str | None:
        return phrase_lemma(words, known)

    def stem_key(self, word: str) -> str:
        return stem_key(word)

    def stems_seen(self, vocabulary: Iterable[str]) -> frozenset[str]:
        return stems_seen(vocabulary)

    def inflect(self, term: str, form: Form, *, indeclinable: bool = False) -> str:
        """Abbreviations inflect too, after a hyphen (ҮЕҰ-ның)."""
        return inflect_term(term, form)


LANGUAGE = Kazakh()
