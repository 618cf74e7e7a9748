"""Which script a character or word is written in; Latin look-alikes met in Cyrillic text."""

from __future__ import annotations

import re
import unicodedata

#: Latin (and IPA) letters that stand for Cyrillic ones in real Kazakh and Russian text.
LATIN_TO_CYRILLIC: dict[str, str] = {
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
    "ə": "ә", "h": "һ", "k": "к", "m": "м", "t": "т", "b": "в",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У", "Ə": "Ә",
}  # fmt: skip

_WORD = re.compile(r"\w+")


def script_of(ch: str) -> str:
    """'cyrillic', 'latin', 'thai', 'digit' or 'other' for one character."""
    if ch.isdigit():
        return "digit"
    if not ch.isalpha():
        return "other"
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "other"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN") or ch in "ə":
        return "latin"
    if name.startswith("THAI"):
        return "thai"
    return "other"


def mixed_script_words(text: str) -> list[tuple[int, int, str]]:
    """Words that mix Latin and Cyrillic letters, as (start, end, word)."""
    found = []
    for m in _WORD.finditer(text):
        scripts = {script_of(ch) for ch in m.group()}
        if {"latin", "cyrillic"} <= scripts:
            found.append((m.start(), m.end(), m.group()))
    return found


def fix_homoglyphs(word: str) -> str:
    """The word with Latin look-alikes replaced by Cyrillic letters (for a mostly Cyrillic word)."""
    return "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in word)


#: Runs of letters with the combining marks they carry (Thai vowel signs and tone marks too).
LETTER_RUNS = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])+")
_LATIN = "A-Za-z\u00c0-\u024f\u0259"
_CYRILLIC = "\u0400-\u04ff"
#: One letter of each script (Thai: a consonant), for "does the text have any".
SCRIPT_LETTER: dict[str, re.Pattern[str]] = {
    "cyrillic": re.compile(f"[{_CYRILLIC}]"),
    "thai": re.compile("[\u0e01-\u0e2e]"),
    "latin": re.compile(f"[{_LATIN}]"),
}
#: Every character counted as written in each script (Thai with its vowel and tone marks).
SCRIPT_CHARS: dict[str, re.Pattern[str]] = {
    "cyrillic": re.compile(f"[{_CYRILLIC}]"),
    "latin": re.compile(f"[{_LATIN}]"),
    "thai": re.compile("[\u0e01-\u0e4e]"),
}
SCRIPT_NAMES = {"cyrillic": "Cyrillic", "thai": "Thai", "latin": "Latin"}
#: A quick test for a word holding both Latin and Cyrillic; mixed_script_words confirms.
MIXED_LATIN_CYRILLIC = re.compile(f"[{_LATIN}]\\w*[{_CYRILLIC}]|[{_CYRILLIC}]\\w*[{_LATIN}]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def script_share(text: str, script: str) -> float:
    """The share of the letters of `text` written in `script` (1.0 for text without letters)."""
    letters = len(_ANY_LETTER.findall(text))
    if not letters:
        return 1.0
    return len(SCRIPT_CHARS[script].findall(text)) / letters


#: Scripts from the most telling of a language to the least: Thai is written by Thai alone,
#: and Latin letters stand in text of every language (names, URLs).
SCRIPTS = ("thai", "cyrillic", "latin")
#: The letters every language of a script shares (Russian's alphabet, ASCII), and all of Thai.
BASIC_LETTER: dict[str, re.Pattern[str]] = {
    "thai": re.compile("[\u0e00-\u0e7f]"),
    "cyrillic": re.compile("[а-яА-ЯёЁ]"),
    "latin": re.compile("[A-Za-z]"),
}
