"""Kazakh suffix grammar: real forms from the seeds and KazNERD, and the derivations it refuses."""

from __future__ import annotations

import pytest

from termguard.lang import kk

# (word as written in the seeds / KazNERD, its dictionary form)
INFLECTED = [
    ("Ассамблеясы", "Ассамблея"),
    ("Ассамблеясының", "Ассамблея"),
    ("Ассамблеяның", "Ассамблея"),
    ("Ассамблеясындағы", "Ассамблея"),
    ("ұйымдардың", "ұйым"),
    ("ұйымдарының", "ұйым"),
    ("ұйымдарды", "ұйым"),
    ("қауымдастығы", "қауымдастық"),
    ("қауымдастығын", "қауымдастық"),
    ("қауымдастықтарға", "қауымдастық"),
    ("қауымдастығымен", "қауымдастық"),
    ("медиацияның", "медиация"),
    ("Медиацияны", "Медиация"),
    ("Кеңесінің", "Кеңес"),
    ("кеңестердің", "кеңес"),
    ("ҮЕҰ-ның", "ҮЕҰ"),
    ("ҚХА-ға", "ҚХА"),
    ("ШҚО-да", "ШҚО"),
    ("300-ден", "300"),
    ("халқымыздың", "халық"),
    ("халқына", "халық"),
    ("форумында", "форум"),
    ("клубының", "клуб"),
    ("министрдің", "министр"),
    ("жобасының", "жоба"),
    ("облыстарындағы", "облыс"),
    ("Қазақстанмен", "Қазақстан"),
    ("Кеңеспен", "Кеңес"),
    ("комитетіндегілер", "комитет"),
    ("пікірінше", "пікір"),
    ("теңгедей", "теңге"),
    ("төрағасымын", "төраға"),
    ("мұғаліммін", "мұғалім"),
]

# (word, a stem it must NOT be read as): derivations make a different word.
DERIVED = [
    ("әкімшілік", "әкім"),
    ("әкімшілігінің", "әкім"),
    ("әкімдік", "әкім"),
    ("медиатор", "медиация"),
    ("медиаторлар", "медиация"),
    ("ассамблеялық", "ассамблея"),
    ("медиациялық", "медиация"),
    ("кеңесші", "кеңес"),
    ("кеңестік", "кеңес"),
    ("ұйымдастыру", "ұйым"),
    ("ұйымдастырушылар", "ұйым"),
    ("қазақстандық", "қазақстан"),
    ("үкіметтік", "үкімет"),
]


@pytest.mark.parametrize(("word", "stem"), INFLECTED)
def test_inflected_forms_are_read_back_to_their_stem(word: str, stem: str) -> None:
    """Each real inflected form has an analysis whose stem is the dictionary form."""
    assert kk.is_inflection_of(word, stem), [(a.stem, a.suffixes) for a in kk.analyse(word)]


@pytest.mark.parametrize(("word", "stem"), DERIVED)
def test_derivations_are_not_inflections(word: str, stem: str) -> None:
    """A derived word (-лық, -шы, -шілік, -тор, -дастыр) is never read as the stem's form."""
    assert not kk.is_inflection_of(word, stem)


def test_analysis_gives_suffixes_and_tags() -> None:
    """An analysis lists the suffix morphs and their grammatical tags in order."""
    readings = {(a.stem, a.suffixes, a.tags) for a in kk.analyse("ұйымдарының")}
    assert ("ұйым", ("дар", "ы", "ның"), ("PL", "POSS3", "GEN")) in readings


def test_voicing_gives_the_dictionary_form() -> None:
    """қауымдастығы is қауымдастық + ы: the analysis restores the voiceless final consonant."""
    first = kk.analyse("қауымдастығы")[0]
    assert (first.stem, first.tags) == ("қауымдастық", ("POSS3",))


def test_vowel_harmony_picks_the_allomorph() -> None:
    """Back stems take back suffixes and front stems front ones, not the other way round."""
    assert "ұйымдардың" in kk.inflections("ұйым")
    assert "ұйымдердің" not in kk.inflections("ұйым")
    assert "кеңестердің" in kk.inflections("кеңес")
    assert "кеңестардың" not in kk.inflections("кеңес")


def test_consonant_class_picks_the_allomorph() -> None:
    """The sound before a suffix picks it: ұйымның but жобаның, кеңестің, ұйымға but кеңеске."""
    assert {"ұйымның", "ұйымға", "ұйымды"} <= kk.inflections("ұйым")
    assert {"кеңестің", "кеңеске", "кеңесті"} <= kk.inflections("кеңес")
    assert {"жобаның", "жобаға", "жобаны", "жобасы"} <= kk.inflections("жоба")
    assert "ұйымтың" not in kk.inflections("ұйым")


def test_izafet_word_continues_after_its_possessive() -> None:
    """A term word that already ends in -сы (Ассамблеясы) takes the pronominal н cases."""
    (key, chains), *_ = kk.continuations("Ассамблеясы")
    assert key == "Ассамблеясы"
    assert {"", "ның", "на", "н", "нда", "нан", "мен", "ндағы"} <= chains


def test_abbreviations_take_suffixes_after_a_hyphen() -> None:
    """An abbreviation takes any case suffix, after a hyphen as the spelling rules ask."""
    (key, chains), *_ = kk.continuations("ҮЕҰ", abbreviation=True)
    assert key == "ҮЕҰ"
    assert {"-ның", "-ға", "-лар", "-дың"} <= chains


def test_izafet_word_stands_for_its_plural() -> None:
    """белсендісі (a term's izafet word) also matches белсенділері and белсенділерінің."""
    forms = {key + chain for key, chains in kk.continuations("белсендісі") for chain in chains}
    assert {"белсенділері", "белсенділерінің", "белсендісінің"} <= forms


def test_double_final_consonant_is_written_single() -> None:
    """A loan's double consonant is written single before a suffix (процесс -> процеске)."""
    forms = kk.inflections("процесс")
    assert "процеске" in forms
    assert "процесс" in forms


def test_glued_rest_refuses_derivations() -> None:
    """A lost space is recognised, a derivational suffix is not taken for the next word."""
    assert kk.glued_rest("мүшелері")
    assert kk.glued_rest("ғимаратында")
    assert not kk.glued_rest("лық")
    assert not kk.glued_rest("шілігі")
    assert not kk.glued_rest("дастыру")


@pytest.mark.parametrize(
    ("word", "tags", "expected"),
    [
        ("ұйым", ("PL", "GEN"), "ұйымдардың"),
        ("Ассамблеясы", ("DAT",), "Ассамблеясына"),
        ("Ассамблеясы", ("ACC",), "Ассамблеясын"),
        ("қауымдастық", ("PL", "DAT"), "қауымдастықтарға"),
        ("ҚХА", ("DAT",), "ҚХА-ға"),
        ("адам", ("GEN",), "адамның"),
        ("медиация", (), "медиация"),
    ],
)
def test_inflect_generates_what_analyse_reads(
    word: str, tags: tuple[str, ...], expected: str
) -> None:
    """kk.inflect builds the form from tags, and kk.case_and_number reads it back."""
    assert kk.inflect(word, tags) == expected
    case, plural = kk.case_and_number(expected, word)
    assert plural == ("PL" in tags)
    assert case == {"GEN": "gent", "DAT": "datv", "ACC": "accs"}.get(
        tags[-1] if tags else "", "nomn"
    )
