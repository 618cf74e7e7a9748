"""Which language a text or a tag is: by script and each language's own letters, and by name.

Every known language says its script and the letters only it writes among the languages of
that script (Language.script, .own_letters); the guesses here hold no language of their own.
One neighbour termguard does not handle is known by its letters too: Kyrgyz writes ң ө ү like
Kazakh but none of Kazakh's other letters, so Cyrillic text with them and nothing else is no
language termguard checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from termguard.lang import Language, languages
from termguard.lang.script import BASIC_LETTER, SCRIPTS

#: Letters of languages termguard does not handle, by script: Kyrgyz's ң ө ү in Cyrillic.
_UNHANDLED_LETTERS = {"cyrillic": frozenset("ңөүҢӨҮ")}
#: Where each script's letters lie, for counting (Latin: below the IPA block).
_RANGES = {"latin": (0, 0x24F), "cyrillic": (0x400, 0x4FF), "thai": (0xE00, 0xE7F)}


def _markers(language: Language) -> frozenset[str]:
    """The own letters of a language that no unhandled neighbour also writes."""
    return language.own_letter_set - _UNHANDLED_LETTERS.get(language.script, frozenset())


def _script_of(o: int) -> str | None:
    for name, (low, high) in _RANGES.items():
        if low <= o <= high:
            return name
    return None


def guess_lang(texts: Iterable[str]) -> str | None:
    """The language of the texts, judged by script (and each language's letters); None if unclear.

    Cyrillic with ң ө ү but none of Kazakh's own letters is Kyrgyz, which termguard does not
    handle: None, not "kk".
    """
    known = languages()
    markers = {ch: lang.code for lang in known for ch in _markers(lang)}
    unhandled = frozenset().union(*_UNHANDLED_LETTERS.values())
    counts = dict.fromkeys(_RANGES, 0)
    marked = dict.fromkeys((lang.code for lang in known), 0)
    others = 0
    for seen, text in enumerate(texts, 1):
        for ch in text:
            if not ch.isalpha():
                continue
            code = markers.get(ch)
            if code is not None:
                marked[code] += 1
            elif ch in unhandled:
                others += 1
            script = _script_of(ord(ch))
            if script is not None:
                counts[script] += 1
        if seen >= 500:
            break
    total = sum(counts.values())
    if total < 3:
        return None
    best = max(_RANGES, key=lambda s: counts[s])
    if counts[best] < 0.6 * total:
        return None
    written = [lang for lang in known if lang.script == best]
    for lang in written:
        if lang.own_letters and marked[lang.code] >= 0.01 * counts[best]:
            return lang.code
    if best in _UNHANDLED_LETTERS and looks_kyrgyz(others, counts[best]):
        return None
    plain = [lang for lang in written if not lang.own_letters]
    return plain[0].code if plain else None


def looks_kyrgyz(ky_letters: int, cyrillic: int) -> bool:
    """ң ө ү often enough, with none of Kazakh's own letters, is Kyrgyz rather than Russian."""
    return ky_letters >= max(2, cyrillic // 200)


def kyrgyz(text: str) -> bool:
    """True for Cyrillic text that is Kyrgyz, not Kazakh or Russian."""
    letters = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    own = frozenset().union(*(_markers(lang) for lang in languages() if lang.script == "cyrillic"))
    if any(ch in own for ch in letters):
        return False
    unhandled = _UNHANDLED_LETTERS["cyrillic"]
    return looks_kyrgyz(sum(ch in unhandled for ch in letters), len(letters))


def guess_by_letters(text: str) -> str | None:
    """The language whose letters `text` has, the most telling first: a script few languages
    write (Thai), then a language's own letters (Kazakh), then the script's other language."""
    known = languages()
    for script in SCRIPTS:
        written = [lang for lang in known if lang.script == script]
        for lang in written:
            if lang.own_letters and not lang.own_letter_set.isdisjoint(text):
                return lang.code
        plain = [lang for lang in written if not lang.own_letters]
        if plain and BASIC_LETTER[script].search(text):
            return plain[0].code
    return None


def _tags() -> dict[str, str]:
    """Every tag naming a known language (its code, ISO 639-3 code, English name) -> its code."""
    return {tag: lang.code for lang in languages() for tag in (lang.code, *lang.aliases)}


def lang_code(tag: str | None) -> str | None:
    """termguard's code for a tag such as 'kk-KZ', 'kaz_Cyrl', 'rus' or 'th'; None if unknown."""
    if not tag:
        return None
    base = re.split(r"[-_@.]", tag.strip(), maxsplit=1)[0].lower()
    return _tags().get(base)


def lang_from_name(path: str | Path) -> str | None:
    """The language a file name states, as in 'newstest2019-ref.kaz.txt' or 'eng_Latn.devtest'."""
    tags = _tags()
    found = {tags[t] for t in re.split(r"[-_.]", Path(path).name.lower()) if t in tags}
    return found.pop() if len(found) == 1 else None
