"""Finding glossary terms in text: find_terms(text, lang, glossary) -> list[TermHit]; pure, no I/O.

The glossary is compiled once per language into a `TermIndex` (cached for the glossary's
lifetime). Each term word becomes a pattern: the keys a text word may reduce to and, for Kazakh,
the suffix chains allowed after each key. The text is folded (NFC, homoglyphs, invisible
characters; see lang/normalize.py), cut into words once, and scanned left to right: each word
is reduced to its keys (a cached dictionary lookup for words seen before) and looked up among
the first words of the terms (a longer term by its first two words), so the cost grows with
the text and hardly with the glossary. Scraped Kazakh text that lost a space
(Ассамблеясығимаратында) still gives the term, cut where the next word begins. Candidates
that overlap are resolved longest first; words left over are then checked for near misses
(misspellings, Kazakh typed with Russian letters, a proper noun in lower case) with a deletion
index, so that too costs a few lookups per word whatever the glossary's size.

A few readings are decided by context, where the glossary's sense and a common other sense
share a form: Russian после (the preposition, not посол), в области + genitive ("in the field
of"), English law in mother-in-law, at law or law enforcement, a one-word name after another
name (the Welsh Parliament), a name followed by a quoted name (ВКО «Алмаз-Антей»).

Languages: kk by an explicit suffix grammar (lang/kk.py), ru by pymorphy3 paradigms of the
term words (lang/ru.py), en by symmetric plural/possessive/spelling keys (lang/en.py), th by
word boundaries from pythainlp (lang/th.py).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from termguard.glossary.model import Concept, Glossary, Term
from termguard.lang import Language, get_language
from termguard.lang.normalize import Folded, fold_term
from termguard.lang.terms import EXACT_ONLY as _EXACT_ONLY
from termguard.lang.terms import QUOTES as _QUOTES
from termguard.lang.terms import STATUS_RANK as _STATUS_RANK
from termguard.lang.terms import TermEntry as _Entry
from termguard.lang.terms import WordPattern as _Pattern
from termguard.lang.terms import sentence_start as _sentence_start

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
    note: str = ""  # why a near miss is one: "spelling", "Russian letters" or "capitals"


# ------------------------------------------------------------------------------ compiled terms

#: Near misses need this much similarity (rapidfuzz ratio) and this many letters.
NEAR_MISS_SCORE = 85.0
NEAR_MISS_MIN_LEN = 5


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
        self.language = language = get_language(lang)
        self.lang = lang
        self.terms: list[tuple[Concept, Term]] = list(glossary.terms(lang))
        # First words: one-word terms by key; longer terms by their first two keys, so a
        # common first word (мемлекеттік, Қазақстан) costs one lookup, not one per term.
        self.single: dict[tuple[str, bool], list[tuple[_Entry, _Pattern]]] = {}
        self.multi: dict[tuple[str, bool], dict[tuple[str, bool], list[_Entry]]] = {}
        self.keys: set[str] = set()  # every key of every pattern, case-insensitive ones
        self.keys_cs: set[str] = set()
        self.remainders: set[str] = {""}
        self.rem_lengths: list[int] = [0]
        # Near misses: deletion variants -> targets (a key, or for Russian a rough stem) ->
        # the term words they stand for: of one-word terms, or of longer terms by the key of
        # the next word (the previous one for a last word), which the text must have.
        self.near: dict[str, list[str]] = {}
        self.near_fold: dict[str, list[str]] = {}
        self.owners: dict[str, list[_Owner]] = {}
        self.owners_next: dict[tuple[str, str, bool], list[_Owner]] = {}
        self.owners_prev: dict[tuple[str, str, bool], list[_Owner]] = {}
        self.glue_lengths: list[int] = []
        self._probe_cache: dict[str, tuple[tuple[str, str, bool], ...]] = {}
        self._near_cache: dict[str, list[_NearTarget]] = {}
        self._glue_cache: dict[str, list[tuple[_Owner, int]]] = {}
        self._target_cache: dict[str, list[tuple[str, float, str]]] = {}
        self._targets: set[str] = set()
        self._cs_any_case = False
        self._cs_lower = False
        self._glue: dict[str, list[_Owner]] = {}  # kk: last words that may have a word glued on
        self._thai: _ThaiIndex | None = None
        if not language.spaced:
            self._thai = _ThaiIndex(self.terms, language)
            return
        compile_term = language.term_entries
        for concept, term in self.terms:
            for entry in compile_term(concept, term, fold_term(term.text)):
                self._add(entry)
        self.rem_lengths = sorted({len(r) for r in self.remainders})
        # Case-sensitive terms may hold lower-case words (Мың бала): look those up always.
        self._cs_any_case = any(not k.isupper() for k in self.keys_cs)
        self._cs_lower = any(k[:1].islower() for k in self.keys_cs)
        self.glue_lengths = sorted({len(k) for k in self._glue})

    def _add(self, entry: _Entry) -> None:
        first = entry.patterns[0]
        cs = first.case_sensitive
        if len(entry.patterns) == 1:
            for key in first.keys:
                self.single.setdefault((key, cs), []).append((entry, first))
        else:
            second = entry.patterns[1]
            for key in first.keys:
                table = self.multi.setdefault((key, cs), {})
                for key2 in second.keys:
                    table.setdefault((key2, second.case_sensitive), []).append(entry)
        last = entry.patterns[-1]
        if self.language.glues_words and not last.case_sensitive:
            # A last word with the next word glued on (Ассамблеясығимаратында): trusted for a
            # multiword term, or for a long one-word term.
            n = len(entry.patterns)
            for key in last.keys:
                if len(key) >= (3 if n > 1 else 7):
                    self._glue.setdefault(key, []).append(_Owner(entry, n - 1, key))
        for i, pattern in enumerate(entry.patterns):
            (self.keys_cs if pattern.case_sensitive else self.keys).update(pattern.keys)
            for options in pattern.keys.values():
                for allowed, _ in options:
                    if allowed is not _EXACT_ONLY:
                        self.remainders.update(allowed)
            if not pattern.case_sensitive:
                self._add_near(entry, i, pattern)

    def _add_near(self, entry: _Entry, index: int, pattern: _Pattern) -> None:
        """Index a word of a term for near misses (see _near_readings)."""
        language = self.language
        targets: dict[str, str] = {}
        for key in pattern.keys:
            targets.setdefault(language.near_stem(key), key)
        min_len = language.near_miss_min_len
        n = len(entry.patterns)
        if not language.checks_spelling(entry.term, n):
            return
        for target, key in targets.items():
            fuzzy = len(target) >= min_len and target.isalpha()
            typed = language.keyboard_variant(target) if len(target) >= 4 else target
            folds = typed != target
            if not fuzzy and not folds:
                continue
            if target not in self._targets:
                self._targets.add(target)
                if fuzzy:
                    for variant in _deletions(target):
                        self.near.setdefault(variant, []).append(target)
                if folds:
                    self.near_fold.setdefault(typed, []).append(target)
            owner = _Owner(entry, index, key)
            if n == 1:
                self.owners.setdefault(target, []).append(owner)
            else:
                table, other = (
                    (self.owners_next, index + 1)
                    if index < n - 1
                    else (self.owners_prev, index - 1)
                )
                neighbour = entry.patterns[other]
                for k in neighbour.keys:
                    table.setdefault((target, k, neighbour.case_sensitive), []).append(owner)

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
        language = self.language
        if language.suffixing:
            low = word.lower()
            if len(low) != len(word):
                low = word
            n = len(word)
            upper = self._cs_any_case or (self.keys_cs and not word.islower())
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
        else:
            key = language.key(word)
            if key in self.keys:
                yield key, "", False
            if self.keys_cs:
                cs = language.case_key(word)
                if cs in self.keys_cs:
                    yield cs, "", True

    # -------------------------------------------------------------- matching

    def find(self, text: str, *, near_misses: bool = True) -> list[TermHit]:
        """Every term of this index in `text` (see find_terms)."""
        folded = self.language.normalise(text)
        if self._thai is not None:
            return self._thai.find(folded, self.lang)
        ftext = folded.text
        spans = self.language.word_spans(ftext)
        words = [ftext[s:e] for s, e in spans]
        cache = self._probe_cache
        probe = self.probe
        single, multi = self.single, self.multi
        last = len(words) - 1
        candidates: list[_Candidate] = []
        for i, word in enumerate(words):
            readings = cache.get(word)
            if readings is None:
                readings = probe(word)
            if self._cs_lower and word[:1].isupper() and _sentence_start(ftext, spans, i):
                # A case-sensitive lower-case term opening a sentence (Құрылтай ...).
                decapitalised = word[:1].lower() + word[1:]
                readings += tuple(r for r in probe(decapitalised) if r[2])
            if not readings:
                continue
            following: tuple[tuple[str, str, bool], ...] | None = None
            for key, rem, cs in readings:
                for entry, pattern in single.get((key, cs), ()):
                    cand = self._extend(entry, pattern, i, key, rem, words, spans, ftext)
                    if cand is not None:
                        candidates.append(cand)
                table = multi.get((key, cs))
                if table is None or i == last:
                    continue
                if following is None:
                    following = probe(words[i + 1])
                for key2, _, cs2 in following:
                    for entry in table.get((key2, cs2), ()):
                        cand = self._extend(entry, entry.patterns[0], i, key, rem, words, spans,
                                            ftext)  # fmt: skip
                        if cand is not None:
                            candidates.append(cand)
        if self._glue:
            candidates.extend(self._glued_candidates(words, spans, ftext))
        if not candidates and not near_misses:
            return []
        if len(candidates) > 1:
            _prefer_literal(candidates, folded)
        hits = [c for c in candidates if not c.note]
        chosen = _select(hits, len(words))
        if near_misses:
            # A near miss may cover hits that lie wholly inside it (the Қазақстан in a
            # misspelt Қазақстан халқы Асамблеясы), never part of one.
            free = bytearray(b"\x01") * len(words)
            for c in chosen:
                free[c.first : c.last + 1] = b"\x00" * (c.last - c.first + 1)
            near = [c for c in candidates if c.note and _fits(c, chosen)]
            near.extend(c for c in self._near_misses(words, spans, ftext, free) if _fits(c, chosen))
            if near:
                near = _select(near, len(words), by_score=True)
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
                inflected, variant = self.language.word_form(pattern, word, key, cs)
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
            if self.language.gap_key(text[spans[j - 1][1] : spans[j][0]]) != entry.gaps[k - 1]:
                return None
            p = entry.patterns[k]
            m = self._word_match(p, words[j], self.probe(words[j]))
            if m is None:
                return None
            cost += m[0]
            inflected = inflected or m[1]
            variant = variant or m[2]
            if m[3] is not None:
                agree = m[3] if agree is None else self.language.agree(agree, m[3])
                if not agree:
                    return None
        if n == 1 and self._other_sense(entry, key, i, words, spans, text):
            return None
        start, end = spans[i][0], spans[i + n - 1][1]
        if entry.lead or entry.trail:
            start, end = _punctuation(text, start, end, entry)
        if n > 1:
            start, end = _balance(text, start, end)
        cand = _Candidate(i, i + n - 1, start, end, entry, cost, inflected, variant)
        if not capitals_ok:
            if n < 2:
                return None
            cand.note, cand.score = "capitals", 90.0
        return cand

    def _other_sense(
        self, entry: _Entry, key: str, i: int, words: list[str], spans: list[tuple[int, int]],
        text: str,
    ) -> bool:  # fmt: skip
        """True if a one-word term at word i is, by its context, something else."""
        term = entry.term
        end = spans[i][1]
        if term.pos == "proper-noun" and text[end:].lstrip(" ")[:1] in ("«", '"', "“"):
            return True  # part of a quoted name: ВКО «Алмаз-Антей» is no region
        return self.language.other_sense_at(term, key, i, words, spans, text)

    # -------------------------------------------------------------- near misses

    def _near_targets(self, query: str) -> list[tuple[str, float, str]]:
        """(target, score, note) one edit from `query` (not in its first letter), or spelt
        like it with Russian letters for Kazakh ones (Токаев for Тоқаев)."""
        found = self._target_cache.get(query)
        if found is not None:
            return found
        from rapidfuzz import fuzz

        out: list[tuple[str, float, str]] = []
        if self.near_fold and self.language.keyboard_variant(query) == query:
            # A word with no Kazakh letters at all, typed on a Russian keyboard.
            for target in self.near_fold.get(query, ()):
                out.append((target, fuzz.ratio(query, target), "Russian letters"))
        if len(query) >= self.language.near_miss_min_len:
            seen = {t for t, _, _ in out}
            near = self.near
            for variant in _deletions(query):
                targets = near.get(variant)
                if targets is None:
                    continue
                for target in targets:
                    if target in seen or self._another_form(query, target):
                        continue
                    seen.add(target)
                    score = fuzz.ratio(query, target)
                    if score >= NEAR_MISS_SCORE:
                        out.append((target, score, "spelling"))
        if len(self._target_cache) > 200_000:
            self._target_cache.clear()
        self._target_cache[query] = out
        return out

    def _another_form(self, query: str, target: str) -> bool:
        """True if one word is the other plus an ending: another form (кезең, кезеңі), not a
        misspelling. For Kazakh the ending must be a suffix chain (концепци- for концепция-
        is a misspelling)."""
        if target.startswith(query):
            tail = target[len(query) :]
        elif query.startswith(target):
            tail = query[len(target) :]
        else:
            return False
        return not self.language.suffixing or tail in self.remainders

    def _near_readings(self, word: str) -> list[_NearTarget]:
        """What an unmatched text word may be a misspelling of, whatever its context; cached."""
        found = self._near_cache.get(word)
        if found is not None:
            return found
        if len(self._near_cache) > 200_000:
            self._near_cache.clear()
        found = []
        low = word.lower()
        language = self.language
        if language.suffixing:
            n = len(low)
            for r in self.rem_lengths if n == len(word) else ():
                if n - r < 4:
                    break
                rem = low[n - r :] if r else ""
                if rem in self.remainders:
                    for target, score, note in self._near_targets(low[: n - r]):
                        found.append(_NearTarget(target, rem, score, note, -1))
        else:
            # Whether a dictionary knows the word (then it is no misspelling) is asked only
            # when a near miss is found in context: it is the slow question.
            query = language.near_stem(language.key(word))
            found = [
                _NearTarget(t, "", score, note, -1) for t, score, note in self._near_targets(query)
            ]
        self._near_cache[word] = found
        return found

    def _glued(self, word: str) -> list[tuple[_Owner, int]]:
        """(owner, length of the term part) where a term's last word has the next word glued
        on (Ассамблеясығимаратында: the term ends after -сы); cached."""
        found = self._glue_cache.get(word)
        if found is not None:
            return found
        if len(self._glue_cache) > 200_000:
            self._glue_cache.clear()
        found = []
        low = word.lower()
        if len(low) == len(word):
            for length in self.glue_lengths:
                if length > len(low) - 4:
                    break
                owners = self._glue.get(low[:length])
                if not owners:
                    continue
                rest = low[length:]
                glued = self.language.glued_rest
                for owner in owners:
                    options = owner.entry.patterns[owner.index].keys[owner.key]
                    for cut in range(len(rest) - 3, -1, -1):
                        chain = rest[:cut]
                        if any(chain in a for a, _ in options) and glued(rest[cut:]):
                            found.append((owner, length + cut))
                            break
        self._glue_cache[word] = found
        return found

    def _glued_candidates(
        self, words: list[str], spans: list[tuple[int, int]], text: str
    ) -> list[_Candidate]:
        """Hits ending inside a word that runs on into the next one, for scraped Kazakh text."""
        out = []
        cache = self._glue_cache
        for i, word in enumerate(words):
            if len(word) < 7:
                continue
            glued = cache.get(word)
            if glued is None:
                glued = self._glued(word)
            for owner, length in glued:
                entry = owner.entry
                pattern = entry.patterns[owner.index]
                first = i - owner.index
                if first < 0 or (pattern.capital and owner.index == 0 and not word[:1].isupper()):
                    continue
                cost = inflected = 0
                ok = True
                for k in range(owner.index):
                    j = first + k
                    if k > 0 and self._gap(text, spans, j) != entry.gaps[k - 1]:
                        ok = False
                        break
                    m = self._word_match(entry.patterns[k], words[j], self.probe(words[j]))
                    if m is None or (
                        k == 0 and entry.patterns[0].capital and not words[j][:1].isupper()
                    ):
                        ok = False
                        break
                    cost += m[0]
                    inflected |= m[1]
                if not ok or (
                    owner.index and self._gap(text, spans, i) != entry.gaps[owner.index - 1]
                ):
                    continue
                end = spans[i][0] + length
                inflected |= length > len(owner.key)
                out.append(_Candidate(first, i, spans[first][0], end, entry, cost + 1,
                                      bool(inflected), False))  # fmt: skip
        return out

    def _gap(self, text: str, spans: list[tuple[int, int]], j: int) -> str:
        """The gap key before word j."""
        return self.language.gap_key(text[spans[j - 1][1] : spans[j][0]])

    def _near_misses(
        self, words: list[str], spans: list[tuple[int, int]], text: str, free: bytearray
    ) -> list[_Candidate]:
        """Near-miss candidates around each word that no hit covers (free[i] is 1)."""
        out: list[_Candidate] = []
        cache = self._near_cache
        probe = self.probe
        last = len(words) - 1
        for i, word in enumerate(words):
            if not free[i] or len(word) < 4:
                continue
            readings = cache.get(word)
            if readings is None:
                readings = self._near_readings(word)
            if not readings:
                continue
            seen: set[tuple[int, int]] = set()
            for t in readings:
                owners: list[_Owner] = list(self.owners.get(t.target, ()))
                if t.glue < 0 and i < last:
                    for k2, _, cs2 in probe(words[i + 1]):
                        owners.extend(self.owners_next.get((t.target, k2, cs2), ()))
                if i > 0:
                    for k0, _, cs0 in probe(words[i - 1]):
                        owners.extend(self.owners_prev.get((t.target, k0, cs0), ()))
                for o in owners:
                    slot = (id(o.entry), o.index)
                    if slot in seen:
                        continue
                    pattern = o.entry.patterns[o.index]
                    if pattern.capital and not word[:1].isupper():
                        continue
                    if t.glue < 0 and not any(t.rem in a for a, _ in pattern.keys.get(o.key, ())):
                        continue
                    cand = self._near_align(o, t, i, words, spans, text)
                    if cand is None or self.language.is_known_word(word):
                        continue
                    seen.add(slot)
                    out.append(cand)
        return out

    def _near_align(
        self,
        owner: _Owner,
        reading: _NearTarget,
        i: int,
        words: list[str],
        spans: list[tuple[int, int]],
        text: str,
    ) -> _Candidate | None:
        """The near-miss candidate for a reading of token i, if the term's other words are there."""
        entry, index = owner.entry, owner.index
        first = i - index
        n = len(entry.patterns)
        if first < 0 or first + n > len(words):
            return None
        for k in range(n):
            j = first + k
            if (
                k > 0
                and self.language.gap_key(text[spans[j - 1][1] : spans[j][0]]) != entry.gaps[k - 1]
            ):
                return None
            if k != index:
                p = entry.patterns[k]
                if self._word_match(p, words[j], self.probe(words[j])) is None:
                    return None
        start, end = spans[first][0], spans[first + n - 1][1]
        if reading.glue >= 0:
            end = spans[i][0] + reading.glue
        cand = _Candidate(first, first + n - 1, start, end, entry, 1, False, False)
        cand.score, cand.note = round(reading.score, 1), reading.note
        return cand


@dataclass(frozen=True)
class _Owner:
    """A word of a term that near misses may stand for: word `index` of `entry`, by `key`."""

    entry: _Entry
    index: int
    key: str


@dataclass(frozen=True)
class _NearTarget:
    """A text word read as a misspelling of `target` (with `rem` after it, for Kazakh)."""

    target: str
    rem: str
    score: float
    note: str
    glue: int  # for a glued word: the length of the term part, else -1


def _prefer_literal(candidates: list[_Candidate], folded: Folded) -> None:
    """Among readings of the same span, favour the term written exactly as the text has it
    (волонтёр and волонтер fold alike; the text decides which of the two it is)."""
    spans: dict[tuple[int, int], int] = {}
    for c in candidates:
        spans[c.start, c.end] = spans.get((c.start, c.end), 0) + 1
    for c in candidates:
        if spans[c.start, c.end] > 1:
            start, end = folded.span(c.start, c.end)
            if folded.original[start:end] != c.entry.term.text:
                c.cost += 1


def _overlap(a: _Candidate, b: _Candidate) -> bool:
    return a.first <= b.last and b.first <= a.last


def _fits(near: _Candidate, hits: list[_Candidate]) -> bool:
    """True if every hit the near miss touches lies inside it."""
    return all(near.first <= h.first and h.last <= near.last for h in hits if _overlap(h, near))


def _deletions(word: str) -> list[str]:
    """The word and its one-letter deletions, the first letter kept (typos rarely hit it)."""
    return [word, *(word[:i] + word[i + 1 :] for i in range(1, len(word)))]


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
    if term.case_sensitive and written[:1].lower() + written[1:] == term.text:
        return "exact"  # a lower-case term opening a sentence
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
    """Terms of an unspaced language (Thai): whole strings that start and end on word
    boundaries, found by the language's segmenter."""

    def __init__(self, terms: list[tuple[Concept, Term]], language: Language) -> None:
        self.language = language
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
        if self._cut is None:
            self._cut = self.language.segmenter(self.words)
        text = folded.text
        spans = self.language.token_spans(text, self._cut)
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
