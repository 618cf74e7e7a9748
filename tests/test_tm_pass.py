"""The translation memory in the pass: reuse across articles, one ranking with the engine, trust."""

from __future__ import annotations

from pathlib import Path

import polib
from click.testing import CliRunner

from termguard.cli import cli
from termguard.glossary.model import Glossary
from termguard.testing import FakeTranslator
from termguard.tm.store import Record, TranslationMemory
from termguard.translate.outputs import po_items
from termguard.translate.pipeline import translate_documents

ROOT = Path(__file__).resolve().parent.parent
# Seed sentences (seeds/000_91604382561779cc.txt) and the translations of
# seeds/tm/seed-translations.tmx.
SEVERAL = "Қазір Қазақстанда үкіметтік емес ұйымдардың бірнеше қауымдастығы тіркелген."
SEVERAL_RU = (
    "Сейчас в Казахстане зарегистрировано несколько ассоциаций неправительственных организаций."
)
LARGEST = (
    "Олардың арасындағы ең ірісі Қазақстандағы үкіметтік емес ұйымдардың Конфедерациясы "
    "болып табылады."
)
LARGEST_RU = "Крупнейшая из них — Конфедерация неправительственных организаций Казахстана."
DECISION = (
    "Осындай шешім 16-17-қаңтарда өткен Қазақстанның үкіметтік емес ұйымдарының құрылтайында "
    "қабылданды."
)


def run_cli(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    empty = tmp_path / "models"
    empty.mkdir(exist_ok=True)
    return CliRunner().invoke(
        cli,
        [
            "translate",
            *args,
            "--glossary",
            str(ROOT / "glossary"),
            "--models-dir",
            str(empty),
            "--locales",
            str(tmp_path / "locales"),
            "--tm",
            str(tmp_path / "tm" / "termguard.sqlite"),
        ],
    )


def entry(po_path: Path, msgid: str) -> polib.POEntry:
    po = polib.pofile(str(po_path))
    found = po.find(msgid)
    assert found is not None, f"{msgid!r} is not in {po_path}"
    return found


def test_a_reviewed_sentence_of_article_a_is_reused_in_article_b(tmp_path: Path) -> None:
    """A translator approves a sentence in A's catalog; B, translated next, gets it from memory."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(f"{SEVERAL} {LARGEST}\n", encoding="utf-8")
    b.write_text(f"{LARGEST}\n\n{SEVERAL}\n", encoding="utf-8")
    assert run_cli(tmp_path, str(a), "--to", "ru").exit_code == 0
    # the translator's work in a.po: one entry translated and approved (fuzzy flag removed)
    a_po = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "a.po"
    po = polib.pofile(str(a_po), wrapwidth=0)
    po.find(SEVERAL).msgstr = SEVERAL_RU
    po.save()
    line = next(
        n
        for n, text in enumerate(a_po.read_text(encoding="utf-8").splitlines(), 1)
        if text == f'msgid "{SEVERAL}"'
    )
    result = run_cli(tmp_path, str(b), "--to", "ru")
    assert result.exit_code == 0, result.output
    assert "translation memory: 1 of 2 sentence(s)" in result.stderr
    got = entry(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "b.po", SEVERAL)
    assert got.msgstr == SEVERAL_RU
    assert "fuzzy" in got.flags  # reused, not approved: the reviewer of b decides
    assert f"termguard: tm 100% from locales/ru/LC_MESSAGES/a.po:{line} (reviewed)" in got.comment
    assert entry(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "b.po", LARGEST).msgstr == ""


def test_trust_tm_approves_exact_reviewed_matches_of_the_same_glossary(tmp_path: Path) -> None:
    """--trust-tm writes exact reviewed matches unfuzzied unless the glossary changed."""
    tm = TranslationMemory(tmp_path / "tm" / "termguard.sqlite")
    from termguard.glossary.read import read_glossary

    digest = read_glossary(ROOT / "glossary").digest
    tm.sync_file(
        "/seed.tmx",
        "import",
        [
            Record("kk", "ru", SEVERAL, SEVERAL_RU, "reviewed", "seed.tmx", 1, glossary=digest),
            Record("kk", "ru", LARGEST, LARGEST_RU, "reviewed", "seed.tmx", 2, glossary="0ld"),
        ],
    )
    tm.close()
    doc = tmp_path / "c.txt"
    doc.write_text(f"{SEVERAL}\n\n{LARGEST}\n", encoding="utf-8")
    assert run_cli(tmp_path, str(doc), "--to", "ru", "--trust-tm").exit_code == 0
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "c.po"
    assert entry(po_path, SEVERAL).flags == []
    assert entry(po_path, LARGEST).flags == ["fuzzy"]  # made under another glossary
    assert entry(po_path, LARGEST).msgstr == LARGEST_RU


def test_a_memory_entry_with_a_deprecated_term_is_not_taken_as_is(
    tmp_path: Path, project_glossary: Glossary
) -> None:
    """An exact reviewed match saying НГО is repaired to НПО and stays fuzzy even when trusted."""
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    old = "Сейчас в Казахстане зарегистрировано несколько ассоциаций НГО."
    tm.sync_file(
        "/old.tmx",
        "import",
        [
            Record(
                "kk", "ru", SEVERAL, old, "reviewed", "old.tmx", 7, glossary=project_glossary.digest
            )
        ],
    )
    doc = tmp_path / "d.txt"
    doc.write_text(SEVERAL + "\n", encoding="utf-8")
    run = translate_documents(
        [str(doc)], ["ru"], project_glossary, memory=tm, translator_factory=_no_model
    )
    (seg,) = run.documents[0].segments
    assert seg.target == "Сейчас в Казахстане зарегистрировано несколько ассоциаций НПО."
    assert seg.status == "repaired" and seg.tm is not None and seg.tm.kind == "exact"
    assert any("deprecated 'НГО'" in r for r in seg.reasons)
    (item,) = po_items(run.documents[0], trust_tm=True)
    assert item.machine  # written fuzzy
    tm.close()


def _no_model(src: str, tgt: str) -> FakeTranslator:
    from termguard.errors import ModelNotInstalledError

    raise ModelNotInstalledError(src, tgt, [])


def test_memory_and_engine_candidates_compete_in_one_ranking(
    tmp_path: Path, project_glossary: Glossary
) -> None:
    """An exact reviewed match wins and spares the engine; a weak fuzzy match loses to it."""
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    tm.sync_file(
        "/seed.tmx",
        "import",
        [
            Record("kk", "ru", SEVERAL, SEVERAL_RU, "reviewed", "seed.tmx", 1),
            Record("kk", "ru", DECISION, "Такое решение было принято.", "reviewed", "seed.tmx", 2),
        ],
    )
    changed = DECISION.replace("Осындай шешім", "Бұл туралы шешім").replace(" өткен", "")
    engine_ru = (
        "Решение было принято на учредительном съезде неправительственных организаций Казахстана."
    )
    fake = FakeTranslator(
        "kk", "ru", {SEVERAL: ["Машинный перевод."], changed: [(engine_ru, -0.2)]}
    )
    doc = tmp_path / "e.txt"
    doc.write_text(f"{SEVERAL}\n\n{changed}\n", encoding="utf-8")
    run = translate_documents(
        [str(doc)], ["ru"], project_glossary, memory=tm, translator_factory=lambda s, t: fake
    )
    first, second = run.documents[0].segments
    assert first.target == SEVERAL_RU and first.tm is not None and first.tm.kind == "exact"
    assert second.target == engine_ru and second.tm is None
    assert fake.calls == [[changed]]  # the exact match was not given to the engine
    assert len(tm.lookup(changed, "kk", "ru")) == 1  # the fuzzy match was there and lost
    tm.close()


def test_without_a_model_the_memory_fills_what_it_can(
    tmp_path: Path, project_glossary: Glossary
) -> None:
    """No model: a memory hit is filled in, the other sentence stays empty with the hints."""
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    tm.sync_file("/s.tmx", "import", [Record("kk", "ru", SEVERAL, SEVERAL_RU, "reviewed", "s", 1)])
    doc = tmp_path / "f.txt"
    doc.write_text(f"{SEVERAL}\n\n{LARGEST}\n", encoding="utf-8")
    run = translate_documents(
        [str(doc)], ["ru"], project_glossary, memory=tm, translator_factory=_no_model
    )
    filled, empty = run.documents[0].segments
    assert (filled.target, filled.status) == (SEVERAL_RU, "ok")
    assert empty.target == "" and empty.reasons == ("untranslated: no model for kk->ru",)
    assert [(u.concept, u.ok) for u in empty.uses] == [
        ("confederation-of-ngos-of-kazakhstan", False)
    ]
    assert run.documents[0].counts()["tm"] == 1
    tm.close()


def test_a_catalog_entry_from_a_fuzzy_match_shows_the_diff(tmp_path: Path) -> None:
    """The memory's source becomes #| msgid and the comments give the similarity and a word diff."""
    tm = TranslationMemory(tmp_path / "tm" / "termguard.sqlite")
    tm.sync_file(
        "/s.tmx", "import", [Record("kk", "ru", SEVERAL, SEVERAL_RU, "reviewed", "s.tmx", 3)]
    )
    tm.close()
    changed = SEVERAL.replace("үкіметтік", "коммерциялық")
    doc = tmp_path / "g.txt"
    doc.write_text(changed + "\n", encoding="utf-8")
    assert run_cli(tmp_path, str(doc), "--to", "ru").exit_code == 0
    got = entry(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "g.po", changed)
    assert got.previous_msgid == SEVERAL
    assert got.msgstr == SEVERAL_RU.replace("неправительственных", "некоммерческих")
    lines = got.comment.splitlines()
    assert any(
        line.startswith("termguard: tm 90% ") and "from s.tmx:3 (reviewed)" in line
        for line in lines
    )
    assert (
        "termguard: tm diff: Қазір Қазақстанда [-үкіметтік-] {+коммерциялық+} емес" in got.comment
    )
    assert any(line.startswith("termguard: tm term patched: ") for line in lines)


def test_no_tm_neither_reads_nor_writes_the_memory(tmp_path: Path) -> None:
    """--no-tm: no memory file is created and the run says nothing about one."""
    doc = tmp_path / "h.txt"
    doc.write_text(SEVERAL + "\n", encoding="utf-8")
    result = run_cli(tmp_path, str(doc), "--to", "ru", "--no-tm")
    assert result.exit_code == 0
    assert not (tmp_path / "tm").exists()
    assert "translation memory" not in result.stderr


def test_markup_comes_from_the_engine_candidate_taken_over_a_memory_one(
    tmp_path: Path, project_glossary: Glossary
) -> None:
    """The memory's candidate ranks first but has a deprecated term: the engine's bold is kept."""
    from termguard.translate.pipeline import translated_document

    plain = "Үкіметтік емес ұйымдардың өкілдері медиацияны талқылады."
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    near = plain.replace("медиацияны", "медиацияны кеше")
    old = "Представители НГО вчера обсудили медиацию."  # НГО is deprecated
    tm.sync_file("/s.tmx", "import", [Record("kk", "ru", near, old, "reviewed", "s", 1)])
    tagged = "Үкіметтік емес ұйымдардың [1]өкілдері[/1] медиацияны талқылады."
    engine = "[1]Представители[/1] неправительственных организаций обсудили медиацию."
    fake = FakeTranslator("kk", "ru", {tagged: [(engine, -0.9)]})
    doc = tmp_path / "m.md"
    doc.write_text(plain.replace("өкілдері", "**өкілдері**") + "\n", encoding="utf-8")
    run = translate_documents(
        [str(doc)], ["ru"], project_glossary, memory=tm, translator_factory=lambda s, t: fake
    )
    (seg,) = run.documents[0].segments
    assert seg.tm is None and seg.rank == 1  # the memory's candidate was first in the ranking
    assert seg.target == "Представители неправительственных организаций обсудили медиацию."
    out = translated_document(run.documents[0]).decode("utf-8")
    assert out.startswith("**Представители** неправительственных организаций")
    tm.close()


def test_a_memory_translation_of_a_marked_up_sentence_says_it_has_no_markup(
    tmp_path: Path, project_glossary: Glossary
) -> None:
    """An exact memory match for a sentence with bold in it is reused, with a note for review."""
    plain = "Үкіметтік емес ұйымдардың өкілдері медиацияны талқылады."
    ru = "Представители неправительственных организаций обсудили медиацию."
    tm = TranslationMemory(tmp_path / "tm.sqlite")
    tm.sync_file("/s.tmx", "import", [Record("kk", "ru", plain, ru, "reviewed", "s", 1)])
    doc = tmp_path / "m.md"
    doc.write_text(plain.replace("өкілдері", "**өкілдері**") + "\n", encoding="utf-8")
    run = translate_documents(
        [str(doc)], ["ru"], project_glossary, memory=tm, translator_factory=_no_model
    )
    (seg,) = run.documents[0].segments
    assert seg.target == ru and seg.tm is not None and seg.tm.kind == "exact"
    assert "tm: the memory's translation has none of the sentence's markup" in seg.reasons
    tm.close()
