"""Putting approved terms into the form a sentence needs: Russian, English and Kazakh."""

from __future__ import annotations

import pytest

from termguard.translate.inflect import Form, form_of, inflect


@pytest.mark.parametrize(
    ("term", "form", "expected"),
    [
        ("Ассамблея народа Казахстана", Form("gent"), "Ассамблеи народа Казахстана"),
        ("Ассамблея народа Казахстана", Form("ablt"), "Ассамблеей народа Казахстана"),
        ("неправительственная организация", Form("gent", True),
         "неправительственных организаций"),
        ("неправительственная организация", Form("datv"), "неправительственной организации"),
        ("Совет матерей", Form("loct"), "Совете матерей"),
        ("НПО", Form("gent", True), "НПО"),
    ],
)  # fmt: skip
def test_russian_head_and_adjectives_agree(term: str, form: Form, expected: str) -> None:
    """Adjectives and the head noun change; complements after the head stay."""
    assert inflect(term, "ru", form, indeclinable=term.isupper()) == expected


@pytest.mark.parametrize(
    ("term", "form", "expected"),
    [
        ("Қазақстан халқы Ассамблеясы", Form("gent"), "Қазақстан халқы Ассамблеясының"),
        ("Қазақстан халқы Ассамблеясы", Form("datv"), "Қазақстан халқы Ассамблеясына"),
        ("Қазақстан халқы Ассамблеясы", Form("loct"), "Қазақстан халқы Ассамблеясында"),
        ("үкіметтік емес ұйым", Form("gent", True), "үкіметтік емес ұйымдардың"),
        ("үкіметтік емес ұйым", Form("ablt", True), "үкіметтік емес ұйымдармен"),
        ("қауымдастық", Form("datv"), "қауымдастыққа"),
        ("медиация", Form("accs"), "медиацияны"),
        ("ҮЕҰ", Form("gent"), "ҮЕҰ-ның"),
        ("ҚХА", Form("datv"), "ҚХА-ға"),
        ("медиация", Form(), "медиация"),
    ],
)
def test_kazakh_suffixes_follow_harmony_and_the_izafet(
    term: str, form: Form, expected: str
) -> None:
    """Kazakh case and plural suffixes harmonise; after a possessive they take the н."""
    assert inflect(term, "kk", form) == expected


@pytest.mark.parametrize(
    ("term", "form", "expected"),
    [
        ("non-governmental organization", Form("nomn", True), "non-governmental organizations"),
        ("Assembly of People of Kazakhstan", Form("gent", True),
         "Assemblies of People of Kazakhstan"),
        ("NGO", Form("nomn", True), "NGOs"),
        ("mediation", Form("gent"), "mediation"),
    ],
)  # fmt: skip
def test_english_plural_on_the_head_word(term: str, form: Form, expected: str) -> None:
    """English pluralises the head word (before 'of'); case leaves it alone."""
    assert inflect(term, "en", form) == expected


@pytest.mark.parametrize(
    ("span", "lang", "term", "expected"),
    [
        ("Қазақстан халқы Ассамблеясының", "kk", "Қазақстан халқы Ассамблеясы", Form("gent")),
        ("үкіметтік емес ұйымдардың", "kk", "үкіметтік емес ұйым", Form("gent", True)),
        ("ҮЕҰ-ға", "kk", "ҮЕҰ", Form("datv")),
        ("қауымдастығы", "kk", "қауымдастық", Form()),
        ("неправительственных организаций", "ru", None, Form("gent", True)),
        ("NGOs", "en", None, Form("nomn", True)),
        ("องค์กรพัฒนาเอกชน", "th", None, Form()),
    ],
)  # fmt: skip
def test_form_is_read_off_the_span(span: str, lang: str, term: str | None, expected: Form) -> None:
    """The form a span carries is what the replacement gets."""
    assert form_of(span, lang, term=term) == expected
