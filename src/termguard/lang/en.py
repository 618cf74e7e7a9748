"""English word keys for matching: possessives and plurals removed, British spellings made American.

The same `key` is applied to a glossary term's words and to the words of running text, so
organisations, organization's and Organizations all meet at "organization". The rules are
deliberately few and symmetric: they only have to make variants of one word collide, not to be a
full stemmer.

`LANGUAGE` (class English) is this module's side of the language interface (lang/base.py):
term patterns with joined and split spellings and 'of the', other senses in context, plurals
for repair, month names and number words.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from functools import lru_cache
from typing import ClassVar

from termguard.glossary.model import Concept, Term
from termguard.lang.base import Form, Language, Span, runs
from termguard.lang.terms import PLAIN, QUOTES, TermEntry, WordPattern, capital, sentence_start


def _words(text: str) -> list[str]:
    return text.split()


#: Words ending in s that are not plurals (or whose singular we must not guess).
_NOT_PLURAL = frozenset(
    _words(
        """news series species politics economics physics mathematics ethics statistics means
    headquarters whereabouts crossroads chess mumps diabetes always perhaps thus various
    previous famous serious analysis basis crisis thesis emphasis status bus campus census
    virus consensus focus bonus corpus apparatus us gas yes this his its was has does is"""
    )
)
_IRREGULAR = {"women": "woman", "men": "man", "children": "child", "analyses": "analysis",
              "crises": "crisis", "theses": "thesis", "bases": "basis"}  # fmt: skip
_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=[a-z])ence$"), "ense"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"judgement"), "judgment"),
)
_NOT_RESPELLED = frozenset(
    _words(
        """rise wise otherwise precise concise promise premise exercise advise advertise compromise
    surprise expertise franchise merchandise noise poise praise raise anise treatise enterprise
    supervise revise devise comprise despise disguise chastise improvise televise paradise
    our four hour your tour pour flour sour dour devour fence hence pence thence whence"""
    )
)
#: Prefixes written solid, hyphenated or spaced: nongovernmental, non-governmental.
PREFIXES = ("non", "anti", "inter", "multi", "socio", "co", "self", "cross", "pre", "post")
_PREFIXED = re.compile(r"^(" + "|".join(PREFIXES) + r")(?=[a-z]{4,})")


def strip_possessive(word: str) -> str:
    """NGO's -> NGO, members' -> members."""
    if word.endswith(("'s", "'S")):
        return word[:-2]
    if word.endswith("'"):
        return word[:-1]
    return word


def singular(word: str) -> str:
    """A rule-based singular of a lower-case word (organizations -> organization)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _NOT_PLURAL or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    return word[:-1]


def respell(word: str) -> str:
    """British spellings made American (organisation -> organization, dialogue -> dialog)."""
    if word in _NOT_RESPELLED:
        return word
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """How an English word is compared when case does not matter."""
    return respell(singular(strip_possessive(word).lower()))


@lru_cache(maxsize=65536)
def base(word: str) -> str:
    """The word without possessive and plural, lower-case, in its own spelling."""
    return singular(strip_possessive(word).lower())


def case_key(word: str) -> str:
    """How a case-sensitive word (an abbreviation) is compared: NGOs, NGO's -> NGO."""
    word = strip_possessive(word)
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return word[:-1]
    return word


#: Collocations in which a term word has another sense than the glossary's: (word before,
#: key, word after), "" for any. The glossary's "law" is a statute, "government" the
#: executive of a state.
_OTHER_SENSES = frozenset(
    {
        ("at", "law", ""),  # went to law: litigation
        ("", "law", "enforcement"),  # the police
        ("", "law", "firm"),
        ("", "law", "school"),
        ("martial", "law", ""),
        ("local", "government", ""),  # local self-government, a concept of its own
        ("mobile", "government", ""),  # e-government services
    }
)


def other_sense(previous: str, key: str, following: str) -> bool:
    """True if the term word `key` between these (lower-case) words has another sense."""
    return bool(
        {(previous, key, ""), ("", key, key and following), (previous, key, following)}
        & _OTHER_SENSES
    )


def split_prefix(word: str) -> tuple[str, str] | None:
    """nongovernmental -> (non, governmental), for words written solid with a known prefix."""
    m = _PREFIXED.match(word.lower())
    if m is None:
        return None
    return word[: m.end()], word[m.end() :]


# ---------------------------------------------------------------- term patterns


def _word_pattern(word: str, term: Term) -> WordPattern:
    cs = term.case_sensitive
    return WordPattern(
        {case_key(word) if cs else key(word): PLAIN},
        word if cs else base(word),
        case_sensitive=cs,
        capital=capital(word, term),
        raw=word if cs else word.lower(),
    )


def _joined(
    words: list[str], gaps: list[str], raw_gaps: list[str]
) -> list[tuple[list[str], list[str]]]:
    """Joined spellings of hyphenated words: non-governmental -> nongovernmental."""
    hyphens = [i for i, g in enumerate(raw_gaps) if g == "-"]
    if not hyphens or len(hyphens) > 3:
        return []
    out = []
    for mask in range(1, 1 << len(hyphens)):
        joined = {hyphens[b] for b in range(len(hyphens)) if mask >> b & 1}
        ws, gs = [words[0]], []
        for i in range(1, len(words)):
            if i - 1 in joined:
                ws[-1] += words[i]
            else:
                ws.append(words[i])
                gs.append(gaps[i - 1])
        out.append((ws, gs))
    return out


# ---------------------------------------------------------------- repair


def form_of(span: str) -> Form:
    """An English span is plural when its last word is (roughly: ends in s but not ss/'s)."""
    last = span.split()[-1] if span.split() else ""
    plural = bool(re.search(r"(?<![sui'’])s$", last)) and len(last) > 3
    return Form("nomn", plural)


def pluralize(word: str) -> str:
    """The plural of one English word by the regular rules (ies, es, s)."""
    if word.isupper():
        return word + "s"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def inflect_term(term: str, form: Form) -> str:
    """Pluralise an English term's head word (the last word before any 'of ...')."""
    if not form.plural:
        return term
    words = term.split(" ")
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    words[head] = pluralize(words[head])
    return " ".join(words)


# ---------------------------------------------------------------- the language


# ---------------------------------------------------------------- term extraction

#: Words that never stand inside a candidate term: articles, pronouns, prepositions,
#: conjunctions, auxiliaries, frequent verbs and adverbs.
STOP_WORDS = frozenset(
    """
    a an the this that these those there here it its it's he she they them their his her him we
    us our you your i me my mine who whom whose which what when where why how all any both each
    every few more most other others some such no nor not only own same so than too very just
    also even still yet already again ever never always often once of in on at by for with about
    against between into through during before after above below to from up down out off over
    under within without across along among around behind beyond near since toward towards upon
    via per and or but if because as until while although though whether either neither be is
    are was were been being am have has had having do does did doing will would shall should can
    could may might must said says say told tell according made make makes take takes took give
    gives gave get gets got go goes went come came see seen new old many much one two three four
    five six seven eight nine ten first second third last next year years day days time times
    week month today yesterday tomorrow mr mrs ms dr however therefore thus then now well like
    including include includes
    """.split()  # noqa: SIM905
)
#: Endings of words that modify a noun and so end no term (adverbs, adjectives, participles).
_NOT_HEAD = ("ly", "ous", "ful", "less", "able", "ible", "ed")


def is_head(word: str) -> bool:
    """True if `word` may end an English noun phrase (no adverb, adjective or participle)."""
    return not (word.isalpha() and word.islower() and word.lower().endswith(_NOT_HEAD))


def phrase_lemma(words: Sequence[str]) -> str:
    """The phrase with its last word in the singular (civil society organizations -> ...
    organization); abbreviations and capitalised names stay as written."""
    head = strip_possessive(words[-1])
    head = singular(head) if head.islower() else head
    return " ".join([*words[:-1], head])


class English(Language):
    """English: Latin, keys by plural, possessive and spelling rules (this module's `key`)."""

    code = "en"
    name = "English"
    locale = "en-US"
    aliases = ("eng", "english")
    months = (
        "jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?",
        "aug(?:ust)?", "sep(?:t|tember)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?",
    )  # fmt: skip
    month_tail = ""
    number_words: ClassVar[Mapping[int, str]] = {
        0: "zero|nil",
        1: "one|first|once",
        2: "two|second|twice",
        3: "three|third|thrice",
        4: "four|fourth|fours",
        5: "five|fifth",
        6: "six|sixth|sixes",
        7: "seven|seventh",
        8: "eight|eighth",
        9: "nine|ninth",
        10: "ten|tenth|decade",
        11: "eleven|eleventh",
        12: "twelve|twelfth|dozen",
        13: "thirteen(?:th)?",
        14: "fourteen(?:th)?",
        15: "fifteen(?:th)?",
        16: "sixteen(?:th)?",
        17: "seventeen(?:th)?",
        18: "eighteen(?:th)?",
        19: "nineteen(?:th)?",
        20: "twent(?:y|ieth|ies)",
        30: "thirt(?:y|ieth|ies)",
        40: "fort(?:y|ieth|ies)",
        50: "fift(?:y|ieth|ies)",
        60: "sixt(?:y|ieth|ies)",
        70: "sevent(?:y|ieth|ies)",
        80: "eight(?:y|ieth|ies)",
        90: "ninet(?:y|ieth|ies)",
        100: "hundreds?|hundredth|centenary",
        1000: "thousands?|thousandth",
        10**6: "millions?",
        10**9: "billions?",
    }
    number_joiner = r"(?:[\s\-\u2010]+(?:and\s+)?)"
    scale_words: ClassVar[Mapping[int, str]] = {
        1000: "thousand|k",
        10**6: "million|mln",
        10**9: "billion|bn",
    }
    units: ClassVar[Mapping[str, str]] = {
        "mi": "miles?|mi",
        "km": "kilomet(?:er|re)s?|km",
        "mph": "mph|miles?[ -](?:per|an|a)[ -]hour",
        "kmh": "kph|km/h|kmh|kilomet(?:er|re)s?[ -](?:per|an|a)[ -]hour",
        "ft": "feet|foot|ft",
        "in": "inch(?:es)?|in\\.",
        "yd": "yards?|yd",
        "m": "met(?:er|re)s?|m",
        "cm": "centimet(?:er|re)s?|cm",
        "mm": "millimet(?:er|re)s?|mm",
        "lb": "pounds?|lbs?",
        "oz": "ounces?|oz",
        "kg": "kilo(?:gram(?:me)?s?)?s?|kg",
        "g": "grams?|g",
        "t": "tonnes?|metric tons?",
        "acre": "acres?",
        "ha": "hectares?|ha",
        "sqmi": "square miles?|sq mi",
        "sqkm": "square kilomet(?:er|re)s?|sq km|km2|km²",
        "gal": "gallons?|gal",
        "l": "lit(?:er|re)s?|l",
        "F": "°\\s?F|degrees? Fahrenheit|Fahrenheit",
        "C": "°\\s?C|degrees? Celsius|Celsius|degrees? centigrade",
        "deg": "degrees?|°",
    }
    decade_after = r"'?s\b"
    #: A word may hold an apostrophe (NGO's) or end in one after s (members').
    word_pattern = re.compile(r"[^\W_]+(?:'[^\W_]+)*(?:(?<=[sS])'(?![^\W_]))?")
    #: NGO-led: a hyphen between two words of a term is as good as a space.
    gap_ignored = QUOTES | {"-"}

    # The module's functions themselves, not wrappers: the matcher calls them for every new word.
    key = staticmethod(key)
    case_key = staticmethod(case_key)

    def term_entries(self, concept: Concept, term: Term, text: str) -> list[TermEntry]:
        """The term as written, its hyphenated words joined (nongovernmental) and solid ones
        split (non-governmental), and an article added after 'of' (Head of the State)."""
        words, gaps, lead, trail = self.split_term(text)
        if not words:
            return []
        spans = self.word_spans(text)
        raw_gaps = [text[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]
        variants: list[tuple[list[str], list[str], bool]] = [(words, gaps, False)]
        variants += [(ws, gs, True) for ws, gs in _joined(words, gaps, raw_gaps)]
        for i, w in enumerate(words):
            split = split_prefix(w) if not term.case_sensitive else None
            if split is not None:
                # Solid spellings split: nongovernmental -> non-governmental, non governmental.
                variants.append(
                    (words[:i] + list(split) + words[i + 1 :], [*gaps[:i], "", *gaps[i:]], True)
                )
        lower = [w.lower() for w in words]
        if "of" in lower[1:-1]:
            # An article added after 'of': Head of State, Head of the State.
            k = lower.index("of", 1)
            if lower[k + 1] != "the":
                variants.append(
                    (
                        [*words[: k + 1], "the", *words[k + 1 :]],
                        [*gaps[:k], "", "", *gaps[k + 1 :]],
                        True,
                    )
                )
        return [
            TermEntry(
                concept, term, [_word_pattern(w, term) for w in ws], gs, lead, trail, variant=v
            )
            for ws, gs, v in variants
        ]

    def word_form(self, pattern: WordPattern, word: str, key: str, cs: bool) -> tuple[bool, bool]:
        if cs:
            return word != pattern.own, False
        variant = base(word) != pattern.own  # organisation for organization
        return not variant and word.lower() != pattern.raw, variant

    def other_sense_at(
        self, term: Term, key: str, i: int, words: list[str], spans: list[Span], text: str
    ) -> bool:
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        start = spans[i][0]
        if (
            not term.case_sensitive
            and term.pos != "proper-noun"
            and start > 1
            and text[start - 1] == "-"
            and text[start - 2].isalnum()
        ):
            return True  # the end of a compound: mother-in-law is no statute
        # (the start of one is still the term: President-elect)
        if (
            term.pos == "proper-noun"
            and before[:1].isupper()
            and not before.isupper()  # PM, UN, EU: a time or an abbreviation, not a name
            and not sentence_start(text, spans, i - 1)
            and text[spans[i - 1][1] : start] == " "
        ):
            return True  # another body's name: the Welsh Parliament
        return other_sense(before.lower(), key, after.lower())

    stop_words = STOP_WORDS

    def is_phrase_word(self, word: str) -> bool:
        """No stop word, number or adverb (widely, especially)."""
        low = word.lower()
        return super().is_phrase_word(word) and not (low.endswith("ly") and len(low) > 4)

    def phrase_spans(self, words: Sequence[str], gaps: Sequence[str]) -> list[Span]:
        """Adjective and noun chains ending in a word that may be a noun."""
        out: list[Span] = []
        most = self.max_phrase_words
        for a, b in runs(words, gaps, self.is_phrase_word):
            for i in range(a, b + 1):
                out.extend((i, j) for j in range(i, min(b, i + most - 1) + 1) if is_head(words[j]))
        return out

    def phrase_lemma(self, words: Sequence[str], known: Container[str] = frozenset()) -> str | None:
        return phrase_lemma(words)

    def checks_spelling(self, term: Term, words: int) -> bool:
        """English is dense with real words one letter apart (mediation, medication): only
        names and multiword terms are checked for misspellings."""
        return words > 1 or term.pos == "proper-noun"

    def form_of(self, span: str, term: str | None = None) -> Form:
        return form_of(span)

    def inflect(self, term: str, form: Form, *, indeclinable: bool = False) -> str:
        """The term in `form`; English says a locative (Kazakh Қазақстанда, Russian в
        Казахстане, the form a repair takes from a copied source word) with "in"."""
        text = term if indeclinable else inflect_term(term, form)
        return f"in {text}" if form.case == "loct" else text


LANGUAGE = English()
