"""Choosing among n-best candidates and repairing them so the approved terms are used."""

from __future__ import annotations

from pathlib import Path

import pytest

from termguard.glossary.model import Glossary
from termguard.testing import FakeTranslator
from termguard.translate.select import choose_and_repair

MINI = Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    from termguard.glossary.read import read_glossary

    return read_glossary(MINI)


def outcome(glossary: Glossary, source: str, cands: list[str], src: str, tgt: str):  # type: ignore[no-untyped-def]
    tr = FakeTranslator(src, tgt, {source: cands})
    return choose_and_repair(source, tr.translate_batch([source], 8)[0], src, tgt, glossary)


def test_first_candidate_with_approved_term_is_ok(glossary: Glossary) -> None:
    """A top candidate that already uses the preferred term keeps status ok."""
    o = outcome(glossary, "Медиация дамып келеді.", ["Mediation is developing."], "kk", "en")
    assert (o.text, o.status, o.rank) == ("Mediation is developing.", "ok", 0)


def test_lower_candidate_chosen_when_it_uses_the_term(glossary: Glossary) -> None:
    """The second candidate wins when only it renders the source concept."""
    o = outcome(
        glossary,
        "Медиация дамып келеді.",
        ["Conciliation is developing.", "Mediation is developing."],
        "kk",
        "en",
    )
    assert o.status == "chosen" and o.rank == 1
    assert o.text == "Mediation is developing."
    assert o.reasons[0] == "chosen: candidate 2 of 2 uses the approved terms"


def test_deprecated_russian_term_repaired_in_the_right_case(glossary: Glossary) -> None:
    """A deprecated target term is replaced by the preferred one, inflected like it."""
    src = "Ол мемлекеттік емес ұйымдардың өкілі."
    o = outcome(glossary, src, ["Он представитель НПО."], "kk", "ru")
    # НПО is admitted: allowed, nothing to repair
    assert o.status == "ok"


def test_copied_kazakh_term_becomes_russian_genitive(glossary: Glossary) -> None:
    """Ассамблеясының left untranslated becomes 'Ассамблеи народа Казахстана' (genitive)."""
    src = "Қазақстан халқы Ассамблеясының отырысы өтті."
    o = outcome(glossary, src, ["Заседание Қазақстан халқы Ассамблеясының прошло."], "kk", "ru")
    assert o.status == "repaired", o.reasons
    assert o.text == "Заседание Ассамблеи народа Казахстана прошло."


def test_copied_plural_genitive_becomes_english_plural(glossary: Glossary) -> None:
    """үкіметтік емес ұйымдардың in an English draft becomes non-governmental organizations."""
    src = "үкіметтік емес ұйымдардың өкілдері"
    o = outcome(glossary, src, ["representatives of үкіметтік емес ұйымдардың"], "kk", "en")
    assert o.text == "representatives of non-governmental organizations"
    assert o.status == "repaired"


def test_copied_english_term_becomes_kazakh_with_suffix(glossary: Glossary) -> None:
    """An English term copied into a Kazakh draft is replaced by the Kazakh term."""
    src = "The Assembly of People of Kazakhstan met."
    o = outcome(glossary, src, ["Assembly of People of Kazakhstan жиналды."], "en", "kk")
    assert o.text == "Қазақстан халқы Ассамблеясы жиналды."


def test_unlocatable_missing_term_is_flagged(glossary: Glossary) -> None:
    """When the term's place cannot be found, the best candidate is kept and flagged."""
    o = outcome(glossary, "Медиация дамып келеді.", ["Conciliation is developing."], "kk", "en")
    assert o.status == "flagged"
    assert o.text == "Conciliation is developing."
    assert any(r.startswith("term-missing: 'Медиация' (mediation)") for r in o.reasons)


def test_lost_number_is_flagged(glossary: Glossary) -> None:
    """A number that disappears from the translation flags the segment."""
    o = outcome(
        glossary, "2016 жылы медиация дамыды.", ["In 2017 mediation developed."], "kk", "en"
    )
    assert o.status == "flagged"
    assert "numbers: source has 2016, target has 2017" in o.reasons


def test_copy_is_untranslated(glossary: Glossary) -> None:
    """A candidate equal to the source is untranslated."""
    o = outcome(glossary, "Жиналыс өтті.", ["Жиналыс өтті."], "kk", "en")
    assert o.status == "untranslated"


def test_much_less_likely_compliant_candidate_is_not_chosen(glossary: Glossary) -> None:
    """Compliance does not buy a candidate the model finds far less likely."""
    source = "Медиация дамып келеді."
    tr = FakeTranslator(
        "kk",
        "en",
        {source: [("Conciliation grows.", -0.2), ("Mediation mediation mediation.", -9.0)]},
    )
    o = choose_and_repair(source, tr.translate_batch([source], 2)[0], "kk", "en", glossary)
    assert o.rank == 0 and o.status == "flagged"


def test_numbers_read_by_each_languages_conventions(glossary: Glossary) -> None:
    """1,8 in Russian is 1.8 in English: no number finding."""
    o = outcome(
        glossary,
        "Выделено 1,8 млрд тенге на медиацию.",
        ["1.8 billion tenge was allocated to mediation."],
        "ru",
        "en",
    )
    assert not any(r.startswith("numbers") for r in o.reasons)


def test_kazakh_left_in_a_russian_translation_is_flagged(glossary: Glossary) -> None:
    """A kk->ru candidate still in Kazakh (not an exact copy) is untranslated: wrong-language."""
    o = outcome(glossary, "Медиация дамып келеді.", ["Медиация дамып келеді!"], "kk", "ru")
    assert o.status == "untranslated"
    assert [r for r in o.reasons if r.startswith("wrong-language:")] == [
        "wrong-language: target is Kazakh, not Russian: Kazakh words (келеді); "
        "identified as Kazakh (0.99)"
    ]


def test_russian_translation_is_not_wrong_language(glossary: Glossary) -> None:
    """A Russian translation of a Kazakh sentence passes the language check."""
    o = outcome(glossary, "Медиация дамып келеді.", ["Медиация развивается."], "kk", "ru")
    assert o.status == "ok", o.reasons


def _pass(source: str, cands: list[str], src: str, tgt: str, date: str = ""):  # type: ignore[no-untyped-def]
    from termguard.glossary.read import read_glossary
    from termguard.translate.engine import Candidate
    from termguard.translate.select import requirements

    glossary = read_glossary(Path(__file__).resolve().parent.parent / "glossary")
    reqs = requirements(source, src, glossary, date=date)
    scored = [Candidate(c, -0.1 * i) for i, c in enumerate(cands)]
    return choose_and_repair(source, scored, src, tgt, glossary, reqs)


def test_an_advisory_concept_is_a_hint_not_a_requirement() -> None:
    """'state' (advisory) rendered штат is neither missing nor repaired; its term is a hint."""
    o = _pass("The state said it will pay.", ["Штат төлейтінін айтты."], "en", "kk")
    assert (o.text, o.status) == ("Штат төлейтінін айтты.", "ok")
    [use] = [u for u in o.uses if u.concept == "state"]
    assert use.hint and not use.ok


def test_the_pass_uses_the_name_valid_on_the_documents_date() -> None:
    """In a 2019 document Nur Otan is right and AMANAT is repaired to it; in 2023 the reverse."""
    source = "Жамбыл облыстық «Нұр Отан» партиясы хабарлады."
    old = 'Zhambyl regional branch of "Nur Otan" party reported.'
    new = "Zhambyl regional branch of the AMANAT party reported."
    assert _pass(source, [old], "kk", "en", date="2019").status == "ok"
    fixed = _pass(source, [new], "kk", "en", date="2019-05-01")
    assert "Nur Otan" in fixed.text and fixed.status == "repaired"
    assert "AMANAT" in _pass(source, [old], "kk", "en", date="2023-01-01").text


def test_a_repair_keeps_the_locative_and_the_short_form() -> None:
    """A copied Қазақстанда becomes 'in Kazakhstan' (the short approved form, with the case's
    preposition), not 'Republic of Kazakhstan'."""
    o = _pass("Қазақстанда ҮЕҰ көп.", ["Қазақстанда there are many NGOs."], "kk", "en")
    assert o.text == "In Kazakhstan there are many NGOs."
