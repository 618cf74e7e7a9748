"""Term extraction: candidates by the languages' patterns, folded, scored, paired, exported."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from extract_helpers import (
    JUDGED,
    KK_SEEDS,
    SEEDS,
    TH_SEEDS,
    held_out,
    score_abbreviations,
)
from termguard.bitext import read_bitext
from termguard.extract import count_document, extract_terms, merge_counts
from termguard.extract.records import candidate_glossary
from termguard.glossary.formats import generate_export, read_exchange
from termguard.glossary.importing import apply_import, plan_import
from termguard.glossary.model import Concept, Glossary, Term
from termguard.glossary.read import read_glossary
from termguard.lang import get_language, register_language, unregister_language
from termguard.lang.base import Language
from termguard.matching import find_terms

DATA = Path(__file__).parent / "data" / "extract"
#: 21 sentences of one WMT19 Kazakh news article on a Nur Otan party conference, with their
#: English reference (newstest2019.kk-en, lines 121-141).
NUR_OTAN = DATA / "wmt19-nur-otan.kk-en.tsv"


def _nur_otan() -> list[Any]:
    return read_bitext(NUR_OTAN, src_lang="kk", tgt_lang="en")


def _by_term(found: list[Any]) -> dict[str, Any]:
    return {c.term: c for c in found}


def test_kazakh_inflected_heads_fold_to_one_candidate() -> None:
    """бастауыш партия ұйымдарының, ұйымында and ұйымының count as one: бастауыш партия ұйымы."""
    text = "\n".join(p.source for p in _nur_otan())
    found = _by_term(extract_terms([("a.txt", text)], "kk", limit=None))
    candidate = found["бастауыш партия ұйымы"]
    assert candidate.frequency == 3
    assert {"бастауыш партия ұйымдарының", "бастауыш партия ұйымының"} <= set(candidate.forms)


def test_kazakh_possessive_goes_after_an_adjective() -> None:
    """The head keeps its izafet possessive after a noun and drops it after an adjective."""
    kk = get_language("kk")
    known = kk.stems_seen(["ұйым", "ұйымдары", "ұйымдардың"])
    assert kk.phrase_lemma(["бастауыш", "партия", "ұйымдары"], known) == "бастауыш партия ұйымы"
    assert kk.phrase_lemma(["үкіметтік", "емес", "ұйымдардың"], known) == "үкіметтік емес ұйым"


def test_kazakh_verbs_are_no_heads() -> None:
    """A past tense in -ды (құрылды) ends no candidate; the accusative of a known noun does."""
    kk = get_language("kk")
    known = kk.stems_seen(["ұйым"])
    assert kk.phrase_lemma(["қауымдастығы", "құрылды"], known) is None
    assert kk.phrase_lemma(["ұйымды"], known) == "ұйым"


def test_russian_phrases_are_put_in_the_nominative() -> None:
    """Adjectives agree with the head noun in the nominative; the genitive chain stays."""
    ru = get_language("ru")
    assert ru.phrase_lemma(["неправительственных", "организаций"]) == (
        "неправительственная организация"
    )
    assert ru.phrase_lemma(["Ассамблеи", "народа", "Казахстана"]) == "Ассамблея народа Казахстана"
    words = ["обсудили", "развитие", "гражданского", "общества"]
    spans = ru.phrase_spans(words, ["", " ", " ", " ", ""])
    assert (2, 3) in spans and (0, 1) not in spans


def test_english_heads_are_singular() -> None:
    """English candidates end in a noun, put in the singular."""
    en = get_language("en")
    text = (
        "Leaders of civil society organizations gathered. "
        "They thanked civil society organization leaders warmly."
    )
    found = _by_term(extract_terms([("a.txt", text)], "en", limit=None))
    assert found["civil society organization"].frequency == 2
    assert not any(t.endswith(("warmly", "gathered")) for t in found)
    assert en.phrase_lemma(["NGOs"]) == "NGOs"


def test_thai_candidates_are_word_ngrams() -> None:
    """Thai words cut by newmm join into candidates: the seed's NGO term comes first."""
    docs = [(name, (SEEDS / name).read_text(encoding="utf-8")) for name in TH_SEEDS]
    found = extract_terms(docs, "th", limit=5)
    assert found[0].term == "องค์กรพัฒนาเอกชน"


def test_glossary_terms_are_left_out(project_glossary: Glossary) -> None:
    """A candidate the glossary has in any form is dropped; without the glossary it leads."""
    docs = [(name, (SEEDS / name).read_text(encoding="utf-8")) for name in KK_SEEDS]
    assert "үкіметтік емес ұйым" in [c.term for c in extract_terms(docs, "kk", limit=3)]
    found = extract_terms(docs, "kk", project_glossary, limit=None)
    assert "үкіметтік емес ұйым" not in _by_term(found)


def test_near_miss_is_a_possible_variant() -> None:
    """A phrase one letter from a term is reported as a variant of its concept."""
    glossary = Glossary(
        (Concept("assembly", "x", "The Assembly.", (Term("Қазақстан халқы Ассамблеясы", "kk"),)),)
    )
    text = "Қазақстан халқы Асамблеясы жиналды. Қазақстан халқы Асамблеясының мүшелері келді."
    found = _by_term(extract_terms([("a.txt", text)], "kk", glossary, limit=None))
    candidate = found["Қазақстан халқы Асамблеясы"]
    assert (candidate.variant_of, candidate.variant_term) == (
        "assembly",
        "Қазақстан халқы Ассамблеясы",
    )


def test_abbreviation_pairs_with_its_full_form() -> None:
    """үкіметтік емес ұйымдар (ҮЕҰ) pairs, and ҮЕҰ-ның alone counts for the full form."""
    text = (
        "Елімізде үкіметтік емес ұйымдар (ҮЕҰ) көбейді.\n"
        "ҮЕҰ-ның өкілдері жиналды.\nҮЕҰ жұмысы туралы айтылды."
    )
    found = _by_term(extract_terms([("a.txt", text)], "kk", limit=None))
    candidate = found["үкіметтік емес ұйым"]
    assert candidate.abbreviation == "ҮЕҰ"
    assert candidate.frequency == 3
    assert "ҮЕҰ" not in found
    assert get_language("kk").abbreviation_base("ҮЕҰ-ның") == "ҮЕҰ"
    assert get_language("ru").abbreviation_base("НПО-шы") == "НПО"


@pytest.mark.parametrize(
    ("lang", "spelt"), [("kk", 4), ("ru", 3), ("en", 12)], ids=["kk", "ru", "en"]
)
def test_abbreviations_judged_by_hand(lang: str, spelt: int) -> None:
    """Every pair found in the hand-judged sentences is right, and those whose initials spell
    the abbreviation are found (METI's comma aside)."""
    found, right, initials, _ = score_abbreviations(lang)
    assert initials == spelt
    assert right == found
    assert found >= initials - (1 if lang == "en" else 0)


def test_aligned_text_proposes_a_translation() -> None:
    """The English phrase that co-occurs with a Kazakh candidate is proposed with its Dice."""
    pairs = _nur_otan()
    text = "\n".join(p.source for p in pairs)
    found = _by_term(extract_terms([("a.txt", text)], "kk", limit=None, aligned=pairs))
    candidate = found["бастауыш партия ұйымы"]
    assert candidate.translation == "primary party organization"
    assert candidate.translation_score == 1.0
    assert found["Саяси кеңесі Бюросы"].translation == "Political Council Bureau"


def test_documents_are_counted_apart_and_merged() -> None:
    """Counting each document alone (picklable results) and merging gives extract_terms."""
    docs = [(name, (SEEDS / name).read_text(encoding="utf-8")) for name in KK_SEEDS]
    counts = [pickle.loads(pickle.dumps(count_document(p, t, "kk"))) for p, t in docs]
    assert merge_counts(counts, "kk", limit=20) == extract_terms(docs, "kk", limit=20)


def test_a_language_added_later_extracts_with_the_defaults() -> None:
    """A language that overrides nothing gets candidates from the base interface's rules."""

    class Plain(Language):
        code = "xy"
        stop_words = frozenset({"the", "of"})

    register_language(Plain())
    try:
        text = "The flumo karto grew. The flumo karto of the city."
        found = _by_term(extract_terms([("a.txt", text)], "xy", limit=None))
        assert found["flumo karto"].frequency == 2
    finally:
        unregister_language("xy")


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_proposed_concepts_round_trip_through_import(
    fmt: str, project_glossary: Glossary, tmp_path: Path
) -> None:
    """extract -> export -> import plan -> apply: the term is in the glossary, proposed, and
    find_terms finds it in the article."""
    folder = tmp_path / "glossary"
    shutil.copytree(Path(__file__).parent.parent / "glossary", folder)
    docs = [(name, (SEEDS / name).read_text(encoding="utf-8")) for name in KK_SEEDS]
    found = extract_terms(docs, "kk", project_glossary, limit=5)
    data = generate_export(candidate_glossary(found, project_glossary), fmt, ("kk",))[""]
    path = tmp_path / f"proposed.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    records = read_exchange(path, project_glossary)
    plan = plan_import(project_glossary, records, [folder])
    assert not plan.conflicts
    apply_import(plan, [folder])
    after = read_glossary(folder)
    first = found[0]
    terms = [t for _, t in after.terms("kk") if t.text == first.term]
    assert terms and terms[0].review == "proposed"
    hits = find_terms(docs[0][1] + "\n" + docs[1][1], "kk", after, near_misses=False)
    assert any(h.term == first.term for h in hits)


def _judged(lang: str) -> list[tuple[str, bool]]:
    lines = (JUDGED / f"extract-top50-{lang}.tsv").read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if not ln.startswith("#")][1:]
    return [(row[1], row[2] == "yes") for row in rows]


@pytest.mark.parametrize(
    ("lang", "seeds", "recall", "precision"),
    [("kk", KK_SEEDS, 0.20, 0.28), ("th", TH_SEEDS, 0.10, 0.20)],
    ids=["kk", "th"],
)
def test_held_out_concepts(
    lang: str, seeds: tuple[str, ...], recall: float, precision: float, project_glossary: Glossary
) -> None:
    """With 20 drawn concepts removed from the glossary, the top 50 is the judged list, finds
    at least the measured share of the removed concepts, and holds the judged share of terms."""
    _, picked, _, found, recalled = held_out(lang, seeds, project_glossary)
    assert len(picked) == 20
    assert len(recalled) / 20 >= recall
    judged = _judged(lang)
    assert [c.term for c in found] == [term for term, _ in judged]
    assert sum(ok for _, ok in judged) / len(judged) >= precision


@pytest.mark.xfail(strict=True, reason="held-out kk recall is 0.20, the goal 0.8 is not met")
def test_held_out_recall_goal(project_glossary: Glossary) -> None:
    """The goal: 80% of 20 removed concepts come back in the top 50 of the Kazakh seeds."""
    _, _, _, _, recalled = held_out("kk", KK_SEEDS, project_glossary)
    assert len(recalled) / 20 >= 0.8


def test_a_translation_another_concept_has_stays_in_the_note(project_glossary: Glossary) -> None:
    """A proposed translation that is already another concept's term is named in the note, so
    the import plans a new concept and changes nothing in the other one."""
    from termguard.extract.score import TermCandidate

    candidate = TermCandidate(
        term="халық", lang="kk", score=1.0, frequency=2, documents=1, cvalue=1.0,
        contrast=1.0, words=1, source="seeds/x.txt:3", phrase="халқы",
        translation="Address", translation_score=1.0,
    )  # fmt: skip
    proposed = candidate_glossary([candidate], project_glossary, target="en")
    concept = proposed.concepts[0]
    assert [t.text for t in concept.terms] == ["халық"]
    assert "Address" in concept.note and "state-of-the-nation-address" in concept.note
    records = [_record(concept)]
    plan = plan_import(project_glossary, records, [Path(__file__).parent.parent / "glossary"])
    assert [c.kind for c in plan.changes] == ["new-concept"] and not plan.conflicts


def _record(concept: Concept) -> Any:
    from termguard.glossary.exchange import ConceptRecord, full_record

    return ConceptRecord(
        id=concept.id,
        terms=tuple(full_record(t) for t in concept.terms),
        subject=concept.subject,
        definition=concept.definition,
        note=concept.note,
        sources=concept.sources,
    )


def test_a_word_that_only_modifies_is_no_candidate_alone() -> None:
    """A Kazakh adjective seen before the nouns it modifies is dropped alone, kept in phrases."""
    text = "Облыстық сот шешті.\nБіз облыстық сотқа бардық.\nОлар облыстық кеңеске келді."
    found = _by_term(extract_terms([("a.txt", text)], "kk", limit=None))
    assert "облыстық" not in found and "облыстық" not in {t.lower() for t in found}
    assert found["облыстық сот"].frequency == 2
