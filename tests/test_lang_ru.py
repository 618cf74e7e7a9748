"""Russian paradigms of term words, agreement readings, and rough stems for near misses."""

from __future__ import annotations

from termguard.lang import ru


def test_paradigm_lists_every_case_and_number() -> None:
    """организация yields its genitive plural and its instrumental singular."""
    forms = ru.paradigm("организация")
    assert {"организации", "организаций", "организацией", "организациям"} <= set(forms)


def test_paradigm_keys_read_yo_as_ye() -> None:
    """Forms are keyed with ё read as е."""
    assert "объединенных" in ru.paradigm("объединённый", head=False)


def test_adjective_and_noun_agree_only_in_shared_readings() -> None:
    """некоммерческих agrees with организаций (plural genitive), некоммерческий does not."""
    adj = ru.paradigm("некоммерческая", head=False)
    noun = ru.paradigm("организация")
    assert ("plur", "gent", "") in ru.agree(adj["некоммерческих"], noun["организаций"])
    assert not ru.agree(adj["некоммерческий"], noun["организаций"])


def test_abbreviations_and_kazakh_words_do_not_inflect() -> None:
    """НПО and a Kazakh name are not Russian words to inflect."""
    assert not ru.is_russian_word("НПО")
    assert not ru.is_russian_word("Мәміле")
    assert ru.is_russian_word("пресс-служба")


def test_crude_stem_meets_misspelt_forms() -> None:
    """Ассамблеи and Асамблея lose their endings, leaving stems one letter apart."""
    assert ru.crude_stem("Ассамблеи") == "ассамбле"
    assert ru.crude_stem("Асамблея") == "асамбле"


def test_known_words_are_known() -> None:
    """pymorphy3's dictionary knows медитация and does not know асамблея."""
    assert ru.is_known("медитация")
    assert not ru.is_known("асамблея")
