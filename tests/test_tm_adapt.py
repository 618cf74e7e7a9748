"""Memory matches adapted to a new source: numbers carried over, terms replaced and inflected."""

from __future__ import annotations

from pathlib import Path

import pytest

from termguard.glossary.model import Glossary
from termguard.lang.ru import form_of as ru_form
from termguard.matching import find_terms
from termguard.tm.adapt import EXACT_REVIEWED, TmCandidate, tm_candidates, word_diff
from termguard.tm.store import Record, TranslationMemory
from termguard.translate.inflect import Form

# Seed 000's sentences (seeds/000_91604382561779cc.txt) and their translations from
# seeds/tm/seed-translations.tmx; the English ones are also the sources of en->kk units.
DECISION = (
    "Осындай шешім 16-17-қаңтарда өткен Қазақстанның үкіметтік емес ұйымдарының құрылтайында "
    "қабылданды."
)
DECISION_RU = (
    "Такое решение было принято на учредительном съезде неправительственных организаций "
    "Казахстана, прошедшем 16-17 января."
)
SEVERAL = "Қазір Қазақстанда үкіметтік емес ұйымдардың бірнеше қауымдастығы тіркелген."
SEVERAL_RU = (
    "Сейчас в Казахстане зарегистрировано несколько ассоциаций неправительственных организаций."
)
SEVERAL_EN = (
    "Several associations of non-governmental organizations are now registered in Kazakhstan."
)
VIEW = "Оның пайымдауынша, үкіметтік емес ұйымдар «билікке жетуді мұрат тұтпайды»."
VIEW_RU = "По её мнению, неправительственные организации «не ставят целью прийти к власти»."
VIEW_EN = 'In her view, non-governmental organizations "do not aim to gain power".'


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    tm.sync_file(
        "/seed.tmx",
        "import",
        [
            Record("kk", "ru", DECISION, DECISION_RU, "reviewed", "seed.tmx", 1),
            Record("kk", "ru", SEVERAL, SEVERAL_RU, "reviewed", "seed.tmx", 2),
            Record("kk", "ru", VIEW, VIEW_RU, "reviewed", "seed.tmx", 3),
            Record("en", "kk", SEVERAL_EN, SEVERAL, "reviewed", "seed.tmx", 4),
            Record("en", "kk", VIEW_EN, VIEW, "reviewed", "seed.tmx", 5),
        ],
    )
    yield tm  # type: ignore[misc]
    tm.close()


def best(tm: TranslationMemory, text: str, src: str, tgt: str, g: Glossary) -> TmCandidate:
    cands = tm_candidates(tm.lookup(text, src, tgt), text, find_terms(text, src, g), g)
    assert cands, f"no memory candidate for {text!r}"
    return cands[0]


def test_a_one_number_change_is_reused_with_the_number_patched(
    memory: TranslationMemory, project_glossary: Glossary
) -> None:
    """16-17 January in the memory, 18-19 in the new source: the translation says 18-19."""
    c = best(memory, DECISION.replace("16-17", "18-19"), "kk", "ru", project_glossary)
    assert c.text == DECISION_RU.replace("16-17", "18-19")
    assert c.use.kind == "shape" and c.use.percent == 100
    assert c.use.patches == ("numbers patched: 16 -> 18", "numbers patched: 17 -> 19")
    assert not c.use.approvable  # changed text is never pre-approved


def test_a_number_the_translation_does_not_hold_is_not_patched_blindly(
    memory: TranslationMemory, project_glossary: Glossary
) -> None:
    """A number the memory's translation writes differently stays, with a note, as a fuzzy match."""
    memory.sync_file(
        "/other.tmx",
        "import",
        [
            Record(
                "kk",
                "ru",
                "Бұл іс-шараларға 14 мыңнан аса адам қатысты.",
                "Пришли тысячи людей.",
                "reviewed",
                "o",
                1,
            )
        ],
    )
    c = best(memory, "Бұл іс-шараларға 15 мыңнан аса адам қатысты.", "kk", "ru", project_glossary)
    assert c.text == "Пришли тысячи людей."
    assert c.use.kind == "fuzzy"
    assert c.use.patches == ("numbers: could not carry 15 over (the memory has 14)",)


def test_a_one_term_change_puts_the_approved_russian_term_in_its_case(
    memory: TranslationMemory, project_glossary: Glossary
) -> None:
    """үкіметтік емес -> коммерциялық емес: the genitive plural and the nominative plural stay."""
    c = best(memory, SEVERAL.replace("үкіметтік", "коммерциялық"), "kk", "ru", project_glossary)
    assert c.text == SEVERAL_RU.replace("неправительственных", "некоммерческих")
    assert c.use.kind == "fuzzy" and c.use.similarity < 100
    assert c.score > -0.5  # after the patch the sources agree: it ranks like a good sentence
    c = best(memory, VIEW.replace("үкіметтік", "коммерциялық"), "kk", "ru", project_glossary)
    assert c.text == VIEW_RU.replace("неправительственные", "некоммерческие")


def test_a_one_term_change_puts_the_approved_kazakh_term_in_its_case(
    memory: TranslationMemory, project_glossary: Glossary
) -> None:
    """non-governmental -> non-commercial into Kazakh: ұйымдардың and ұйымдар keep the suffixes."""
    q = SEVERAL_EN.replace("non-governmental", "non-commercial")
    assert best(memory, q, "en", "kk", project_glossary).text == SEVERAL.replace(
        "үкіметтік", "коммерциялық"
    )
    q = VIEW_EN.replace("non-governmental", "non-commercial")
    assert best(memory, q, "en", "kk", project_glossary).text == VIEW.replace(
        "үкіметтік", "коммерциялық"
    )


def test_russian_form_takes_the_reading_the_adjective_agrees_with() -> None:
    """организации alone reads genitive singular first; after неправительственные it is plural."""
    assert ru_form("неправительственные организации") == Form("nomn", True)
    assert ru_form("неправительственных организаций") == Form("gent", True)


def test_an_exact_reviewed_match_scores_above_any_engine_candidate(
    memory: TranslationMemory, project_glossary: Glossary
) -> None:
    """The exact match's score leaves every engine score (log-probabilities, <= 0) far behind."""
    c = best(memory, SEVERAL, "kk", "ru", project_glossary)
    assert c.score == EXACT_REVIEWED and c.use.kind == "exact" and c.text == SEVERAL_RU


def test_the_word_diff_shows_what_changed() -> None:
    """Removed words in [- -], added ones in {+ +}, the rest as it is."""
    assert word_diff("a b c d", "a x c d e") == "a [-b-] {+x+} c d {+e+}"
