"""Whether a segment is written in the language it should be: letters, function words and py3langid.

Script settles most cases (Cyrillic words in an English or Thai text). Two languages may share a
script, one of them writing letters of its own (Kazakh and Russian in Cyrillic: Kazakh.resembles
is "ru"): the marked language's own letters and function words (ә ғ қ ң ө ұ ү һ і; және, мен,
деп ...) tell them apart in most sentences, the plain language's function words (и, в, на, что
...) in the others, and a statistical identifier (py3langid, restricted to the two) decides where
letters say too little. The letters and words are each language's own (Language.own_letters,
.function_words, .number_endings); this module holds the rules. Capitalised words count as
names (Қасым-Жомарт Тоқаев in a Russian text), words of the glossary's do-not-translate terms
are kept out, and a segment of fewer than two words is never judged.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from termguard.lang import Language, find_language, languages
from termguard.lang.script import fix_homoglyphs

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u0259]")
_GUILLEMETS = re.compile("«[^«»]*»")
#: A word holding Latin and Cyrillic letters (Latin і for і in Kazakh text).
_MIXED = re.compile("[A-Za-z\u0259][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z\u0259]")
#: A character that is not a letter of the script (nor a hyphen or apostrophe inside a word).
_NOT = {
    "cyrillic": re.compile("[^\u0400-\u04ff'’-]"),
    "latin": re.compile("[^A-Za-z\u00c0-\u024f\u0259'’-]"),
    "thai": re.compile("[^\u0e00-\u0e7f'’-]"),
}
#: Scripts whose words in a text of another script are the other language's, not names:
#: Latin words in Thai, Kazakh and Russian news are mostly names and quotations.
_TELLING = {"cyrillic": _CYRILLIC, "thai": _THAI}


@dataclass(frozen=True)
class _Neighbours:
    """Two languages of one script: `marked` writes letters of its own (Kazakh), `plain` is the
    one its text without them is taken for (Russian)."""

    marked: Language
    plain: Language

    @cached_property
    def letters(self) -> re.Pattern[str]:
        return re.compile("[" + "".join(sorted(self.marked.own_letter_set)) + "]")

    @cached_property
    def marked_word(self) -> re.Pattern[str]:
        alternatives = "|".join(sorted(self.marked.function_words))
        return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.I)

    @cached_property
    def plain_word(self) -> re.Pattern[str]:
        alternatives = "|".join(sorted(self.plain.function_words))
        return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])")


def _neighbours(script: str) -> _Neighbours | None:
    """The marked and the plain language of a script (Kazakh and Russian in Cyrillic), if any."""
    known = languages()
    return _neighbours_of(script, known)


@lru_cache(maxsize=16)
def _neighbours_of(script: str, known: tuple[Language, ...]) -> _Neighbours | None:
    for marked in known:
        plain = find_language(marked.resembles) if marked.resembles else None
        if marked.script == script and plain is not None and plain.script == script:
            return _Neighbours(marked, plain)
    return None


def _language_of(script: str) -> Language | None:
    """The language a script's words are taken for when nothing marks them (th, en, ru)."""
    written = [lang for lang in languages() if lang.script == script and not lang.own_letters]
    return written[0] if written else None


#: A text this sure to be Kazakh (py3langid, Kazakh against Russian) with one Kazakh word is.
MARKED_CONFIDENT = 0.9
#: ... and this unlikely to be Kazakh, with no Kazakh letter or word, is Russian.
PLAIN_CONFIDENT = 0.01
#: Foreign words needed, as a share of the words, beside names in the target's own script.
FOREIGN_SHARE = 0.3
#: Kazakh words needed in a Russian text, as a share of its words (at least two of them): human
#: Russian translations have none outside names and quotations, and a copy-trained model's
#: output with Russian terms put in holds a few.
MARKED_SHARE_IN_PLAIN = 0.15
#: A «quoted» span of at most this many words is a title or a name.
TITLE_WORDS = 5


class Word(NamedTuple):
    """A word of the text and the script it is written in."""

    start: int
    end: int
    text: str
    script: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class WrongLanguage:
    """A text found not to be in its language: the language it is in, and why."""

    lang: str
    expected: str
    evidence: tuple[Word, ...]
    reason: str

    @property
    def message(self) -> str:
        return f"target is {_name(self.lang)}, not {_name(self.expected)}: {self.reason}"


def _name(code: str) -> str:
    language = find_language(code)
    return language.name if language is not None else code


def _script(word: str) -> str:
    for name, other in _NOT.items():
        if other.search(word) is None:
            return name
    counts = {
        "cyrillic": len(_CYRILLIC.findall(word)),
        "thai": len(_THAI.findall(word)),
        "latin": len(_LATIN.findall(word)),
    }
    best = max(counts, key=counts.__getitem__)
    if not counts[best]:
        return "other"
    if best == "latin" and counts["cyrillic"]:
        return "cyrillic"  # Latin i for і and e for е in a Cyrillic word
    return best


@lru_cache(maxsize=8)
def _kept(keep: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for the kept phrases, longest first, whole words only."""
    if not keep:
        return None
    alternatives = "|".join(re.escape(k) for k in sorted(keep, key=lambda k: (-len(k), k)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def words(text: str, keep: Collection[str] = ()) -> list[Word]:
    """The words of `text` with their script, less those inside a phrase of `keep`."""
    pattern = _kept(frozenset(keep)) if keep else None
    spans = [m.span() for m in pattern.finditer(text)] if pattern is not None else []
    out = []
    for m in _WORD.finditer(text):
        start = m.start()
        if spans and any(a <= start < b for a, b in spans):
            continue
        w = m.group()
        out.append(Word(start, m.end(), w, _script(w)))
    return out


def _marked(word: Word, marked: Language) -> bool:
    """One of the marked language's letters (Latin look-alikes read as Cyrillic) or function
    words in the word."""
    low = word.text.lower()
    letters = marked.own_letter_set
    if low in marked.function_words or not letters.isdisjoint(low):
        return True
    return _LATIN.search(low) is not None and not letters.isdisjoint(fix_homoglyphs(low))


def _number_suffix(text: str, word: Word, marked: Language) -> bool:
    """A case or ordinal ending of the language written on a number: Kazakh 90-нан, 5-ші
    (16-қаңтарда is not one)."""
    return (
        word.start >= 2
        and text[word.start - 1] == "-"
        and text[word.start - 2].isdigit()
        and word.text.lower() in marked.number_endings
    )


def _standalone(text: str, word: Word) -> bool:
    """Not an abbreviation (с.ш., в.д.): no full stop straight after a one-letter word."""
    return len(word.text) > 1 or not text.startswith(".", word.end)


@lru_cache(maxsize=4)
def _identifier(codes: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(codes))
    return ident


#: Languages a quotation inside English news is often left in (Il faut bien le faire.).
QUOTED_LANGUAGES = ("fr", "de", "es", "it", "pt", "la", "nl")
#: How sure py3langid must be that a segment is one of them and not the document's language.
QUOTE_SURE = 0.95


@lru_cache(maxsize=1024)
def foreign_quote(text: str, lang: str) -> bool:
    """True if an English `text` is rather a quotation in another Latin-script language
    (French, German, Spanish...), which a translation rightly keeps as it is. Only English is
    asked: the others' scripts tell a foreign quotation apart by themselves."""
    if lang != "en" or len(text.split()) < 3:
        return False
    found, p = _identifier((lang, *QUOTED_LANGUAGES)).classify(text)
    return bool(found != lang and float(p) >= QUOTE_SURE)


@lru_cache(maxsize=4096)
def _probability(text: str, marked: str, plain: str) -> float:
    """How likely `text` is in the marked language rather than the plain one (py3langid
    restricted to the two, 0 to 1)."""
    lang, p = _identifier((marked, plain)).classify(text)
    return float(p) if lang == marked else 1.0 - float(p)


def _script_lang(script: str, found: list[Word]) -> str:
    """The language of words of `script` found in a text of another script."""
    pair = _neighbours(script)
    if pair is None:
        language = _language_of(script)
        return language.code if language is not None else script
    if any(_marked(w, pair.marked) for w in found):
        return pair.marked.code
    p = _probability(" ".join(w.text for w in found), pair.marked.code, pair.plain.code)
    return pair.marked.code if p >= 0.5 else pair.plain.code


def _listed(found: list[Word], limit: int = 5) -> str:
    shown = ", ".join(w.text for w in found[:limit])
    return shown + (f" (+{len(found) - limit} more)" if len(found) > limit else "")


def _may_be_foreign(text: str, language: Language) -> bool:
    """False when no rule below could fire: a quick test on the whole text, most texts end here."""
    if any(p.search(text) for script, p in _TELLING.items() if script != language.script):
        return True
    pair = _neighbours(language.script)
    if pair is None:
        return False
    if language is pair.plain:
        return bool(
            pair.letters.search(text) or pair.marked_word.search(text) or _MIXED.search(text)
        )
    # the marked language: the plain one's words, or no own letter for the identifier to weigh
    return bool(
        pair.plain_word.search(text) or not (pair.letters.search(text) or _MIXED.search(text))
    )


def wrong_language(text: str, lang: str, keep: Collection[str] = ()) -> WrongLanguage | None:
    """Why `text` is not in `lang` (kk, ru, th, en), or None when it is or cannot be told.

    `keep` holds phrases that may stand as written in any text (do-not-translate terms); their
    words are left out.
    """
    language = find_language(lang)
    if language is None or not _may_be_foreign(text, language):
        return None
    expected = language.script
    found = words(text, keep)
    if len(found) < 2:
        return None
    own = [w for w in found if w.script == expected]
    # Latin words in Thai, Kazakh and Russian news are mostly names and quotations.
    foreign = [w for w in found if w.script not in (expected, "other", "latin")]
    if expected == "latin":
        foreign = [w for w in found if w.script not in (expected, "other")]
    lower_foreign = [w for w in foreign if not w.capitalised]
    all_names = all(w.capitalised for w in found) and len(found) <= 4
    if (
        foreign
        and not all_names
        and (
            (not own and len(foreign) >= 2)
            or (len(lower_foreign) >= 2 and len(lower_foreign) >= FOREIGN_SHARE * len(found))
        )
    ):
        evidence = lower_foreign or foreign
        scripts = {w.script for w in evidence}
        script = "cyrillic" if "cyrillic" in scripts else "thai" if "thai" in scripts else "latin"
        other = _script_lang(script, [w for w in foreign if w.script == script])
        return WrongLanguage(
            other,
            lang,
            tuple(evidence),
            f"{len(foreign)} of {len(found)} words are {_name(other)} ({_listed(evidence)})",
        )
    pair = _neighbours(expected)
    if pair is not None and language is pair.plain:
        return _marked_in_plain(own, text, pair)
    if pair is not None and language is pair.marked:
        return _plain_in_marked(own, text, pair)
    return None


def _quoted(text: str) -> list[tuple[int, int]]:
    """Short spans inside «guillemets»: titles and names, which Russian news quotes in Kazakh
    («Мәңгі ел»). A longer quotation is text like any other."""
    return [
        m.span() for m in _GUILLEMETS.finditer(text) if len(_WORD.findall(m.group())) <= TITLE_WORDS
    ]


def _marked_in_plain(cyrillic: list[Word], text: str, pair: _Neighbours) -> WrongLanguage | None:
    """The marked language's words in a text of the plain one (Kazakh in a Russian target)."""
    marked = pair.marked
    if len(cyrillic) < 2:
        return None
    quoted = _quoted(text)
    # capitalised Kazakh words in a Russian text are names (Самрук-Қазына, Тілдарын), unless
    # they are function words (Бұл, Ол), and so are quoted ones («Мәңгі ел»); a case ending on
    # a number (90-нан) is Kazakh grammar
    kazakh = [
        w
        for w in cyrillic
        if (
            (not w.capitalised or w.text.lower() in marked.function_words)
            and _marked(w, marked)
            and not any(a <= w.start < b for a, b in quoted)
        )
        or _number_suffix(text, w, marked)
    ]
    if not kazakh:
        return None
    if len(kazakh) >= 2 and len(kazakh) >= MARKED_SHARE_IN_PLAIN * len(cyrillic):
        reason = f"{len(kazakh)} of {len(cyrillic)} words are {marked.name} ({_listed(kazakh)})"
        return WrongLanguage(marked.code, pair.plain.code, tuple(kazakh), reason)
    p = _probability(" ".join(w.text for w in cyrillic), marked.code, pair.plain.code)
    if p >= MARKED_CONFIDENT:
        reason = f"{marked.name} words ({_listed(kazakh)}); identified as {marked.name} ({p:.2f})"
        return WrongLanguage(marked.code, pair.plain.code, tuple(kazakh), reason)
    return None


def _plain_in_marked(cyrillic: list[Word], text: str, pair: _Neighbours) -> WrongLanguage | None:
    """The plain language in a text of the marked one (Russian in a Kazakh target)."""
    marked, plain = pair.marked, pair.plain
    lower = [w for w in cyrillic if not w.capitalised]
    if len(lower) < 2:
        return None
    kazakh = [w for w in cyrillic if _marked(w, marked)]
    russian = [w for w in lower if w.text in plain.function_words and _standalone(text, w)]
    if len({w.text for w in russian}) >= 2 and (
        len(kazakh) <= len(russian) or (len(russian) >= 3 and len(russian) >= 0.15 * len(lower))
    ):
        reason = f"{plain.name} words ({_listed(russian)})"
        return WrongLanguage(plain.code, marked.code, tuple(russian), reason)
    if not kazakh:
        p = _probability(" ".join(w.text for w in lower), marked.code, plain.code)
        if p <= PLAIN_CONFIDENT:
            reason = (
                f"no {marked.name} letter or word in {len(cyrillic)} words; identified as "
                f"{plain.name} ({1 - p:.2f})"
            )
            return WrongLanguage(plain.code, marked.code, tuple(russian or lower), reason)
    return None
