"""Whether a segment is written in the language it should be: letters, function words and py3langid.

Script settles most cases (Cyrillic words in an English or Thai text). Kazakh and Russian share
the Cyrillic script: Kazakh's own letters (ә ғ қ ң ө ұ ү һ і) and function words (және, мен,
деп ...) tell them apart in most sentences, Russian's function words (и, в, на, что ...) in the
others, and a statistical identifier (py3langid, restricted to Kazakh and Russian) decides where
letters say too little. Capitalised words count as names (Қасым-Жомарт Тоқаев in a Russian
text), words of the glossary's do-not-translate terms are kept out, and a segment of fewer than
two words is never judged.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from termguard.lang.script import fix_homoglyphs

#: Language names for messages.
NAMES = {"kk": "Kazakh", "ru": "Russian", "th": "Thai", "en": "English"}

_KK_LETTERS = frozenset("әғқңөұүһі")
#: Kazakh words that are not Russian words, frequent in any sentence.
_KK_FUNCTION = frozenset((
    "және", "мен", "бен", "пен", "деп", "ол", "олар", "осы", "сол", "бұл", "бар", "жоқ", "үшін",
    "туралы", "бойынша", "арқылы", "кейін", "дейін", "бірақ", "немесе", "емес", "еді", "екен",
    "болып", "болды", "болса", "тиіс", "керек", "жылы", "соң", "қарай", "сияқты", "деген", "біз",
    "ал", "сіз", "мұнда", "онда", "сондай", "оны", "ме", "ма", "па", "пе",
))  # fmt: skip
#: Russian words that are not Kazakh words; Kazakh writes none of them standing alone (not
#: а, о, он, от, не, же: Kazakh has those too, as 'that', 'ten', 'fire', 'what', 'or').
_RU_FUNCTION = frozenset((
    "и", "в", "во", "на", "что", "с", "со", "по", "для", "это", "как", "к", "ко", "из", "об",
    "но", "или", "бы", "был", "была", "было", "были", "его", "её", "ее", "они", "она", "при",
    "за", "до", "так", "уже", "также", "только", "который", "которые", "которая", "которого",
    "чтобы", "если", "когда", "где", "этот", "эта", "эти", "того", "под", "над", "между",
    "после", "через", "более",
))  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u0259]")
#: Endings Kazakh writes on a number after a hyphen (Russian writes -й, -го, -х, -ти ...).
_KK_NUMBER_ENDINGS = frozenset((
    "ші", "шы", "нші", "ншы", "дан", "ден", "тан", "тен", "нан", "нен", "да", "де", "та", "те",
    "ға", "ге", "қа", "ке", "на", "не", "ның", "нің", "дың", "дің", "тың", "тің", "ны", "ні",
    "ды", "ді", "ты", "ті", "жылы", "жылдары", "ке", "дағы", "дегі", "тағы", "тегі", "ден",
))  # fmt: skip
_GUILLEMETS = re.compile("«[^«»]*»")
_KK_LETTER = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_KK_WORD = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(sorted(_KK_FUNCTION))})(?![^\W\d_])", re.I)
_RU_WORD = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(sorted(_RU_FUNCTION))})(?![^\W\d_])")
#: A word holding Latin and Cyrillic letters (Latin і for і in Kazakh text).
_MIXED = re.compile("[A-Za-z\u0259][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z\u0259]")
#: A character that is not a letter of the script (nor a hyphen or apostrophe inside a word).
_NOT = {
    "cyrillic": re.compile("[^\u0400-\u04ff'’-]"),
    "latin": re.compile("[^A-Za-z\u00c0-\u024f\u0259'’-]"),
    "thai": re.compile("[^\u0e00-\u0e7f'’-]"),
}
_SCRIPT = {"kk": "cyrillic", "ru": "cyrillic", "th": "thai", "en": "latin"}

#: A text this sure to be Kazakh (py3langid, Kazakh against Russian) with one Kazakh word is.
KK_CONFIDENT = 0.9
#: ... and this unlikely to be Kazakh, with no Kazakh letter or word, is Russian.
RU_CONFIDENT = 0.01
#: Foreign words needed, as a share of the words, beside names in the target's own script.
FOREIGN_SHARE = 0.3
#: Kazakh words needed in a Russian text, as a share of its words (at least two of them): human
#: Russian translations have none outside names and quotations, and a copy-trained model's
#: output with Russian terms put in holds a few.
KK_SHARE_IN_RU = 0.15
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
        return f"target is {NAMES[self.lang]}, not {NAMES[self.expected]}: {self.reason}"


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


def _kazakh(word: Word) -> bool:
    """A Kazakh letter (Latin look-alikes read as Cyrillic) or a Kazakh function word."""
    low = word.text.lower()
    if low in _KK_FUNCTION or not _KK_LETTERS.isdisjoint(low):
        return True
    return _LATIN.search(low) is not None and not _KK_LETTERS.isdisjoint(fix_homoglyphs(low))


def _number_suffix(text: str, word: Word) -> bool:
    """A Kazakh case or ordinal ending written on a number: 90-нан, 16-қаңтарда is not, 5-ші."""
    return (
        word.start >= 2
        and text[word.start - 1] == "-"
        and text[word.start - 2].isdigit()
        and word.text.lower() in _KK_NUMBER_ENDINGS
    )


def _standalone(text: str, word: Word) -> bool:
    """Not an abbreviation (с.ш., в.д.): no full stop straight after a one-letter word."""
    return len(word.text) > 1 or not text.startswith(".", word.end)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(["kk", "ru"])
    return ident


@lru_cache(maxsize=4096)
def kazakh_probability(text: str) -> float:
    """How likely Cyrillic `text` is Kazakh rather than Russian (py3langid, 0 to 1)."""
    lang, p = _identifier().classify(text)
    return float(p) if lang == "kk" else 1.0 - float(p)


def _cyrillic_lang(cyrillic: list[Word]) -> str:
    """kk or ru for Cyrillic words found in a text that is not Cyrillic."""
    if any(_kazakh(w) for w in cyrillic):
        return "kk"
    return "kk" if kazakh_probability(" ".join(w.text for w in cyrillic)) >= 0.5 else "ru"


def _listed(found: list[Word], limit: int = 5) -> str:
    shown = ", ".join(w.text for w in found[:limit])
    return shown + (f" (+{len(found) - limit} more)" if len(found) > limit else "")


def _may_be_foreign(text: str, lang: str) -> bool:
    """False when no rule below could fire: a quick test on the whole text, most texts end here."""
    if lang == "en":
        return bool(_CYRILLIC.search(text) or _THAI.search(text))
    if lang == "th":
        return bool(_CYRILLIC.search(text))
    if _THAI.search(text):
        return True
    if lang == "ru":
        return bool(_KK_LETTER.search(text) or _KK_WORD.search(text) or _MIXED.search(text))
    # kk: Russian words, or no Kazakh letter for the identifier to weigh
    return bool(_RU_WORD.search(text) or not (_KK_LETTER.search(text) or _MIXED.search(text)))


def wrong_language(text: str, lang: str, keep: Collection[str] = ()) -> WrongLanguage | None:
    """Why `text` is not in `lang` (kk, ru, th, en), or None when it is or cannot be told.

    `keep` holds phrases that may stand as written in any text (do-not-translate terms); their
    words are left out.
    """
    expected = _SCRIPT.get(lang)
    if expected is None or not _may_be_foreign(text, lang):
        return None
    found = words(text, keep)
    if len(found) < 2:
        return None
    own = [w for w in found if w.script == expected]
    # Latin words in Thai, Kazakh and Russian news are mostly names and quotations.
    foreign = [w for w in found if w.script not in (expected, "other", "latin")]
    if lang == "en":
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
        if "cyrillic" in scripts:
            other = _cyrillic_lang([w for w in foreign if w.script == "cyrillic"])
        else:
            other = "th" if "thai" in scripts else "en"
        return WrongLanguage(
            other,
            lang,
            tuple(evidence),
            f"{len(foreign)} of {len(found)} words are {NAMES[other]} ({_listed(evidence)})",
        )
    if lang == "ru":
        return _kazakh_in_russian(own, text)
    if lang == "kk":
        return _russian_in_kazakh(own, text)
    return None


def _quoted(text: str) -> list[tuple[int, int]]:
    """Short spans inside «guillemets»: titles and names, which Russian news quotes in Kazakh
    («Мәңгі ел»). A longer quotation is text like any other."""
    return [
        m.span() for m in _GUILLEMETS.finditer(text) if len(_WORD.findall(m.group())) <= TITLE_WORDS
    ]


def _kazakh_in_russian(cyrillic: list[Word], text: str) -> WrongLanguage | None:
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
            (not w.capitalised or w.text.lower() in _KK_FUNCTION)
            and _kazakh(w)
            and not any(a <= w.start < b for a, b in quoted)
        )
        or _number_suffix(text, w)
    ]
    if not kazakh:
        return None
    if len(kazakh) >= 2 and len(kazakh) >= KK_SHARE_IN_RU * len(cyrillic):
        reason = f"{len(kazakh)} of {len(cyrillic)} words are Kazakh ({_listed(kazakh)})"
        return WrongLanguage("kk", "ru", tuple(kazakh), reason)
    p = kazakh_probability(" ".join(w.text for w in cyrillic))
    if p >= KK_CONFIDENT:
        reason = f"Kazakh words ({_listed(kazakh)}); identified as Kazakh ({p:.2f})"
        return WrongLanguage("kk", "ru", tuple(kazakh), reason)
    return None


def _russian_in_kazakh(cyrillic: list[Word], text: str) -> WrongLanguage | None:
    lower = [w for w in cyrillic if not w.capitalised]
    if len(lower) < 2:
        return None
    kazakh = [w for w in cyrillic if _kazakh(w)]
    russian = [w for w in lower if w.text in _RU_FUNCTION and _standalone(text, w)]
    if len({w.text for w in russian}) >= 2 and (
        len(kazakh) <= len(russian) or (len(russian) >= 3 and len(russian) >= 0.15 * len(lower))
    ):
        reason = f"Russian words ({_listed(russian)})"
        return WrongLanguage("ru", "kk", tuple(russian), reason)
    if not kazakh:
        p = kazakh_probability(" ".join(w.text for w in lower))
        if p <= RU_CONFIDENT:
            reason = (
                f"no Kazakh letter or word in {len(cyrillic)} words; identified as Russian "
                f"({1 - p:.2f})"
            )
            return WrongLanguage("ru", "kk", tuple(russian or lower), reason)
    return None
