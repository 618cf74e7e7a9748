"""The translation pass end to end with a FakeTranslator: statuses, catalogs, reruns, bad input."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from termguard.errors import ModelNotInstalledError
from termguard.glossary.model import Glossary
from termguard.testing import FakeTranslator
from termguard.translate.outputs import write_outputs
from termguard.translate.pipeline import rebuild_translation, translate_documents

MINI = Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml"
ARTICLE = (
    "Медиация туралы\n\n"
    "Қазақстан халқы Ассамблеясының отырысы өтті. Оған 170 ұйымның өкілі қатысты.\n"
    "  • 596\n"
    "Үкіметтік емес ұйымдардың өкілдері медиацияны талқылады.\n"
)
EN = {
    "Медиация туралы": ["About mediation"],
    "Қазақстан халқы Ассамблеясының отырысы өтті.": [
        "A meeting of the Assembly took place.",
        "A meeting of the Assembly of People of Kazakhstan took place.",
    ],
    "Оған 170 ұйымның өкілі қатысты.": ["Representatives of 170 organisations attended."],
    "Үкіметтік емес ұйымдардың өкілдері медиацияны талқылады.": [
        "Representatives of Үкіметтік емес ұйымдардың discussed mediation."
    ],
}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    from termguard.glossary.read import read_glossary

    return read_glossary(MINI)


def factory(tables: dict[str, dict[str, list[str]]]):  # type: ignore[no-untyped-def]
    made: dict[tuple[str, str], FakeTranslator] = {}

    def make(src: str, tgt: str) -> FakeTranslator:
        if tgt not in tables:
            raise ModelNotInstalledError(src, tgt, ["kk-en"])
        made[(src, tgt)] = FakeTranslator(src, tgt, tables[tgt], name=f"{src}-{tgt} fake")
        return made[(src, tgt)]

    make.made = made  # type: ignore[attr-defined]
    return make


def write_article(tmp_path: Path, name: str = "news.txt", text: str = ARTICLE) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_statuses_and_reasons(tmp_path: Path, glossary: Glossary) -> None:
    """Each sentence ends ok, chosen or repaired as its candidates allow."""
    path = write_article(tmp_path)
    run = translate_documents([path], ["en"], glossary, translator_factory=factory({"en": EN}))
    (doc,) = run.documents
    got = {s.source: (s.status, s.target) for s in doc.segments}
    assert got["Медиация туралы"] == ("ok", "About mediation")
    assert got["Қазақстан халқы Ассамблеясының отырысы өтті."] == (
        "chosen",
        "A meeting of the Assembly of People of Kazakhstan took place.",
    )
    assert got["Үкіметтік емес ұйымдардың өкілдері медиацияны талқылады."] == (
        "repaired",
        "Representatives of non-governmental organizations discussed mediation.",
    )
    assert "596" not in got  # a lone number passes through untranslated
    assert doc.counts()["compliance"] == 1.0


def test_all_sentences_go_to_the_model_in_one_batch(tmp_path: Path, glossary: Glossary) -> None:
    """Two documents of one language pair are translated in a single batched call."""
    a = write_article(tmp_path, "a.txt")
    b = write_article(tmp_path, "b.txt", "Медиация туралы\n")
    make = factory({"en": EN})
    translate_documents([a, b], ["en"], glossary, translator_factory=make)
    assert len(make.made[("kk", "en")].calls) == 1


def test_layout_is_rebuilt_around_translations(tmp_path: Path, glossary: Glossary) -> None:
    """The translated document keeps blank lines, bullets and numbers in place."""
    path = write_article(tmp_path)
    run = translate_documents([path], ["en"], glossary, translator_factory=factory({"en": EN}))
    out = rebuild_translation(run.documents[0])
    assert out.startswith("About mediation\n\nA meeting of the Assembly of People")
    assert "\n  • 596\n" in out


def test_missing_model_writes_catalog_with_hints(tmp_path: Path, glossary: Glossary) -> None:
    """Without a model the catalog has empty msgstr, the glossary hints and a missing pair."""
    path = write_article(tmp_path)
    run = translate_documents(
        [path], ["en", "ru"], glossary, translator_factory=factory({"en": EN})
    )
    assert [(s, t) for s, t, _ in run.missing_pairs] == [("kk", "ru")]
    write_outputs(
        run.documents,
        locales=tmp_path / "locales",
        parallel=None,
        generator="termguard 0.1.0",
        glossary_digest=glossary.digest,
    )
    po = polib.pofile(str(tmp_path / "locales" / "ru" / "LC_MESSAGES" / "news.po"))
    entry = po.find("Қазақстан халқы Ассамблеясының отырысы өтті.")
    assert entry is not None and entry.msgstr == "" and "fuzzy" not in entry.flags
    assert (
        "term: Қазақстан халқы Ассамблеясының = Ассамблея народа Казахстана [assembly-of-people]"
    ) in entry.comment.splitlines()
    assert po.metadata["X-Termguard-Model"] == "none"


def test_catalogs_parallel_text_and_rerun_without_diff(tmp_path: Path, glossary: Glossary) -> None:
    """A run writes .po, TSV and TMX; a second identical run changes no file."""
    path = write_article(tmp_path)
    out = {"locales": tmp_path / "locales", "parallel": tmp_path / "parallel"}

    def once() -> tuple[list[Path], int]:
        run = translate_documents([path], ["en"], glossary, translator_factory=factory({"en": EN}))
        return write_outputs(
            run.documents,
            locales=out["locales"],
            parallel=out["parallel"],
            generator="termguard 0.1.0",
            glossary_digest=glossary.digest,
        )

    first, total = once()
    assert total == 3
    assert sorted(p.name for p in first) == ["news.kk-en.tsv", "news.po", "run.tmx"]
    snapshot = {p: p.read_bytes() for p in first}
    assert once() == ([], 3)
    assert {p: p.read_bytes() for p in first} == snapshot
    tsv = (out["parallel"] / "news.kk-en.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[0] == "id\tsource\ttarget\tstatus"
    assert tsv[1] == "news:1\tМедиация туралы\tAbout mediation\tok"
    po = polib.pofile(str(out["locales"] / "en" / "LC_MESSAGES" / "news.po"))
    entry = po.find("Медиация туралы")
    assert entry is not None and entry.flags == ["fuzzy"]
    assert entry.occurrences == [(path, "1")]
    if shutil.which("msgfmt"):
        check = subprocess.run(
            [
                "msgfmt",
                "--check",
                "-o",
                "/dev/null",
                str(out["locales"] / "en" / "LC_MESSAGES" / "news.po"),
            ],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr


def test_reviewed_translation_survives_a_rerun(tmp_path: Path, glossary: Glossary) -> None:
    """A catalog edited by hand keeps every reviewed entry after the pass runs again."""
    path = write_article(tmp_path)
    locales = tmp_path / "locales"

    def once() -> None:
        run = translate_documents([path], ["en"], glossary, translator_factory=factory({"en": EN}))
        write_outputs(
            run.documents,
            locales=locales,
            parallel=None,
            generator="termguard 0.1.0",
            glossary_digest=glossary.digest,
        )

    once()
    po_path = locales / "en" / "LC_MESSAGES" / "news.po"
    po = polib.pofile(str(po_path))
    entry = po.find("Медиация туралы")
    assert entry is not None
    entry.msgstr, entry.flags = "On mediation (edited)", []
    po.save(str(po_path))
    reviewed = po_path.read_text(encoding="utf-8")
    block = reviewed[reviewed.index('msgid "Медиация туралы"') - 200 :]
    once()
    after = po_path.read_text(encoding="utf-8")
    assert 'msgstr "On mediation (edited)"' in after
    assert polib.pofile(str(po_path)).find("Медиация туралы").flags == []  # type: ignore[union-attr]
    assert block.split("\n\n")[0] in after


def test_unreadable_input_is_reported_and_others_still_translated(
    tmp_path: Path, glossary: Glossary
) -> None:
    """A cp1251 file is reported by path with a fix; the good file is still translated."""
    bad = tmp_path / "old.txt"
    bad.write_bytes("Медиация туралы".encode("cp1251"))
    good = write_article(tmp_path)
    run = translate_documents(
        [str(bad), good], ["en"], glossary, translator_factory=factory({"en": EN})
    )
    assert [str(e) for e in run.failed] == [
        f"{bad}:1: not valid utf-8 (byte 0xCC); it looks like cp1251: convert it with "
        "`iconv -f cp1251 -t UTF-8`"
    ]
    assert [d.doc for d in run.documents] == ["news"]


def test_target_equal_to_source_language_is_skipped(tmp_path: Path, glossary: Glossary) -> None:
    """--to kk,en on a Kazakh article translates only into English."""
    path = write_article(tmp_path)
    run = translate_documents(
        [path], ["kk", "en"], glossary, translator_factory=factory({"en": EN})
    )
    assert [d.tgt_lang for d in run.documents] == ["en"]


def test_one_status_per_segment_and_the_table_counts_them(
    tmp_path: Path, glossary: Glossary
) -> None:
    """A repaired segment still mostly in Kazakh is 'untranslated' and says it was repaired;
    the table's status columns add up to the segments and 'terms fixed' counts every repair."""
    from termguard.writers.report import generate_table

    text = (
        "Оған Қазақстан халқы Ассамблеясының барлық өңірлік өкілдері келіп, ұзақ сөз сөйледі.\n"
        "Медиация туралы.\n"
    )
    path = write_article(tmp_path, text=text)
    # the model copies Kazakh, as the tiny test models do
    run = translate_documents([path], ["en"], glossary, translator_factory=factory({"en": {}}))
    (doc,) = run.documents
    first = doc.segments[0]
    assert first.status == "untranslated" and first.repairs == 1
    assert first.headline == "untranslated (1 term repaired)"
    assert any(r.startswith("repaired: untranslated") for r in first.reasons)
    write_outputs(
        run.documents,
        locales=tmp_path / "locales",
        parallel=None,
        generator="termguard 0.1.0",
        glossary_digest=glossary.digest,
    )
    po = polib.pofile(str(tmp_path / "locales" / "en" / "LC_MESSAGES" / "news.po"))
    comments = [e.comment.splitlines() for e in po]
    assert comments[0][0] == "termguard: untranslated (1 term repaired)"
    repaired_lines = sum(line.startswith("termguard: repaired:") for c in comments for line in c)
    row = doc.counts()
    assert row["terms_repaired"] == repaired_lines == 2
    assert sum(row[s] for s in ("ok", "chosen", "repaired", "flagged", "untranslated")) == len(
        doc.segments
    )
    header, _, values = generate_table([row]).splitlines()
    assert header.split()[-4:] == ["terms", "fixed", "from", "tm"]
    assert values.split()[-2:] == ["2", "0"]


def test_report_json_lists_every_segment(tmp_path: Path, glossary: Glossary) -> None:
    """The JSON report holds each segment's document, line, texts, status, reasons and terms."""
    import json

    from termguard.writers.report import generate_json

    path = write_article(tmp_path)
    run = translate_documents([path], ["en"], glossary, translator_factory=factory({"en": EN}))
    (doc,) = run.documents
    report = json.loads(generate_json([doc.counts()], {}, [s.record(doc) for s in doc.segments]))
    segs = report["segments"]
    assert len(segs) == len(doc.segments) == report["documents"][0]["segments"]
    chosen = next(s for s in segs if s["status"] == "chosen")
    assert chosen["line"] == 3 and chosen["path"] == path and chosen["candidate"] == 2
    assert chosen["source"] == "Қазақстан халқы Ассамблеясының отырысы өтті."
    assert chosen["terms"] == [
        {
            "concept": "assembly-of-people",
            "source": "Қазақстан халқы Ассамблеясының",
            "target": "Assembly of People of Kazakhstan",
            "expected": "Assembly of People of Kazakhstan",
            "ok": True,
        }
    ]
    assert chosen["reasons"][0].startswith("chosen: candidate 2 of 2")


def test_progress_counts_sentences_as_the_engine_returns_them(
    tmp_path: Path, glossary: Glossary
) -> None:
    """on_progress hears (done, total) in sentences while the engine is still working, rising
    to total; a pair without a model counts its segments."""
    path = write_article(tmp_path)
    seen: list[tuple[int, int, bool]] = []
    busy = [False]

    class Slow(FakeTranslator):
        def translate_batch(self, sentences, n_best=1, on_progress=None):  # type: ignore[no-untyped-def]
            busy[0] = True
            try:
                return super().translate_batch(sentences, n_best, on_progress)
            finally:
                busy[0] = False

    def make(src: str, tgt: str) -> FakeTranslator:
        if tgt == "ru":
            raise ModelNotInstalledError(src, tgt, ["kk-en"])
        return Slow(src, tgt, EN)

    translate_documents(
        [path],
        ["en", "ru"],
        glossary,
        translator_factory=make,
        on_progress=lambda done, total: seen.append((done, total, busy[0])),
    )
    assert {t for _, t, _ in seen} == {8}  # 4 sentences through the engine + 4 ru hint segments
    during = [d for d, _, engine_busy in seen if engine_busy]
    assert during == [1, 2, 3, 4]  # reported inside the engine call, sentence by sentence
    dones = [d for d, _, _ in seen]
    assert dones == sorted(dones) and dones[-1] == 8
