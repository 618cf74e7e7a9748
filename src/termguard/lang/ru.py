"""Russian word forms for matching: every form of a term word, with its number, case and gender.

pymorphy3 (with its dictionary) lists the whole paradigm of each term word once, when the
glossary is compiled; running text is then matched by looking its words up in that list, so no
word of the text is ever analysed. The grammemes kept with each form let a multiword term check
that its adjectives agree with its head noun (некоммерческих организаций, not некоммерческий
организаций).

`LANGUAGE` (class Russian) is this module's side of the language interface (lang/base.py):
term patterns from the paradigms, agreement, в области + genitive, near misses by rough stems,
inflection for repair, month names and number words.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any, ClassVar

from termguard.glossary.model import Concept, Term
from termguard.lang.base import NOMINATIVE, Form, Language, Span, runs
from termguard.lang.terms import PLAIN, TermEntry, WordPattern, capital


def _words(text: str) -> list[str]:
    return text.split()


#: (number, case, gender or "") of one form; gender only in the singular.
Agreement = tuple[str, str, str]

_CASE = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn", "gen1": "gent"}
_INFLECTING = ("NOUN", "ADJF", "PRTF")
_RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)
_ENDINGS = frozenset(
    _words(
        """а я о е ё и ы у ю ь й ая яя ое ее ые ие ой ей ий ый ам ям ах ях ов ев ом ем ым им
    ую юю ою ею ого его ому ему ыми ими ами ями ия ию ии ие ией иям иях иями
    ость ости остью остей"""
    )
)
_ENDING_LENGTHS = sorted({len(e) for e in _ENDINGS}, reverse=True)


@cache
def morph() -> Any:
    """The pymorphy3 analyser, created once (loading its dictionary takes 0.2 s)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def key(word: str) -> str:
    """How a Russian word is compared: lower-case, ё read as е."""
    return word.lower().replace("ё", "е")


def is_russian_word(word: str) -> bool:
    """True for a word in Russian letters only (not a Kazakh name, not an abbreviation)."""
    return bool(_RUSSIAN_WORD.fullmatch(word)) and not (word.isupper() and len(word) > 1)


def _agreement(tag: Any) -> Agreement:
    number = str(tag.number or "")
    case = str(tag.case or "")
    gender = str(tag.gender or "") if number != "plur" else ""
    return number, _CASE.get(case, case), gender


def parse_term_word(word: str, *, head: bool) -> Any | None:
    """The reading of a word of a term given in the nominative: the noun for a head, else any."""
    parses = [p for p in morph().parse(word) if p.tag.POS in _INFLECTING and "Fixd" not in p.tag]
    if head:
        parses = [p for p in parses if p.tag.POS == "NOUN"] or parses
    nominative = [p for p in parses if p.tag.case == "nomn"]
    return (nominative or parses or [None])[0]


@cache
def paradigm(word: str, *, head: bool = True) -> dict[str, frozenset[Agreement]]:
    """Every form of `word` (as `key` gives it) with the agreements each form can carry.

    A word pymorphy3 cannot inflect (an indeclinable or unknown one) has only itself.
    """
    parse = parse_term_word(word, head=head)
    if parse is None:
        return {key(word): frozenset()}
    pos = parse.tag.POS
    forms: dict[str, set[Agreement]] = {}
    for form in parse.lexeme:
        if pos != form.tag.POS:
            continue
        forms.setdefault(key(form.word), set()).add(_agreement(form.tag))
    forms.setdefault(key(word), set()).add(_agreement(parse.tag))
    return {k: frozenset(v) for k, v in forms.items()}


def unambiguous(
    word: str, forms: dict[str, frozenset[Agreement]]
) -> dict[str, frozenset[Agreement]]:
    """The forms of a one-word term that are mostly read as that word: после is the
    preposition 'after', hardly ever the prepositional case of посол, so it is dropped."""
    parse = parse_term_word(word, head=True)
    if parse is None:
        return forms
    lemma, pos = parse.normal_form, parse.tag.POS
    out = {}
    for form, agreements in forms.items():
        ours = sum(
            p.score for p in morph().parse(form) if p.normal_form == lemma and pos == p.tag.POS
        )
        if ours >= 0.1:
            out[form] = agreements
    return out


#: Word forms that in a construction mean something else: в области + genitive is "in the
#: field of" (в области литературы), not a region.
_FIELD = frozenset({"области", "областях"})


def other_sense(previous: str, form: str, following: str) -> bool:
    """True if `form` (a key) between these words is a known other sense of the term."""
    if form in _FIELD and previous.lower() in ("в", "во") and following[:1].islower():
        return any(
            p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in morph().parse(following)
        )
    return False


def is_noun(word: str) -> bool:
    """True if the word's nominative reading is a noun (the head of a term)."""
    parse = parse_term_word(word, head=False)
    return parse is not None and parse.tag.POS == "NOUN"


def agree(a: frozenset[Agreement], b: frozenset[Agreement]) -> frozenset[Agreement]:
    """The readings two words share (same number and case, and gender where both have one)."""
    out = set()
    for n1, c1, g1 in a:
        for n2, c2, g2 in b:
            if n1 == n2 and c1 == c2 and (not g1 or not g2 or g1 == g2):
                out.add((n1, c1, g1 or g2))
    return frozenset(out)


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """True if pymorphy3's dictionary knows the word (so it is no misspelling)."""
    return bool(morph().word_is_known(word.lower()))


def crude_stem(word: str) -> str:
    """The word without its inflectional ending, roughly (for finding near misses only)."""
    w = key(word)
    for length in _ENDING_LENGTHS:
        if len(w) - length >= 4 and w[-length:] in _ENDINGS:
            return w[:-length]
    return w


# ---------------------------------------------------------------- term patterns


def _in_quotes(text: str, word: str) -> bool:
    """True if `word` stands inside «...» in the term (a name: it does not inflect)."""
    i = text.find(word)
    return i >= 0 and text.count("«", 0, i) > text.count("»", 0, i)


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# ---------------------------------------------------------------- repair


@cache
def _parses(word: str) -> tuple[Any, ...]:
    return tuple(morph().parse(word))


def _case(case: str | None) -> str:
    case = case or "nomn"
    return {"gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}.get(case, case)


def form_of(span: str) -> Form | None:
    """Case and number of the head noun of a Russian span, or None if it has no noun.

    The adjectives before the noun agree with it, so a noun form that reads several ways
    (организации: genitive singular or nominative plural) takes the reading they share
    (неправительственные организации: nominative plural).
    """
    words = re.findall(r"[А-Яа-яЁё]+", span)
    for i, word in enumerate(words):
        nouns = [p for p in _parses(word) if p.tag.POS == "NOUN" and "Fixd" not in p.tag]
        if not nouns:
            continue
        shared: set[tuple[str, str]] | None = None
        for before in words[:i]:
            readings = {
                (_case(p.tag.case), p.tag.number)
                for p in _parses(before)
                if p.tag.POS in ("ADJF", "PRTF")
            }
            if readings:
                shared = readings if shared is None else shared & readings
        head = next(
            (p for p in nouns if shared is None or (_case(p.tag.case), p.tag.number) in shared),
            nouns[0],
        )
        return Form(_case(head.tag.case), head.tag.number == "plur")
    return None


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_term(term: str, form: Form) -> str:
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
        parses = [p for p in _parses(word) if p.tag.case == "nomn"] or list(_parses(word))
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


# ---------------------------------------------------------------- term extraction

#: Words that never stand inside a candidate term (beside function_words).
STOP_WORDS = frozenset((
    "а", "о", "от", "не", "же", "ни", "он", "мы", "вы", "я", "ты", "их", "им", "ей", "ему",
    "нас", "вас", "всё", "все", "весь", "вся", "всех", "свой", "своей", "своих", "свою", "наш",
    "наша", "наши", "ваш", "этого", "этой", "этом", "этих", "тот", "та", "те", "то", "том",
    "там", "тут", "здесь", "сейчас", "сегодня", "вчера", "год", "года", "году", "лет", "раз",
    "очень", "ещё", "еще", "даже", "лишь", "уж", "ли", "вот", "себя", "себе", "сам", "сама",
    "самый", "другой", "другие", "каждый", "многие", "много", "несколько", "один", "одна", "два",
    "три", "также", "кроме", "около", "против", "вместе", "среди", "перед", "без", "ради",
    "согласно", "будет", "будут", "может", "могут", "можно", "нужно", "надо", "является",
    "являются", "есть", "нет", "сказал", "отметил", "заявил", "новый", "новая", "новые",
))  # fmt: skip
_ADJECTIVE = ("ADJF", "PRTF")


@cache
def _roles(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(cases as an adjective, cases as a noun) of a word, from its likelier readings."""
    if word.isupper() and len(word) > 1:
        return frozenset(), frozenset(CASES_ALL)  # an abbreviation: indeclinable
    parses = morph().parse(word)
    if not parses:
        return frozenset(), frozenset()
    best = parses[0].score
    adjective: set[str] = set()
    noun: set[str] = set()
    for p in parses:
        if p.score < best * 0.2 and p is not parses[0]:
            continue
        case = _CASE.get(str(p.tag.case), str(p.tag.case))
        if p.tag.POS in _ADJECTIVE and "Apro" not in p.tag:
            adjective.add(case)
        elif p.tag.POS == "NOUN":
            noun.add(case)
    return frozenset(adjective), frozenset(noun)


CASES_ALL = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _head(words: Sequence[str]) -> int | None:
    """The index of the head noun of a phrase (adjectives* noun (adjectives* noun-gent)*)."""
    roles = [_roles(w) for w in words]
    for h, (_, noun) in enumerate(roles):
        if not noun:
            continue
        if not all(adj for adj, _ in roles[:h]):
            return None
        if not any(set(adj) & noun for adj, _ in roles[:h]) and h:
            continue  # the adjectives before it agree in no case
        rest = roles[h + 1 :]
        if all("gent" in adj or "gent" in n for adj, n in rest) and (
            not rest or "gent" in rest[-1][1]
        ):
            return h
    return None


def phrase_lemma(words: Sequence[str]) -> str | None:
    """The nominative of a Russian noun phrase, its adjectives agreeing with the head noun
    (некоммерческих организаций -> некоммерческая организация); the genitive after the head
    stays as written (Ассамблеи народа Казахстана -> Ассамблея народа Казахстана)."""
    h = _head(words)
    if h is None:
        return None
    head = words[h]
    out = list(words)
    if not (head.isupper() and len(head) > 1):
        parses = [p for p in morph().parse(head) if p.tag.POS == "NOUN"]
        if not parses:
            return None
        p = parses[0]
        plural = "Pltm" in p.tag
        form = p.inflect({"nomn", "plur" if plural else "sing"}) or p
        out[h] = _same_case(head, form.word)
        gender = form.tag.gender
        want = {"nomn", "plur"} if plural or gender is None else {"nomn", "sing", gender}
        for i in range(h):
            adjs = [q for q in morph().parse(words[i]) if q.tag.POS in _ADJECTIVE]
            if not adjs:
                return None
            made = adjs[0].inflect(want)
            if made is None:
                return None
            out[i] = _same_case(words[i], made.word)
    return " ".join(out)


# ---------------------------------------------------------------- the language


class Russian(Language):
    """Russian: Cyrillic, inflected (pymorphy3 paradigms of the term words)."""

    code = "ru"
    name = "Russian"
    locale = "ru-RU"
    aliases = ("rus", "russian")
    script = "cyrillic"
    plural_forms = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    )
    decimal_comma = True
    months = (
        "январ", "феврал", "март", "апрел", "ма[йяе]", "июн",
        "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
    )  # fmt: skip
    number_words: ClassVar[Mapping[int, str]] = {
        0: "нол[ьяюе]|нул[ьяюе]",
        1: "од(?:ин|н[аоуиы]\\w*)|перв\\w+",
        2: "дв(?:а|е|ух|ум|умя)|втор\\w+|дво[её]\\w*|двух\\w+",
        3: "тр(?:и|[её]х|[её]м|емя)|трет\\w+|тро[её]\\w*|тр[её]х\\w+",
        4: "четыр(?:е|[её]х|[её]м|ьмя)|четв[её]рт\\w+|четвер\\w+|четыр[её]х\\w+",
        5: "пят(?:ь|и|ью|\\w*ый|\\w*ая|ого|ом|ую|ое|ые|ых)",
        6: "шест(?:ь|и|ью|ой|ая|ого|ом|ую|ое|ые|ых)",
        7: "сем(?:ь|и|ью)|седьм\\w+",
        8: "восем\\w*|восьм(?:и|ью|ой|ая|ого|ом|ую|ое|ые|ых)",
        9: "девят(?:ь|и|ью|ый|ая|ого|ом|ую|ое|ые|ых)",
        10: "десят(?:ь|и|ью|ок|ка|ый|ая|ого|ом|ую|ое|ые|ых)|десятилети\\w+",
        11: "одиннадцат\\w+",
        12: "двенадцат\\w+|дюжин\\w+",
        24: "сут(?:ки|ок|кам|ками|ках)",
        13: "тринадцат\\w+",
        14: "четырнадцат\\w+",
        15: "пятнадцат\\w+",
        16: "шестнадцат\\w+",
        17: "семнадцат\\w+",
        18: "восемнадцат\\w+",
        19: "девятнадцат\\w+",
        20: "двадцат\\w+",
        30: "тридцат\\w+",
        40: "сорок\\w*",
        50: "пят(?:ь|и)десят\\w*|пятидесят\\w+",
        60: "шест(?:ь|и)десят\\w*|шестидесят\\w+",
        70: "сем(?:ь|и)десят\\w*|семидесят\\w+",
        80: "восем(?:ь|и)десят\\w*|восьмидесят\\w+",
        90: "девяност\\w+",
        100: "сто|ста|сотн\\w+|сот\\w+|столети\\w+",
        200: "двест[иа]|двухсот\\w*",
        300: "трист[аа]|трехсот\\w*|трёхсот\\w*",
        400: "четырест[аа]|четырехсот\\w*",
        500: "пятьсот|пятисот\\w*",
        1000: "тысяч\\w*",
        10**6: "миллион\\w*",
        10**9: "миллиард\\w*",
    }
    multipliers: frozenset[int] = frozenset()
    scale_words: ClassVar[Mapping[int, str]] = {
        1000: "тыс\\.|тысяч\\w*",
        10**6: "млн|миллион\\w*",
        10**9: "млрд|миллиард\\w*",
    }
    units: ClassVar[Mapping[str, str]] = {
        "mi": "мил[ьяюие]\\w*",
        "km": "км|километр\\w*",
        "mph": "мил[ьяи]\\w* в час",
        "kmh": "км/ч|км в час|километр\\w* в час",
        "ft": "фут\\w*",
        "in": "дюйм\\w*",
        "yd": "ярд\\w*",
        "m": "м\\b|метр\\w*",
        "cm": "см|сантиметр\\w*",
        "mm": "мм|миллиметр\\w*",
        "lb": "фунт\\w*",
        "oz": "унци\\w*",
        "kg": "кг|килограмм\\w*|кило\\b",
        "g": "грамм\\w*",
        "t": "т\\b|тонн\\w*",
        "acre": "акр\\w*",
        "ha": "га|гектар\\w*",
        "sqmi": "квадратн\\w+ мил\\w*",
        "sqkm": "кв\\. км|км²|квадратн\\w+ километр\\w*",
        "gal": "галлон\\w*",
        "l": "л\\b|литр\\w*",
        "F": "°\\s?F|градус\\w* по Фаренгейту|по Фаренгейту",
        "C": (
            "°\\s?C|°\\s?С|градус\\w* (?:по )?Цельси\\w*|по Цельсию|градус\\w* тепла"
            "|градус\\w* мороза"
        ),
        "deg": "градус\\w*|°",
    }
    units_in_words: ClassVar[Mapping[str, str]] = {
        "km": "километров",
        "m": "(?<!кило)(?<!санти)(?<!милли)метров",
        "cm": "сантиметров",
        "kg": "килограммов",
        "t": "тонн",
    }
    decade_after = r"-?(?:е|х|ые|ых|ым|ми)\b"

    #: 14 часов 42 минуты is 14:42.
    clock_words = (r"час\w*", r"минут\w*")

    #: Not а, о, он, от, не, же: Kazakh writes those too ('that', 'ten', 'fire', 'what', 'or').
    function_words = frozenset((
        "и", "в", "во", "на", "что", "с", "со", "по", "для", "это", "как", "к", "ко", "из", "об",
        "но", "или", "бы", "был", "была", "было", "были", "его", "её", "ее", "они", "она", "при",
        "за", "до", "так", "уже", "также", "только", "который", "которые", "которая", "которого",
        "чтобы", "если", "когда", "где", "этот", "эта", "эти", "того", "под", "над", "между",
        "после", "через", "более",
    ))  # fmt: skip
    near_miss_min_len = 4
    #: Hyphenated words stay whole: pymorphy3 inflects пресс-служба as one word.
    word_pattern = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

    # The module's functions themselves, not wrappers: the matcher calls them for every new word.
    key = staticmethod(key)
    near_stem = staticmethod(crude_stem)
    is_known_word = staticmethod(is_known)
    agree = staticmethod(agree)

    def case_key(self, word: str) -> str:
        return word.replace("ё", "е").replace("Ё", "Е")

    stop_words = STOP_WORDS

    def phrase_spans(self, words: Sequence[str], gaps: Sequence[str]) -> list[Span]:
        """Adjectives and a noun, then genitive noun phrases (Ассамблея народа Казахстана), by
        pymorphy3's readings."""
        out: list[Span] = []
        most = self.max_phrase_words
        member = lambda w: self.is_phrase_word(w) and any(_roles(w))  # noqa: E731
        for a, b in runs(words, gaps, member):
            for i in range(a, b + 1):
                for j in range(i, min(b, i + most - 1) + 1):
                    if _head(words[i : j + 1]) is not None:
                        out.append((i, j))
        return out

    def phrase_lemma(self, words: Sequence[str], known: Container[str] = frozenset()) -> str | None:
        return phrase_lemma(words)

    def stem_key(self, word: str) -> str:
        parses = morph().parse(word)
        return str(parses[0].normal_form) if parses else word.lower()

    def term_entries(self, concept: Concept, term: Term, text: str) -> list[TermEntry]:
        """Words up to the head noun inflect and agree with it (некоммерческих организаций);
        a noun joined to the head by и/или inflects with it (права и свободы человека)."""
        words, gaps, lead, trail = self.split_term(text)
        if not words:
            return []
        patterns = []
        cs = term.case_sensitive
        head_seen = False
        coordinated = False
        for i, word in enumerate(words):
            own = word if cs else key(word)
            inflects = (
                (not head_seen or coordinated)
                and not term.is_abbreviation
                and is_russian_word(word)
                and not _in_quotes(text, word)
            )
            coordinated = head_seen and own in ("и", "или") and i + 1 < len(words)
            coordinated = coordinated and is_noun(words[i + 1])
            if not inflects:
                patterns.append(
                    WordPattern({own: PLAIN}, own, case_sensitive=cs, capital=capital(word, term))
                )
                continue
            head = is_noun(word) or i == len(words) - 1
            forms = paradigm(word, head=head)
            if len(words) == 1:
                forms = unambiguous(word, forms)
            if cs:
                forms = {_same_case(word, f): a for f, a in forms.items()}
            agreement = None if head_seen else forms  # a coordinated noun agrees with nothing
            head_seen = head_seen or head
            keys = {f: PLAIN for f in forms}
            keys.setdefault(own, PLAIN)
            patterns.append(
                WordPattern(
                    keys, own, case_sensitive=cs, capital=capital(word, term), agree=agreement
                )
            )
        return [TermEntry(concept, term, patterns, gaps, lead, trail)]

    def word_form(self, pattern: WordPattern, word: str, key: str, cs: bool) -> tuple[bool, bool]:
        return (word if cs else key) != pattern.own, False

    def other_sense_at(
        self, term: Term, key: str, i: int, words: list[str], spans: list[Span], text: str
    ) -> bool:
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        return other_sense(before, key, after)

    def form_of(self, span: str, term: str | None = None) -> Form:
        return form_of(span) or NOMINATIVE

    def inflect(self, term: str, form: Form, *, indeclinable: bool = False) -> str:
        return term if indeclinable else inflect_term(term, form)


LANGUAGE = Russian()
