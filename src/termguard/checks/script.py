"""The script and language family: targets left untranslated or in another script or language,
text in another language than the target's own, and words mixing Latin and Cyrillic letters.

Each language says its script and its own letters (Language.script, .own_letters, .resembles).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from termguard.bitext import Pair
from termguard.checks.base import Finding, TermContext, finding, glossary_check, pair_check
from termguard.glossary.model import Glossary
from termguard.lang import find_language
from termguard.lang.identify import foreign_quote, wrong_language
from termguard.lang.script import (
    MIXED_LATIN_CYRILLIC,
    SCRIPT_LETTER,
    SCRIPT_NAMES,
    fix_homoglyphs,
    mixed_script_words,
    script_of,
)

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")
#: A target this long without one of its language's own letters (a Kazakh target without ә ғ
#: қ ...) is almost surely in the language it resembles (Russian).
_OWN_LETTERS_MIN_WORDS = 8


def _name_like(text: str) -> bool:
    """Short text of capitalised words, acronyms, numbers or a URL: kept as is in any language."""
    words = text.split()
    if len(words) > 4:
        return False
    if re.fullmatch(r"\S+(?:://|@|\.)\S+", text.strip()):
        return True
    return all(not w[0].isalpha() or w[0].isupper() for w in words)


@pair_check("untranslated", "error", order=70)
def check_untranslated(pair: Pair) -> list[Finding]:
    """untranslated: target empty, the same as the source, or in another script or language."""
    target = pair.target.strip()
    if not target:
        return [finding(pair, "untranslated", "target is empty")]
    if not any(ch.isalpha() for ch in pair.source):
        return []
    if pair.src_lang != pair.tgt_lang and (
        _SPACE.sub(" ", target).casefold() == _SPACE.sub(" ", pair.source.strip()).casefold()
    ):
        if _name_like(target) or foreign_quote(pair.source.strip(), pair.src_lang):
            return []  # a name, or a quotation the source itself gives in a third language
        return [
            finding(
                pair,
                "untranslated",
                "target is the same as the source",
                end=len(pair.target),
                suggestion="",
            )
        ]
    language = find_language(pair.tgt_lang)
    if language is None:
        return []
    expected = language.script
    if (
        _LETTER.search(target)
        and not SCRIPT_LETTER[expected].search(target)
        and not _name_like(target)
    ):
        return [
            finding(
                pair,
                "untranslated",
                f"target has no {SCRIPT_NAMES[expected]} letters: "
                f"it is not written in {pair.tgt_lang}",
                end=len(pair.target),
            )
        ]
    other = find_language(language.resembles) if language.resembles else None
    if other is not None and not language.own_letter_set.intersection(target):
        words = [w for w in _WORD.findall(target) if SCRIPT_LETTER[expected].match(w)]
        if len(words) >= _OWN_LETTERS_MIN_WORDS:
            letters = " ".join(language.own_letters)
            return [
                finding(
                    pair,
                    "untranslated",
                    f"target has {len(words)} {SCRIPT_NAMES[expected]} words and no "
                    f"{language.name} letter ({letters}): it looks like {other.name}, not "
                    f"{language.name}",
                    end=len(pair.target),
                    severity="warning",
                )
            ]
    return []


@pair_check("mixed-script", "error", order=80)
def check_mixed_script(pair: Pair) -> list[Finding]:
    """mixed-script: Latin and Cyrillic letters inside one word (Latin i for і, e for е, ...).

    One finding per side of a pair, listing its words: a text typed with the wrong keyboard
    layout is one problem, not one per word.
    """
    out: list[Finding] = []
    for side, text in (("source", pair.source), ("target", pair.target)):
        if not MIXED_LATIN_CYRILLIC.search(text):
            continue
        words = mixed_script_words(text)
        if not words:
            continue
        shown: list[tuple[str, str]] = []
        fixes: list[str] = []
        for _, _, word in words:
            scripts = Counter(script_of(ch) for ch in word)
            latin = "".join(ch for ch in word if script_of(ch) == "latin")
            fixed = fix_homoglyphs(word) if scripts["cyrillic"] >= scripts["latin"] else ""
            if fixed and any(script_of(ch) == "latin" for ch in fixed):
                fixed = ""
            shown.append((word, latin))
            fixes.append(fixed)
        start, end = words[0][0], words[-1][1]
        if len(words) == 1:
            message = f"'{shown[0][0]}' mixes Latin ({shown[0][1]}) and Cyrillic letters"
        else:
            listed = ", ".join(f"'{word}' ({latin})" for word, latin in shown)
            message = f"{len(words)} words mix Latin and Cyrillic letters: {listed}"
        suggestion = ""
        if all(fixes):
            # the span with every word mended, the text between them as it is
            pieces, pos = [], start
            for (s, e, _), fixed in zip(words, fixes, strict=True):
                pieces += [text[pos:s], fixed]
                pos = e
            suggestion = "".join(pieces)
        out.append(
            finding(
                pair,
                "mixed-script",
                message + (" in the source" if side == "source" else ""),
                side=side,
                start=start,
                end=end,
                suggestion=suggestion,
                severity="warning" if side == "source" else None,
            )
        )
    return out


_KEEP: list[tuple[Glossary, frozenset[str]]] = []


def keep_words(glossary: Glossary) -> frozenset[str]:
    """The glossary's do-not-translate terms (every language's): they may stand in any text.

    Kept for the last glossary asked about (by identity: hashing a glossary costs more than
    this), as the pass asks once per sentence.
    """
    if _KEEP and _KEEP[0][0] is glossary:
        return _KEEP[0][1]
    words = frozenset(t.text for c in glossary if c.do_not_translate for t in c.terms)
    _KEEP[:] = [(glossary, words)]
    return words


def check_wrong_language(pair: Pair, keep: Collection[str] = ()) -> list[Finding]:
    """wrong-language: the target is written in another language than its own.

    Kazakh letters or words in a Russian target, Russian words in a Kazakh one, Cyrillic words
    in an English or Thai target beyond names and the do-not-translate terms in `keep`
    (see keep_words). Targets of fewer than two words are not judged.
    """
    found = wrong_language(pair.target, pair.tgt_lang, keep)
    if found is None:
        return []
    first, last = found.evidence[0], found.evidence[-1]
    return [
        finding(
            pair,
            "wrong-language",
            found.message,
            start=first.start,
            end=last.end,
        )
    ]


@glossary_check("wrong-language", "error", order=100, replaces=("untranslated",))
def _wrong_language(ctx: TermContext) -> list[Finding]:
    """wrong-language in a run: the glossary's do-not-translate terms may stand in any text;
    the language found replaces untranslated's guess (one problem, one finding)."""
    return check_wrong_language(ctx.pair, keep_words(ctx.glossary))
