"""TBX v3 and v2 export: official schema, TBX-Basic value rules, translate-toolkit, read back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from glossaries import fixture_glossary, real_glossary
from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import full_record
from termguard.glossary.tbx import TBX3_NS, generate_tbx, read_tbx
from termguard.glossary.tbx2 import generate_tbx2

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT.parent / "shared" / "schemas" / "tbx"
NS = {"t": TBX3_NS}


def relaxng() -> etree.RelaxNG:
    rng = SCHEMAS / "TBXcoreStructV03.rng"
    if not rng.is_file():
        pytest.skip(f"the official TBX schema is not at {rng} (../shared/schemas/tbx)")
    return etree.RelaxNG(etree.parse(str(rng)))


# The TBX-Basic DCA Schematron (../shared/schemas/tbx/TBX-Basic_DCA.sch) as Python checks.
ALLOWED_TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage",
                 "grammaticalGender", "termLocation", "termType"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}  # fmt: skip
ALLOWED_VALUES = {
    "administrativeStatus": {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                             "supersededTerm-admn-sts", "preferredTerm-admn-sts"},
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}  # fmt: skip
LEVELS = {  # data category -> the elements it may sit in
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "context"): {"termSec"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
}


def tbx_basic_violations(root: etree._Element) -> list[str]:
    """Every TBX-Basic rule the document breaks, as 'line: message'."""
    out = []

    def bad(el: etree._Element, msg: str) -> None:
        out.append(f"{el.sourceline}: {msg}")

    if root.get("type") != "TBX-Basic":
        bad(root, "the dialect must be TBX-Basic")
    if root.get("style") != "dca":
        bad(root, "the style must be dca")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        q = etree.QName(el)
        if q.namespace != TBX3_NS:
            bad(el, f"element {q.localname} is outside the TBX namespace (DCT style)")
            continue
        kind = el.get("type")
        if kind is not None and kind == "":
            bad(el, f"{q.localname} has an empty type")
        if q.localname in ALLOWED_TYPES and kind not in ALLOWED_TYPES[q.localname]:
            bad(el, f"{q.localname} type '{kind}' is not allowed")
        parent = el.getparent()
        level = etree.QName(parent).localname if parent is not None else ""
        if level.endswith("Grp") and level != "transacGrp" and parent is not None:
            grand = parent.getparent()
            level = etree.QName(grand).localname if grand is not None else level
        if q.localname == "termNote":
            if level != "termSec":
                bad(el, "termNote outside termSec")
            value = (el.text or "").strip()
            if kind in ALLOWED_VALUES and value not in ALLOWED_VALUES[kind]:
                bad(el, f"{kind} value '{value}' is not allowed")
        allowed_levels = LEVELS.get((q.localname, kind or ""))
        if allowed_levels and level not in allowed_levels:
            bad(el, f"{q.localname} {kind} at {level}")
    return out


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_tbx_validates_against_the_official_schema(which: str) -> None:
    """Every TBX v3 export validates against TBXcoreStructV03.rng."""
    schema = relaxng()
    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    doc = etree.fromstring(generate_tbx(glossary))
    assert schema.validate(doc), str(schema.error_log)


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_tbx_keeps_the_tbx_basic_value_rules(which: str) -> None:
    """Every TBX v3 export uses only TBX-Basic data categories, values and levels."""
    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    assert tbx_basic_violations(etree.fromstring(generate_tbx(glossary))) == []


def test_value_rules_catch_what_tbx_basic_forbids() -> None:
    """The Python Schematron checks report a properNoun, a custom status and a misplaced field."""
    xml = f"""<tbx xmlns="{TBX3_NS}" type="TBX-Basic" style="dca" xml:lang="en">
      <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
      <text><body><conceptEntry id="c-a"><langSec xml:lang="en"><termSec><term>A</term>
        <termNote type="partOfSpeech">properNoun</termNote>
        <termNote type="administrativeStatus">forbiddenTerm-admn-sts</termNote>
        <descrip type="subjectField">x</descrip>
      </termSec></langSec></conceptEntry></body></text></tbx>"""
    found = tbx_basic_violations(etree.fromstring(xml))
    assert any("partOfSpeech value 'properNoun'" in f for f in found)
    assert any("administrativeStatus value 'forbiddenTerm-admn-sts'" in f for f in found)
    assert any("descrip subjectField at termSec" in f for f in found)


def test_tbx_passes_the_official_schematron() -> None:
    """The XSLT1 edition of the TBX-Basic Schematron accepts the export (lxml isoschematron)."""
    from lxml import isoschematron

    sch = SCHEMAS / "TBX-Basic_DCA_xslt1.sch"
    if not sch.is_file():
        pytest.skip(f"the TBX-Basic Schematron is not at {sch}")
    schematron = isoschematron.Schematron(etree.parse(str(sch)), store_report=True)
    assert schematron.validate(etree.fromstring(generate_tbx(fixture_glossary())))


def test_tbx_structure_and_dialect() -> None:
    """The root declares TBX-Basic DCA in the ISO namespace; a concept carries every field."""
    root = etree.fromstring(generate_tbx(fixture_glossary()))
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    entry = root.find(".//t:conceptEntry[@id='c-ngo']", NS)
    assert entry is not None
    assert entry.findtext("t:descrip[@type='subjectField']", namespaces=NS) == "civil-society"
    assert entry.findtext("t:descrip[@type='definition']", namespaces=NS).startswith("A non-profit")
    assert entry.findtext("t:admin[@type='source']", namespaces=NS) == (
        "000_91604382561779cc.txt: үкіметтік емес ұйымдардың"
    )
    forbidden = entry.find(".//t:termSec[t:term='негосударственная организация']", NS)
    assert forbidden is not None
    notes = {n.get("type"): n.text for n in forbidden.findall("t:termNote", NS)}
    assert notes == {
        "partOfSpeech": "noun",
        "termType": "fullForm",
        "administrativeStatus": "deprecatedTerm-admn-sts",
        "grammaticalGender": "feminine",
    }
    assert forbidden.findtext("t:note", namespaces=NS) == "termguard: status=forbidden"


def test_tbx_reads_back_every_field(tmp_path: Path) -> None:
    """Reading our TBX v3 restores statuses, types, parts of speech, genders, review and notes."""
    glossary = fixture_glossary()
    path = tmp_path / "g.tbx"
    path.write_bytes(generate_tbx(glossary))
    records = read_tbx(path)
    assert [r.id for r in records] == [c.id for c in glossary]
    for concept, record in zip(glossary, records, strict=True):
        assert (record.definition, record.subject) == (concept.definition, concept.subject)
        assert record.note == (concept.note or None)
        assert record.sources == (concept.sources or None)
        assert record.do_not_translate == concept.do_not_translate
        for term, got in zip(concept.terms, record.terms, strict=True):
            want = full_record(term)
            for name in ("text", "lang", "status", "type", "pos", "gender", "case_sensitive",
                         "review"):  # fmt: skip
                assert getattr(got, name) == getattr(want, name), (term.text, name)
            assert got.note == (term.note or None)


def test_tbx_respects_langs() -> None:
    """--langs kk,en leaves out the other language sections."""
    root = etree.fromstring(generate_tbx(fixture_glossary(), ("kk", "en")))
    langs = {sec.get("{http://www.w3.org/XML/1998/namespace}lang")
             for sec in root.iterfind(".//t:langSec", NS)}  # fmt: skip
    assert langs == {"kk", "en"}


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_translate_toolkit_reads_our_tbx2(which: str) -> None:
    """translate-toolkit (what Weblate uses) reads every kk term and its en terms from TBX v2."""
    from translate.storage import tbx

    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    store = tbx.tbxfile.parsestring(generate_tbx2(glossary), sourcelanguage="kk",
                                    targetlanguage="en")  # fmt: skip
    with_kk = [c for c in glossary if c.terms_in("kk")]
    assert len(store.units) == len(glossary)
    units = {u.getid(): u for u in store.units}
    for concept in with_kk:
        unit = units[f"c-{concept.id}"]
        assert [t.text for t in unit.get_source_terms()] == [t.text for t in concept.terms_in("kk")]
        assert [t.text for t in unit.get_target_terms()] == [t.text for t in concept.terms_in("en")]
        deprecated = [t.deprecated for t in unit.get_target_terms()]
        assert deprecated == [
            t.status in ("deprecated", "forbidden") for t in concept.terms_in("en")
        ]


def test_tbx2_reads_back_like_tbx3(tmp_path: Path) -> None:
    """Our reader restores the same records from TBX v2 as from TBX v3."""
    glossary = fixture_glossary()
    v2, v3 = tmp_path / "g2.tbx", tmp_path / "g3.tbx"
    v2.write_bytes(generate_tbx2(glossary))
    v3.write_bytes(generate_tbx(glossary))

    def strip(path: Path) -> list[tuple[object, ...]]:
        return [(r.id, tuple(replace(t, line=0) for t in r.terms), r.definition, r.note,
                 r.sources, r.do_not_translate) for r in read_tbx(path)]  # fmt: skip

    assert strip(v2) == strip(v3)


def test_tbx2_is_martif_with_tig() -> None:
    """TBX v2 uses martif/termEntry/langSet/tig and names the TBX-Basic DTD."""
    data = generate_tbx2(fixture_glossary())
    assert b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in data
    root = etree.fromstring(data)
    assert root.tag == "martif"
    assert root.find("text/body/termEntry/langSet/tig/term") is not None


def test_broken_xml_is_rejected_with_its_line(tmp_path: Path) -> None:
    """A TBX that is not well-formed raises ExchangeFormatError naming file and line."""
    bad = tmp_path / "bad.tbx"
    bad.write_text('<?xml version="1.0"?>\n<tbx>\n  <text>\n</tbx>\n', encoding="utf-8")
    with pytest.raises(ExchangeFormatError) as err:
        read_tbx(bad)
    assert str(err.value).startswith(f"{bad}:4: broken XML")


def test_unknown_status_value_is_rejected(tmp_path: Path) -> None:
    """An administrativeStatus outside TBX-Basic is an error at its line, listing the values."""
    data = generate_tbx(fixture_glossary()).replace(b"admittedTerm-admn-sts", b"okTerm-admn-sts", 1)
    path = tmp_path / "x.tbx"
    path.write_bytes(data)
    line = data[: data.index(b"okTerm")].count(b"\n") + 1
    with pytest.raises(ExchangeFormatError) as err:
        read_tbx(path)
    assert str(err.value).startswith(
        f"{path}:{line}: unknown administrativeStatus 'okTerm-admn-sts'"
    )
    assert "preferredTerm-admn-sts" in str(err.value)


def test_a_file_that_is_not_tbx_is_rejected(tmp_path: Path) -> None:
    """Well-formed XML with another root element says what a TBX root looks like."""
    path = tmp_path / "x.tbx"
    path.write_text("<xliff/>", encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match=r"x.tbx:1: not a TBX file: the root element is"):
        read_tbx(path)


def test_reads_a_tbx_written_elsewhere() -> None:
    """The shared minimal TBX (not written by termguard) reads with what it gives, no more."""
    example = SCHEMAS / "minimal_kk.tbx"
    if not example.is_file():
        pytest.skip(f"{example} is absent")
    (record,) = read_tbx(example)
    assert record.id == "ngo" and record.subject == "civil society"
    ngo = {(t.lang, t.text): t for t in record.terms}
    kk = ngo[("kk", "ҮЕҰ")]
    assert (kk.status, kk.type, kk.pos, kk.review, kk.case_sensitive) == (
        "admitted", "acronym", None, None, None
    )  # fmt: skip
    assert ngo[("ru", "неправительственная организация")].gender == "feminine"
