"""find_terms: inflected, abbreviated, normalised and misspelt terms in kk, ru, en and th text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termguard.glossary.model import Glossary
from termguard.matching import TermHit, compile_index, find_terms
from termguard.testing import make_glossary

GLOSSARY = """
subject = "test"
[[concept]]
id = "apk"
definition = "The Assembly of People of Kazakhstan."
kk = [
  { text = "Қазақстан халқы Ассамблеясы", pos = "proper-noun" },
  { text = "ҚХА", type = "abbreviation", pos = "proper-noun" },
]
ru = [
  { text = "Ассамблея народа Казахстана", pos = "proper-noun" },
  { text = "АНК", type = "abbreviation", pos = "proper-noun" },
  { text = "Ассамблея народов Казахстана", pos = "proper-noun", status = "deprecated" },
]
en = [
  { text = "Assembly of People of Kazakhstan", pos = "proper-noun" },
  { text = "APK", type = "abbreviation", pos = "proper-noun" },
]
th = [{ text = "สมัชชาประชาชนแห่งคาซัคสถาน", pos = "proper-noun" }]

[[concept]]
id = "apk-council"
definition = "The Council of the Assembly."
kk = [{ text = "Қазақстан халқы Ассамблеясының Кеңесі", pos = "proper-noun" }]
ru = [{ text = "Совет Ассамблеи народа Казахстана", pos = "proper-noun" }]
en = [{ text = "Council of the Assembly of People of Kazakhstan", pos = "proper-noun" }]
th = [{ text = "คณะมนตรีสมัชชาประชาชนแห่งคาซัคสถาน", pos = "proper-noun" }]

[[concept]]
id = "ngo"
definition = "A non-governmental organisation."
kk = [
  { text = "үкіметтік емес ұйым" },
  { text = "ҮЕҰ", type = "abbreviation" },
  { text = "мемлекеттік емес ұйым", status = "deprecated" },
]
ru = [
  { text = "неправительственная организация" },
  { text = "НПО", type = "abbreviation" },
  { text = "некоммерческая организация", status = "admitted" },
]
en = [
  { text = "non-governmental organization" },
  { text = "NGO", type = "abbreviation" },
  { text = "non-governmental organisation", status = "admitted" },
]
th = [{ text = "องค์กรพัฒนาเอกชน" }, { text = "NGO", type = "abbreviation", status = "admitted" }]

[[concept]]
id = "association"
definition = "An association."
kk = [{ text = "қауымдастық" }]
ru = [{ text = "ассоциация" }]
en = [{ text = "association" }]
th = [{ text = "สมาคม" }]

[[concept]]
id = "mediation"
definition = "Mediation."
kk = [{ text = "медиация" }]
ru = [{ text = "медиация" }]
en = [{ text = "mediation" }]
th = [{ text = "การไกล่เกลี่ย" }]

[[concept]]
id = "akim"
definition = "A governor."
kk = [{ text = "әкім" }]
ru = [{ text = "аким" }]
en = [{ text = "akim" }]
th = [{ text = "ผู้ว่าการ" }]

[[concept]]
id = "council"
definition = "A council (of a parliament-like body)."
kk = [{ text = "кеңес" }]
ru = [{ text = "совет" }]
en = [{ text = "council" }]
th = [{ text = "สภา" }]

[[concept]]
id = "kazakhstan"
definition = "The country."
kk = [{ text = "Қазақстан", pos = "proper-noun" }]
ru = [{ text = "Казахстан", pos = "proper-noun" }]
en = [{ text = "Kazakhstan", pos = "proper-noun" }]
th = [{ text = "คาซัคสถาน", pos = "proper-noun" }]

[[concept]]
id = "president"
definition = "The President, by name."
kk = [{ text = "Қасым-Жомарт Тоқаев", pos = "proper-noun" }]
ru = [{ text = "Касым-Жомарт Токаев", pos = "proper-noun" }]
en = [{ text = "Kassym-Jomart Tokayev", pos = "proper-noun" }]
th = [{ text = "คาสซิม-โจมาร์ต โตกาเยฟ", pos = "proper-noun" }]

[[concept]]
id = "club"
definition = "A language club with a quoted name."
kk = [{ text = "«Мәміле» тілдесу клубы" }]
ru = [{ text = "разговорный клуб «Мәміле»" }]
en = [{ text = "Mamile language club" }]
th = [{ text = "ชมรมสนทนามามิเล" }]
"""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return make_glossary(GLOSSARY)


def _found(text: str, lang: str, glossary: Glossary, **kw: bool) -> list[tuple[str, str, str]]:
    return [(h.surface, h.concept, h.kind) for h in find_terms(text, lang, glossary, **kw)]


def _check_spans(text: str, hits: list[TermHit]) -> None:
    for h in hits:
        assert text[h.start : h.end] == h.surface


# ------------------------------------------------------------------------------ Kazakh


def test_kk_multiword_term_inflects_its_last_word(glossary: Glossary) -> None:
    """үкіметтік емес ұйымдардың is the NGO term with plural and genitive on the last word."""
    text = "Елімізде үкіметтік емес ұйымдардың жаңа қауымдастығы құрылды."
    assert _found(text, "kk", glossary) == [
        ("үкіметтік емес ұйымдардың", "ngo", "inflected"),
        ("қауымдастығы", "association", "inflected"),
    ]


def test_kk_stem_final_voicing_and_plural_case(glossary: Glossary) -> None:
    """қауымдастығын and қауымдастықтарға are both forms of қауымдастық."""
    found = _found("қауымдастығын құру, түрлі қауымдастықтарға", "kk", glossary)
    assert [s for s, _, _ in found] == ["қауымдастығын", "қауымдастықтарға"]


def test_kk_izafet_term_continues_after_possessive(glossary: Glossary) -> None:
    """Қазақстан халқы Ассамблеясының is the Assembly's name in the genitive."""
    text = "облыстық Қазақстан халқы Ассамблеясының жанында"
    assert _found(text, "kk", glossary) == [("Қазақстан халқы Ассамблеясының", "apk", "inflected")]


def test_kk_izafet_genitive_is_optional(glossary: Glossary) -> None:
    """The council's name matches with or without the genitive on Ассамблеясы."""
    text = "ШҚО-да Қазақстан халқы Ассамблеясы Кеңесінің мәжілісі өтті"
    assert _found(text, "kk", glossary) == [
        ("Қазақстан халқы Ассамблеясы Кеңесінің", "apk-council", "inflected")
    ]


def test_kk_abbreviations_take_suffixes_after_hyphen(glossary: Glossary) -> None:
    """ҮЕҰ-ның and ҚХА-ға are the abbreviations with case suffixes."""
    assert _found("ҮЕҰ-ның өкілдері ҚХА-ға барды", "kk", glossary) == [
        ("ҮЕҰ-ның", "ngo", "abbreviation"),
        ("ҚХА-ға", "apk", "abbreviation"),
    ]


def test_kk_abbreviations_are_case_sensitive(glossary: Glossary) -> None:
    """A lower-case қха is not the abbreviation."""
    assert _found("қха", "kk", glossary) == []


def test_kk_derivations_are_not_the_term(glossary: Glossary) -> None:
    """әкімшілік, медиатор(лар), ассамблеялық are other words; әкімі and медиацияның are hits."""
    text = "облыс әкімшілігі, медиаторлар, ассамблеялық, әкімі, медиацияның дамуы"
    assert _found(text, "kk", glossary) == [
        ("әкімі", "akim", "inflected"),
        ("медиацияның", "mediation", "inflected"),
    ]


def test_kk_latin_homoglyphs_still_match_with_original_offsets(glossary: Glossary) -> None:
    """Кеңесiнiң (Latin i) matches кеңес; the hit is normalised and indexes the original text."""
    text = "Кеңесiнiң мүшелері"
    hits = find_terms(text, "kk", glossary)
    assert [(h.surface, h.kind) for h in hits] == [("Кеңесiнiң", "normalised")]
    _check_spans(text, hits)


def test_kk_soft_hyphen_inside_a_term(glossary: Glossary) -> None:
    """A soft hyphen inside ұйым\\u00adдардың is ignored; the span still covers it."""
    text = "үкіметтік емес ұйым\u00adдардың"
    hits = find_terms(text, "kk", glossary)
    assert [(h.start, h.end, h.kind) for h in hits] == [(0, len(text), "normalised")]


def test_kk_glued_capitalised_word_is_cut(glossary: Glossary) -> None:
    """In бағытындаМедиацияның the glued capitalised word is still found."""
    assert _found("бағытындаМедиацияның", "kk", glossary) == [
        ("Медиацияның", "mediation", "inflected")
    ]


def test_kk_proper_noun_needs_capitals(glossary: Glossary) -> None:
    """A lower-case Assembly name is a near miss about capitals, not a hit."""
    hits = find_terms("қазақстан халқы ассамблеясы", "kk", glossary)
    assert [(h.kind, h.note) for h in hits] == [("near-miss", "capitals")]
    assert find_terms("қазақстан халқы ассамблеясы", "kk", glossary, near_misses=False) == []


def test_kk_status_is_reported(glossary: Glossary) -> None:
    """A deprecated term is found, with its status."""
    (hit,) = find_terms("мемлекеттік емес ұйымдар", "kk", glossary)
    assert (hit.concept, hit.status) == ("ngo", "deprecated")


def test_kk_longest_match_wins(glossary: Glossary) -> None:
    """Қазақстан inside the Assembly's name is not reported on its own."""
    found = _found("Қазақстан халқы Ассамблеясы және Қазақстан", "kk", glossary)
    assert [c for _, c, _ in found] == ["apk", "kazakhstan"]


def test_kk_near_misses(glossary: Glossary) -> None:
    """Асамблеясы (one s) and Токаев (Russian letters) are near misses with a score."""
    text = "Қазақстан халқы Асамблеясы. Қасым-Жомарт Токаев"
    hits = find_terms(text, "kk", glossary)
    assert [(h.surface, h.concept, h.kind, h.note) for h in hits] == [
        ("Қазақстан халқы Асамблеясы", "apk", "near-miss", "spelling"),
        ("Қасым-Жомарт Токаев", "president", "near-miss", "Russian letters"),
    ]
    assert all(80 <= h.score < 100 for h in hits)


def test_kk_glued_next_word_is_cut_off(glossary: Glossary) -> None:
    """A lost space after a term (Ассамблеясығимаратында) still gives the hit, up to the term."""
    text = "Қазақстан халқы Ассамблеясығимаратында"
    (hit,) = find_terms(text, "kk", glossary)
    assert (hit.surface, hit.kind) == ("Қазақстан халқы Ассамблеясы", "exact")


def test_kk_glued_derivation_is_not_cut(glossary: Glossary) -> None:
    """A derivational suffix is no glued word: медиациялықтар is not медиация."""
    assert _found("медиациялықтарымен", "kk", glossary) == []


def test_kk_sentence_initial_capital_of_a_lower_case_term(glossary: Glossary) -> None:
    """A case-sensitive lower-case term opening a sentence still matches; inside it does not."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "congress"\ndefinition = "A founding congress."\n'
        'kk = [{ text = "құрылтай", case_sensitive = true }]\n'
    )
    assert [h.surface for h in find_terms("Құрылтайды ашты. Ұлттық Құрылтай", "kk", g)] == [
        "Құрылтайды"
    ]


def test_kk_izafet_possessive_added_or_dropped(glossary: Glossary) -> None:
    """The izafet noun may take a possessive or lose its genitive (Ассамблеясы Кеңесі)."""
    assert _found("Қазақстан халқының Ассамблеясы Кеңесінде", "kk", glossary) == [
        ("Қазақстан халқының Ассамблеясы Кеңесінде", "apk-council", "inflected")
    ]


def test_kk_ordinal_inside_a_term_is_skipped(glossary: Glossary) -> None:
    """An ordinal before a word of a term (25-жылдығы) stays inside the hit; before the first
    word it stays outside."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "anniversary"\ndefinition = "An anniversary."\n'
        'kk = [{ text = "Тәуелсіздік жылдығы" }]\n'
    )
    hits = find_terms("Тәуелсіздігінің 25-жылдығы, 30-жылдығы", "kk", g)
    assert [h.surface for h in hits] == ["Тәуелсіздігінің 25-жылдығы"]


def test_kk_term_inside_a_hyphenated_word(glossary: Glossary) -> None:
    """A term after a hyphen (Қазақстан-Ресей, әз-Медиация) is found; a suffix after a hyphen
    stays with its word (ҚХА-ның)."""
    assert _found("Қазақстан-Ресей форумы, ҚХА-ның", "kk", glossary) == [
        ("Қазақстан", "kazakhstan", "exact"),
        ("ҚХА-ның", "apk", "abbreviation"),
    ]


def test_kk_quoted_term(glossary: Glossary) -> None:
    """A term written with guillemets matches with them, and the hit includes both."""
    text = "«Мәміле» тілдесу клубында"
    assert _found(text, "kk", glossary) == [("«Мәміле» тілдесу клубында", "club", "inflected")]


# ------------------------------------------------------------------------------ Russian


def test_ru_multiword_terms_in_any_case_and_number(glossary: Glossary) -> None:
    """некоммерческих организаций and Ассамблеи народа Казахстана are the terms, inflected."""
    text = "Представители некоммерческих организаций и Ассамблеи народа Казахстана"
    assert _found(text, "ru", glossary) == [
        ("некоммерческих организаций", "ngo", "inflected"),
        ("Ассамблеи народа Казахстана", "apk", "inflected"),
    ]


def test_ru_agreement_is_checked(glossary: Glossary) -> None:
    """некоммерческий организаций does not agree, so it is not the term."""
    assert _found("некоммерческий организаций", "ru", glossary) == []


def test_ru_words_after_the_head_do_not_inflect(glossary: Glossary) -> None:
    """народов in the deprecated name is matched as the deprecated term, not the preferred one."""
    (hit,) = find_terms("в Ассамблее народов Казахстана", "ru", glossary)
    assert (hit.term, hit.status) == ("Ассамблея народов Казахстана", "deprecated")


def test_ru_indeclinable_abbreviations(glossary: Glossary) -> None:
    """НПО and АНК are matched exactly, with case."""
    assert _found("НПО и АНК, но не нпо", "ru", glossary) == [
        ("НПО", "ngo", "abbreviation"),
        ("АНК", "apk", "abbreviation"),
    ]


def test_ru_yo_and_homoglyphs(glossary: Glossary) -> None:
    """A Latin o inside Сoвета is folded; the hit reports the original spelling."""
    text = "заседание Сoвета Ассамблеи народа Казахстана"
    hits = find_terms(text, "ru", glossary)
    assert [(h.surface, h.concept, h.kind) for h in hits] == [
        ("Сoвета Ассамблеи народа Казахстана", "apk-council", "normalised")
    ]


def test_ru_coordinated_nouns_inflect_together() -> None:
    """права и свободы человека matches прав и свобод человека."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "rights"\ndefinition = "Rights and freedoms."\n'
        'ru = [{ text = "права и свободы человека" }]\n'
    )
    assert [h.surface for h in find_terms("защита прав и свобод человека", "ru", g)] == [
        "прав и свобод человека"
    ]


def test_ru_homographs_of_one_word_terms_are_dropped() -> None:
    """после is the preposition, not the prepositional case of посол; посла is посол."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "ambassador"\ndefinition = "An ambassador."\n'
        'ru = [{ text = "посол" }]\n'
    )
    assert [h.surface for h in find_terms("после встречи посла", "ru", g)] == ["посла"]


def test_ru_field_sense_of_oblast() -> None:
    """в области литературы is 'in the field of', not a region; Алматинской области is."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "oblast"\ndefinition = "A region."\n'
        'ru = [{ text = "область" }]\n'
    )
    text = "премии в области литературы в Алматинской области"
    assert [h.start for h in find_terms(text, "ru", g)] == [text.rindex("области")]


def test_ru_near_miss(glossary: Glossary) -> None:
    """Асамблеи народа Казахстана is a near miss of the Assembly's name."""
    (hit,) = find_terms("Асамблеи народа Казахстана", "ru", glossary)
    assert (hit.concept, hit.kind) == ("apk", "near-miss")


def test_ru_known_words_are_not_near_misses(glossary: Glossary) -> None:
    """медитация is a real word one letter from медиация: not a near miss."""
    assert find_terms("медитация", "ru", glossary) == []


# ------------------------------------------------------------------------------ English


def test_en_plurals_possessives_and_spellings(glossary: Glossary) -> None:
    """Variants of the NGO term match, each with its kind."""
    text = "Non-governmental organisations (NGOs), nongovernmental organizations, the NGO's"
    assert _found(text, "en", glossary) == [
        ("Non-governmental organisations", "ngo", "inflected"),
        ("NGOs", "ngo", "abbreviation"),
        ("nongovernmental organizations", "ngo", "inflected"),
        ("NGO's", "ngo", "abbreviation"),
    ]


def test_en_hyphen_or_space(glossary: Glossary) -> None:
    """non governmental organization (spaced) is a normalised spelling of the term."""
    assert _found("non governmental organization", "en", glossary) == [
        ("non governmental organization", "ngo", "normalised")
    ]


def test_en_common_words_are_not_near_misses(glossary: Glossary) -> None:
    """medication is a word of its own, not a misspelling of mediation; a misspelt name is."""
    assert _found("medication", "en", glossary) == []
    (hit,) = find_terms("Kazakstan", "en", glossary)
    assert (hit.concept, hit.kind) == ("kazakhstan", "near-miss")


def test_en_article_after_of_and_dotted_initialisms(glossary: Glossary) -> None:
    """Council of the Assembly... is found with an extra 'the'; U.N.-style dots are folded."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "hos"\ndefinition = "Head of state."\n'
        'en = [{ text = "Head of State" }]\n[[concept]]\nid = "unga"\ndefinition = "UNGA."\n'
        'en = [{ text = "UN General Assembly", pos = "proper-noun" }]\n'
    )
    hits = find_terms("the Head of the State at the U.N. General Assembly", "en", g)
    assert [(h.surface, h.kind) for h in hits] == [
        ("Head of the State", "normalised"),
        ("U.N. General Assembly", "normalised"),
    ]


def test_en_context_senses() -> None:
    """law in mother-in-law, at law and law enforcement is not the statute; laws are."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "law"\ndefinition = "A statute."\n'
        'en = [{ text = "law" }]\n'
    )
    text = "his mother-in-law went to court at law; law enforcement; new laws"
    assert [h.surface for h in find_terms(text, "en", g)] == ["laws"]


def test_en_proper_noun_of_another_body(glossary: Glossary) -> None:
    """A one-word name after another capitalised name is that body's (the Welsh Parliament)."""
    g = make_glossary(
        'subject = "t"\n[[concept]]\nid = "parl"\ndefinition = "The Parliament."\n'
        'en = [{ text = "Parliament", pos = "proper-noun", case_sensitive = true }]\n'
    )
    text = "the Welsh Parliament. Parliament met."
    assert [h.start for h in find_terms(text, "en", g)] == [text.rindex("Parliament")]


def test_en_abbreviation_needs_its_case(glossary: Glossary) -> None:
    """ngo in lower case is not the abbreviation NGO."""
    assert _found("an ngo", "en", glossary, near_misses=False) == []


def test_en_proper_noun_capitals(glossary: Glossary) -> None:
    """The Assembly's name in title case is a hit; the council's name is the longer match."""
    text = "the Council of the Assembly of People of Kazakhstan met"
    assert _found(text, "en", glossary) == [
        ("Council of the Assembly of People of Kazakhstan", "apk-council", "exact")
    ]


# ------------------------------------------------------------------------------ Thai


def test_th_terms_on_word_boundaries(glossary: Glossary) -> None:
    """องค์กรพัฒนาเอกชน and NGO are found inside running Thai text without spaces."""
    text = "การเพิ่มจำนวนองค์กรพัฒนาเอกชน (NGO) ในคาซัคสถาน"
    assert _found(text, "th", glossary) == [
        ("องค์กรพัฒนาเอกชน", "ngo", "exact"),
        ("NGO", "ngo", "abbreviation"),
        ("คาซัคสถาน", "kazakhstan", "exact"),
    ]


def test_th_term_inside_a_longer_word_is_not_a_hit(glossary: Glossary) -> None:
    """สภา (council) inside รัฐสภา (parliament) is not a hit; on its own it is."""
    assert _found("รัฐสภาของคาซัคสถาน", "th", glossary) == [("คาซัคสถาน", "kazakhstan", "exact")]
    assert [s for s, _, _ in _found("สภา และรัฐสภา", "th", glossary)] == ["สภา"]


def test_th_zero_width_space_inside_a_term(glossary: Glossary) -> None:
    """A zero-width space inside a term is ignored and the hit is normalised."""
    text = "องค์กร\u200bพัฒนาเอกชน"
    hits = find_terms(text, "th", glossary)
    assert [(h.start, h.end, h.kind) for h in hits] == [(0, len(text), "normalised")]


# ------------------------------------------------------------------------------ all


def test_index_is_compiled_once_per_glossary(glossary: Glossary) -> None:
    """Two calls reuse one compiled index."""
    assert compile_index(glossary, "kk") is compile_index(glossary, "kk")


def test_unknown_language_is_refused(glossary: Glossary) -> None:
    """An unsupported language is a TermguardError naming the ones supported."""
    from termguard.errors import UnknownLanguageError

    with pytest.raises(UnknownLanguageError, match="kk, ru, th, en"):
        find_terms("text", "de", glossary)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["үкіметтік", "емес", "ұйым", "дардың", "ҮЕҰ", "-ның", "Кеңес", "i", "інің", " ",
             "\u00ad", "\u200b", "«", "»", "Қазақстан", "халқы", "Ассамблеясы", "\n", "."]
        ),
        max_size=30,
    ).map("".join)
)  # fmt: skip
def test_every_hit_span_lies_in_the_text(text: str) -> None:
    """Every hit's span lies inside the text and its surface is text[start:end]."""
    glossary = _glossary_for_property()
    hits = find_terms(text, "kk", glossary)
    for h in hits:
        assert 0 <= h.start < h.end <= len(text)
    _check_spans(text, hits)
    assert hits == sorted(hits, key=lambda h: (h.start, h.end))


_CACHE: list[Glossary] = []


def _glossary_for_property() -> Glossary:
    if not _CACHE:
        _CACHE.append(make_glossary(GLOSSARY))
    return _CACHE[0]
