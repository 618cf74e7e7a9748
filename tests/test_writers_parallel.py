"""Parallel TSV and the run's TMX: plain tab-separated text, runs merged, read back by check."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from termguard.bitext import read_file
from termguard.errors import InputError
from termguard.glossary.model import Glossary
from termguard.testing import FakeTranslator
from termguard.translate.outputs import write_outputs
from termguard.translate.pipeline import DocumentResult, translate_documents

MINI = Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml"
KK = "Медиация туралы\n\nОған 170 ұйымның өкілі қатысты.\n"
EN = "The assembly met on Monday.\n"
#: What a FakeTranslator answers, per target language (anything else is copied).
TABLES = {
    "en": {
        "Медиация туралы": ["About mediation"],
        "Оған 170 ұйымның өкілі қатысты.": ["Representatives of 170 organisations\tattended."],
    },
    "ru": {
        "Медиация туралы": ["О медиации"],
        "The assembly met on Monday.": ["Ассамблея собралась в понедельник."],
    },
    "th": {"Медиация туралы": ['"ลัทธิส่อเสียด" - การไกล่เกลี่ย\\n']},
}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    from termguard.glossary.read import read_glossary

    return read_glossary(MINI)


def _make(src: str, tgt: str) -> FakeTranslator:
    return FakeTranslator(src, tgt, TABLES.get(tgt, {}), name=f"{src}-{tgt} fake")


def _run(
    tmp_path: Path, glossary: Glossary, docs: dict[str, str], langs: list[str]
) -> list[DocumentResult]:
    paths = []
    for name, text in docs.items():
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    run = translate_documents(paths, langs, glossary, translator_factory=_make)
    write_outputs(
        run.documents,
        locales=tmp_path / "locales",
        parallel=tmp_path / "parallel",
        generator="termguard 0.1.0",
        glossary_digest=glossary.digest,
    )
    return list(run.documents)


def _expected(docs: list[DocumentResult], translated_only: bool = False) -> set[tuple[str, ...]]:
    return {
        (r.src_lang, r.tgt_lang, s.source, s.target)
        for r in docs
        for s in r.segments
        if not translated_only or (s.target and s.target != s.source)
    }


def test_every_file_a_run_writes_is_read_back_by_check(tmp_path: Path, glossary: Glossary) -> None:
    """The run's catalogs, parallel TSVs and multi-source TMX give back the run's own pairs."""
    docs = _run(tmp_path, glossary, {"kk.txt": KK, "en.txt": EN}, ["en", "ru", "th"])
    parallel = tmp_path / "parallel"
    tsvs = sorted(parallel.glob("*.tsv"))
    pos = sorted((tmp_path / "locales").glob("*/LC_MESSAGES/*.po"))
    assert len(tsvs) == len(docs) == len(pos) == 5  # kk->en, ru, th; en->ru, th
    seen: dict[str, set[tuple[str, ...]]] = {"tsv": set(), "po": set()}
    for path in tsvs:
        found = read_file(path, include_fuzzy=True)
        assert (found.units, found.skipped) == (len(found.pairs), ())
        seen["tsv"] |= {(p.src_lang, p.tgt_lang, p.source, p.target) for p in found.pairs}
    for path in pos:
        found = read_file(path, include_fuzzy=True)
        seen["po"] |= {(p.src_lang, p.tgt_lang, p.source, p.target) for p in found.pairs}
    assert seen["tsv"] == seen["po"] == _expected(docs)
    tmx = read_file(parallel / "run.tmx", include_fuzzy=True)
    assert b'srclang="*all*"' in (parallel / "run.tmx").read_bytes()
    assert {(p.src_lang, p.tgt_lang, p.source, p.target) for p in tmx.pairs} == _expected(
        docs, translated_only=True
    )
    ru = read_file(parallel / "run.tmx", include_fuzzy=True, src_lang="en", tgt_lang="ru")
    assert [(p.source, p.target) for p in ru.pairs] == [
        ("The assembly met on Monday.", "Ассамблея собралась в понедельник.")
    ]


def test_machine_output_is_skipped_as_drafts_unless_asked(
    tmp_path: Path, glossary: Glossary
) -> None:
    """Without include_fuzzy the run's TSV and TMX give no pairs and count their drafts."""
    _run(tmp_path, glossary, {"kk.txt": KK}, ["en"])
    tsv = read_file(tmp_path / "parallel" / "kk.kk-en.tsv")
    tmx = read_file(tmp_path / "parallel" / "run.tmx")
    assert (tsv.pairs, tsv.drafts) == ((), 2)
    assert (tmx.pairs, tmx.drafts, tmx.warnings) == ((), 2, ())


def test_parallel_tsv_is_plain_tab_separated_text(tmp_path: Path, glossary: Glossary) -> None:
    """Quotes stay as written and a tab, newline or backslash is escaped: one row per line."""
    _run(tmp_path, glossary, {"kk.txt": KK}, ["en", "th"])
    th = (tmp_path / "parallel" / "kk.kk-th.tsv").read_text(encoding="utf-8").splitlines()
    assert th[1].split("\t") == [
        "kk:1",
        "Медиация туралы",
        '"ลัทธิส่อเสียด" - การไกล่เกลี่ย\\\\n',
        th[1].rsplit("\t", 1)[1],
    ]
    en = (tmp_path / "parallel" / "kk.kk-en.tsv").read_text(encoding="utf-8").splitlines()
    assert len(en) == 3 and all(len(line.split("\t")) == 4 for line in en)
    assert "Representatives of 170 organisations\\tattended." in en[2]
    [pair] = [
        p
        for p in read_file(tmp_path / "parallel" / "kk.kk-th.tsv", include_fuzzy=True).pairs
        if p.source == "Медиация туралы"
    ]
    assert pair.target == '"ลัทธิส่อเสียด" - การไกล่เกลี่ย\\n'


def _tmx_units(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    root = etree.parse(str(path)).getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return [
        (tu.get("srclang"), [(v.get(lang), v.findtext("seg")) for v in tu.findall("tuv")])
        for tu in root.iter("tu")
    ]


def test_runs_into_one_folder_merge_into_the_tmx(tmp_path: Path, glossary: Glossary) -> None:
    """A second run adds its units to run.tmx; a newer translation replaces the old one in place."""
    _run(tmp_path / "a", glossary, {"kk.txt": KK}, ["en"])
    first = tmp_path / "a" / "parallel" / "run.tmx"
    second_dir = tmp_path / "b"
    (second_dir / "parallel").mkdir(parents=True)
    (second_dir / "parallel" / "run.tmx").write_bytes(first.read_bytes())
    _run(second_dir, glossary, {"en.txt": EN}, ["ru"])
    units = _tmx_units(second_dir / "parallel" / "run.tmx")
    assert [u[1][0][1] for u in units] == [
        "Медиация туралы",
        "Оған 170 ұйымның өкілі қатысты.",
        "The assembly met on Monday.",
    ]
    TABLES["en"]["Медиация туралы"] = ["On mediation"]
    try:
        _run(second_dir, glossary, {"kk.txt": KK}, ["en"])
    finally:
        TABLES["en"]["Медиация туралы"] = ["About mediation"]
    units = _tmx_units(second_dir / "parallel" / "run.tmx")
    assert units[0] == ("kk", [("kk", "Медиация туралы"), ("en", "On mediation")])
    assert len(units) == 3


def test_copies_of_the_source_stay_out_of_the_tmx(tmp_path: Path, glossary: Glossary) -> None:
    """A sentence the model only copied is in the TSV (untranslated) but not in run.tmx."""
    docs = _run(tmp_path, glossary, {"kk.txt": KK + "Бұл сөйлем аударылмады.\n"}, ["en"])
    copied = [s for s in docs[0].segments if s.target == s.source]
    assert [s.status for s in copied] == ["untranslated"]
    sources = [u[1][0][1] for u in _tmx_units(tmp_path / "parallel" / "run.tmx")]
    assert copied[0].source not in sources and len(sources) == 2
    tsv = (tmp_path / "parallel" / "kk.kk-en.tsv").read_text(encoding="utf-8")
    assert f"\t{copied[0].source}\t{copied[0].source}\tuntranslated\n" in tsv


def test_a_broken_previous_tmx_stops_the_write(tmp_path: Path, glossary: Glossary) -> None:
    """A run.tmx that is not XML is reported with its path, and not overwritten."""
    parallel = tmp_path / "parallel"
    parallel.mkdir()
    (parallel / "run.tmx").write_text("<tmx><body>", encoding="utf-8")
    with pytest.raises(InputError, match=r"run\.tmx:1: cannot merge this run into it"):
        _run(tmp_path, glossary, {"kk.txt": KK}, ["en"])
    assert (parallel / "run.tmx").read_text(encoding="utf-8") == "<tmx><body>"


def test_check_reads_the_runs_own_tmx(tmp_path: Path, glossary: Glossary) -> None:
    """`termguard check run.tmx` of a multi-source run checks every language pair it holds."""
    from click.testing import CliRunner

    from termguard.cli import cli

    _run(tmp_path, glossary, {"kk.txt": KK, "en.txt": EN}, ["en", "ru"])
    tmx = str(tmp_path / "parallel" / "run.tmx")
    args = ["check", tmx, "--glossary", str(MINI), "--format", "jsonl", "--fail-on", "never"]
    drafts = CliRunner().invoke(cli, args)
    assert drafts.exit_code == 0, drafts.output
    assert drafts.stderr.startswith("0 pairs in 1 file(s)")
    assert "pass --include-fuzzy to check them" in drafts.stderr
    result = CliRunner().invoke(cli, [*args, "--include-fuzzy"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("4 pairs in 1 file(s)")  # kk->en 2, kk->ru 1, en->ru 1
