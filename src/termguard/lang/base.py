"""The interface to a language: everything the pipeline asks of kk, ru, th, en (or one added later).

A language is a `Language` subclass in lang/<code>.py whose instance the registry
(termguard.lang.get_language) finds by its code. The defaults below describe a plain
space-separated language written in Latin letters with no inflection, so a new language
overrides only what differs. Callers (matching, segmentation, selection and repair, checks)
hold no language's rules: they ask the interface.

- identity: code, name, aliases (the tags files use), gettext plural forms;
- script and look: the script it is written in, the letters and function words only it writes
  among the languages of that script, the language its text is taken for when those letters
  are missing (lang/detect.py and lang/identify.py read them);
- normalise and words: folding for matching, word spans, the key a gap between words reduces to;
- sentences: sentence spans of a paragraph, and whether it takes over a paragraph in a document
  of another language (Thai inside Kazakh news);
- analysis: how a text word reduces to the keys of term words (`key`, `case_key`, or a key plus
  a suffix chain for `suffixing` languages), the term-pattern builder `term_entries`, agreement,
  other senses in context, near misses (`near_stem`, `keyboard_variant`, `is_known_word`) and
  words glued together in scraped text;
- repair: `form_of` a span and `inflect` a term to that form;
- numbers: decimal comma, digits, clock marks, month names, number words, other readings of a
  value;
- term extraction: stop words, the noun phrases of a sentence (`phrase_spans`), a phrase's
  dictionary form (`phrase_lemma`), a rough stem for counting words across texts (`stem_key`),
  and how a word reads as an abbreviation and gives its letter to one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from termguard.glossary.model import Concept, Term
from termguard.lang.normalize import Folded, fold
from termguard.lang.sentences import sbd_spans
from termguard.lang.terms import PLAIN, QUOTES, Agreement, TermEntry, WordPattern, capital

#: Grammatical cases shared by the languages' rules, named as pymorphy3 names them.
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

Span = tuple[int, int]


@dataclass(frozen=True)
class Form:
    """The grammar of a noun phrase: case and number (singular unless plural)."""

    case: str = "nomn"
    plural: bool = False


NOMINATIVE = Form()

WORD = re.compile(r"[^\W_]+")
_LOWER_UPPER = re.compile(r"[a-zа-яёәғқңөұүһі][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_CAMEL = re.compile(
    r"(?<=[^\W\d_]{2})(?<=[a-zа-яёәғқңөұүһі])(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі])"
)


_ABBREVIATION = re.compile(r"[^\W\d_]{2,10}")
_ABBREVIATION_TAIL = re.compile(r"-[^\W\d_]+$")


def runs(
    words: Sequence[str],
    gaps: Sequence[str],
    member: Callable[[str], bool],
    joins: Callable[[str], bool] | None = None,
) -> list[Span]:
    """(first, last) of every run of member words joined by plain gaps (by default spaces or
    quotes only: `plain_gap`). gaps[i] is the text between words i-1 and i (gaps[0] is ignored).
    """
    joins = joins or plain_gap
    out: list[Span] = []
    start = -1
    for i, word in enumerate(words):
        joined = i > 0 and start >= 0 and joins(gaps[i])
        if not member(word):
            if start >= 0:
                out.append((start, i - 1))
            start = -1
            continue
        if start >= 0 and not joined:
            out.append((start, i - 1))
            start = i
        elif start < 0:
            start = i
    if start >= 0:
        out.append((start, len(words) - 1))
    return out


def plain_gap(gap: str) -> bool:
    """True if the text between two words keeps them in one phrase (spaces, quotes)."""
    return gap.count("\n") < 2 and all(ch.isspace() or ch in QUOTES for ch in gap)


def split_camel_case(text: str, found: Iterable[Span]) -> list[Span]:
    """Word spans with a word glued to a capitalised one cut (ҚазақстанРеспубликасы)."""
    if not _LOWER_UPPER.search(text):
        return list(found)
    out: list[Span] = []
    for s, e in found:
        word = text[s:e]
        if word[1:].islower() or word.isupper() or e - s < 5:
            out.append((s, e))
            continue
        cut = s
        for c in _CAMEL.finditer(text, s + 2, e - 1):
            out.append((cut, c.start()))
            cut = c.start()
        out.append((cut, e))
    return out


class Language:
    """What termguard knows about one language; subclasses override what differs (module doc)."""

    # ------------------------------------------------------------------ identity
    code: str = ""
    name: str = ""
    #: Other tags files use for the language (ISO 639-3, the English name), lower-case.
    aliases: tuple[str, ...] = ()
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    #: The language with its usual region, as word processors tag text (kk-KZ); "" for the code.
    locale: str = ""

    # ------------------------------------------------------------------ script and look
    #: 'cyrillic', 'latin' or 'thai' (see lang/script.py).
    script: str = "latin"
    #: Letters this language writes and the other languages of its script do not (lower-case).
    own_letters: str = ""
    #: The language a long text in this script without `own_letters` is taken for.
    resembles: str = ""
    #: Frequent words of the language that the other languages of its script do not write
    #: alone (Kazakh және, мен; Russian и, в, что), for telling which one a text is in.
    function_words: frozenset[str] = frozenset()
    #: Endings the language writes after a hyphen on a number (Kazakh 90-нан, 5-ші).
    number_endings: frozenset[str] = frozenset()
    #: Words are separated by spaces (Thai: no, words are found by a dictionary).
    spaced: bool = True
    #: Sentences end with a full stop (Thai: no, so a missing '.' is no difference).
    full_stop: bool = True

    # ------------------------------------------------------------------ numbers
    #: 1,8 is one point eight (and 1 800 eighteen hundred).
    decimal_comma: bool = False
    #: The language's own digits for 0 to 9, if it has any (read as 0-9 in any text).
    digits: str = ""
    #: Marks after a clock time written H.MM (Thai 17.30 น.).
    clock_marks: tuple[str, ...] = ()
    #: Month names January to December as regular expressions of their stems.
    months: tuple[str, ...] = ()
    #: What may follow a month's stem in a word (its endings); English names are whole words.
    month_tail: str = r"\w*"
    #: Numbers written as words: value -> a regular expression of the words for it.
    number_words: ClassVar[Mapping[int, str]] = {}
    #: Number words that multiply the word before them alone (hundred in 'two hundred'; Thai's
    #: สิบ ร้อย พัน ...) and those that multiply everything before them (thousand, million).
    multipliers: frozenset[int] = frozenset({100})
    big_multipliers: frozenset[int] = frozenset({1000, 10**6, 10**9})
    #: What may stand between two number words of one number (forty-eight, one hundred and five).
    number_joiner: str = r"(?:[\s\-\u2010]+)"
    #: Words after a written number that scale it: value -> regular expression (2 млн).
    scale_words: ClassVar[Mapping[int, str]] = {}
    #: Units written after a number: unit id (see checks/numbers.py) -> regular expression.
    units: ClassVar[Mapping[str, str]] = {}
    #: Units written inside a word with a number in words: unit id -> regular expression
    #: (Russian двухметровый is two metres).
    units_in_words: ClassVar[Mapping[str, str]] = {}
    #: After a number, marks it a decade (1930s, 30-е); before one, for Thai (ทศวรรษ 1930).
    decade_after: str = ""
    decade_before: str = ""

    # ------------------------------------------------------------------ analysis
    #: A word is a key plus a suffix chain (Kazakh): the matcher strips known chains.
    suffixing: bool = False
    #: Scraped text loses spaces after a term's last word (Ассамблеясығимаратында).
    glues_words: bool = False
    #: Near misses need this many letters.
    near_miss_min_len: int = 5
    #: The regular expression of a word, for matching.
    word_pattern: re.Pattern[str] = WORD
    #: Characters that vanish between two words of a term (quotes).
    gap_ignored: frozenset[str] = QUOTES

    def __repr__(self) -> str:
        return f"<Language {self.code}>"

    @cached_property
    def own_letter_set(self) -> frozenset[str]:
        """`own_letters` in both cases."""
        return frozenset(self.own_letters + self.own_letters.upper())

    # ------------------------------------------------------------------ normalise and words

    def normalise(self, text: str) -> Folded:
        """`text` folded for matching (NFC, homoglyphs, invisible characters), with a map back."""
        return fold(text)

    def word_spans(self, text: str) -> list[Span]:
        """(start, end) of each word of folded text, as the matcher cuts it."""
        return split_camel_case(text, (m.span() for m in self.word_pattern.finditer(text)))

    def gap_key(self, gap: str) -> str:
        """What the text between two words of a term must reduce to: quotes and spaces vanish."""
        if gap == " " or gap == "":
            return ""
        if gap.count("\n") >= 2:
            return "\n\n"  # a paragraph break: never inside a term
        ignored = self.gap_ignored
        return "".join(ch for ch in gap if not ch.isspace() and ch not in ignored)

    def split_term(self, text: str) -> tuple[list[str], list[str], str, str]:
        """A term's words, the gap keys between them, and its leading and trailing punctuation."""
        spans = self.word_spans(text)
        if not spans:
            return [], [], "", ""
        words = [text[s:e] for s, e in spans]
        gaps = [self.gap_key(text[spans[i][1] : spans[i + 1][0]]) for i in range(len(spans) - 1)]
        return words, gaps, text[: spans[0][0]].strip(), text[spans[-1][1] :].strip()

    # ------------------------------------------------------------------ unspaced languages

    def segmenter(self, words: Iterable[str] = ()) -> Callable[[str], list[str]]:
        """A function cutting a run of letters into words, knowing `words` (unspaced languages)."""
        return lambda run: [run]

    def token_spans(self, text: str, cut: Callable[[str], list[str]]) -> list[Span]:
        """(start, end) of every token of `text`, words found by `cut` (unspaced languages)."""
        return self.word_spans(text)

    # ------------------------------------------------------------------ sentences

    def sentence_spans(self, chunk: str) -> Sequence[Span]:
        """Sentence spans inside one paragraph (already trimmed)."""
        return sbd_spans(chunk, self.code)

    def claims_paragraph(self, chunk: str) -> bool:
        """True if a paragraph of a document in another language is split by this one's rules."""
        return False

    # ------------------------------------------------------------------ analysis for matching

    def key(self, word: str) -> str:
        """How a text word (or a term word) is compared when case does not matter."""
        return word.lower()

    def case_key(self, word: str) -> str:
        """How a text word is compared with a case-sensitive term word (an abbreviation)."""
        return word

    def term_entries(self, concept: Concept, term: Term, text: str) -> list[TermEntry]:
        """The term-pattern builder: the ways of writing `term` (folded as `text`) to match.

        By default every word must stand as the term writes it, in any case unless the term is
        case-sensitive.
        """
        words, gaps, lead, trail = self.split_term(text)
        if not words:
            return []
        cs = term.case_sensitive
        patterns = [
            WordPattern(
                {word if cs else self.key(word): PLAIN},
                word if cs else word.lower(),
                case_sensitive=cs,
                capital=capital(word, term),
            )
            for word in words
        ]
        return [TermEntry(concept, term, patterns, gaps, lead, trail)]

    def word_form(self, pattern: WordPattern, word: str, key: str, cs: bool) -> tuple[bool, bool]:
        """(inflected, spelling variant): how text `word`, read as `key`, differs from the term."""
        return (word if cs else word.lower()) != pattern.own, False

    def agree(self, a: frozenset[Agreement], b: frozenset[Agreement]) -> frozenset[Agreement]:
        """The readings two words of a term share (for languages whose patterns carry them)."""
        return a & b

    def other_sense_at(
        self, term: Term, key: str, i: int, words: list[str], spans: list[Span], text: str
    ) -> bool:
        """True if the one-word `term`, read as word i, has another sense in this context."""
        return False

    # ------------------------------------------------------------------ near misses

    def near_stem(self, word: str) -> str:
        """What near misses of a key are looked up by (Russian: the key without its ending)."""
        return word

    def checks_spelling(self, term: Term, words: int) -> bool:
        """True if a term of this many words is looked for misspelt."""
        return True

    def keyboard_variant(self, word: str) -> str:
        """The word as typed on another script's keyboard (Kazakh on a Russian one), or itself."""
        return word

    def is_known_word(self, word: str) -> bool:
        """True if a dictionary knows `word`, so it is no misspelling of a term."""
        return False

    def glued_rest(self, rest: str) -> bool:
        """True if `rest`, left after a term word and its suffixes, is the next word glued on."""
        return False

    # ------------------------------------------------------------------ repair

    def form_of(self, span: str, term: str | None = None) -> Form:
        """The grammatical form of `span` (term: the dictionary form the span inflects)."""
        return NOMINATIVE

    def inflect(self, term: str, form: Form, *, indeclinable: bool = False) -> str:
        """`term` (in its dictionary form) put in `form`; indeclinable terms keep their shape."""
        return term

    # ------------------------------------------------------------------ numbers

    def number_alternatives(self, value: str) -> tuple[str, ...]:
        """Other values a number read as `value` may stand for (a Thai year: the CE year)."""
        return ()

    def word_numbers(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, value) of each number written in words: сорока восьми is 48."""
        pattern = self.number_words_pattern
        if pattern is None or not self.number_words:
            return []
        runs: list[list[tuple[int, int, int]]] = []
        last_end = -1
        for m in pattern.finditer(text):
            name = m.lastgroup or ""
            if not name.startswith("n"):
                last_end = -1
                continue
            word = (m.start(), m.end(), int(name[1:]))
            if runs and last_end >= 0 and self._joins(text[last_end : m.start()]):
                runs[-1].append(word)
            else:
                runs.append([word])
            last_end = m.end()
        return [
            (run[0][0], run[-1][1], self.combine_number_words([v for *_, v in run])) for run in runs
        ]

    def _joins(self, gap: str) -> bool:
        return re.fullmatch(self.number_joiner, gap) is not None or (not self.spaced and gap == "")

    def combine_number_words(self, values: Sequence[int]) -> int:
        """The number a run of number words makes: [40, 8] is 48, [2, 100, 5] is 205."""
        total = current = last = 0
        for v in values:
            if v in self.big_multipliers:
                total += (current + last or 1) * v
                current = last = 0
            elif v in self.multipliers:
                current += (last or 1) * v
                last = 0
            else:
                last += v
        return total + current + last

    #: The words of "14 hours 42 minutes" as regular expressions (Kazakh сағат, минут\\w*),
    #: for clock_phrases; () if the language writes times otherwise.
    clock_words: tuple[str, str] | tuple[()] = ()

    @cached_property
    def _clock_pattern(self) -> re.Pattern[str] | None:
        if not self.clock_words:
            return None
        hours, minutes = self.clock_words
        return re.compile(rf"(?<!\d)(\d{{1,2}})\s+{hours}\s+(\d{{1,2}})\s+{minutes}")

    def clock_phrases(self, text: str) -> list[tuple[int, int, int, int]]:
        """(start, end, hour, minute) of clock times the language writes in words or phrases
        (Thai บ่ายโมง, Kazakh 14 сағат 42 минут); hours 0-23. By default the phrases of
        `clock_words`."""
        pattern = self._clock_pattern
        if pattern is None:
            return []
        return [(m.start(), m.end(), int(m[1]), int(m[2])) for m in pattern.finditer(text)]

    @cached_property
    def number_words_pattern(self) -> re.Pattern[str] | None:
        """One pattern for month names and number words; group m3 is March, n10 ten."""
        if not self.months and not self.number_words:
            return None
        tail = self.month_tail if self.spaced else ""
        alts = [f"(?P<m{i}>{stem}{tail})" for i, stem in enumerate(self.months, 1)]
        alts += [f"(?P<n{v}>{w})" for v, w in self.number_words.items()]
        start, end = (r"(?<!\w)", r"(?!\w)") if self.spaced else ("", "")
        return re.compile(start + "(?:" + "|".join(alts) + ")" + end, re.IGNORECASE)

    # ------------------------------------------------------------------ term extraction

    #: Words that never stand inside a candidate term (lower-case); function words always count.
    stop_words: frozenset[str] = frozenset()
    #: A noun phrase ends in its head noun (Thai: it starts with it).
    head_final: bool = True
    #: A candidate term has at most this many words.
    max_phrase_words: int = 5

    def is_stop_word(self, word: str) -> bool:
        """True if `word` never stands inside a candidate term."""
        low = word.lower()
        return low in self.stop_words or low in self.function_words

    def is_phrase_word(self, word: str) -> bool:
        """True if `word` may stand in a noun phrase: no stop word, no number, this script."""
        if self.is_stop_word(word) or sum(ch.isalpha() for ch in word) < 2:
            return False
        from termguard.lang.script import script_of

        scripts = {script_of(ch) for ch in word if ch.isalpha()}
        if scripts == {self.script}:
            return True
        # a name in Latin letters inside Cyrillic text (AMANAT, DOSTYQ CAMP)
        return self.script == "cyrillic" and scripts == {"latin"} and word[:1].isupper()

    def phrase_spans(self, words: Sequence[str], gaps: Sequence[str]) -> list[Span]:
        """(first, last) word indices of every noun phrase of a sentence that may be a term.

        `gaps[i]` is the text between words i-1 and i. By default every run of up to
        `max_phrase_words` phrase words (`is_phrase_word`) inside a longer run counts.
        """
        out: list[Span] = []
        for a, b in runs(words, gaps, self.is_phrase_word):
            for i in range(a, b + 1):
                out.extend((i, j) for j in range(i, min(b, i + self.max_phrase_words - 1) + 1))
        return out

    def phrase_lemma(self, words: Sequence[str], known: Container[str] = frozenset()) -> str | None:
        """The dictionary form of a noun phrase written as `words`, or None if it is none.

        `known` is what `stems_seen` made of the words of the texts, for languages that guess
        a stem among several readings (Kazakh). By default the words as written.
        """
        return self.join_words(words)

    def stems_seen(self, vocabulary: Iterable[str]) -> Container[str]:
        """What phrase_lemma may take as a known stem, from the lower-case words of texts
        (by default the words themselves; Kazakh adds the stems two different words share)."""
        return frozenset(vocabulary)

    def join_words(self, words: Sequence[str]) -> str:
        """The words of a phrase written as one text (Thai writes them without spaces)."""
        return " ".join(words) if self.spaced else "".join(words)

    def stem_key(self, word: str) -> str:
        """A rough key the inflected forms of a word share, for counting words across texts."""
        return self.key(word)

    def abbreviation_base(self, word: str) -> str | None:
        """The abbreviation `word` writes (ҮЕҰ-ның: ҮЕҰ), or None if it is no abbreviation.

        Two to ten letters, all capitals; a lower-case ending after a hyphen is dropped.
        """
        base = _ABBREVIATION_TAIL.sub("", word)
        if _ABBREVIATION.fullmatch(base) and base.isupper():
            return base
        return None

    def initial_letter(self, word: str) -> str:
        """The letter `word` gives an abbreviation made of initials (upper-case)."""
        return word[:1].upper()
