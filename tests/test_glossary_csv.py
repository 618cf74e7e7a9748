"""CSV (multilingual, bilingual) and TSV export: layout, translate-toolkit, reading back, errors."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossaries import fixture_glossary, real_glossary
from termguard.errors import ExchangeFormatError
from termguard.glossary.csv import generate_bilingual_csv, generate_csv, read_csv
from termguard.glossary.exchange import format_term, full_record, parse_term
from termguard.glossary.model import GENDERS, PARTS_OF_SPEECH, TERM_TYPES, Concept, Glossary, Term
from termguard.glossary.tsv import generate_tsv, read_tsv


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_multilingual_layout() -> None:
    """A row per concept, a column per language, terms one per line with their attributes."""
    rows = list(csv.DictReader(io.StringIO(generate_csv(fixture_glossary()))))
    assert list(rows[0]) == ["id", "subject", "kk", "ru", "th", "en", "definition", "note",
                             "do_not_translate", "sources", "policy"]  # fmt: skip
    ngo = rows[0]
    assert ngo["id"] == "ngo"
    assert ngo["kk"].splitlines() == [
        "үкіметтік емес ұйым",
        "ҮЕҰ [abbreviation, admitted]",
        "мемлекеттік емес ұйым [deprecated, note: calque [sic], with commas, and: colons]",
    ]
    assert "негосударственная организация [forbidden, feminine]" in ngo["ru"]
    assert ngo["th"] == "องค์กรพัฒนาเอกชน [proposed]"
    assert rows[1]["do_not_translate"] == "yes"
    assert rows[2]["th"] == ""


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_multilingual_reads_back_every_field(tmp_path: Path, which: str) -> None:
    """Reading the multilingual CSV restores every concept and term field exactly."""
    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    records = read_csv(write(tmp_path, "g.csv", generate_csv(glossary)))
    assert len(records) == len(glossary)
    for concept, record in zip(glossary, records, strict=True):
        assert record.id == concept.id
        assert (record.subject, record.definition, record.note) == (
            concept.subject, concept.definition, concept.note
        )  # fmt: skip
        assert (record.sources, record.do_not_translate, record.policy) == (
            concept.sources, concept.do_not_translate, concept.policy
        )  # fmt: skip
        got = [replace(t, line=0) for t in record.terms]
        assert got == [full_record(t) for t in concept.terms]


def test_multilingual_langs_choose_columns() -> None:
    """--langs kk,en writes only those language columns."""
    header = generate_csv(fixture_glossary(), ("kk", "en")).splitlines()[0]
    assert header == "id,subject,kk,en,definition,note,do_not_translate,sources,policy"


def test_bilingual_layout() -> None:
    """source,target,description: every source term, its target, terms to avoid."""
    rows = list(csv.DictReader(io.StringIO(generate_bilingual_csv(fixture_glossary(), "kk", "ru"))))
    assert list(rows[0]) == ["source", "target", "description"]
    by_source = {r["source"]: r for r in rows}
    assert by_source["ҮЕҰ"]["target"] == "НПО"
    assert by_source["үкіметтік емес ұйым"]["target"] == "неправительственная организация"
    assert "Do not use: негосударственная организация." in by_source["ҮЕҰ"]["description"]
    assert "Source term is deprecated." in by_source["мемлекеттік емес ұйым"]["description"]


def test_bilingual_leaves_an_empty_target_to_fill() -> None:
    """A concept without a target term gets a row with an empty target for the translator."""
    rows = list(csv.DictReader(io.StringIO(generate_bilingual_csv(fixture_glossary(), "kk", "th"))))
    assert {"source": "қоғамдық тыңдау", "target": ""}.items() <= next(
        r for r in rows if r["source"] == "қоғамдық тыңдау"
    ).items()


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_translate_toolkit_reads_our_bilingual_csv(tmp_path: Path, which: str) -> None:
    """translate-toolkit's CSV store finds every source term and its target."""
    from translate.storage import csvl10n

    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    text = generate_bilingual_csv(glossary, "kk", "en")
    store = csvl10n.csvfile(io.BytesIO(text.encode("utf-8")))
    expected = [(r["source"], r["target"]) for r in csv.DictReader(io.StringIO(text))]
    assert [(u.source, u.target) for u in store.units] == expected
    assert len(expected) == sum(len(c.terms_in("kk")) for c in glossary)


def test_bilingual_reads_back_as_pairs(tmp_path: Path) -> None:
    """Reading a bilingual CSV gives the source term and a target-role term per row."""
    path = write(tmp_path, "p.csv", generate_bilingual_csv(fixture_glossary(), "kk", "en"))
    records = read_csv(path, ("kk", "en"))
    first = records[0]
    assert first.id is None and first.line == 2
    assert [(t.lang, t.text, t.role) for t in first.terms] == [
        ("kk", "үкіметтік емес ұйым", ""),
        ("en", "non-governmental organization", "target"),
    ]


def test_bilingual_without_languages_is_an_error(tmp_path: Path) -> None:
    """A bilingual CSV read without --from/--to asks for them."""
    path = write(tmp_path, "p.csv", "source,target\nа,b\n")
    with pytest.raises(ExchangeFormatError, match="pass --from and --to"):
        read_csv(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,subject,kk,en\nngo,civil-society,ұйым\n",
         "p.csv:2: row has 3 cells but the header has 4"),
        ("subject,kk\ncourts,медиация\n", "p.csv:1: missing column 'id'"),
        ("id,kk,fr\nngo,ұйым,x\n", "p.csv:1: unknown column 'fr'"),
        ("id,subject,definition\nngo,x,y\n", "p.csv:1: no language column"),
        ('id,kk\nngo,"ұйым\nҮЕҰ [abbreviation, admited]"\n',
         "p.csv:2: unknown term attribute 'admited' in column kk"),
        ('id,kk\nngo,"ҮЕҰ [admitted, deprecated]"\n', "p.csv:2: term 'ҮЕҰ [admitted, deprecated]' "
         "in column kk has two values of one kind (admitted, deprecated)"),
        ("id,kk,do_not_translate\nngo,ұйым,maybe\n", "p.csv:2: column do_not_translate must be"),
        ("source,description\nа,b\n", "p.csv:1: missing column 'target'"),
        ('id,kk\n"ngo,ұйым\n', "p.csv:2: CSV syntax error"),
    ],
)  # fmt: skip
def test_bad_csv_is_rejected_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    """A missing cell or column, an unknown attribute or broken quoting names file and line."""
    path = write(tmp_path, "p.csv", text)
    with pytest.raises(ExchangeFormatError) as err:
        read_csv(path, ("kk", "en") if text.startswith("source") else None)
    assert str(err.value).startswith(str(tmp_path / message))


def test_semicolons_and_a_bom_are_accepted(tmp_path: Path) -> None:
    """A CSV saved by a spreadsheet with ';' separators and a UTF-8 BOM reads the same."""
    path = tmp_path / "p.csv"
    path.write_bytes("\ufeffid;kk;en\nngo;ұйым;NGO [abbreviation]\n".encode())
    (record,) = read_csv(path)
    assert [(t.text, t.type) for t in record.terms] == [("ұйым", "full-form"),
                                                        ("NGO", "abbreviation")]  # fmt: skip


# --- cell notation ---------------------------------------------------------------------------

_TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\n\r"),
        min_size=1,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and not s.endswith("]"))
)


@given(
    text=_TEXT,
    status=st.sampled_from(["preferred", "admitted", "deprecated", "forbidden"]),
    ttype=st.sampled_from(TERM_TYPES),
    pos=st.sampled_from(PARTS_OF_SPEECH),
    gender=st.sampled_from([None, *GENDERS]),
    case=st.booleans(),
    review=st.sampled_from(["approved", "proposed"]),
    note=st.text(st.characters(blacklist_categories=("Cs",))),
)
def test_any_term_survives_the_cell_notation(
    text: str, status: str, ttype: str, pos: str, gender: str | None, case: bool, review: str,
    note: str,
) -> None:  # fmt: skip
    """format_term then parse_term gives back every field of any term."""
    term = Term(text=text, lang="kk", status=status, type=ttype, pos=pos, gender=gender,
                case_sensitive=case, review=review, note=note)  # fmt: skip
    assert parse_term(format_term(term), "kk", "x.csv", 1, "kk") == full_record(term, line=1)


# --- TSV (DeepL, Google) ---------------------------------------------------------------------


def test_tsv_follows_the_deepl_rules() -> None:
    """Two columns, no header, no empty target, no duplicate source."""
    ngo = Concept("a", "s", "d", (Term("NGO", "en"), Term("ҮЕҰ", "kk")))
    twin = Concept("b", "s", "d", (Term("NGO", "en", status="admitted"), Term("ұйым", "kk")))
    lonely = Concept("c", "s", "d", (Term("mediation", "en"),))
    text = generate_tsv(Glossary((ngo, twin, lonely)), "en", "kk")
    assert text == "NGO\tҮЕҰ\n"


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_tsv_lines_are_unique_non_empty_pairs(which: str) -> None:
    """Every line of every direction holds exactly two non-empty cells; sources are unique."""
    glossary = fixture_glossary() if which == "fixture" else real_glossary()
    for source, target in (("kk", "en"), ("ru", "en"), ("en", "th"), ("kk", "ru")):
        lines = generate_tsv(glossary, source, target).splitlines()
        cells = [line.split("\t") for line in lines]
        assert all(len(c) == 2 and c[0].strip() and c[1].strip() for c in cells)
        assert len({c[0] for c in cells}) == len(cells)


def test_tsv_reads_back(tmp_path: Path) -> None:
    """A TSV reads as (source, target) records of its direction."""
    path = write(tmp_path, "g.tsv", generate_tsv(fixture_glossary(), "ru", "en"))
    records = read_tsv(path, ("ru", "en"))
    assert [(t.lang, t.text) for t in records[0].terms] == [
        ("ru", "неправительственная организация"),
        ("en", "non-governmental organization"),
    ]


def test_bad_tsv_names_the_line(tmp_path: Path) -> None:
    """A line without exactly two non-empty cells is an error at its line."""
    path = write(tmp_path, "g.tsv", "NGO\tҮЕҰ\nAPK\n")
    with pytest.raises(ExchangeFormatError, match=r"g.tsv:2: expected 'source<TAB>target'"):
        read_tsv(path, ("en", "kk"))
