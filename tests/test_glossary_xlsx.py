"""XLSX export: sheets, frozen header, widths, no formulas; reading back; bad workbooks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from glossaries import fixture_glossary
from termguard.errors import ExchangeFormatError
from termguard.glossary.exchange import full_record
from termguard.glossary.xlsx import default_pairs, generate_xlsx, read_xlsx


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    path = tmp_path / "g.xlsx"
    path.write_bytes(generate_xlsx(fixture_glossary()))
    return path


def test_sheets_are_the_glossary_and_every_pair(workbook_path: Path) -> None:
    """The first sheet is multilingual, then one sheet per ordered language pair."""
    wb = load_workbook(workbook_path)
    assert wb.sheetnames[0] == "glossary"
    assert wb.sheetnames[1:] == [f"{s}-{t}" for s, t in default_pairs(("kk", "ru", "th", "en"))]
    assert len(wb.sheetnames) == 13
    pair = wb["kk-en"]
    assert [c.value for c in pair[1]] == ["source", "target", "description"]
    assert [pair.cell(2, 1).value, pair.cell(2, 2).value] == [
        "үкіметтік емес ұйым",
        "non-governmental organization",
    ]


def test_header_is_frozen_bold_and_columns_are_readable(workbook_path: Path) -> None:
    """Every sheet freezes and bolds its header; widths follow the content within 8..62."""
    wb = load_workbook(workbook_path)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(4 <= w <= 62 for w in widths), (ws.title, widths)
    main = wb["glossary"]
    header = [c.value for c in main[1]]
    width = {
        h: main.column_dimensions[c.column_letter].width
        for h, c in zip(header, main[1], strict=True)
    }
    assert width["definition"] == 62  # long text is capped and wrapped
    assert width["id"] < width["definition"]
    assert main.cell(2, header.index("kk") + 1).alignment.wrap_text


def test_a_note_starting_with_equals_is_text_not_a_formula(workbook_path: Path) -> None:
    """A cell beginning with '=' is stored as a string, so the spreadsheet never evaluates it."""
    ws = load_workbook(workbook_path)["glossary"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(2, header.index("ru") + 1)
    assert cell.data_type == "s"
    assert "note: =ambiguous" in cell.value
    pair = load_workbook(workbook_path)["ru-en"]
    assert all(c.data_type != "f" for row in pair.iter_rows() for c in row)


def test_reads_back_every_field(workbook_path: Path) -> None:
    """The multilingual sheet restores every field; pair sheets give source/target records."""
    glossary = fixture_glossary()
    records = read_xlsx(workbook_path)
    main = records[: len(glossary)]
    for concept, record in zip(glossary, main, strict=True):
        assert (record.id, record.definition, record.note) == (
            concept.id,
            concept.definition,
            concept.note,
        )
        assert [replace(t, line=0) for t in record.terms] == [full_record(t) for t in concept.terms]
    pairs = records[len(glossary) :]
    assert pairs and all(r.id is None and len(r.terms) in (1, 2) for r in pairs)


def test_langs_and_pairs_narrow_the_workbook(tmp_path: Path) -> None:
    """--langs kk,en --from kk gives kk and en columns and the kk-en sheet only."""
    path = tmp_path / "g.xlsx"
    path.write_bytes(
        generate_xlsx(fixture_glossary(), ("kk", "en"), default_pairs(("kk", "en"), "kk"))
    )
    wb = load_workbook(path)
    assert wb.sheetnames == ["glossary", "kk-en"]
    assert [c.value for c in wb["glossary"][1]][:4] == ["id", "subject", "kk", "en"]


def test_not_a_workbook_is_rejected(tmp_path: Path) -> None:
    """A file that is not an XLSX zip gives a clear error."""
    path = tmp_path / "g.xlsx"
    path.write_text("id,kk\n", encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match=r"g.xlsx: not a readable .xlsx workbook"):
        read_xlsx(path)


def test_missing_id_column_is_rejected(tmp_path: Path) -> None:
    """A glossary sheet without an id column names the sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "glossary"
    ws.append(["kk", "en"])
    ws.append(["ұйым", "organization"])
    path = tmp_path / "g.xlsx"
    wb.save(path)
    with pytest.raises(ExchangeFormatError, match=r"g.xlsx\[glossary\]:1: missing column 'id'"):
        read_xlsx(path)


def test_unknown_status_in_a_cell_names_the_row(tmp_path: Path) -> None:
    """An unknown attribute in a term cell is an error at that row."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "glossary"
    ws.append(["id", "kk"])
    ws.append(["ngo", "ұйым"])
    ws.append(["amanat", "AMANAT [proper-noun, banned]"])
    path = tmp_path / "g.xlsx"
    wb.save(path)
    with pytest.raises(
        ExchangeFormatError, match=r"g.xlsx\[glossary\]:3: unknown term attribute 'banned'"
    ):
        read_xlsx(path)
