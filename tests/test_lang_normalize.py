"""Folding text for matching: every folded span maps back to the original text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from termguard.lang.kk import kk_ru_fold
from termguard.lang.normalize import fold, fold_term


def test_clean_text_is_not_copied() -> None:
    """Text that needs no folding comes back as is, with an identity map."""
    folded = fold("Қазақстан халқы Ассамблеясы")
    assert folded.text == "Қазақстан халқы Ассамблеясы"
    assert folded.starts is None
    assert folded.span(3, 9) == (3, 9)


def test_latin_i_in_a_kazakh_word_becomes_cyrillic() -> None:
    """Latin i (as in Tatoeba-kk) inside a Cyrillic word is folded to і, the span stays put."""
    text = "Кеңесiнiң мүшелері"
    folded = fold(text)
    assert folded.text == "Кеңесінің мүшелері"
    assert folded.span(0, 9) == (0, 9)
    assert folded.was_changed(0, 9)
    assert not folded.was_changed(10, 18)


def test_latin_schwa_becomes_cyrillic() -> None:
    """Latin ə (as in the Constitution) inside a Kazakh word is folded to ә."""
    assert fold("əкімге").text == "әкімге"


def test_latin_words_keep_their_letters() -> None:
    """A Latin word next to Cyrillic ones is not touched: only mixed words are folded."""
    assert fold("AMANAT партиясы, iPhone").text == "AMANAT партиясы, iPhone"


def test_cyrillic_in_a_latin_word_becomes_latin() -> None:
    """A Cyrillic а inside an English word is folded to Latin a."""
    assert fold("Kazakhstаn").text == "Kazakhstan"


def test_soft_hyphen_is_dropped_and_offsets_skip_it() -> None:
    """A soft hyphen (WMT19 kk: әкімі\\u00adнің) vanishes; spans map over it."""
    text = "облыс әкімі\u00adнің орынбасары"
    folded = fold(text)
    assert folded.text == "облыс әкімінің орынбасары"
    start = folded.text.index("әкімінің")
    assert folded.span(start, start + len("әкімінің")) == (6, 15)
    assert text[6:15] == "әкімі\u00adнің"


def test_decomposed_letters_are_composed() -> None:
    """и + combining breve is й for matching; the span covers both original characters."""
    text = "и\u0306ы"
    folded = fold(text)
    assert folded.text == "йы"
    assert folded.span(0, 1) == (0, 2)


def test_zero_width_space_and_thai_sara_am() -> None:
    """Zero-width spaces vanish; Thai nikhahit + sara aa is read as sara am."""
    text = "ก\u200bน\u0e4d\u0e32"
    folded = fold(text)
    assert folded.text == "กนำ"
    assert folded.span(1, 3) == (2, 5)


def test_dashes_and_apostrophes() -> None:
    """A non-breaking hyphen is a hyphen and a typographic apostrophe an ASCII one."""
    assert fold("ҮЕҰ\u2011ның NGO\u2019s").text == "ҮЕҰ-ның NGO's"


def test_fold_term_collapses_spaces() -> None:
    """A term's inner whitespace becomes single spaces."""
    assert fold_term(" үкіметтік  емес\tұйым ") == "үкіметтік емес ұйым"


def test_russian_letters_for_kazakh() -> None:
    """Тоқаев typed on a Russian keyboard is Токаев."""
    assert kk_ru_fold("Тоқаев") == "Токаев"
    assert kk_ru_fold("Ұйымның") == "Уйымнын"


@given(st.text(alphabet=st.sampled_from("аәiіəoоx\u00ad\u200b\u0306\u2011 -Aя"), max_size=40))
def test_every_folded_span_maps_into_the_text(text: str) -> None:
    """Any folded span maps to an original span inside the text, in order."""
    folded = fold(text)
    assert unicodedata.is_normalized("NFC", folded.text)
    last = 0
    for k in range(len(folded.text)):
        start, end = folded.span(k, k + 1)
        assert 0 <= start < end <= len(text)
        assert start >= last
        last = start
