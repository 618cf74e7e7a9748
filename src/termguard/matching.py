"""Finding glossary terms in text: find_terms(text, lang, glossary) -> list[TermHit]; pure, no I/O.

The glossary is compiled once per language into a `TermIndex` (cached for the glossary's
lifetime). Each term word becomes a pattern: the keys a text word may reduce to and, for Kazakh,
the suffix chains allowed after each key. The text is folded (NFC, homoglyphs, invisible
characters; see lang/normalize.py), cut into words once, and scanned left to right: each word
is reduced to its keys (a cached dictionary lookup for words seen before) and looked up among
the first words of the terms, so the cost grows with the text and hardly with the glossary.
Candidates that overlap are resolved longest first; words left over are then checked for near
misses (misspellings, Russian letters in Kazakh words, a lost space) with a deletion index, so
that too costs a few lookups per word whatever the glossary's size.

Languages: kk by an explicit suffix grammar (lang/kk.py), ru by pymorphy3 paradigms of the
term words (lang/ru.py), en by symmetric plural/possessive/spelling keys (lang/en.py), th by
word boundaries from pythainlp (lang/th.py).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from termguard.glossary.model import STATUSES, Concept, Glossary, Term
from termguard.lang import check_lang
from termguard.lang import en as _en
from termguard.lang import kk as _kk
from termguard.lang import ru as _ru
from termguard.lang.normalize import Folded, fold, fold_term, kk_ru_fold

#: How a hit matched, from the most to the least literal.
KINDS = ("exact", "normalised", "abbreviation", "inflected", "near-miss")


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary term in a text; start/end index the ORIGINAL text."""

    concept: str
    term: str
    lang: str
    start: int
    end: int
    surface: str
    kind: str
    status: str = "preferred"
    score: float = 100.0
    note: str = ""  # why a near miss is one: "spelling", "Russian letters", "glued", "capitals"


# ------------------------------------------------------------------------------ compiled terms

_EXACT_ONLY: frozenset[str] = frozenset({""})
_PLAIN: tuple[tuple[frozenset[str], int], ...] = ((_EXACT_ONLY, 0),)
_QUOTES = frozenset("«»“”„‟\"'‹›「」")
_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
#: Near misses need this much similarity (rapidfuzz ratio) and this many letters.
NEAR_MISS_SCORE = 85.0
NEAR_MISS_MIN_LEN = 5


class _Pattern:
    """One word of a term: the keys a text word may reduce to, and what may follow each key."""

    __slots__ = ("agree", "capital", "case_sensitive", "keys", "own", "raw")

    def __init__(
        self,
        keys: dict[str, tuple[tuple[frozenset[str], int], ...]],
        own: str,
        *,
        case_sensitive: bool = False,
        capital: bool = False,
        agree: Mapping[str, frozenset[tuple[str, str, str]]] | None = None,
        raw: str = "",
    ) -> None:
        self.keys = keys
        self.own = own  # the term word itself, as probes report a text word's form
        self.raw = raw or own  # the term word as written (lower-case unless case-sensitive)
        self.case_sensitive = case_sensitive
        self.capital = capital  # a proper-noun word: the text word must be capitalised
        self.agree = agree  # ru: agreement readings of each form


class _Entry:
    """One way of writing one term: its word patterns and the gaps between them."""

    __slots__ = ("concept", "gaps", "lead", "patterns", "rank", "term", "trail", "variant")

    def __init__(
        self,
        concept: Concept,
        term: Term,
        patterns: list[_Pattern],
        gaps: list[str],
        lead: str,
        trail: str,
        *,
        variant: bool = False,
    ) -> None:
        self.concept = concept.id
        self.term = term
        self.patterns = tuple(patterns)
        self.gaps = tuple(gaps)
        self.lead = lead
        self.trail = trail
        self.variant = variant  # a spelling variant of the term (hyphen joined or split)
        self.rank = (_STATUS_RANK.get(term.status, 9), concept.id, term.text)


# ------------------------------------------------------------------------------ tokenising

_WORD_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_WORD_EN = re.compile(r"[^\W_]+(?:'[^\W_]+)*(?:(?<=[sS])'(?![^\W_]))?")
_CAMEL = re.compile(
    r"(?<=[^\W\d_]{2})(?<=[a-zа-яёәғқңөұүһі])(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі])"
)


def _spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Word spans of folded text; a word glued to a capitalised one is cut."""
    pattern = _WORD_EN if lang == "en" else _WORD_HYPHENATED
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        word = m.group()
        if word[1:].islower() or word.isupper() or e - s < 5:
            out.append((s, e))
            continue
        cut = s
        for c in _CAMEL.finditer(text, s + 2, e - 1):
            out.append((cut, c.start()))
            cut = c.start()
        out.append((cut, e))
    return out


def _gap_key(gap: str, lang: str) -> str:
    """What the text between two words of a term must reduce to: quotes and spaces vanish."""
    if gap == " " or gap == "":
        return ""
    if gap.count("\n") >= 2:
        return "\n\n"  # a paragraph break: never inside a term
    drop = _QUOTES | {"-"} if lang == "en" else _QUOTES
    return "".join(ch for ch in gap if not ch.isspace() and ch not in drop)


def _split_term(text: str, lang: str) -> tuple[list[str], list[str], str, str]:
    """A term's words, the gap keys between them, and its leading and trailing punctuation."""
    spans = _spans(text, lang)
    if not spans:
        return [], [], "", ""
    words = [text[s:e] for s, e in spans]
    gaps = [_gap_key(text[spans[i][1] : spans[i + 1][0]], lang) for i in range(len(spans) - 1)]
    return words, gaps, text[: spans[0][0]].strip(), text[spans[-1][1] :].strip()


# ------------------------------------------------------------------------------ per language


def _capital(word: str, term: Term) -> bool:
    return term.pos == "proper-noun" and not term.case_sensitive and word[:1].isupper()


def _kk_entries(concept: Concept, term: Term, text: str) -> list[_Entry]:
    words, gaps, lead, trail = _split_term(text, "kk")
    if not words:
        return []
    patterns = []
    cs = term.case_sensitive
    for i, word in enumerate(words):
        w = word if cs else word.lower()
        keys: dict[str, tuple[tuple[frozenset[str], int], ...]] = {}
        if i == len(words) - 1:
            for key, allowed in _kk.continuations(w, abbreviation=term.is_abbreviation):
                keys[key] = ((allowed, 0 if key == w else 1),)
        elif gaps[i] == "" and _kk.ends_in_possessive(words[i + 1]) and not w.isupper():
            # Izafet: the first noun may or may not carry the genitive (Ассамблеясы Кеңесі,
            # Ассамблеясының Кеңесі).
            keys[w] = ((_EXACT_ONLY, 0), (_kk.genitives(w), 1))
            bare = _kk.strip_genitive(w)
            if bare is not None and bare not in keys:
                keys[bare] = ((_EXACT_ONLY, 1),)
        else:
            keys[w] = _PLAIN
        patterns.append(_Pattern(keys, w, case_sensitive=cs, capital=_capital(word, term)))
    return [_Entry(concept, term, patterns, gaps, lead, trail)]


def _ru_entries(concept: Concept, term: Term, text: str) -> list[_Entry]:
    words, gaps, lead, trail = _split_term(text, "ru")
    if not words:
        return []
    patterns = []
    cs = term.case_sensitive
    head_seen = False
    for i, word in enumerate(words):
        own = word if cs else _ru.key(word)
        inflects = (
            not head_seen
            and not term.is_abbreviation
            and _ru.is_russian_word(word)
            and not _in_quotes(text, word)
        )
        if inflects:
            head = _ru.is_noun(word) or i == len(words) - 1
            forms = _ru.paradigm(word, head=head)
            head_seen = head
            if cs:
                forms = {_same_case(word, f): a for f, a in forms.items()}
            keys = {f: _PLAIN for f in forms}
            keys.setdefault(own, _PLAIN)
            patterns.append(
                _Pattern(keys, own, case_sensitive=cs, capital=_capital(word, term), agree=forms)
            )
        else:
            patterns.append(
                _Pattern({own: _PLAIN}, own, case_sensitive=cs, capital=_capital(word, term))
            )
    return [_Entry(concept, term, patterns, gaps, lead, trail)]


def _in_quotes(text: str, word: str) -> bool:
    """True if `word` stands inside «...» in the term (a name: it does not inflect)."""
    i = text.find(word)
    return i >= 0 and text.count("«", 0, i) > text.count("»", 0, i)


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _en_word_pattern(word: str, term: Term) -> _Pattern:
    cs = term.case_sensitive
    key = _en.case_key(word) if cs else _en.key(word)
    own = word if cs else _en.base(word)
    return _Pattern(
        {key: _PLAIN},
        own,
        case_sensitive=cs,
        capital=_capital(word, term),
        raw=word if cs else word.lower(),
    )


def _en_entries(concept: Concept, term: Term, text: str) -> list[_Entry]:
    words, gaps, lead, trail = _split_term(text, "en")
    if not words:
        return []
    raw_gaps = _raw_gaps(text, "en")
    variants: list[tuple[list[str], list[str], bool]] = [(words, gaps, False)]
    hyphens = [i for i, g in enumerate(raw_gaps) if g == "-"]
    if hyphens and len(hyphens) <= 3:
        # Joined spellings: non-governmental -> nongovernmental.
        for mask in range(1, 1 << len(hyphens)):
            joined = {hyphens[b] for b in range(len(hyphens)) if mask >> b & 1}
            ws, gs = [words[0]], []
            for i in range(1, len(words)):
                if i - 1 in joined:
                    ws[-1] += words[i]
                else:
                    ws.append(words[i])
                    gs.append(gaps[i - 1])
            variants.append((ws, gs, True))
    for i, w in enumerate(words):
        split = _en.split_prefix(w) if not term.case_sensitive else None
        if split is not None:
            # Solid spellings split: nongovernmental -> non-governmental, non governmental.
            variants.append(
                (words[:i] + list(split) + words[i + 1 :], [*gaps[:i], "", *gaps[i:]], True)
            )
    return [
        _Entry(
            concept, term, [_en_word_pattern(w, term) for w in ws], gs, lead, trail, variant=variant
        )
        for ws, gs, variant in variants
    ]


def _raw_gaps(text: str, lang: str) -> list[str]:
    spans = _spans(text, lang)
    return [text[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]


_COMPILERS: dict[str, Callable[[Concept, Term, str], list[_Entry]]] = {
    "kk": _kk_entries,
    "ru": _ru_entries,
    "en": _en_entries,
}


# ------------------------------------------------------------------------------ the index


@dataclass
class _Candidate:
    first: int  # token indices, inclusive
    last: int
    start: int  # folded offsets
    end: int
    entry: _Entry
    cost: int
    inflected: bool
    variant: bool
    score: float = 100.0
    note: str = ""

    def order(self) -> tuple[int, int, int, tuple[int, str, str], int]:
        return (
            -(self.end - self.start),
            -(self.last - self.first),
            self.cost,
            self.entry.rank,
            self.start,
        )


class TermIndex:
    """The terms of one language of a glossary, compiled for matching (see the module doc)."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = check_lang(lang)
        self.terms: list[tuple[Concept, Term]] = list(glossary.terms(lang))
        self.first: dict[str, list[tuple[_Entry, _Pattern]]] = {}
        self.first_cs: dict[str, list[tuple[_Entry, _Pattern]]] = {}
        self.keys: set[str] = set()  # every key of every pattern, case-insensitive ones
        self.keys_cs: set[str] = set()
        self.remainders: set[str] = {""}
        self.owners: dict[str, list[tuple[_Entry, int]]] = {}  # key -> (entry, word index)
        self._probe_cache: dict[str, tuple[tuple[str, str, bool], ...]] = {}
        self._near_cache: dict[str, list[tuple[str, str, float, str]]] = {}
        self._thai: _ThaiIndex | None = None
        self.rem_lengths: list[int] = [0]
        self.key_lengths: list[int] = []
        self.near: dict[str, list[str]] = {}
        if lang == "th":
            self._thai = _ThaiIndex(self.terms)
            return
        compile_term = _COMPILERS[lang]
        for concept, term in self.terms:
            for entry in compile_term(concept, term, fold_term(term.text)):
                self._add(entry)
        self.rem_lengths = sorted({len(r) for r in self.remainders})
        self._build_near_index()

    def _add(self, entry: _Entry) -> None:
        first = entry.patterns[0]
        table = self.first_cs if first.case_sensitive else self.first
        for key in first.keys:
            table.setdefault(key, []).append((entry, first))
        for i, pattern in enumerate(entry.patterns):
            (self.keys_cs if pattern.case_sensitive else self.keys).update(pattern.keys)
            for key, options in pattern.keys.items():
                for allowed, _ in options:
                    if allowed is not _EXACT_ONLY:
                        self.remainders.update(allowed)
                if not pattern.case_sensitive:
                    self.owners.setdefault(key, []).append((entry, i))

    # -------------------------------------------------------------- probing words

    def probe(self, word: str) -> tuple[tuple[str, str, bool], ...]:
        """(key, remainder, case-sensitive) readings of a text word that some pattern knows."""
        found = self._probe_cache.get(word)
        if found is not None:
            return found
        if len(self._probe_cache) > 200_000:
            self._probe_cache.clear()
        found = tuple(self._probe(word))
        self._probe_cache[word] = found
        return found

    def _probe(self, word: str) -> Iterable[tuple[str, str, bool]]:
        lang = self.lang
        if lang == "kk":
            low = word.lower()
            if len(low) != len(word):
                low = word
            n = len(word)
            upper = self.keys_cs and not word.islower()
            for r in self.rem_lengths:
                if r >= n:
                    break
                rem = low[n - r :] if r else ""
                if rem not in self.remainders:
                    continue
                if low[: n - r] in self.keys:
                    yield low[: n - r], rem, False
                if upper and word[: n - r] in self.keys_cs:
                    yield word[: n - r], rem, True
        elif lang == "ru":
            key = _ru.key(word)
            if key in self.keys:
                yield key, "", False
            if self.keys_cs:
                cs = word.replace("ё", "е").replace("Ё", "Е")
                if cs in self.keys_cs:
                    yield cs, "", True
        else:
            key = _en.key(word)
            if key in self.keys:
                yield key, "", False
            if self.keys_cs:
                cs = _en.case_key(word)
                if cs in self.keys_cs:
                    yield cs, "", True

    # -------------------------------------------------------------- matching

    def find(self, text: str, *, near_misses: bool = True) -> list[TermHit]:
        """Every term of this index in `text` (see find_terms)."""
        folded = fold(text)
        if self._thai is not None:
            return self._thai.find(folded, self.lang)
        ftext = folded.text
        spans = _spans(ftext, self.lang)
        words = [ftext[s:e] for s, e in spans]
        probe = self.probe
        candidates: list[_Candidate] = []
        rejected: list[_Candidate] = []
        for i, word in enumerate(words):
            readings = probe(word)
            if not readings:
                continue
            for key, rem, cs in readings:
                for entry, pattern in (self.first_cs if cs else self.first).get(key, ()):
                    cand = self._extend(entry, pattern, i, key, rem, words, spans, ftext)
                    if cand is not None:
                        (candidates if not cand.note else rejected).append(cand)
        chosen = _select(candidates, len(words))
        if near_misses:
            # A near miss may cover hits that lie wholly inside it (the Қазақстан in a
            # misspelt Қазақстан халқы Асамблеясы), never part of one.
            free = bytearray(b"\x01") * len(words)  # 1: free or inside one hit from here
            for c in chosen:
                free[c.first : c.last + 1] = b"\x00" * (c.last - c.first + 1)
            near = [c for c in rejected if _fits(c, chosen)]
            near.extend(c for c in self._near_misses(words, spans, ftext, free) if _fits(c, chosen))
            near = _select(near, len(words), by_score=True)
            if near:
                chosen = [c for c in chosen if not any(_overlap(c, m) for m in near)]
                chosen += near
        return [_hit(c, folded, self.lang) for c in sorted(chosen, key=_by_position)]

    def _word_match(
        self, pattern: _Pattern, word: str, readings: Iterable[tuple[str, str, bool]]
    ) -> tuple[int, bool, bool, frozenset[tuple[str, str, str]] | None] | None:
        """(cost, inflected, spelling variant, agreement) if `word` fits `pattern`, else None."""
        for key, rem, cs in readings:
            if cs != pattern.case_sensitive:
                continue
            options = pattern.keys.get(key)
            if options is None:
                continue
            for allowed, cost in options:
                if rem not in allowed:
                    continue
                own = pattern.own
                variant = False
                if self.lang == "en":
                    if cs:
                        inflected = word != own
                    else:
                        base = _en.base(word)
                        variant = base != own  # organisation for organization
                        inflected = not variant and word.lower() != pattern.raw
                elif self.lang == "ru":
                    inflected = (word.replace("ё", "е").replace("Ё", "Е") if cs else key) != own
                else:
                    inflected = (word if cs else word.lower()) != own
                agree = pattern.agree.get(key) if pattern.agree is not None else None
                return cost + inflected + 2 * variant, inflected, variant, agree
        return None

    def _extend(
        self,
        entry: _Entry,
        pattern: _Pattern,
        i: int,
        key: str,
        rem: str,
        words: list[str],
        spans: list[tuple[int, int]],
        text: str,
    ) -> _Candidate | None:
        """The candidate for `entry` whose first word is token i, if the rest follows."""
        n = len(entry.patterns)
        if i + n > len(words):
            return None
        first = self._word_match(pattern, words[i], ((key, rem, pattern.case_sensitive),))
        if first is None:
            return None
        cost, inflected, variant, agree = first
        variant = variant or entry.variant
        capitals_ok = not pattern.capital or words[i][:1].isupper()
        for k in range(1, n):
            j = i + k
            if _gap_key(text[spans[j - 1][1] : spans[j][0]], self.lang) != entry.gaps[k - 1]:
                return None
            p = entry.patterns[k]
            m = self._word_match(p, words[j], self.probe(words[j]))
            if m is None:
                return None
            cost += m[0]
            inflected = inflected or m[1]
            variant = variant or m[2]
            if m[3] is not None:
                agree = m[3] if agree is None else _ru.agree(agree, m[3])
                if not agree:
                    return None
            capitals_ok = capitals_ok and (not p.capital or words[j][:1].isupper())
        start, end = spans[i][0], spans[i + n - 1][1]
        start, end = _balance(text, *_punctuation(text, start, end, entry))
        cand = _Candidate(i, i + n - 1, start, end, entry, cost, inflected, variant)
        if not capitals_ok:
            if n < 2:
                return None
            cand.note, cand.score = "capitals", 90.0
        return cand

    # -------------------------------------------------------------- near misses

    def _build_near_index(self) -> None:
        """Deletion neighbourhoods of every key (and Russian-letter spellings of Kazakh keys).

        Russian keys are word forms: their rough stems stand for them, so that one misspelt
        stem finds every form.
        """
        self.near = {}  # deletion variant -> targets
        self.targets: dict[str, list[str]] = {}  # target -> keys
        self.near_fold: dict[str, list[str]] = {}  # Russian-letter spelling -> keys
        lengths = set()
        min_len = NEAR_MISS_MIN_LEN - (self.lang == "ru")
        for key in self.owners:
            target = _ru.crude_stem(key) if self.lang == "ru" else key
            if len(target) >= min_len and target.isalpha():
                if target not in self.targets:
                    for variant in _deletions(target):
                        self.near.setdefault(variant, []).append(target)
                self.targets.setdefault(target, []).append(key)
            if self.lang == "kk":
                folded = kk_ru_fold(key)
                if folded != key and len(key) >= 4:
                    self.near_fold.setdefault(folded, []).append(key)
                if len(key) >= NEAR_MISS_MIN_LEN:
                    lengths.add(len(key))
        self.key_lengths = sorted(lengths)

    def _near_keys(self, query: str) -> list[tuple[str, float, str]]:
        """(key, score, note) of keys one edit from `query`; Kazakh ones also by Russian letters."""
        from rapidfuzz import fuzz

        out: list[tuple[str, float, str]] = []
        if self.lang == "kk":
            for key in self.near_fold.get(kk_ru_fold(query), ()):
                if key != query:
                    out.append((key, fuzz.ratio(query, key), "Russian letters"))
        if len(query) >= NEAR_MISS_MIN_LEN - (self.lang == "ru"):
            seen: set[str] = set()
            for variant in _deletions(query):
                for target in self.near.get(variant, ()):
                    if target in seen or target == query:
                        continue
                    seen.add(target)
                    score = fuzz.ratio(query, target)
                    if score >= NEAR_MISS_SCORE:
                        out.extend((key, score, "spelling") for key in self.targets[target])
        return out

    def _near_readings(self, word: str) -> list[tuple[str, str, float, str]]:
        """(key, remainder, score, note) near-miss readings of an unmatched word, cached."""
        found = self._near_cache.get(word)
        if found is not None:
            return found
        if len(self._near_cache) > 200_000:
            self._near_cache.clear()
        out: list[tuple[str, str, float, str]] = []
        low = word.lower()
        if self.lang == "kk" and len(low) == len(word):
            n = len(low)
            for r in self.rem_lengths:
                if n - r < 4:
                    break
                rem = low[n - r :] if r else ""
                if rem in self.remainders:
                    out.extend(
                        (key, rem, s, note) for key, s, note in self._near_keys(low[: n - r])
                    )
            if n >= 9:
                out.extend(self._glued(low))
        elif self.lang == "ru":
            stem = _ru.crude_stem(low)
            if len(stem) >= 4:
                found_keys = self._near_keys(stem)
                if found_keys and not _ru.is_known(low):
                    out.extend((key, "", s, note) for key, s, note in found_keys)
        elif self.lang == "en":
            out.extend((key, "", s, note) for key, s, note in self._near_keys(_en.key(word)))
        self._near_cache[word] = out
        return out

    def _glued(self, low: str) -> list[tuple[str, str, float, str]]:
        """A term's last word with the next word glued on (Ассамблеямүшелері)."""
        out = []
        for length in self.key_lengths:
            if length > len(low) - 4:
                break
            key = low[:length]
            for entry, index in self.owners.get(key, ()):
                if index != len(entry.patterns) - 1:
                    continue
                rest = low[length:]
                for allowed, _ in entry.patterns[index].keys.get(key, ()):
                    for cut in range(len(rest) - 3, -1, -1):
                        if rest[:cut] in allowed and _kk.glued_rest(rest[cut:]):
                            out.append((key, "\0" + rest[:cut], 95.0, "glued"))
                            break
                    else:
                        continue
                    break
        return out

    def _near_misses(
        self, words: list[str], spans: list[tuple[int, int]], text: str, free: bytearray
    ) -> list[_Candidate]:
        """Near-miss candidates around each word that no hit covers (free[i] is 1)."""
        out: list[_Candidate] = []
        for i, word in enumerate(words):
            if not free[i] or len(word) < 4 or not word[0].isalpha():
                continue
            seen: set[tuple[int, int]] = set()
            for key, rem, score, note in self._near_readings(word):
                for entry, index in self.owners.get(key, ()):
                    if (id(entry), index) in seen:
                        continue
                    cand = self._near_align(entry, index, i, key, rem, words, spans, text)
                    if cand is not None:
                        seen.add((id(entry), index))
                        cand.score, cand.note = round(score, 1), note
                        out.append(cand)
        return out

    def _near_align(
        self,
        entry: _Entry,
        index: int,
        i: int,
        key: str,
        rem: str,
        words: list[str],
        spans: list[tuple[int, int]],
        text: str,
    ) -> _Candidate | None:
        """The candidate for `entry` with its word `index` at token i read as (key, rem)."""
        first = i - index
        n = len(entry.patterns)
        if first < 0 or first + n > len(words):
            return None
        glued = rem.startswith("\0")
        pattern = entry.patterns[index]
        if not glued and not any(rem in allowed for allowed, _ in pattern.keys.get(key, ())):
            return None
        if pattern.capital and not words[i][:1].isupper():
            return None
        for k in range(n):
            j = first + k
            if (
                k > 0
                and _gap_key(text[spans[j - 1][1] : spans[j][0]], self.lang) != entry.gaps[k - 1]
            ):
                return None
            if k != index:
                p = entry.patterns[k]
                if self._word_match(p, words[j], self.probe(words[j])) is None:
                    return None
        start, end = spans[first][0], spans[first + n - 1][1]
        if glued:
            end = spans[i][0] + len(key) + len(rem) - 1
        return _Candidate(first, first + n - 1, start, end, entry, 1, False, False)


def _overlap(a: _Candidate, b: _Candidate) -> bool:
    return a.first <= b.last and b.first <= a.last


def _fits(near: _Candidate, hits: list[_Candidate]) -> bool:
    """True if every hit the near miss touches lies inside it."""
    return all(near.first <= h.first and h.last <= near.last for h in hits if _overlap(h, near))


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _punctuation(text: str, start: int, end: int, entry: _Entry) -> tuple[int, int]:
    """Widen a hit over the term's own leading/trailing punctuation where the text has it."""
    if entry.lead:
        lead = entry.lead
        if text.startswith(lead, start - len(lead)) or (
            lead[-1] in _QUOTES and start > 0 and text[start - 1] in _QUOTES
        ):
            start -= len(lead) if text.startswith(lead, start - len(lead)) else 1
    if entry.trail:
        trail = entry.trail
        if text.startswith(trail, end):
            end += len(trail)
        elif trail[0] in _QUOTES and end < len(text) and text[end] in _QUOTES:
            end += 1
    return start, end


_OPENING = "«“„‹"
_CLOSING = "»”‟›"


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a quote mark next to a hit whose inside has its partner («Бірлік» қоғамдық ...)."""
    inside = text[start:end]
    opened = sum(inside.count(q) for q in _OPENING)
    closed = sum(inside.count(q) for q in _CLOSING)
    straight = inside.count('"') % 2
    if (closed > opened or straight) and start > 0 and text[start - 1] in _OPENING + '"':
        start -= 1
    elif (opened > closed or straight) and end < len(text) and text[end] in _CLOSING + '"':
        end += 1
    return start, end


def _select(cands: list[_Candidate], n: int, *, by_score: bool = False) -> list[_Candidate]:
    """Non-overlapping candidates, the longest (or, for near misses, the best) first."""
    if not cands:
        return []
    if by_score:
        cands = sorted(cands, key=lambda c: (-c.score, *c.order()))
    else:
        cands = sorted(cands, key=_Candidate.order)
    taken = bytearray(n)
    out = []
    for c in cands:
        if any(taken[c.first : c.last + 1]):
            continue
        taken[c.first : c.last + 1] = b"\x01" * (c.last - c.first + 1)
        out.append(c)
    return out


def _by_position(c: _Candidate) -> tuple[int, int]:
    return c.start, c.end


def _kind(surface: str, term: Term, folded: bool, inflected: bool) -> str:
    """exact, normalised (folding or spelling), abbreviation or inflected, in that precedence."""
    if folded:
        return "normalised"
    if term.is_abbreviation:
        return "abbreviation"
    written = " ".join(surface.split())
    if written == term.text or (not term.case_sensitive and written.lower() == term.text.lower()):
        return "exact"
    return "inflected" if inflected else "normalised"


def _hit(c: _Candidate, folded: Folded, lang: str) -> TermHit:
    start, end = folded.span(c.start, c.end)
    term = c.entry.term
    surface = folded.original[start:end]
    kind = _kind(surface, term, folded.was_changed(start, end), c.inflected)
    if c.note:
        kind = "near-miss"
    return TermHit(
        c.entry.concept,
        term.text,
        lang,
        start,
        end,
        surface,
        kind,
        term.status,
        c.score if c.note else 100.0,
        c.note,
    )


# ------------------------------------------------------------------------------ Thai


class _ThaiIndex:
    """Thai terms: whole strings that must start and end on word boundaries."""

    def __init__(self, terms: list[tuple[Concept, Term]]) -> None:
        self.exact: dict[str, list[tuple[Concept, Term]]] = {}
        self.exact_cs: dict[str, list[tuple[Concept, Term]]] = {}
        self.prefixes: set[str] = set()
        self.prefixes_cs: set[str] = set()
        words = set()
        for concept, term in terms:
            text = fold_term(term.text)
            if term.case_sensitive:
                table, prefixes = self.exact_cs, self.prefixes_cs
            else:
                text = text.lower()
                table, prefixes = self.exact, self.prefixes
            table.setdefault(text, []).append((concept, term))
            prefixes.update(text[:k] for k in range(1, len(text) + 1))
            words.add(text)
        self.words = frozenset(words)
        self._cut: Callable[[str], list[str]] | None = None

    def find(self, folded: Folded, lang: str) -> list[TermHit]:
        from termguard.lang import th

        if self._cut is None:
            self._cut = th.segmenter(self.words)
        text = folded.text
        spans = th.token_spans(text, self._cut)
        cands: list[tuple[int, int, int, int, int, tuple[int, str, str], Concept, Term]] = []
        for exact, prefixes, lower in (
            (self.exact, self.prefixes, True),
            (self.exact_cs, self.prefixes_cs, False),
        ):
            if not exact:
                continue
            for i, (start, _) in enumerate(spans):
                for j in range(i, len(spans)):
                    end = spans[j][1]
                    piece = text[start:end]
                    if "\n" in piece:
                        break
                    if " " in piece or "\t" in piece or "\n" in piece:
                        piece = " ".join(piece.split())
                    if lower:
                        piece = piece.lower()
                    if piece not in prefixes:
                        break
                    for concept, term in exact.get(piece, ()):
                        rank = (_STATUS_RANK.get(term.status, 9), concept.id, term.text)
                        cands.append((i, j, start, end, -(end - start), rank, concept, term))
        cands.sort(key=lambda c: (c[4], c[5], c[2]))
        taken = bytearray(len(spans))
        hits = []
        for i, j, start, end, _, _, concept, term in cands:
            if any(taken[i : j + 1]):
                continue
            taken[i : j + 1] = b"\x01" * (j - i + 1)
            ostart, oend = folded.span(start, end)
            surface = folded.original[ostart:oend]
            kind = _kind(surface, term, folded.was_changed(ostart, oend), False)
            hits.append(
                TermHit(concept.id, term.text, lang, ostart, oend, surface, kind, term.status)
            )
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


# ------------------------------------------------------------------------------ public API

_INDEXES: dict[tuple[int, str], TermIndex] = {}


def compile_index(glossary: Glossary, lang: str) -> TermIndex:
    """The compiled index of `lang` for `glossary`, built once and kept while the glossary lives."""
    key = (id(glossary), lang)
    index = _INDEXES.get(key)
    if index is None:
        index = TermIndex(glossary, lang)
        if not any(k[0] == id(glossary) for k in _INDEXES):
            weakref.finalize(glossary, _forget, id(glossary))
        _INDEXES[key] = index
    return index


def _forget(glossary_id: int) -> None:
    for key in [k for k in _INDEXES if k[0] == glossary_id]:
        del _INDEXES[key]


def find_terms(
    text: str, lang: str, glossary: Glossary, *, near_misses: bool = True
) -> list[TermHit]:
    """Every occurrence of every term of `lang` in `text`, sorted by position.

    Overlapping matches are resolved longest first (then the cheaper reading, the better
    status, the concept id). With `near_misses`, words that are probably a misspelt or
    variant spelling of a term come back too, as kind "near-miss" with a score.
    """
    return compile_index(glossary, lang).find(text, near_misses=near_misses)
