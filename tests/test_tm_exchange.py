"""Memory exchange: TMX from po2tmx, TSV, the seed sample, lossless export, the TMX 1.4 rules."""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO
from pathlib import Path

import polib
import pytest
from lxml import etree

from termguard.bitext import read_bitext
from termguard.errors import InputError
from termguard.tm.exchange import export_tmx, generate_tmx, import_file
from termguard.tm.store import TranslationMemory

ROOT = Path(__file__).resolve().parent.parent
SEED_TMX = ROOT / "seeds" / "tm" / "seed-translations.tmx"
PO2TMX = Path(sys.executable).parent / "po2tmx"
PO2XLIFF = Path(sys.executable).parent / "po2xliff"

#: The structure TMX 1.4 prescribes for the elements termguard writes (header attributes it
#: requires, the order of props and variants), as the TMX 1.4b specification states it.
TMX_RULES = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header (note|prop|ude)*>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED
  adminlang CDATA #REQUIRED srclang CDATA #REQUIRED datatype CDATA #REQUIRED>
<!ELEMENT note (#PCDATA)>
<!ELEMENT ude ANY>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu tuid CDATA #IMPLIED srclang CDATA #IMPLIED creationdate CDATA #IMPLIED
  changedate CDATA #IMPLIED>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA)>
"""


@pytest.fixture
def tm(tmp_path: Path) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "tm.sqlite")
    yield memory  # type: ignore[misc]
    memory.close()


def _catalog(path: Path) -> int:
    """A kk->ru catalog of seed sentences: three reviewed entries, a fuzzy and an empty one."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Language": "ru",
        "X-Source-Language": "kk",
        "Content-Type": "text/plain; charset=UTF-8",
    }
    pairs = [
        ("Соңғы жаңалықтар", "Последние новости"),
        ("Басқа жаңалықтар", "Другие новости"),
        ("Медиаторларды оқытуға бойынша тренингтер өткізілді.", "Проведены тренинги."),
    ]
    for kk, ru in pairs:
        po.append(polib.POEntry(msgid=kk, msgstr=ru))
    po.append(polib.POEntry(msgid="Алматы", msgstr="Алматы", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="2024 Жыл", msgstr=""))
    po.save(str(path))
    return len(pairs)


@pytest.mark.skipif(not PO2TMX.exists(), reason="translate-toolkit's po2tmx is not installed")
def test_a_tmx_from_po2tmx_imports_with_every_unit(tmp_path: Path, tm: TranslationMemory) -> None:
    """Every <tu> po2tmx writes becomes a unit with the catalog's languages."""
    reviewed = _catalog(tmp_path / "x.po")
    out = tmp_path / "x.tmx"
    subprocess.run(
        [str(PO2TMX), "-l", "ru", "--source-language", "kk", str(tmp_path / "x.po"), str(out)],
        check=True,
        capture_output=True,
    )
    units = out.read_text(encoding="utf-8").count("<tu ")
    assert units == reviewed
    done = import_file(tm, out)
    assert (done.pairs, done.added) == (units, units)
    assert tm.stats()["pairs"] == [
        {"source": "kk", "target": "ru", "units": units, "reviewed": units, "translated": 0}
    ]


@pytest.mark.skipif(not PO2TMX.exists(), reason="translate-toolkit's po2tmx is not installed")
def test_po2tmx_with_its_default_source_language_is_refused(
    tmp_path: Path, tm: TranslationMemory
) -> None:
    """po2tmx labels the source 'en' unless told: the Kazakh text gives it away, with the fix."""
    _catalog(tmp_path / "x.po")
    out = tmp_path / "x.tmx"
    subprocess.run([str(PO2TMX), "-l", "ru", str(tmp_path / "x.po"), str(out)], check=True)
    with pytest.raises(InputError, match=r"x\.tmx: the file says its source language is en, but"):
        import_file(tm, out)
    assert tm.stats()["units"] == 0


@pytest.mark.skipif(not PO2XLIFF.exists(), reason="translate-toolkit's po2xliff is not installed")
def test_an_xliff_from_po2xliff_imports_its_approved_units(
    tmp_path: Path, tm: TranslationMemory
) -> None:
    """po2xliff's XLIFF 1.2 of a catalog: its approved units come in, the unapproved one not."""
    reviewed = _catalog(tmp_path / "x.po")
    out = tmp_path / "x.xlf"
    subprocess.run([str(PO2XLIFF), str(tmp_path / "x.po"), str(out)], check=True)
    # po2xliff writes source-language="en-US" whatever the text: the languages are given
    done = import_file(tm, out, src_lang="kk", tgt_lang="ru")
    assert done.added == reviewed
    (first, *_) = tm.lookup("Басқа жаңалықтар", "kk", "ru")
    assert (first.kind, first.unit.target) == ("exact", "Другие новости")
    assert tm.lookup("Алматы", "kk", "ru") == []  # approved="no": a draft, not memory material


def test_the_seed_sample_imports_and_reimports_without_doubling(tm: TranslationMemory) -> None:
    """seeds/tm: 27 kk sentences into en and ru, 5 th into en; importing again adds nothing."""
    done = import_file(tm, SEED_TMX)
    assert (done.pairs, done.added) == (27 * 2 + 5, 27 * 2 + 5)
    assert import_file(tm, SEED_TMX).added == 0
    assert {(p["source"], p["target"]): p["units"] for p in tm.stats()["pairs"]} == {
        ("kk", "en"): 27,
        ("kk", "ru"): 27,
        ("th", "en"): 5,
    }


def test_a_tmx_with_srclang_all_in_its_header_is_read_unit_by_unit() -> None:
    """TMX 1.4's srclang="*all*" header: each <tu> names its own source language."""
    pairs = read_bitext(SEED_TMX)
    assert {(p.src_lang, p.tgt_lang) for p in pairs} == {("kk", "en"), ("kk", "ru"), ("th", "en")}


def test_export_then_import_is_lossless(tmp_path: Path, tm: TranslationMemory) -> None:
    """A memory exported, imported into an empty one and exported again gives the same bytes."""
    import_file(tm, SEED_TMX)
    tsv = tmp_path / "extra.tsv"
    tsv.write_text("kk\tru\nАлматы\tАлматы\n", encoding="utf-8")
    import_file(tm, tsv, state="translated")
    first = tmp_path / "a.tmx"
    assert export_tmx(tm, first, "0.1.0") == 27 * 2 + 5 + 1
    other = TranslationMemory(tmp_path / "other.sqlite")
    import_file(other, first)
    second = tmp_path / "b.tmx"
    export_tmx(other, second, "0.1.0")
    assert second.read_bytes() == first.read_bytes()
    assert [(u.source, u.target, u.state, u.origins) for u in other.units()] == [
        (u.source, u.target, u.state, u.origins) for u in tm.units()
    ]
    other.close()


def test_the_export_follows_tmx_14_and_translate_toolkit_reads_it(tm: TranslationMemory) -> None:
    """The export validates against TMX 1.4's structure and translate-toolkit reads every unit."""
    from translate.storage import tmx

    import_file(tm, SEED_TMX)
    data = generate_tmx(tm.units(), "0.1.0")
    dtd = etree.DTD(BytesIO(TMX_RULES.encode()))
    doc = etree.fromstring(data)
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    store = tmx.tmxfile.parsestring(data)
    assert len(store.units) == 27 * 2 + 5
    assert {u.source for u in store.units} >= {"Соңғы жаңалықтар", "Басқа жаңалықтар"}
