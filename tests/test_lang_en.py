"""English keys: plurals, possessives and British spellings meet their term."""

from __future__ import annotations

import pytest

from termguard.lang import en


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("organisations", "organization"),
        ("Organization's", "organization"),
        ("societies", "society"),
        ("members'", "member"),
        ("dialogue", "dialog"),
        ("centres", "center"),
        ("labour", "labor"),
        ("analyses", "analysis"),
        ("news", "news"),
        ("status", "status"),
        ("process", "process"),
        ("processes", "process"),
        ("promise", "promise"),
    ],
)
def test_key(word: str, key: str) -> None:
    """Variants of a word share one key; words that only look plural keep theirs."""
    assert en.key(word) == key


def test_case_key_strips_plural_and_possessive_of_abbreviations() -> None:
    """NGOs and NGO's are NGO; a capitalised word keeps its s."""
    assert en.case_key("NGOs") == "NGO"
    assert en.case_key("NGO's") == "NGO"
    assert en.case_key("Address") == "Address"


def test_split_prefix() -> None:
    """nongovernmental splits into non + governmental; short rests do not split."""
    assert en.split_prefix("nongovernmental") == ("non", "governmental")
    assert en.split_prefix("nonce") is None
