"""Terminology and consistency checks over (source, target) pairs: check_* functions -> Findings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from termguard.bitext import Pair
from termguard.glossary.model import ALLOWED_STATUSES, Glossary, Term
from termguard.lang import find_language
from termguard.lang.identify import wrong_language
from termguard.lang.script import (
    MIXED_LATIN_CYRILLIC,
    SCRIPT_LETTER,
    SCRIPT_NAMES,
    fix_homoglyphs,
    mixed_script_words,
    script_of,
)
from termguard.matching import TermHit, find_terms

#: Every check: its stable id and default severity, in report order.
CHECKS: dict[str, str] = {
    "term-missing": "error",
    "term-forbidden": "error",
    "term-deprecated": "warning",
    "term-inconsistent": "warning",
    "near-miss": "warning",
    "numbers": "error",
    "untranslated": "error",
    "mixed-script": "error",
    "placeholders": "error",
    "wrong-language": "error",
}
#: Least to most severe; `--fail-on` picks a threshold among these.
SEVERITIES: tuple[str, ...] = ("warning", "error")

FindTerms = Callable[..., list[TermHit]]


@dataclass(frozen=True)
class Finding:
    """One problem in one pair; start/end index the source or target text named by `side`."""

    path: str
    line: int
    check: str
    severity: str
    message: str
    side: str = "target"
    start: int = 0
    end: int = 0
    span: str = ""
    suggestion: str = ""
    concept: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
    pair_id: str = ""

    @property
    def sort_key(self) -> tuple[str, int, str, str, str, int, int, str]:
        return (
            self.path,
            self.line,
            self.tgt_lang,
            self.check,
            self.side,
            self.start,
            self.end,
            self.message,
        )

    def to_dict(self) -> dict[str, object]:
        """Every field, for JSON output."""
        return asdict(self)


def _finding(
    pair: Pair,
    check: str,
    message: str,
    *,
    side: str = "target",
    start: int = 0,
    end: int = 0,
    suggestion: str = "",
    concept: str = "",
    severity: str | None = None,
) -> Finding:
    text = pair.source if side == "source" else pair.target
    return Finding(
        pair.path,
        pair.line,
        check,
        severity or CHECKS[check],
        message,
        side,
        start,
        end,
        text[start:end],
        suggestion,
        concept,
        pair.src_lang,
        pair.tgt_lang,
        pair.id,
    )


# ---------------------------------------------------------------------------------------------
# Terms


class _Terms:
    """Looks up the Term behind a TermHit (its type decides abbreviation-for-abbreviation)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.by_text: dict[tuple[str, str, str], Term] = {
            (c.id, t.lang, t.text): t for c, t in glossary.terms()
        }

    def term(self, hit: TermHit) -> Term | None:
        return self.by_text.get((hit.concept, hit.lang, hit.term))

    def is_abbreviation(self, hit: TermHit) -> bool:
        term = self.term(hit)
        return term.is_abbreviation if term is not None else hit.kind == "abbreviation"


def check_terms(
    pair: Pair,
    source_hits: Sequence[TermHit],
    target_hits: Sequence[TermHit],
    glossary: Glossary,
    *,
    terms: _Terms | None = None,
) -> list[Finding]:
    """term-missing, term-forbidden, term-deprecated and near-miss for one pair.

    `terms` is the glossary's term index, built once per run by Checker (and here if not given).

    A near miss counts only for a concept the source has: a target word that resembles a term
    the source never asked for ('residents' and 'President') is another word, not a misspelling.
    """
    terms = terms or _Terms(glossary)
    out: list[Finding] = []
    asked = {h.concept for h in source_hits if h.kind != "near-miss"}
    for hit in target_hits:
        concept = glossary.get(hit.concept)
        if hit.kind == "near-miss":
            if hit.concept not in asked:
                continue
            out.append(
                _finding(
                    pair,
                    "near-miss",
                    f"'{hit.surface}' looks like a misspelling of '{hit.term}'",
                    start=hit.start,
                    end=hit.end,
                    suggestion=hit.term,
                    concept=hit.concept,
                )
            )
        elif hit.status in ("forbidden", "deprecated") and concept is not None:
            better = concept.preferred(pair.tgt_lang, abbreviation=terms.is_abbreviation(hit))
            instead = f"; use '{better.text}'" if better else ""
            out.append(
                _finding(
                    pair,
                    f"term-{hit.status}",
                    f"'{hit.surface}' is a {hit.status} term for {concept.id}{instead}",
                    start=hit.start,
                    end=hit.end,
                    suggestion=_in_form_of(better, hit) if better else "",
                    concept=concept.id,
                )
            )
    found = {h.concept for h in target_hits}
    seen: set[str] = set()
    for hit in source_hits:
        if hit.kind == "near-miss" or hit.concept in seen:
            continue
        seen.add(hit.concept)
        concept = glossary.get(hit.concept)
        if concept is None or hit.concept in found:
            continue  # rendered (violations and misspellings are reported above)
        if concept.do_not_translate:
            if hit.surface.casefold() in pair.target.casefold():
                continue
            out.append(
                _finding(
                    pair,
                    "term-missing",
                    f"'{hit.surface}' ({concept.id}) is a name to keep as written, and the target "
                    "does not have it",
                    side="source",
                    start=hit.start,
                    end=hit.end,
                    suggestion=hit.surface,
                    concept=concept.id,
                )
            )
            continue
        expected = concept.preferred(pair.tgt_lang, abbreviation=terms.is_abbreviation(hit))
        if expected is None:
            continue  # the glossary has no approved target term to hold the target to
        out.append(
            _finding(
                pair,
                "term-missing",
                f"'{hit.surface}' ({concept.id}) has no approved {pair.tgt_lang} rendering in the "
                f"target; expected '{expected.text}'",
                side="source",
                start=hit.start,
                end=hit.end,
                suggestion=expected.text,
                concept=concept.id,
            )
        )
    return out


def _in_form_of(term: Term, hit: TermHit) -> str:
    """`term` in the grammatical form of the surface it replaces (ұйымдарға, акима), and
    capitalised if that was (at the start of a sentence)."""
    text = term.text
    language = find_language(hit.lang)
    if hit.kind == "inflected" and language is not None:
        form = language.form_of(hit.surface, hit.term)
        text = language.inflect(term.text, form, indeclinable=term.is_abbreviation)
    if hit.surface[:1].isupper() and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


@dataclass(frozen=True)
class Rendering:
    """How one source term was rendered in one pair (for term-inconsistent)."""

    key: tuple[str, str, str, bool]  # src_lang, tgt_lang, concept, source is an abbreviation
    rendering: str
    pair: Pair
    hit: TermHit


def renderings(
    pair: Pair, source_hits: Sequence[TermHit], target_hits: Sequence[TermHit], terms: _Terms
) -> list[Rendering]:
    """The approved target terms used for each source concept in one pair."""
    out: list[Rendering] = []
    done: set[tuple[str, bool]] = set()
    for hit in source_hits:
        if hit.kind == "near-miss":
            continue
        abbr = terms.is_abbreviation(hit)
        if (hit.concept, abbr) in done:
            continue
        done.add((hit.concept, abbr))
        allowed = [
            t
            for t in target_hits
            if t.concept == hit.concept and t.kind != "near-miss" and t.status in ALLOWED_STATUSES
        ]
        same_kind = [t for t in allowed if terms.is_abbreviation(t) == abbr]
        for t in same_kind or allowed:
            key = (pair.src_lang, pair.tgt_lang, hit.concept, abbr)
            out.append(Rendering(key, t.term, pair, t))
    return out


def _where(pairs: Iterable[Pair], limit: int = 5) -> str:
    """'a.po:3,9 b.po:2, +4 more': the first `limit` places, lines grouped by file."""
    places = sorted({(p.path, p.line) for p in pairs})
    by_file: dict[str, list[str]] = {}
    for path, line in places[:limit]:
        by_file.setdefault(path, []).append(str(line))
    shown = " ".join(f"{path}:{','.join(lines)}" for path, lines in by_file.items())
    return shown + (f", +{len(places) - limit} more" if len(places) > limit else "")


def check_consistency(found: Iterable[Rendering], glossary: Glossary) -> list[Finding]:
    """term-inconsistent: a source concept rendered by different approved target terms.

    The commonest rendering is the one to keep (ties: an abbreviation for an abbreviation, then
    the preferred term, then alphabetical); every other occurrence is reported with all the
    variants, their counts and places.
    """
    groups: dict[tuple[str, str, str, bool], list[Rendering]] = defaultdict(list)
    for r in found:
        groups[r.key].append(r)
    out: list[Finding] = []
    for key, items in groups.items():
        counts = Counter(r.rendering for r in items)
        if len(counts) < 2:
            continue
        concept = glossary.get(key[2])
        target_terms = {t.text: t for t in (concept.terms_in(key[1]) if concept else ())}
        ranks = {}
        for v, n in counts.items():
            term = target_terms.get(v)
            same_kind = term is not None and term.is_abbreviation == key[3]
            ranks[v] = (-n, not same_kind, term is None or term.status != "preferred", v)
        order = sorted(counts, key=ranks.__getitem__)
        keep = order[0]
        variants = "; ".join(
            f"'{v}' ×{counts[v]} ({_where(r.pair for r in items if r.rendering == v)})"
            for v in order
        )
        for r in items:
            if r.rendering == keep:
                continue
            out.append(
                _finding(
                    r.pair,
                    "term-inconsistent",
                    f"{key[2]} is rendered {len(counts)} ways in {key[1]}: {variants}",
                    start=r.hit.start,
                    end=r.hit.end,
                    suggestion=keep,
                    concept=key[2],
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Placeholders (checked first: the numbers check ignores digits inside them)

_PLACEHOLDER = re.compile(
    r"%(?:\d+\$|\([\w.]+\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?"
    r"[diouxXeEfFgGcrsaAp]"  # printf: %s %d %1$s %(name)s %.2f; no space flag, so '50% of' is text
    r"|\{\{\s*[\w.]+\s*\}\}"  # {{ name }}
    r"|[%$]\{\w+\}"  # %{name} ${name}
    r"|\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}"  # {0} {name} {} {x:>10}
    r"|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # markup and XLIFF inline codes
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:[^<>]*?\bid=\"([^\"]*)\")?[^<>]*?(/?)>")


def _placeholder_key(token: str) -> str:
    """Tags compare by name, closing slash and id (attributes such as title may be translated)."""
    m = _TAG.fullmatch(token)
    if not m:
        return token
    closing, name, ident, empty = m.groups()
    return f"<{closing}{name}{f' id={ident}' if ident else ''}{empty}>"


def placeholders(text: str) -> list[tuple[int, int, str]]:
    """Every printf, brace or markup placeholder in `text` as (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in _PLACEHOLDER.finditer(text)]


def check_placeholders(pair: Pair) -> list[Finding]:
    """placeholders: every placeholder of the source is in the target, and no others."""
    if not pair.target.strip():
        return []
    src = placeholders(pair.source)
    tgt = placeholders(pair.target)
    if not src and not tgt:
        return []
    src_left = Counter(_placeholder_key(t) for _, _, t in src)
    tgt_left = Counter(_placeholder_key(t) for _, _, t in tgt)
    missing = src_left - tgt_left
    extra = tgt_left - src_left
    out: list[Finding] = []
    for side, found, left, what in (
        ("source", src, missing, "missing from the target"),
        ("target", tgt, extra, "not in the source"),
    ):
        for start, end, token in found:
            key = _placeholder_key(token)
            if left[key] > 0:
                left[key] -= 1
                out.append(
                    _finding(
                        pair,
                        "placeholders",
                        f"placeholder {token} is {what}",
                        side=side,
                        start=start,
                        end=end,
                        suggestion=token if side == "source" else "",
                    )
                )
    return out


# ---------------------------------------------------------------------------------------------
# Numbers

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(r"(?<!\d)\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_GROUP_SEP = re.compile(r"[ \u00a0\u202f]")
#: Clock times: 7.55am, 3 p.m., 15:00, Thai 17.30 น.
_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})(?:[.:](\d{2}))?\s?([ap])\.?m\b\.?"
    r"|(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])"
    r"|(?<![\d.,:])(\d{1,2})\.(\d{2})\s?น\.",
    re.IGNORECASE,
)


def _canon(digits: str) -> str | None:
    """A number as a canonical string: 1800, 1.8 (no exponent, no trailing zeros)."""
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    text = format(value.normalize(), "f")
    return text


def number_values(token: str, lang: str) -> tuple[str, ...]:
    """The values a written number may stand for in `lang`, the likeliest first.

    '1,8' is 1.8 in ru/kk; '1,800' is 1800 in en/th; '1.800' is ambiguous and gives both;
    '10.05.2019' (a date) gives no single value and is split into parts by the caller.
    A value may stand for others too (Language.number_alternatives: a Thai year 2400-2700 also
    for the Common Era year 543 earlier).
    """
    token = _GROUP_SEP.sub(" ", token.translate(_THAI_DIGITS))
    language = find_language(lang)
    values: list[str] = []
    if " " in token:
        m = re.fullmatch(r"([\d ]+)(?:[.,](\d+))?", token)
        if m:
            whole, frac = m.group(1).replace(" ", ""), m.group(2) or ""
            values.append(f"{whole}.{frac}" if frac else whole)
    else:
        seps = re.findall(r"[.,]", token)
        parts = re.split(r"[.,]", token)
        decimal_comma = language is not None and language.decimal_comma
        if not seps:
            values.append(token)
        elif len(seps) == 1:
            sep, (a, b) = seps[0], parts
            as_decimal, as_thousands = f"{a}.{b}", a + b
            if len(b) != 3:
                values.append(as_decimal)
            elif (sep == ",") == decimal_comma:
                values += [as_decimal, as_thousands]
            else:
                values += [as_thousands, as_decimal]
        elif len(set(seps)) == 2:
            last = seps[-1]
            whole = "".join(parts[:-1])
            if all(len(p) == 3 for p in parts[1:-1]) and seps.count(last) == 1:
                values.append(f"{whole}.{parts[-1]}")
        elif all(len(p) == 3 for p in parts[1:]):
            values.append("".join(parts))
    out = [v for v in (_canon(x) for x in values) if v is not None]
    if language is not None:
        for v in list(out):
            out.extend(language.number_alternatives(v))
    return tuple(out)


@dataclass(frozen=True)
class _Num:
    start: int
    end: int
    text: str
    values: tuple[str, ...]


def _time(m: re.Match[str]) -> tuple[str, ...]:
    """A clock time's value ('15:00') and the numbers it may be written as elsewhere.

    '3 p.m.' may be 3 or 15; '7.55am' 7, 55 or 7.55; '12:00' also 1200 (military time, '1200
    GMT') and 12.0 (Thai writes 12.00 น.).
    """
    h12, m12, ampm, h24, m24, hth, mth = m.groups()
    if h12 is not None:
        hour, minute = int(h12) % 12 + (12 if ampm.lower() == "p" else 0), int(m12 or 0)
        alts = [str(int(h12)), str(hour)] + ([str(int(m12))] if m12 else [])
        if m12:
            alts.append(_canon(f"{int(h12)}.{m12}") or "")
    else:
        hour, minute = int(h24 or hth), int(m24 or mth)
        alts = [str(hour), str(minute)]
    if hour > 23 or minute > 59:
        return ()
    alts += [f"{hour}{minute:02d}", _canon(f"{hour}.{minute:02d}") or ""]
    return (f"{hour:02d}:{minute:02d}", *dict.fromkeys(a for a in alts if a))


def numbers(text: str, lang: str) -> list[_Num]:
    """Every number and clock time in `text` outside placeholders, with the values it may mean.

    Digit groups that are not one number (dates like 10.05.2019, lists like 1,2,3) become one
    number per group.
    """
    masked = text
    for start, end, _ in placeholders(text):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    masked = masked.translate(_THAI_DIGITS)
    found: list[_Num] = []
    for m in _TIME.finditer(masked):
        values = _time(m)
        if values:
            found.append(_Num(m.start(), m.end(), text[m.start() : m.end()], values))
            masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    for m in _NUMBER.finditer(masked):
        values = number_values(m.group(), lang)
        if values:
            found.append(_Num(m.start(), m.end(), text[m.start() : m.end()], values))
            continue
        for g in re.finditer(r"\d+", m.group()):
            start = m.start() + g.start()
            found.append(
                _Num(
                    start,
                    start + len(g.group()),
                    text[start : start + len(g.group())],
                    number_values(g.group(), lang),
                )
            )
    found.sort(key=lambda n: n.start)
    return found


def _number_words(text: str, lang: str) -> Counter[str]:
    """Months named and numbers written out in words, as values ('3' for March, for three)."""
    language = find_language(lang)
    pattern = language.number_words_pattern if language is not None else None
    if pattern is None:
        return Counter()
    words: Counter[str] = Counter()
    for m in pattern.finditer(text):
        name = m.lastgroup
        if name:
            words[name[1:]] += 1
    return words


def _match_numbers(src: list[_Num], tgt: list[_Num]) -> tuple[list[_Num], list[_Num]]:
    """Pair numbers with the same value (likeliest readings first); return the unpaired."""
    src_left, tgt_left = list(src), list(tgt)
    for strict in (True, False):
        for s in list(src_left):
            for t in tgt_left:
                same = s.values[0] == t.values[0] if strict else set(s.values) & set(t.values)
                if same:
                    src_left.remove(s)
                    tgt_left.remove(t)
                    break
    return src_left, tgt_left


def _drop_words(left: list[_Num], words: Counter[str]) -> list[_Num]:
    """A number left over that the other side writes in words (a month, 'ten') is no difference."""
    kept = []
    for n in left:
        value = next((v for v in n.values if words[v] > 0), None)
        if value is None:
            kept.append(n)
        else:
            words[value] -= 1
    return kept


def check_numbers(pair: Pair) -> list[Finding]:
    """numbers: the same numbers on both sides, read by each language's conventions.

    A number with a different number in its place is an error; a number on one side only is a
    warning (it may be written out in words).
    """
    if not pair.target.strip():
        return []
    src = numbers(pair.source, pair.src_lang)
    tgt = numbers(pair.target, pair.tgt_lang)
    if not src and not tgt:
        return []
    src_left, tgt_left = _match_numbers(src, tgt)
    src_left = _drop_words(src_left, _number_words(pair.target, pair.tgt_lang))
    tgt_left = _drop_words(tgt_left, _number_words(pair.source, pair.src_lang))
    out: list[Finding] = []
    for s, t in zip(src_left, tgt_left, strict=False):
        out.append(
            _finding(
                pair,
                "numbers",
                f"source has {s.text}, target has {t.text}",
                start=t.start,
                end=t.end,
                suggestion=s.text,
            )
        )
    n = min(len(src_left), len(tgt_left))
    for s in src_left[n:]:
        out.append(
            _finding(
                pair,
                "numbers",
                f"number {s.text} is not in the target",
                side="source",
                start=s.start,
                end=s.end,
                severity="warning",
            )
        )
    for t in tgt_left[n:]:
        out.append(
            _finding(
                pair,
                "numbers",
                f"number {t.text} in the target is not in the source",
                start=t.start,
                end=t.end,
                severity="warning",
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Untranslated and scripts

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


def check_untranslated(pair: Pair) -> list[Finding]:
    """untranslated: target empty, the same as the source, or in another script or language."""
    target = pair.target.strip()
    if not target:
        return [_finding(pair, "untranslated", "target is empty")]
    if not any(ch.isalpha() for ch in pair.source):
        return []
    if pair.src_lang != pair.tgt_lang and (
        _SPACE.sub(" ", target).casefold() == _SPACE.sub(" ", pair.source.strip()).casefold()
    ):
        if _name_like(target):
            return []
        return [
            _finding(
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
            _finding(
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
                _finding(
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
        _finding(
            pair,
            "wrong-language",
            found.message,
            start=first.start,
            end=last.end,
        )
    ]


def check_mixed_script(pair: Pair) -> list[Finding]:
    """mixed-script: Latin and Cyrillic letters inside one word (Latin i for і, e for е, ...)."""
    out: list[Finding] = []
    for side, text in (("source", pair.source), ("target", pair.target)):
        if not MIXED_LATIN_CYRILLIC.search(text):
            continue
        for start, end, word in mixed_script_words(text):
            scripts = Counter(script_of(ch) for ch in word)
            latin = "".join(ch for ch in word if script_of(ch) == "latin")
            fixed = fix_homoglyphs(word) if scripts["cyrillic"] >= scripts["latin"] else ""
            if fixed and any(script_of(ch) == "latin" for ch in fixed):
                fixed = ""
            out.append(
                _finding(
                    pair,
                    "mixed-script",
                    f"'{word}' mixes Latin ({latin}) and Cyrillic letters"
                    + (" in the source" if side == "source" else ""),
                    side=side,
                    start=start,
                    end=end,
                    suggestion=fixed,
                    severity="warning" if side == "source" else None,
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# The run


@dataclass(frozen=True)
class CheckReport:
    """Everything a check run found: the pairs (sorted), their term hits and the findings."""

    pairs: tuple[Pair, ...]
    source_hits: tuple[tuple[TermHit, ...], ...]
    target_hits: tuple[tuple[TermHit, ...], ...]
    findings: tuple[Finding, ...]
    glossary_digest: str
    checks: tuple[str, ...]

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings per check and severity, every enabled check listed."""
        counts: dict[str, dict[str, int]] = {c: {s: 0 for s in SEVERITIES} for c in self.checks}
        for f in self.findings:
            counts[f.check][f.severity] += 1
        return counts

    def at_least(self, severity: str) -> list[Finding]:
        """Findings of `severity` or worse."""
        rank = SEVERITIES.index(severity)
        return [f for f in self.findings if SEVERITIES.index(f.severity) >= rank]


class Checker:
    """Runs the checks with one glossary, caching term hits per (text, language) within a run."""

    def __init__(
        self,
        glossary: Glossary,
        *,
        checks: Collection[str] | None = None,
        find: FindTerms = find_terms,
    ) -> None:
        unknown = set(checks or ()) - set(CHECKS)
        if unknown:
            raise ValueError(f"unknown checks: {', '.join(sorted(unknown))}")
        self.glossary = glossary
        self.checks = tuple(c for c in CHECKS if checks is None or c in checks)
        self._find = find
        self._terms = _Terms(glossary)
        self._cache: dict[tuple[str, str, bool], tuple[TermHit, ...]] = {}
        self._terms_wanted = any(c.startswith("term-") or c == "near-miss" for c in self.checks)
        self._keep = keep_words(glossary) if "wrong-language" in self.checks else frozenset()

    def hits(self, text: str, lang: str, *, near_misses: bool = False) -> tuple[TermHit, ...]:
        """find_terms(text, lang), computed once per run."""
        key = (text, lang, near_misses)
        found = self._cache.get(key)
        if found is None:
            found = tuple(self._find(text, lang, self.glossary, near_misses=near_misses))
            self._cache[key] = found
        return found

    def check_pair(
        self, pair: Pair
    ) -> tuple[list[Finding], list[Rendering], tuple[tuple[TermHit, ...], tuple[TermHit, ...]]]:
        """Findings of every per-pair check, the term renderings, and the hits on each side."""
        enabled = self.checks
        src_hits: tuple[TermHit, ...] = ()
        tgt_hits: tuple[TermHit, ...] = ()
        if self._terms_wanted:
            src_hits = self.hits(pair.source, pair.src_lang)
            tgt_hits = self.hits(pair.target, pair.tgt_lang, near_misses="near-miss" in enabled)
        out: list[Finding] = []
        if self._terms_wanted and pair.target.strip():
            term_findings = check_terms(pair, src_hits, tgt_hits, self.glossary, terms=self._terms)
            out += [f for f in term_findings if f.check in enabled]
        if "numbers" in enabled:
            out += check_numbers(pair)
        untranslated = check_untranslated(pair) if "untranslated" in enabled else []
        out += untranslated
        if "wrong-language" in enabled and not any(f.severity == "error" for f in untranslated):
            # one problem, one finding: the language found replaces untranslated's guess
            wrong = check_wrong_language(pair, self._keep)
            if wrong:
                out = [f for f in out if f.check != "untranslated"] + wrong
        if "mixed-script" in enabled:
            out += check_mixed_script(pair)
        if "placeholders" in enabled:
            out += check_placeholders(pair)
        found = renderings(pair, src_hits, tgt_hits, self._terms)
        return out, found, (src_hits, tgt_hits)

    def run(
        self, pairs: Iterable[Pair], on_progress: Callable[[int, int], None] | None = None
    ) -> CheckReport:
        """Check every pair; findings and pairs come out sorted, whatever order they went in."""
        ordered = sorted(set(pairs), key=_pair_key)
        findings: list[Finding] = []
        found: list[Rendering] = []
        src_hits, tgt_hits = [], []
        for i, pair in enumerate(ordered, 1):
            f, r, (s, t) = self.check_pair(pair)
            findings += f
            found += r
            src_hits.append(s)
            tgt_hits.append(t)
            if on_progress is not None and (i % 500 == 0 or i == len(ordered)):
                on_progress(i, len(ordered))
        if "term-inconsistent" in self.checks:
            findings += check_consistency(found, self.glossary)
        findings = sorted(set(findings), key=lambda f: f.sort_key)
        return CheckReport(
            tuple(ordered),
            tuple(src_hits),
            tuple(tgt_hits),
            tuple(findings),
            self.glossary.digest,
            self.checks,
        )


def _pair_key(p: Pair) -> tuple[str, int, str, str, str, str, str]:
    return (p.path, p.line, p.tgt_lang, p.id, p.src_lang, p.source, p.target)


def _as_pairs(
    pairs: Iterable[Pair | tuple[str, str]], src_lang: str | None, tgt_lang: str | None
) -> list[Pair]:
    out: list[Pair] = []
    for i, p in enumerate(pairs, 1):
        if isinstance(p, Pair):
            out.append(p)
            continue
        if not src_lang or not tgt_lang:
            raise ValueError("plain (source, target) tuples need src_lang and tgt_lang")
        out.append(Pair(p[0], p[1], src_lang, tgt_lang, "<input>", i, str(i)))
    return out


def run_check(
    pairs: Iterable[Pair | tuple[str, str]],
    glossary: Glossary,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    checks: Collection[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    find: FindTerms = find_terms,
) -> CheckReport:
    """Check pairs against the glossary and each other; the report the writers format."""
    checker = Checker(glossary, checks=checks, find=find)
    return checker.run(_as_pairs(pairs, src_lang, tgt_lang), on_progress)


def check_pairs(
    pairs: Iterable[Pair | tuple[str, str]],
    glossary: Glossary,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    checks: Collection[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    find: FindTerms = find_terms,
) -> list[Finding]:
    """Every finding for the pairs, sorted by (path, line, check, span).

    `pairs` are Pairs (from termguard.bitext) or plain (source, target) tuples in
    `src_lang` -> `tgt_lang`. Example::

        check_pairs([("The NGO said", "ҮЕҰ айтты")], glossary, "en", "kk")
    """
    report = run_check(
        pairs, glossary, src_lang, tgt_lang, checks=checks, on_progress=on_progress, find=find
    )
    return list(report.findings)
