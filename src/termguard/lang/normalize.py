"""Folding text for matching (NFC, homoglyphs, invisible characters), with a map back to the text.

`fold(text)` returns a `Folded` string that term matching works on, and maps any span of it back
to the span of the original text that it came from, so reported offsets always index the text
the user gave. Folding never changes case: case rules belong to each term.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from termguard.lang.script import LATIN_TO_CYRILLIC

#: Characters that are invisible in print and dropped for matching (soft hyphen, zero-width
#: space/joiners, word joiner, byte-order mark, left-to-right/right-to-left marks).
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")

#: Dashes and apostrophes that stand for the ASCII ones inside words.
PUNCT_FOLD: dict[str, str] = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2212": "-",  # minus sign
    "\u2019": "'",  # right single quotation mark, the usual typographic apostrophe
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2018": "'",
}

#: Letters read as others for matching without counting as a change: ё is optional in
#: Russian (and in Kazakh words taken from it).
LETTER_FOLD: dict[str, str] = {"ё": "е", "Ё": "Е"}

#: Thai SARA AM is often typed as NIKHAHIT + SARA AA, which looks identical.
_THAI_AM = ("\u0e4d\u0e32", "\u0e33")

CYRILLIC_TO_LATIN: dict[str, str] = {c: lat for lat, c in LATIN_TO_CYRILLIC.items()}

_LATIN_LOOKALIKES = "".join(sorted(LATIN_TO_CYRILLIC))
_CYRILLIC_LOOKALIKES = "".join(sorted(CYRILLIC_TO_LATIN))
# A Latin letter touching a Cyrillic one (either order): the only place homoglyphs can hide.
_MIXED = re.compile(r"[\u0400-\u04ff][A-Za-z\u0259\u018f]|[A-Za-z\u0259\u018f][\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")
#: Latin initialisms written with dots (U.N., U.S.A.) match their undotted terms (UN, USA).
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?!\w)")
_SPECIAL = re.compile(
    "["
    + "".join(sorted(INVISIBLE))
    + "".join(sorted(PUNCT_FOLD))
    + "ёЁ\u0e4d]|"
    + _MIXED.pattern
    + "|"
    + _DOTTED.pattern
)


@dataclass(frozen=True)
class Folded:
    """A folded text and the way back: folded index -> original [start, end)."""

    text: str
    original: str
    starts: tuple[int, ...] | None = None  # None: folding changed nothing, the map is identity
    ends: tuple[int, ...] | None = None
    changed: tuple[int, ...] = ()  # sorted original indices where folding changed something

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded text[start:end] (end > start)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    def was_changed(self, start: int, end: int) -> bool:
        """True if folding changed anything in the original span [start, end)."""
        if not self.changed:
            return False
        i = bisect_left(self.changed, start)
        return i < len(self.changed) and self.changed[i] < end


def _mixed_word_map(word: str) -> dict[str, str] | None:
    """The look-alike map to apply to a word mixing Latin and Cyrillic letters, by majority."""
    cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
    lat = len(word) - cyr
    if cyr >= lat:
        mapping = LATIN_TO_CYRILLIC
        foreign = [ch for ch in word if not "\u0400" <= ch <= "\u04ff"]
    else:
        mapping = CYRILLIC_TO_LATIN
        foreign = [ch for ch in word if "\u0400" <= ch <= "\u04ff"]
    # Only fold when every foreign letter has a look-alike: 'Сбер-Online' is not a typo.
    if foreign and all(ch in mapping for ch in foreign):
        return mapping
    return None


def fold(text: str) -> Folded:
    """Fold `text` for matching: NFC, homoglyphs inside words, invisible characters, dashes."""
    special = _SPECIAL.search(text) is not None
    nfc = text.isascii() or unicodedata.is_normalized("NFC", text)
    if nfc and not special:
        return Folded(text, text)
    changed: list[int] = []
    replace: dict[int, str] = {}
    if _MIXED.search(text):
        for m in _WORD.finditer(text):
            word = m.group()
            mapping = _mixed_word_map(word) if _MIXED.search(word) else None
            if mapping is not None:
                for k, ch in enumerate(word):
                    if ch in mapping:
                        replace[m.start() + k] = mapping[ch]
    dropped = {
        m.start() + k for m in _DOTTED.finditer(text) for k in range(1, m.end() - m.start(), 2)
    }
    # 1. Drop invisible characters and replace look-alikes, one kept character at a time.
    kept: list[tuple[str, int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in INVISIBLE or i in dropped:
            changed.append(i)
        elif ch == "\u0e4d" and text.startswith(_THAI_AM[0], i):
            kept.append((_THAI_AM[1], i, i + 2))
            changed.append(i)
            i += 1
        elif i in replace:
            kept.append((replace[i], i, i + 1))
            changed.append(i)
        elif ch in PUNCT_FOLD:
            kept.append((PUNCT_FOLD[ch], i, i + 1))
            changed.append(i)
        elif ch in LETTER_FOLD:
            kept.append((LETTER_FOLD[ch], i, i + 1))
        else:
            kept.append((ch, i, i + 1))
        i += 1
    # 2. Compose: a base character with the combining marks after it is one unit for NFC.
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    joined = "".join(ch for ch, _, _ in kept)
    if unicodedata.is_normalized("NFC", joined):
        out = [ch for ch, _, _ in kept]
        starts = [a for _, a, _ in kept]
        ends = [b for _, _, b in kept]
    else:
        k = 0
        while k < len(kept):
            j = k + 1
            while j < len(kept) and unicodedata.combining(kept[j][0]):
                j += 1
            unit = "".join(ch for ch, _, _ in kept[k:j])
            composed = unicodedata.normalize("NFC", unit)
            if composed != unit:
                changed.append(kept[k][1])
            for c in composed:
                out.append(c)
                starts.append(kept[k][1])
                ends.append(kept[j - 1][2])
            k = j
    return Folded("".join(out), text, tuple(starts), tuple(ends), tuple(sorted(set(changed))))


def fold_term(text: str) -> str:
    """A glossary term folded like running text, with runs of whitespace made single spaces."""
    return " ".join(fold(text).text.split())
