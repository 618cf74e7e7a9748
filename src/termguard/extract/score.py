"""The reduce step of term extraction: documents' counts merged, folded, scored and ranked.

How a candidate is scored (README, "New terms from articles"):

- its occurrences are folded to one dictionary form by the language (phrase_lemma: Kazakh
  endings by lang/kk.py's analysis, Russian by pymorphy3, the English plural), so
  ұйымы, ұйымының, ұйымдары count as one;
- C-value (after Frantzi, Ananiadou and Mima 2000): the weight log2(words + 1) (a single word
  SINGLE; phrases of LONGEST words and more weigh alike) times the frequency less that of the
  most frequent longer candidate holding it, when that one is seen at least REPEATED times (one
  occurrence of a long chain says nothing about which of its pieces is the term);
- spread: x (1 + log2 of the number of documents it is in);
- contrast with general text: x the mean over its words of q / (q + GENERAL x r), q the word's
  share of the documents' words and r its share (plus one half occurrence) of the reference,
  FLORES-200 and NTREX-128 (data/reference_counts.json.gz), so a word general news uses as
  often weighs little and a word general text lacks weighs nearly one;
- glossary affinity: x (1 + AFFINITY x the share of its words whose stems the glossary's terms
  use), the glossary being the best sample of the domain there is;
- a single word that stands before another word of its phrase MODIFIER of the times or more
  modifies and is no candidate alone (languages whose phrases end in their head);
- a phrase the text defines with an abbreviation counts its abbreviation's occurrences as its
  own and is scored x ABBREVIATION_BOOST.

Occurrences that lie inside a glossary term found in the text (or cut across one), and
occurrences made up wholly of glossary terms (Ақтөбе облысы әкімі), count for those terms, not
for the phrase (so a phrase that only ever stands so is dropped); candidates equal to a
glossary term in any form are dropped; a candidate that near-misses a term is kept as a
possible variant of its concept.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from termguard.extract.count import DocumentCounts
from termguard.glossary.model import Glossary
from termguard.lang import get_language
from termguard.lang.base import Language

#: A phrase defined with an abbreviation is scored this much higher.
ABBREVIATION_BOOST = 1.5
#: A word counts as general when its share of general text is this fraction of its share here.
GENERAL = 10.0
#: How much of the longer candidates' frequency C-value takes from a phrase they hold.
NESTED = 1.0
#: Longer candidates seen fewer times than this take nothing from the phrases they hold: one
#: occurrence of a long chain says nothing about which of its pieces is the term.
REPEATED = 3
#: A single word followed by another word of its noun phrase at least this share of the times
#: modifies, and names nothing, in a language whose phrases end in their head.
MODIFIER = 0.75
#: Words beyond this many add nothing to the C-value weight.
LONGEST = 2
#: How much a phrase gains from words the glossary's terms use: x (1 + AFFINITY x their share).
AFFINITY = 3.0
#: The C-value weight of a single word, beside log2(n + 1) for a phrase of n words.
SINGLE = 0.5


def _weight(words: int) -> float:
    return SINGLE if words == 1 else math.log2(min(words, LONGEST) + 1)


@dataclass(frozen=True)
class TermCandidate:
    """A candidate term of one language, ranked (see the module doc for the score)."""

    term: str  # dictionary form
    lang: str
    score: float
    frequency: int
    documents: int
    cvalue: float
    contrast: float
    words: int
    source: str  # path:line of the first occurrence
    phrase: str  # the first occurrence as written
    forms: tuple[str, ...] = ()  # the forms seen, most frequent first
    abbreviation: str = ""
    variant_of: str = ""  # a concept whose term it near-misses
    variant_term: str = ""
    nested: tuple[str, ...] = ()  # concepts whose terms lie inside it
    translation: str = ""
    translation_score: float = 0.0


@dataclass
class _Group:
    """Everything folded to one dictionary form."""

    frequency: int = 0
    documents: set[int] = field(default_factory=set)
    first: tuple[int, int, str, str] = (1 << 30, 0, "", "")  # doc, line, path, surface
    inside_known: int = 0
    followed: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    spellings: Counter[str] = field(default_factory=Counter)  # the lemma as cased
    words: tuple[str, ...] = ()
    nested: set[str] = field(default_factory=set)
    abbreviations: Counter[str] = field(default_factory=Counter)


@cache
def reference_counts(lang: str) -> tuple[int, dict[str, int]]:
    """(words, counts of lower-case words) of the general text of `lang` (data/README.md)."""
    raw = resources.files("termguard.data").joinpath("reference_counts.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))["languages"].get(lang)
    if data is None:
        return 0, {}
    return int(data["words"]), {str(k): int(v) for k, v in data["counts"].items()}


@cache
def _reference_stems(lang: str) -> tuple[int, Counter[str]]:
    language = get_language(lang)
    total, counts = reference_counts(lang)
    stems: Counter[str] = Counter()
    for word, n in counts.items():
        stems[language.stem_key(word)] += n
    return total, stems


def _merge_phrases(documents: Sequence[DocumentCounts]) -> dict[tuple[str, ...], _Group]:
    """Documents' phrases by their words as written (not yet folded)."""
    merged: dict[tuple[str, ...], _Group] = {}
    for d, doc in enumerate(documents):
        for key, pc in doc.phrases.items():
            g = merged.get(key)
            if g is None:
                g = merged[key] = _Group(words=key)
            # occurrences inside a glossary term are that term's, not this phrase's, and a
            # string of glossary terms is theirs
            own = pc.count - pc.inside_known - pc.known_parts
            g.frequency += own
            if own > 0:
                g.documents.add(d)
            g.inside_known += pc.inside_known
            g.followed += pc.followed
            g.nested |= pc.nested
            g.forms[pc.surface] += pc.count
            g.spellings[""] += pc.count - pc.sentence_start  # votes for this casing
            if (d, pc.line) < g.first[:2]:
                g.first = (d, pc.line, doc.path, pc.surface)
    return merged


def _fold(
    merged: dict[tuple[str, ...], _Group], language: Language, known: Container[str]
) -> tuple[dict[str, _Group], dict[tuple[str, ...], str]]:
    """Phrases folded to their dictionary forms: groups by lower-case form, and each
    phrase's form."""
    groups: dict[str, _Group] = {}
    form_of: dict[tuple[str, ...], str] = {}
    for key, g in merged.items():
        lemma = language.phrase_lemma(key, known)
        if lemma is None:
            continue
        low = lemma.lower()
        form_of[key] = low
        t = groups.get(low)
        if t is None:
            t = groups[low] = _Group(words=key)
        t.frequency += g.frequency
        t.documents |= g.documents
        t.inside_known += g.inside_known
        t.followed += g.followed
        t.nested |= g.nested
        t.forms.update(g.forms)
        t.spellings[lemma] += g.spellings[""] * 1000 + g.frequency
        if g.first < t.first:
            t.first = g.first
        if g.frequency > merged.get(t.words, _Group()).frequency:
            t.words = key
    return groups, form_of


def _cvalues(groups: dict[str, _Group], form_of: dict[tuple[str, ...], str]) -> dict[str, float]:
    """C-value of every group, from the phrases that hold one another."""
    holders: dict[str, set[str]] = {}
    for key, low in form_of.items():
        n = len(key)
        for size in range(1, n):
            for i in range(n - size + 1):
                inner = form_of.get(key[i : i + size])
                if inner is not None and inner != low:
                    holders.setdefault(inner, set()).add(low)
    out: dict[str, float] = {}
    for low, g in groups.items():
        weight = _weight(len(g.words))
        longer = holders.get(low)
        own = float(g.frequency)
        repeated = [groups[b].frequency for b in longer or () if groups[b].frequency >= REPEATED]
        if repeated:
            own -= NESTED * max(repeated)
        out[low] = weight * max(0.0, own)
    return out


def _contrast(
    words: Iterable[str],
    language: Language,
    stems: Counter[str],
    total: int,
    reference: tuple[int, Counter[str]],
) -> float:
    ref_total, ref_stems = reference
    shares = []
    for word in words:
        if language.is_stop_word(word):
            continue
        k = language.stem_key(word)
        q = stems[k] / max(1, total)
        r = GENERAL * (ref_stems.get(k, 0) + 0.5) / max(1, ref_total)
        shares.append(q / (q + r))
    return sum(shares) / len(shares) if shares else 0.0


def _add_definitions(
    documents: Sequence[DocumentCounts],
    groups: dict[str, _Group],
    language: Language,
    known: Container[str],
) -> None:
    """Pair abbreviations with their full forms; an abbreviation's own count joins its form's."""
    for d, doc in enumerate(documents):
        for definition in doc.definitions:
            lemma = language.phrase_lemma(definition.words, known)
            if lemma is None:
                continue
            low = lemma.lower()
            g = groups.get(low)
            if g is None:
                g = groups[low] = _Group(words=definition.words, frequency=1)
                g.documents.add(d)
                g.spellings[lemma] += 1
                g.forms[language.join_words(definition.words)] += 1
                g.first = (d, definition.line, doc.path, language.join_words(definition.words))
            g.abbreviations[definition.abbreviation] += 1
    for g in list(groups.values()):
        if not g.abbreviations:
            continue
        abbreviation = g.abbreviations.most_common(1)[0][0]
        alone = groups.pop(abbreviation.lower(), None)
        if alone is not None and alone is not g:
            # less the mentions inside the definitions themselves: (ҮЕҰ) is the phrase's
            g.frequency += max(0, alone.frequency - sum(g.abbreviations.values()))
            g.documents |= alone.documents


class _Glossary:
    """What the glossary says about a candidate's dictionary form."""

    def __init__(self, glossary: Glossary | None, lang: str) -> None:
        self.glossary, self.lang = glossary, lang

    def look_up(self, text: str) -> tuple[bool, str, str, set[str]]:
        """(a term in any form, near-missed concept, its term, concepts of terms inside)."""
        if self.glossary is None or not text:
            return False, "", "", set()
        from termguard.matching import find_terms

        hits = find_terms(text, self.lang, self.glossary, near_misses=True)
        whole = [h for h in hits if h.start == 0 and h.end >= len(text.rstrip())]
        for h in whole:
            if h.kind != "near-miss":
                return True, "", "", set()
        near = whole[0] if whole else None
        inside = {h.concept for h in hits if h.kind != "near-miss" and h not in whole}
        return False, near.concept if near else "", near.term if near else "", inside


def merge_counts(
    documents: Sequence[DocumentCounts],
    lang: str,
    glossary: Glossary | None = None,
    *,
    limit: int | None = None,
    min_count: int = 1,
) -> list[TermCandidate]:
    """The candidates of counted documents, best first, at most `limit` (see the module doc)."""
    language = get_language(lang)
    total_words = sum(d.words for d in documents)
    stems: Counter[str] = Counter()
    known: set[str] = set()
    for d in documents:
        stems.update(d.stems)
        known |= d.vocabulary
    known |= set(reference_counts(lang)[1])
    if glossary is not None:
        for _, t in glossary.terms(lang):
            known.update(w.lower() for w in t.text.split())
    seen = language.stems_seen(known)
    term_stems = _term_stems(glossary, language)
    reference = _reference_stems(lang)
    merged = _merge_phrases(documents)
    groups, form_of = _fold(merged, language, seen)
    _add_definitions(documents, groups, language, seen)
    cvalues = _cvalues(groups, form_of)
    scored = []
    for low, g in groups.items():
        if g.frequency < max(1, min_count):
            continue
        if language.head_final and len(g.words) == 1 and g.followed >= MODIFIER * g.frequency > 1:
            continue  # a word that stands before a noun it modifies (облыстық, мемлекеттік)
        contrast = _contrast(g.words, language, stems, total_words, reference)
        cvalue = cvalues.get(low, _weight(len(g.words)) * g.frequency)
        score = cvalue * (1 + math.log2(len(g.documents))) * contrast
        if term_stems:
            share = sum(language.stem_key(w) in term_stems for w in g.words) / len(g.words)
            score *= 1 + AFFINITY * share
        if g.abbreviations:
            score *= ABBREVIATION_BOOST
        if score > 0:
            scored.append((score, cvalue, contrast, low, g))
    scored.sort(key=lambda s: (-s[0], -s[4].frequency, s[3]))
    lookup = _Glossary(glossary, lang)
    out: list[TermCandidate] = []
    for score, cvalue, contrast, _, g in scored:
        if limit is not None and len(out) >= limit:
            break
        term = g.spellings.most_common(1)[0][0]
        is_known, variant, variant_term, inside = lookup.look_up(term)
        if is_known:
            continue
        abbreviation = g.abbreviations.most_common(1)[0][0] if g.abbreviations else ""
        if abbreviation and not variant:
            abbr_known, _, _, abbr_inside = lookup.look_up(abbreviation)
            if abbr_known and abbr_inside == set():
                variant, variant_term = _owner(glossary, lang, abbreviation)
        _, line, path, surface = g.first
        out.append(
            TermCandidate(
                term=term,
                lang=lang,
                score=round(score, 3),
                frequency=g.frequency,
                documents=len(g.documents),
                cvalue=round(cvalue, 3),
                contrast=round(contrast, 3),
                words=len(g.words),
                source=f"{path}:{line}",
                phrase=" ".join(surface.split()),
                forms=tuple(f for f, _ in g.forms.most_common(5)),
                abbreviation=abbreviation,
                variant_of=variant,
                variant_term=variant_term,
                nested=tuple(sorted(g.nested | inside)),
            )
        )
    return out


def _term_stems(glossary: Glossary | None, language: Language) -> frozenset[str]:
    """Stems of the words of the glossary's terms in the language (stop words aside)."""
    if glossary is None:
        return frozenset()
    out = set()
    for _, term in glossary.terms(language.code):
        folded = language.normalise(term.text).text
        for s, e in language.token_spans(folded, language.segmenter()):
            word = folded[s:e]
            if any(ch.isalpha() for ch in word) and not language.is_stop_word(word):
                out.add(language.stem_key(word))
    return frozenset(out)


def _owner(glossary: Glossary | None, lang: str, text: str) -> tuple[str, str]:
    """(concept, term) of the glossary term written `text` exactly, or ('', '')."""
    if glossary is None:
        return "", ""
    for concept, term in glossary.terms(lang):
        if term.text == text:
            return concept.id, term.text
    return "", ""
