"""The numbers family: the same numbers on both sides, read by each language's conventions.

Each language says how it writes numbers (Language.decimal_comma, .digits, .clock_marks,
.months, .number_words, .number_alternatives); placeholders are masked first, so their digits
are not numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from termguard.bitext import Pair
from termguard.checks.base import Finding, finding, pair_check
from termguard.checks.placeholders import placeholders
from termguard.lang import Language, find_language, languages

_NUMBER = re.compile(r"(?<!\d)\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_GROUP_SEP = re.compile(r"[ \u00a0\u202f]")


@lru_cache(maxsize=8)
def _conventions(known: tuple[Language, ...]) -> tuple[dict[int, int], re.Pattern[str]]:
    """Every known language's digits read as 0-9, and one pattern for clock times: 7.55am,
    3 p.m., 15:00, and H.MM before a language's clock mark (Thai 17.30 น.)."""
    digits: dict[int, int] = {}
    for language in known:
        if language.digits:
            digits.update(str.maketrans(language.digits, "0123456789"))
    marks = "|".join(re.escape(m) for language in known for m in language.clock_marks)
    clock = re.compile(
        r"(?<![\d.,:])(\d{1,2})(?:[.:](\d{2}))?\s?([ap])\.?m\b\.?"
        r"|(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])"
        r"|(?<![\d.,:])(\d{1,2})\.(\d{2})\s?" + (marks or "(?!)"),
        re.IGNORECASE,
    )
    return digits, clock


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
    token = _GROUP_SEP.sub(" ", token.translate(_conventions(languages())[0]))
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
    digits, clock = _conventions(languages())
    masked = masked.translate(digits)
    found: list[_Num] = []
    for m in clock.finditer(masked):
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


@pair_check("numbers", "error", order=60)
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
            finding(
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
            finding(
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
            finding(
                pair,
                "numbers",
                f"number {t.text} in the target is not in the source",
                start=t.start,
                end=t.end,
                severity="warning",
            )
        )
    return out
