"""The numbers family: the same numbers on both sides, read by each language's conventions.

Each language says how it writes numbers (Language.decimal_comma, .digits, .clock_marks,
.months, .number_words and word_numbers, .clock_phrases, .units, .scale_words, decades,
.number_alternatives); placeholders are masked first, so their digits are not numbers.

A pair's numbers are matched in rounds: the same value (a clock time, a decade, a Thai year
read either way), then a unit conversion within rounding (85 mph = 137 km/h, 6-foot-6 =
1.98 m, an equivalent the source gives twice and the target once), then numbers the other
side writes in words (сорока восьми, สี่สิบแปด, XIX, บ่ายโมง). What is left is reported once per
written number group (1-0, 6-foot-6, 1 м 82 см), never per digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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
        r"|(?<![\d.,:])(\d{1,2}):\s?(\d{2})(?![\d:]|[.,]\d)"
        r"|(?<![\d.,:])(\d{1,2})\.(\d{2})(?:\s?"
        + (marks or "(?!)")
        + r"|(?=\s?[-–]\s?\d{1,2}\.\d{2}\s?"
        + (marks or "(?!)")
        + "))",
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
    """A number in a text: its span, the values it may mean and the unit written after it."""

    start: int
    end: int
    text: str
    values: tuple[str, ...]
    #: Unit id (see UNITS) and where the number with its unit ends (qend >= end).
    unit: str = ""
    qend: int = 0
    #: Written in words, Roman numerals or clock words: matched, never reported.
    word: bool = False
    #: Numbers written as one group (1-0, 6-foot-6, 1 м 82 см) share it; reported once.
    group: int = -1
    #: A month name (for a word) or a day beside one (October 1): pairs only with a number
    #: in digits, so a spelt 'one' (หนึ่งปี, 'a year') cannot stand for the day.
    date: bool = False


#: Unit id -> (dimension, factor to the dimension's base unit). Temperatures convert apart.
UNITS: dict[str, tuple[str, float]] = {
    "mi": ("length", 1609.344), "km": ("length", 1000.0), "ft": ("length", 0.3048),
    "in": ("length", 0.0254), "yd": ("length", 0.9144), "m": ("length", 1.0),
    "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mph": ("speed", 1.609344), "kmh": ("speed", 1.0),
    "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523125), "kg": ("mass", 1.0),
    "g": ("mass", 0.001), "t": ("mass", 1000.0),
    "acre": ("area", 4046.8564224), "ha": ("area", 10000.0), "rai": ("area", 1600.0),
    "sqmi": ("area", 2589988.110336), "sqkm": ("area", 1e6),
    "gal": ("volume", 3.785411784), "l": ("volume", 1.0),
    "F": ("temperature", 1.0), "C": ("temperature", 1.0), "deg": ("temperature", 1.0),
}  # fmt: skip
#: A number and the next one, each with its unit, written as one quantity (6 feet 6 inches).
_COMPOUNDS = {("ft", "in"), ("ft", ""), ("m", "cm"), ("lb", "oz")}
#: Between the two ends of a range (2 to 4 inches: the 2 is in inches too).
_RANGE = re.compile(
    r"\s*(?:to|and|or|до|и|или|мен|бен|пен|және|не|ถึง|และ|หรือ|-|–|—)\s*", re.IGNORECASE
)
#: Numbers written as one (1-0, 5-2) or given as alternatives (7 или 8) are reported together.
_JOINED = re.compile(r"\s?[-–—:]\s?|\s+(?:or|или|либо|немесе|не|หรือ)\s+", re.IGNORECASE)
_ROMAN = re.compile(r"(?<![^\W\d_])[IVXLCDMХІСМ]{1,9}(?![^\W\d_])")
_ROMAN_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
#: Capital letters that are words or abbreviations more often than numbers.
_NOT_ROMAN = frozenset({"I", "C", "D", "M", "L", "CD", "DC", "MD", "CC", "DM", "MM", "LL",
                        "DL", "ML", "MC", "CL", "DI", "MI", "MIX", "DIV", "LCD", "XL", "XXL",
                        "CIV", "CM", "MCC", "С", "М", "СС", "СМ", "МС", "ММ"})  # fmt: skip


def _roman(word: str) -> int | None:
    """The value of a Roman numeral (Cyrillic Х І С М read as Latin), or None."""
    latin = word.translate(str.maketrans("ХІСМ", "XICM"))
    if word in _NOT_ROMAN or not _ROMAN_VALID.fullmatch(latin):
        return None
    total = 0
    for a, b in zip(latin, latin[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total or None


@lru_cache(maxsize=16)
def _unit_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The language's units, each as a pattern matching just after a number."""
    language = find_language(lang)
    if language is None:
        return ()
    end = r"(?![^\W\d_])" if language.spaced else ""
    return tuple(
        (unit, re.compile(r"[\s\u00a0\u202f-]?(?:" + pattern + ")" + end, re.IGNORECASE))
        for unit, pattern in language.units.items()
    )


@lru_cache(maxsize=16)
def _scale_pattern(lang: str) -> re.Pattern[str] | None:
    language = find_language(lang)
    if language is None or not language.scale_words:
        return None
    alts = "|".join(f"(?P<s{v}>{w})" for v, w in language.scale_words.items())
    end = r"(?![^\W\d_])" if language.spaced else ""
    return re.compile(r"\s?(?:" + alts + ")" + end, re.IGNORECASE)


@lru_cache(maxsize=16)
def _decade_patterns(lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    language = find_language(lang)
    if language is None:
        return None, None
    after = re.compile(language.decade_after, re.IGNORECASE) if language.decade_after else None
    before = re.compile(language.decade_before) if language.decade_before else None
    return after, before


def _unit_at(text: str, pos: int, lang: str) -> tuple[str, int]:
    """The unit written at `pos` (just after a number) and where it ends, or ('', pos)."""
    best, end = "", pos
    for unit, pattern in _unit_patterns(lang):
        m = pattern.match(text, pos)
        if m and len(m.group().strip(" -\u00a0\u202f")) == 1 and not m.group()[0].isspace():
            continue  # a letter glued to a number is a name's (802.11g, 4G), not a unit
        if m and m.end() > end:
            best, end = unit, m.end()
    return best, end


def _extras(text: str, num: _Num, lang: str) -> _Num:
    """The number with its unit, and the values a decade or a scale word adds."""
    unit, qend = _unit_at(text, num.end, lang)
    values = list(num.values)
    after, before = _decade_patterns(lang)
    value = values[0] if values else ""
    decade = (after is not None and after.match(text, num.end)) or (
        before is not None and before.search(text, 0, num.start)
    )
    if decade and value.isdigit():
        n = int(value)
        if 1000 <= n <= 2999 and n % 10 == 0 and n % 100:
            values.append(str(n % 100))
        elif 1000 <= n <= 2999 and n % 100 == 0:
            values.append(str(n // 100 + 1))  # the 1800s: the 19th century
        elif 10 <= n <= 90 and n % 10 == 0:
            values += [str(1900 + n), str(2000 + n)]  # the 30s: the 1930s or the 2030s
    if len(value) == 2 and value.isdigit() and re.search(r"[A-Z]{2}$", text[: num.start]):
        values.append(str(2000 + int(value)))  # a season or fiscal year: SS19, FY19
    scale = _scale_pattern(lang)
    m = scale.match(text, num.end) if scale is not None and not unit else None
    if m and m.lastgroup:
        qend = m.end()
        factor = int(m.lastgroup[1:])
        for v in list(values):
            scaled = _canon(str(Decimal(v) * factor)) if _is_decimal(v) else None
            if scaled:
                values.append(scaled)
    return replace(num, values=tuple(dict.fromkeys(values)), unit=unit, qend=qend)


def _is_decimal(value: str) -> bool:
    return re.fullmatch(r"\d+(?:\.\d+)?", value) is not None


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def numbers(text: str, lang: str, *, words: bool = False) -> list[_Num]:
    """Every number and clock time in `text` outside placeholders, with the values it may mean
    and the unit written after it.

    Digit groups that are not one number (dates like 10.05.2019, lists like 1,2,3) become one
    number per group. With `words`, numbers written in words, Roman numerals and clock words
    come too (marked `word`).
    """
    masked = text
    for start, end, _ in placeholders(text):
        masked = _mask(masked, start, end)
    digits, clock = _conventions(languages())
    masked = masked.translate(digits)
    language = find_language(lang)
    found: list[_Num] = []
    for m in clock.finditer(masked):
        values = _time(m)
        if values:
            found.append(_Num(m.start(), m.end(), text[m.start() : m.end()], values))
            masked = _mask(masked, m.start(), m.end())
    for start, end, hour, minute in language.clock_phrases(masked) if language else ():
        values = _clock_values(hour, minute)
        spelled = not re.search(r"\d", masked[start:end])
        if spelled and not words:
            continue
        found.append(_Num(start, end, text[start:end], values, word=spelled))
        masked = _mask(masked, start, end)
    for m in _NUMBER.finditer(masked):
        values = number_values(m.group(), lang)
        if values:
            found.append(_Num(m.start(), m.end(), text[m.start() : m.end()], values))
            continue
        for g in re.finditer(r"\d+", m.group()):
            start = m.start() + g.start()
            end = start + len(g.group())
            found.append(_Num(start, end, text[start:end], number_values(g.group(), lang)))
    found = [_extras(masked, n, lang) if not n.word else n for n in found]
    if words:
        found += _spelled(masked, text, lang, found)
    found.sort(key=lambda n: n.start)
    return _grouped(found, masked)


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
        if hour <= 23 and minute <= 59:
            # without am/pm a 12-hour clock may stand for either half of the day (10:00-11:00 pm)
            alts.append(f"{(hour + 12) % 24:02d}:{minute:02d}")
    if hour > 23 or minute > 59:
        return ()
    alts += [f"{hour}{minute:02d}", _canon(f"{hour}.{minute:02d}") or ""]
    return (f"{hour:02d}:{minute:02d}", *dict.fromkeys(a for a in alts if a))


def _clock_values(hour: int, minute: int) -> tuple[str, ...]:
    alts = [str(hour), str(hour % 12 or 12), str(minute), f"{hour}{minute:02d}"]
    alts.append(_canon(f"{hour}.{minute:02d}") or "")
    return (f"{hour:02d}:{minute:02d}", *dict.fromkeys(a for a in alts if a and a != "0"))


def _spelled(masked: str, text: str, lang: str, digits: list[_Num]) -> list[_Num]:
    """Numbers in words and Roman numerals, and month names (as their number), as _Num."""
    language = find_language(lang)
    taken = [(n.start, max(n.end, n.qend)) for n in digits]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    out: list[_Num] = []
    bare = masked
    for s, e in taken:
        # 1.7 million four years: 'four' alone is a number in words; 11 fours and 2 sixes: two
        bare = bare[:s] + "#" * (e - s) + bare[e:]
    spans: list[tuple[int, int, int]] = list(language.word_numbers(bare)) if language else []
    for m in _ROMAN.finditer(bare):
        war = m.group() == "I" and bare[: m.start()].endswith("War ")  # World War I
        value = 1 if war else _roman(m.group())
        alone = m.group() in "VX" or (m.group() == "I" and bare[: m.start()].endswith("War "))
        if value is not None and (len(m.group()) > 1 or alone):
            spans.append((m.start(), m.end(), value))
    for start, end, value in spans:
        if free(start, end):
            unit, qend = _unit_at(masked, end, lang)
            if not unit and language is not None:
                # Двухметровый: the unit inside the word
                unit = next(
                    (
                        u
                        for u, p in language.units_in_words.items()
                        if re.search(p, text[start:end], re.IGNORECASE)
                    ),
                    "",
                )
            out.append(_Num(start, end, text[start:end], (str(value),), unit, qend, word=True))
            taken.append((start, end))
    pattern = language.number_words_pattern if language is not None else None
    if pattern is not None and language is not None and language.months:
        for m in pattern.finditer(masked):
            if (m.lastgroup or "").startswith("m") and free(m.start(), m.end()):
                month = m.lastgroup[1:] if m.lastgroup else ""
                out.append(
                    _Num(
                        m.start(),
                        m.end(),
                        text[m.start() : m.end()],
                        (month,),
                        word=True,
                        date=True,
                    )
                )
    return out


def _grouped(found: list[_Num], text: str) -> list[_Num]:
    """Numbers with their groups: joined by a dash or colon (1-0), or one quantity written in
    two units (6-foot-6, 1 м 82 см); a range's first end takes the unit of its second."""
    out: list[_Num] = []
    group = -1
    for i, n in enumerate(found):
        if not n.unit and not n.word and i + 1 < len(found):
            nxt = found[i + 1]
            if nxt.unit and _RANGE.fullmatch(text, n.end, nxt.start):
                n = replace(n, unit=nxt.unit)
        prev = out[-1] if out else None
        joined = False
        if prev is not None and not prev.word and not n.word:
            gap = text[max(prev.end, prev.qend) : n.start]
            joined = _JOINED.fullmatch(gap) is not None and not prev.unit
            if (prev.unit, n.unit) in _COMPOUNDS and re.fullmatch(r"[\s-]*(?:and\s+)?", gap):
                joined = True
        if not joined:
            group += 1
        out.append(replace(n, group=group, qend=max(n.qend, n.end)))
    return out


# ---------------------------------------------------------------- quantities and conversions


@dataclass
class _Quantity:
    """One or more numbers that make one measure (6-foot-6), in its dimension's base unit."""

    nums: list[int]  # indexes into the side's numbers
    unit: str
    base: float
    dimension: str = field(default="")
    #: The rounding step of how it is written, in the base unit (1 м 82 см: 0.01 m).
    step: float = 1.0


def _value(n: _Num) -> float | None:
    v = n.values[0] if n.values else ""
    return float(v) if _is_decimal(v) else None


def _quantities(nums: list[_Num]) -> list[_Quantity]:
    """The measures among the numbers: every number with a unit, compounds taken together."""
    out: list[_Quantity] = []
    i = 0
    while i < len(nums):
        n = nums[i]
        v = _value(n)
        if not n.unit or v is None:
            i += 1
            continue
        dim, factor = UNITS[n.unit]
        q = _Quantity([i], n.unit, v * factor, dim, _step(n) * factor)
        j = i + 1
        while j < len(nums) and nums[j].group == n.group and not nums[j].word:
            second = nums[j]
            unit = second.unit or ("in" if n.unit == "ft" else "")
            w = _value(second)
            if (n.unit, second.unit) not in _COMPOUNDS or w is None or unit not in UNITS:
                break
            q.nums.append(j)
            q.base += w * UNITS[unit][1]
            q.step = _step(second) * UNITS[unit][1]
            j += 1
        out.append(q)
        i = j
    return out


def _step(n: _Num) -> float:
    """The rounding step of a written number: 1 for 137, 0.1 for 1,5."""
    v = n.values[0] if n.values else ""
    return 10.0 ** -len(v.split(".")[1]) if "." in v else 1.0


def _close(target: float, converted: float, step: float, relative: float = 0.02) -> bool:
    """True if `target`, written to `step`, is `converted` rounded the way people round: to
    its last digit (3 inches = 7.6 cm given as 7, but not 2 inches as 6), or to a round figure
    (650 lb = 294.8 kg given as 300)."""
    c = abs(converted)
    return abs(target - converted) <= max(relative * c, min(step, 0.1 * c if relative else step))


def _converts(a: _Quantity, b: _Quantity) -> bool:
    """True if measure `a` given in b's unit is b (within rounding)."""
    if a.dimension != b.dimension or not a.dimension:
        return False
    if a.dimension == "temperature":
        v, w = a.base, b.base
        options = []
        if a.unit in ("F", "deg") and b.unit in ("C", "deg"):
            options += [(v - 32) * 5 / 9, v * 5 / 9]
        if a.unit in ("C", "deg") and b.unit in ("F", "deg"):
            options += [v * 9 / 5 + 32, v * 9 / 5]
        return any(_close(w, o, b.step, relative=0.0) for o in options)
    if a.unit == b.unit:
        return False
    return _close(b.base, a.base, b.step)


def _conflict(s: _Num, t: _Num) -> bool:
    """Both numbers carry units of one measure that differ (497 mph against 497 km/h)."""
    if not s.unit or not t.unit or s.unit == t.unit:
        return False
    return UNITS[s.unit][0] == UNITS[t.unit][0] and UNITS[s.unit][0] != "temperature"


def _quantity_text(nums: list[_Num], q: _Quantity, text: str) -> str:
    first, last = nums[q.nums[0]], nums[q.nums[-1]]
    return text[first.start : last.qend]


# ---------------------------------------------------------------- matching


@dataclass
class _Side:
    text: str
    nums: list[_Num]
    paired: list[bool]
    quantities: list[_Quantity]
    lang: str = ""
    #: Numbers reported together with another group (an equivalent the other side lacks too).
    joined: dict[int, int] = field(default_factory=dict)

    def open_measure(self, q: _Quantity) -> bool:
        """True if this side has a number of q's measure left over, or q's unit written with
        no number before it (6388 км turned into ' км'): q's own figure is missing here, so
        no equivalent given elsewhere stands for it."""
        for i, n in enumerate(self.nums):
            if not self.paired[i] and n.unit and UNITS[n.unit][0] == q.dimension:
                return True
        return self.bare_unit(q)

    def bare_unit(self, q: _Quantity) -> bool:
        """True if q's unit is written here where no number carries it."""
        pattern = dict(_unit_patterns(self.lang)).get(q.unit)
        if pattern is None:
            return False
        unit = pattern.pattern[pattern.pattern.index("(?:") :]
        bare = re.compile(r"(?<![\d\w])(?:" + unit + ")", re.IGNORECASE)
        carried = [(n.end, n.qend) for n in self.nums if n.unit]
        return any(
            not any(end <= m.start() < qend for end, qend in carried)
            for m in bare.finditer(self.text)
        )


def _side(text: str, lang: str, words: bool) -> _Side:
    nums = numbers(text, lang, words=words)
    months = [(n.start, n.end) for n in nums if n.word and n.date]
    if months:
        near = re.compile(r"[\s,.]*(?:-?(?:го|е|ші|шы|ші|th|st|nd|rd)\s*)?")
        nums = [
            replace(n, date=True)
            if not n.word
            and any(
                near.fullmatch(text, n.end, s) or near.fullmatch(text, e, n.start)
                for s, e in months
            )
            else n
            for n in nums
        ]
    return _Side(text, nums, [False] * len(nums), _quantities(nums), lang)


def _matched(pair: Pair, words: bool) -> tuple[_Side, _Side]:
    """Both sides with their numbers paired: same values, conversions, then words."""
    src, tgt = _side(pair.source, pair.src_lang, words), _side(pair.target, pair.tgt_lang, words)
    _pair_values(src, tgt, words=False)
    _pair_conversions(src, tgt)
    _pair_conversions(tgt, src)
    if words:
        _pair_values(src, tgt, words=True)
    return src, tgt


def _pair_values(a: _Side, b: _Side, *, words: bool) -> None:
    """Pair numbers of the same value (likeliest readings first), words only if `words`."""
    for strict in (True, False):
        for i, s in enumerate(a.nums):
            if a.paired[i] or (s.word and not words):
                continue
            for j, t in enumerate(b.nums):
                if b.paired[j] or (t.word and not words) or (s.word and t.word):
                    continue
                if (s.word and t.date and not s.date) or (t.word and s.date and not t.date):
                    continue  # a day of a month pairs with digits or a month, not a word
                same = s.values[0] == t.values[0] if strict else set(s.values) & set(t.values)
                if same and not _conflict(s, t):
                    a.paired[i] = b.paired[j] = True
                    break


def _pair_conversions(a: _Side, b: _Side) -> None:
    """Pair measures of `a` left over with their conversion on the other side, or with an
    equivalent `a` itself gives (45 miles (72 km) translated as 72 км).

    A measure already paired may stand for q (the translator added or dropped a conversion)
    only where the other side has no figure of q's own unit gone astray (see open_measure).
    """
    for q in a.quantities:
        if all(a.paired[i] for i in q.nums):
            continue
        if q.unit != "deg" and any(
            not b.paired[j] and n.unit == q.unit for j, n in enumerate(b.nums) if n.unit
        ):
            continue  # 20 feet against 21 футқа: the same measure differs, whatever converts
        partner = None
        open_b = b.open_measure(q)
        for r in b.quantities:
            if _converts(q, r):
                if not any(b.paired[j] for j in r.nums):
                    if b.bare_unit(q) or a.bare_unit(r):
                        break  # '  футқа (6 метрге)': the figure in q's own unit was lost
                    partner = r
                    break
                if not open_b and not _same_unit_left(a, q):
                    partner = partner or r
        if partner is not None:
            for i in q.nums:
                a.paired[i] = True
            for j in partner.nums:
                b.paired[j] = True
            continue
        for r in a.quantities:
            if r is q or set(r.nums) & set(q.nums):
                continue
            if _converts(q, r):
                if all(a.paired[i] for i in r.nums):
                    if not open_b:
                        for i in q.nums:
                            a.paired[i] = True
                else:
                    root = a.joined.get(a.nums[q.nums[0]].group, a.nums[q.nums[0]].group)
                    for j in r.nums:
                        a.joined.setdefault(a.nums[j].group, root)
                break


def _same_unit_left(a: _Side, q: _Quantity) -> bool:
    """True if `a` has another number of q's unit left over besides q."""
    return any(
        not a.paired[i] and n.unit == q.unit and i not in q.nums for i, n in enumerate(a.nums)
    )


@dataclass(frozen=True)
class _Item:
    """What is reported for one side: a group of numbers left over, with its measure."""

    start: int
    end: int
    text: str
    single: bool
    measure: str
    unit: str = ""
    digits: str = ""


def _left(side: _Side, lang: str) -> list[_Item]:
    """The numbers left over, one item per group (and per equivalent given twice)."""
    groups: dict[int, list[int]] = {}
    for i, n in enumerate(side.nums):
        if not side.paired[i] and not n.word:
            g = side.joined.get(n.group, n.group)
            groups.setdefault(g, []).append(i)
    items = []
    for _, idx in sorted(groups.items(), key=lambda kv: side.nums[kv[1][0]].start):
        parts: list[list[int]] = []
        for i in idx:
            if parts and side.nums[i].group == side.nums[parts[-1][-1]].group:
                parts[-1].append(i)
            else:
                parts.append([i])
        texts = [
            side.text[side.nums[p[0]].start : side.nums[p[-1]].qend]
            if side.nums[p[-1]].unit
            else side.text[side.nums[p[0]].start : side.nums[p[-1]].end]
            for p in parts
        ]
        first, last = side.nums[idx[0]], side.nums[idx[-1]]
        if len(idx) == 1:
            # one number: its digits are the span, so a suggestion can replace them
            shown = side.text[first.start : first.qend] if first.unit else first.text
            items.append(_Item(first.start, first.end, shown, True, "", first.unit, first.text))
            continue
        measure = ""
        for q in side.quantities:
            if q.nums[0] == idx[0] and len(q.nums) > 1:
                measure = _metric(q)
        end = last.qend if last.unit else last.end
        items.append(_Item(first.start, end, " / ".join(texts), False, measure))
    return items


def _same_unit(s: _Item, t: _Item) -> bool:
    return not s.unit or not t.unit or s.unit == t.unit


def _metric(q: _Quantity) -> str:
    """A compound measure in metric units, for the message (6-foot-6 is 1.98 m)."""
    if q.dimension == "length":
        return f"{q.base:.2f} m"
    if q.dimension == "mass":
        return f"{q.base:.1f} kg"
    return ""


@pair_check("numbers", "error", order=60)
def check_numbers(pair: Pair) -> list[Finding]:
    """numbers: the same numbers on both sides, read by each language's conventions.

    A number with a different number in its place is an error; a number on one side only is a
    warning (it may be written out in words). Each group of numbers is reported once.
    """
    if not pair.target.strip():
        return []
    if not re.search(r"\d", pair.source + pair.target):
        return []
    src, tgt = _matched(pair, words=False)
    if all(src.paired) and all(tgt.paired):
        return []  # words could only pair more: no need to read them (Thai words cost a cut)
    src, tgt = _matched(pair, words=True)
    src_left, tgt_left = _left(src, pair.src_lang), _left(tgt, pair.tgt_lang)
    out: list[Finding] = []
    for s, t in zip(src_left, tgt_left, strict=False):
        shown = f"{s.text} ({s.measure})" if s.measure else s.text
        got = f"{t.text} ({t.measure})" if t.measure else t.text
        out.append(
            finding(
                pair,
                "numbers",
                f"source has {shown}, target has {got}",
                start=t.start,
                end=t.end,
                suggestion=s.digits if s.single and t.single and _same_unit(s, t) else "",
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
