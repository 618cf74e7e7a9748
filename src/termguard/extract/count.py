"""The map step of term extraction: one document's candidate phrases, counted (picklable).

`count_document` reads one text and returns a DocumentCounts: every noun phrase the language's
patterns allow (lang/<code>.py: phrase_spans), keyed by its words as written, with its count,
its first line and how often a glossary term covers it; the words seen (for the contrast with
general text and for the stems a language guesses); and the abbreviations the text defines.
Nothing is folded or scored here, so documents can be counted apart (in parallel) and merged by
extract.score.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from termguard.extract.abbreviations import Definition, find_definitions
from termguard.extract.sentences import sentences
from termguard.glossary.model import Glossary
from termguard.lang import get_language


@dataclass
class PhraseCount:
    """One phrase (its words as written) in one document."""

    count: int = 0
    line: int = 0  # first occurrence, 1-based
    surface: str = ""  # first occurrence as the original text writes it
    #: Occurrences lying inside a glossary term found in the text, or cutting across one.
    inside_known: int = 0
    #: Occurrences whose every word lies in a glossary term inside the phrase (a string of
    #: known terms, Ақтөбе облысы әкімі).
    known_parts: int = 0
    #: Occurrences followed by another word of a longer phrase (a word that modifies).
    followed: int = 0
    #: Occurrences opening a sentence (their first capital says nothing).
    sentence_start: int = 0
    #: Concepts whose terms lie inside the phrase.
    nested: set[str] = field(default_factory=set)


@dataclass
class DocumentCounts:
    """What one document contributes to an extraction (see the module doc)."""

    path: str
    lang: str
    sentences: int = 0
    words: int = 0
    #: Counts of the documents' words by the language's stem_key.
    stems: Counter[str] = field(default_factory=Counter)
    #: Lower-case words seen standing alone.
    vocabulary: set[str] = field(default_factory=set)
    phrases: dict[tuple[str, ...], PhraseCount] = field(default_factory=dict)
    definitions: list[Definition] = field(default_factory=list)


def _known_spans(text: str, lang: str, glossary: Glossary | None) -> list[tuple[int, int, str]]:
    """(start, end, concept) of every glossary term found in the text (no near misses)."""
    if glossary is None:
        return []
    from termguard.matching import find_terms

    return [
        (h.start, h.end, h.concept) for h in find_terms(text, lang, glossary, near_misses=False)
    ]


def count_document(
    path: str, text: str, lang: str, glossary: Glossary | None = None
) -> DocumentCounts:
    """Count the candidate phrases of one document (see the module doc)."""
    language = get_language(lang)
    cut = language.segmenter()
    counts = DocumentCounts(path, lang)
    known = _known_spans(text, lang, glossary)
    known_starts = [k[0] for k in known]
    phrases = counts.phrases
    for sentence in sentences(text, language, cut):
        words, spans = sentence.words, sentence.spans
        counts.sentences += 1
        for word in words:
            if any(ch.isalpha() for ch in word):
                counts.words += 1
                low = word.lower()
                counts.vocabulary.add(low)
                counts.stems[language.stem_key(word)] += 1
        first, last = spans[0][0], spans[-1][1]
        lo = max(0, bisect_right(known_starts, first) - 1)
        hi = bisect_right(known_starts, last)
        near = [k for k in known[lo:hi] if k[1] > first]
        found = language.phrase_spans(words, sentence.gaps)
        longer = set(found)
        for i, j in found:
            key = tuple(words[i : j + 1])
            start, end = spans[i][0], spans[j][1]
            entry = phrases.get(key)
            if entry is None:
                entry = phrases[key] = PhraseCount(line=sentence.line, surface=text[start:end])
            entry.count += 1
            entry.sentence_start += i == 0
            entry.followed += (i, j + 1) in longer
            for ks, ke, _ in near:
                # inside a glossary term, or cutting across one (облыстық Қазақстан out of
                # облыстық Қазақстан халқы Ассамблеясы): no occurrence of a term of its own
                if ks < end and start < ke and not (start <= ks and ke <= end):
                    entry.inside_known += 1
                    break
            inner = [k for k in near if start <= k[0] and k[1] <= end and k[:2] != (start, end)]
            entry.nested.update(concept for _, _, concept in inner)
            if inner and all(
                any(ks <= spans[w][0] and spans[w][1] <= ke for ks, ke, _ in inner)
                for w in range(i, j + 1)
            ):
                entry.known_parts += 1
        counts.definitions.extend(find_definitions(sentence, language))
    return counts
