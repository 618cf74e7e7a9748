"""Thai word boundaries: pythainlp's newmm, with the glossary's Thai terms added to its dictionary.

Thai writes no spaces between words, so a term counts only where it starts and ends on a word
boundary. Runs of Thai script are cut by newmm (maximal matching over a dictionary to which the
glossary's terms are added, so a term stays whole where it fits); everything else (Latin words,
digits, punctuation) is cut by script, one token per word or punctuation mark.

`LANGUAGE` (class Thai) is this module's side of the language interface (lang/base.py): word
boundaries, sentences split at spaces between Thai letters, Thai digits and clock times, month
names and Buddhist-era years.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any, ClassVar

from termguard.lang.base import Language, Span, runs
from termguard.lang.script import LETTER_RUNS
from termguard.lang.sentences import sbd_spans

_THAI = re.compile(r"[\u0e01-\u0e5b]+")
_OTHER = re.compile(r"[^\W_]+|[^\w\s]")


def is_thai(text: str) -> bool:
    """True if the text holds any Thai letter."""
    return bool(_THAI.search(text))


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@cache
def _trie(words: frozenset[str]) -> Any:
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(set(thai_words()) | set(words))


def segmenter(words: Iterable[str] = ()) -> Callable[[str], list[str]]:
    """A function that cuts a run of Thai letters into words, knowing `words` as extra words."""
    from pythainlp.tokenize.newmm import segment

    extra = frozenset(w for w in words if _THAI.fullmatch(w))
    trie = _trie(extra)

    def cut(run: str) -> list[str]:
        return list(segment(run, custom_dict=trie))

    return cut


def token_spans(text: str, cut: Callable[[str], list[str]]) -> list[tuple[int, int]]:
    """(start, end) of every token of `text`: Thai words, other words, punctuation marks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _THAI.finditer(text):
        if m.start() > pos:
            spans.extend((o.start(), o.end()) for o in _OTHER.finditer(text, pos, m.start()))
        i = m.start()
        for word in cut(m.group()):
            spans.append((i, i + len(word)))
            i += len(word)
        pos = m.end()
    spans.extend((o.start(), o.end()) for o in _OTHER.finditer(text, pos))
    return spans


# ---------------------------------------------------------------- sentences

_THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_THAI_MIN = 12  # Thai pieces shorter than this (characters) are joined to the next one


def sentence_spans(chunk: str) -> list[Span]:
    """Thai: split at spaces between two Thai letters and after . ! ?; join short pieces."""
    cuts = [0]
    for m in re.finditer(r"\s+", chunk):
        before = chunk[m.start() - 1] if m.start() > 0 else ""
        after = chunk[m.end()] if m.end() < len(chunk) else ""
        thai_gap = bool(_THAI_LETTER.match(before)) and bool(_THAI_LETTER.match(after))
        if thai_gap or (before in ".!?" and after):
            cuts += [m.start(), m.end()]
    cuts.append(len(chunk))
    raw = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    spans: list[Span] = []
    carry: int | None = None
    for s, e in raw:
        start = s if carry is None else carry
        if e - s < _THAI_MIN and (s, e) != raw[-1]:
            carry = start
            continue
        spans.append((start, e))
        carry = None
    if carry is not None:
        spans.append((carry, len(chunk)))
    return spans


def mostly_thai(chunk: str) -> bool:
    """True if at least half the letters of `chunk` are Thai."""
    letters = "".join(LETTER_RUNS.findall(chunk))
    thai = len(_THAI_CHAR.findall(letters))
    return thai > 0 and thai * 2 >= len(letters)


# ---------------------------------------------------------------- numbers and clock words

#: Thai number words; สิบ ร้อย พัน หมื่น แสน multiply the digit word before them (สี่สิบแปด 48).
NUMBER_WORDS: dict[int, str] = {
    0: "ศูนย์", 1: "หนึ่ง|เอ็ด", 2: "สอง|ยี่", 3: "สาม", 4: "สี่", 5: "ห้า", 6: "หก",
    7: "เจ็ด", 8: "แปด", 9: "เก้า", 10: "สิบ", 100: "ร้อย", 1000: "พัน", 10**4: "หมื่น",
    10**5: "แสน", 10**6: "ล้าน",
}  # fmt: skip
_WORD_ALTS = "|".join(f"(?P<n{v}>{w})" for v, w in NUMBER_WORDS.items())
_NUMBER_WORD = re.compile(_WORD_ALTS)
_NUMBER_TOKEN = re.compile("(?:" + "|".join(NUMBER_WORDS.values()) + ")+")
_HOUR_WORDS = "(?:" + "|".join(NUMBER_WORDS[v] for v in range(1, 11)) + ")+"
_N = r"(\d{1,2}(?:[.:]\d{2})?|" + _HOUR_WORDS + ")"
_MINUTES = r"(?:\s*(ครึ่ง)|\s*(\d{1,2})\s*นาที)?"
#: Thai clock words: how each names the hour (N is the number in the phrase, if any).
_CLOCKS: list[tuple[re.Pattern[str], Callable[[int | None], int]]] = [
    (re.compile(r"เที่ยงคืน()" + _MINUTES), lambda n: 0),
    (re.compile(r"เที่ยง(?:วัน|ตรง)?()" + _MINUTES), lambda n: 12),
    (re.compile(r"บ่าย\s*" + _N + r"?\s*โมง(?:เย็น)?" + _MINUTES), lambda n: 12 + (n or 1)),
    (re.compile(_N + r"\s*โมงเย็น" + _MINUTES), lambda n: 12 + (n or 0)),
    (re.compile(_N + r"\s*ทุ่ม" + _MINUTES), lambda n: 18 + (n or 0)),
    # ตี also means 'hit' (ตี 4 รัน): only with the hour in words (ตีสาม)
    (re.compile("ตี(" + _HOUR_WORDS + ")" + _MINUTES), lambda n: n or 0),
    (re.compile(_N + r"\s*(?:โมง(?:เช้า)?|นาฬิกา)" + _MINUTES), lambda n: n or 0),
]


def _thai_number(text: str) -> int:
    """The value of Thai number words (digits or words) in one string."""
    if text.isdigit():
        return int(text)
    values = [int((m.lastgroup or "n0")[1:]) for m in _NUMBER_WORD.finditer(text)]
    return LANGUAGE.combine_number_words(values)


def clock_phrases(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, hour, minute) of Thai clock words: บ่ายโมง 13:00, หนึ่งทุ่ม 19:00, ตีสาม 3:00."""
    found: list[tuple[int, int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern, hour_of in _CLOCKS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            hours, _, minutes = (m[1] or "").replace(":", ".").partition(".")
            n = _thai_number(hours) if hours else None
            hour = hour_of(n)
            minute = int(minutes) if minutes else 30 if m[2] else int(m[3]) if m[3] else 0
            if 0 <= hour <= 23 and minute <= 59:
                found.append((m.start(), m.end(), hour, minute))
                taken.append(m.span())
    return sorted(found)


def word_numbers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of numbers in Thai words, whole words only (not สาม in สามารถ)."""
    if not _NUMBER_WORD.search(text):
        return []
    runs: list[list[int]] = []
    for start, end in token_spans(text, segmenter()):
        if not _NUMBER_TOKEN.fullmatch(text, start, end):
            continue
        if runs and runs[-1][1] == start:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [(s, e, _thai_number(text[s:e])) for s, e in runs]


# ---------------------------------------------------------------- term extraction

#: Nominalisers that open a noun (การมีส่วนร่วม, ความร่วมมือ): a phrase may start with one.
NOMINALISERS = frozenset(("การ", "ความ"))


@cache
def stop_words() -> frozenset[str]:
    """pythainlp's Thai stop words, without the nominalisers."""
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) - NOMINALISERS


def _thai_word(word: str) -> bool:
    return len(word) > 1 and bool(_THAI.fullmatch(word)) and not word.isdigit()


def phrase_spans(words: Sequence[str], gaps: Sequence[str], most: int) -> list[Span]:
    """Runs of Thai words with no space between them, up to `most` words; a phrase neither
    starts nor ends with a stop word (it may hold one: การมีส่วนร่วม)."""
    stops = stop_words()
    out: list[Span] = []
    for a, b in runs(words, gaps, _thai_word, joins=lambda gap: gap == ""):
        for i in range(a, b + 1):
            if words[i] in stops:
                continue
            out.extend(
                (i, j)
                for j in range(i, min(b, i + most - 1) + 1)
                if words[j] not in stops and words[j] not in NOMINALISERS
            )
    return out


# ---------------------------------------------------------------- the language


class Thai(Language):
    """Thai: no spaces between words (pythainlp's newmm), none between most sentences."""

    code = "th"
    name = "Thai"
    locale = "th-TH"
    aliases = ("tha", "thai")
    script = "thai"
    spaced = False
    full_stop = False
    plural_forms = "nplurals=1; plural=0;"
    digits = "๐๑๒๓๔๕๖๗๘๙"
    clock_marks = ("น.",)
    months = (
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    )  # fmt: skip

    def segmenter(self, words: Iterable[str] = ()) -> Callable[[str], list[str]]:
        return segmenter(words)

    def token_spans(self, text: str, cut: Callable[[str], list[str]]) -> list[Span]:
        return token_spans(text, cut)

    def sentence_spans(self, chunk: str) -> list[Span] | tuple[Span, ...]:
        if _THAI_CHAR.search(chunk):
            return sentence_spans(chunk)
        return sbd_spans(chunk, self.code)

    def claims_paragraph(self, chunk: str) -> bool:
        """A mostly Thai paragraph is split at its spaces whatever the document's language."""
        return mostly_thai(chunk)

    number_words: ClassVar[Mapping[int, str]] = NUMBER_WORDS
    multipliers = frozenset({10, 100, 1000, 10**4, 10**5})
    big_multipliers = frozenset({10**6})
    scale_words: ClassVar[Mapping[int, str]] = {
        1000: "พัน",
        10**4: "หมื่น",
        10**5: "แสน",
        10**6: "ล้าน",
    }
    units: ClassVar[Mapping[str, str]] = {
        "mi": "ไมล์",
        "km": "กม\\.|กิโลเมตร|กิโล(?!กรัม)",
        "mph": "ไมล์(?:ต่อ|/)ชั่วโมง|ไมล์/ชม\\.",
        "kmh": "กม\\./ชม\\.|กิโลเมตร(?:ต่อ|/)ชั่วโมง|กม\\.ต่อชั่วโมง|กม\\./ชั่วโมง",
        "ft": "ฟุต",
        "in": "นิ้ว",
        "yd": "หลา",
        "m": "เมตร|ม\\.",
        "cm": "เซนติเมตร|ซม\\.|เซนต์",
        "mm": "มิลลิเมตร|มม\\.",
        "lb": "ปอนด์",
        "oz": "ออนซ์",
        "kg": "กิโลกรัม|กก\\.",
        "g": "กรัม",
        "t": "ตัน",
        "acre": "เอเคอร์",
        "ha": "เฮกตาร์|เฮกเตอร์",
        "rai": "ไร่",
        "sqmi": "ตารางไมล์",
        "sqkm": "ตารางกิโลเมตร|ตร\\.กม\\.",
        "gal": "แกลลอน",
        "l": "ลิตร",
        "F": "องศาฟาเรนไฮต์|°\\s?F",
        "C": "องศาเซลเซียส|°\\s?C",
        "deg": "องศา|°",
    }
    decade_before = r"(?:ทศวรรษ|ยุค)\s*(?:ที่\s*)?$"

    def word_numbers(self, text: str) -> list[tuple[int, int, int]]:
        return word_numbers(text)

    def is_known_word(self, word: str) -> bool:
        """True if pythainlp's word list has `word`."""
        return word in _dictionary()

    def clock_phrases(self, text: str) -> list[tuple[int, int, int, int]]:
        return clock_phrases(text)

    max_phrase_words = 4
    head_final = False

    def is_stop_word(self, word: str) -> bool:
        return word in stop_words()

    def phrase_spans(self, words: Sequence[str], gaps: Sequence[str]) -> list[Span]:
        return phrase_spans(words, gaps, self.max_phrase_words)

    def number_alternatives(self, value: str) -> tuple[str, ...]:
        """A year 2400-2700 of the Buddhist era also stands for the Common Era year 543 earlier."""
        if value.isdigit() and 2400 <= int(value) <= 2700:
            return (str(int(value) - 543),)
        return ()


LANGUAGE = Thai()
