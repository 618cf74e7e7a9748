"""A language added through the interface alone: registered by name, then matched, segmented,
checked and repaired by modules that know nothing about it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import ClassVar

import pytest

from termguard.checks import check_pairs
from termguard.glossary.model import Concept, Glossary, Term
from termguard.lang import find_language, get_language, languages, register_language
from termguard.lang import unregister_language as forget
from termguard.lang.base import NOMINATIVE, Form, Language, Span
from termguard.lang.detect import lang_code
from termguard.lang.terms import PLAIN, TermEntry, WordPattern
from termguard.matching import find_terms
from termguard.translate.inflect import form_of, inflect
from termguard.translate.segment import segment_text

#: Plural -en, then the locative -os, after the last word of a term: flumo, flumoen, flumoenos.
_CHAINS = frozenset({"", "en", "os", "enos"})


class Toy(Language):
    """A made-up suffixing language: Latin letters, sentences ended by ' // '."""

    code = "xx"
    name = "Toyish"
    aliases = ("toy", "toyish")
    own_letters = "ŭ"
    decimal_comma = True
    months = ("januaro", "februaro")
    number_words: ClassVar[Mapping[int, str]] = {1: "unu", 2: "du", 3: "tri"}
    suffixing = True

    def term_entries(self, concept: Concept, term: Term, text: str) -> list[TermEntry]:
        words, gaps, lead, trail = self.split_term(text)
        patterns = [WordPattern({w.lower(): PLAIN}, w.lower()) for w in words[:-1]]
        last = words[-1].lower()
        patterns.append(WordPattern({last: ((_CHAINS, 0),)}, last))
        return [TermEntry(concept, term, patterns, gaps, lead, trail)]

    def sentence_spans(self, chunk: str) -> Sequence[Span]:
        spans, start = [], 0
        while (cut := chunk.find(" // ", start)) >= 0:
            spans.append((start, cut))
            start = cut + 4
        return [*spans, (start, len(chunk))]

    def form_of(self, span: str, term: str | None = None) -> Form:
        return Form("loct", span.endswith("enos")) if span.endswith("os") else NOMINATIVE

    def inflect(self, term: str, form: Form, *, indeclinable: bool = False) -> str:
        return term + ("en" if form.plural else "") + ("os" if form.case == "loct" else "")


@pytest.fixture
def toy() -> Iterator[Language]:
    language = register_language(Toy())
    yield language
    forget("xx")


@pytest.fixture
def glossary() -> Glossary:
    terms = (
        Term("flumo", "xx"),
        Term("river", "en"),
        Term("akva flumo", "xx", status="deprecated"),
    )
    return Glossary((Concept("river", "geography", "A stream of water.", terms),))


def test_the_registry_finds_a_registered_language_by_code_and_alias(toy: Language) -> None:
    """get_language and the tag reader know the new language; it is listed after the built-ins."""
    assert get_language("xx") is toy
    assert lang_code("toy-XX") == "xx"
    assert [lang.code for lang in languages()] == ["kk", "ru", "th", "en", "xx"]


def test_find_terms_reads_the_languages_own_suffixes(toy: Language, glossary: Glossary) -> None:
    """The matcher finds the term with a suffix chain the language allows, and only then."""
    hits = find_terms("La flumoenos kuras. La flumaj ne.", "xx", glossary)
    assert [(h.surface, h.kind, h.start) for h in hits] == [("flumoenos", "inflected", 3)]


def test_segmentation_uses_the_languages_sentence_rules(toy: Language) -> None:
    """segment_text splits a paragraph where the language's own rule says a sentence ends."""
    segments = segment_text("Unua frazo // Dua frazo\n\nTria", "xx")
    assert [s.text for s in segments] == ["Unua frazo", "Dua frazo", "Tria"]


def test_checks_use_the_languages_terms_and_number_words(toy: Language, glossary: Glossary) -> None:
    """Term and number checks hold a target in the new language to its terms and its words."""
    assert check_pairs([("Two rivers met.", "Du flumoen renkontis.")], glossary, "en", "xx") == []
    findings = check_pairs(
        [("The 2 rivers.", "La akva flumoen."), ("It is 3,5 km.", "Ĝi estas 3,5 km.")],
        glossary,
        "en",
        "xx",
    )
    assert [(f.check, f.span) for f in findings] == [
        ("numbers", "2"),
        ("term-deprecated", "akva flumoen"),
    ]


def test_repair_inflects_with_the_languages_rules(toy: Language) -> None:
    """The repair's form_of and inflect reach the new language's own rules."""
    form = form_of("flumoenos", "xx", term="flumo")
    assert form == Form("loct", True)
    assert inflect("rivero", "xx", form) == "riveroenos"


def test_a_forgotten_language_is_unknown_again(toy: Language) -> None:
    """After unregister_language the code is no language termguard knows."""
    forget("xx")
    assert find_language("xx") is None
