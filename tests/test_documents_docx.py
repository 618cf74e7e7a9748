"""Word documents: paragraphs, runs, links, tables, headers and footers in; the same .docx out."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from documents import BOLD, HEADING, LINK_TEXT, LINK_URL, make_docx
from termguard.documents import Rendered, read_source, write_translation
from termguard.errors import InputError


def _upper(doc):  # type: ignore[no-untyped-def]
    return [Rendered(u.text.upper(), u.marks) for u in doc.units]


def test_units_are_paragraphs_cells_headers_and_footers(tmp_path: Path) -> None:
    """Every paragraph with letters is a unit, placed in the body, a table or a header."""
    doc = read_source(make_docx(tmp_path / "news.docx"))
    places = {u.place: u.text for u in doc.units}
    assert places["p1"] == HEADING
    assert places["t1.r1.c1.p1"] == "Күні"
    assert places["t1.r2.c2.p1"] == "Кеңес мәжілісі өтті"
    assert "t1.r2.c1.p1" not in places  # "2016": nothing to translate
    assert places["header1.p1"] == "Шығыс Қазақстан облыстық соты"
    assert places["footer1.p1"] == "Баспасөз қызметі"


def test_bold_italics_and_links_are_marks_over_their_words(tmp_path: Path) -> None:
    """The bold run, the italic run and the hyperlink are spans; the plain text has no markup."""
    doc = read_source(make_docx(tmp_path / "news.docx"))
    by_place = {u.place: u for u in doc.units}
    bold = by_place["p2"]
    (a, opened), (b, _) = bold.marks
    assert bold.text[a:b] == BOLD and opened.label == "bold"
    italic = by_place["p4"]
    assert [m.label for _, m in italic.marks] == ["italics", "italics"]
    link = by_place["p5"]
    (a, opened), (b, _) = link.marks
    assert link.text[a:b] == LINK_TEXT and opened.label == "link"


def test_translated_document_keeps_styles_runs_links_and_tables(tmp_path: Path) -> None:
    """python-docx reads the output: same styles, a bold run, the link address, the table."""
    source = make_docx(tmp_path / "news.docx")
    doc = read_source(source)
    out = write_translation(doc, _upper(doc), "en")
    before = docx.Document(str(source))
    after = docx.Document(io.BytesIO(out))
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    assert after.paragraphs[0].text == HEADING.upper()
    bold_runs = [r.text for r in after.paragraphs[1].runs if r.bold]
    assert bold_runs == [BOLD.upper()]
    assert [r.text for r in after.paragraphs[3].runs if r.italic] == ["ЖОСПАРЛАНҒАН"]
    (link,) = after.paragraphs[4].hyperlinks
    assert (link.address, link.text) == (LINK_URL, LINK_TEXT.upper())
    assert after.tables[0].cell(1, 1).text == "КЕҢЕС МӘЖІЛІСІ ӨТТІ"
    assert after.tables[0].cell(1, 0).text == "2016"
    assert after.tables[0].style.name == "Table Grid"
    assert after.sections[0].header.paragraphs[0].text == "ШЫҒЫС ҚАЗАҚСТАН ОБЛЫСТЫҚ СОТЫ"
    assert after.core_properties.language == "en-US"


def test_a_docx_named_txt_is_read_as_a_word_document(tmp_path: Path) -> None:
    """Content decides: a Word file is never decoded as text (it was 'UTF-16 without a BOM')."""
    source = make_docx(tmp_path / "news.docx")
    renamed = tmp_path / "news.txt"
    renamed.write_bytes(source.read_bytes())
    assert read_source(renamed).format == "docx"


def test_other_binary_formats_are_named_with_the_way_out(tmp_path: Path) -> None:
    """A PDF, an old .doc, a zip that is not Word and a broken .docx get clear messages."""
    cases = {
        "a.pdf": (b"%PDF-1.7\n...", "is a PDF file; export the text"),
        "a.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word/Excel file (.doc/.xls)"),
        "a.docx": (b"not a zip", "is not a Word document (a .docx file is a zip archive)"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as exc:
            read_source(path)
        assert message in str(exc.value), name
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.zip", "w") as z:
        z.writestr("x.txt", "x")
    with pytest.raises(InputError) as exc:
        read_source(tmp_path / "a.zip")
    assert "is a zip archive, not a document termguard reads" in str(exc.value)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    _soffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils) are not "
    "installed; `make system-deps` installs them",
)
def test_libreoffice_opens_the_translated_document_and_renders_it(tmp_path: Path) -> None:
    """LibreOffice converts the output to PDF; its text has the translation; pdftoppm draws it."""
    doc = read_source(make_docx(tmp_path / "news.docx"))
    out = tmp_path / "news.en.docx"
    out.write_bytes(write_translation(doc, _upper(doc), "en"))
    profile = (tmp_path / "lo-profile").as_uri()
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(
        [
            str(_soffice()),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    pdf = tmp_path / "news.en.pdf"
    assert pdf.stat().st_size > 1000
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (HEADING.upper(), "ЖОСПАРЛАНҒАН", "КЕҢЕС МӘЖІЛІСІ ӨТТІ", "БАСПАСӨЗ ҚЫЗМЕТІ"):
        assert expected in " ".join(text.split()), expected
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("TERMGUARD_KEEP_RENDER")
    if keep:  # to look at the page: TERMGUARD_KEEP_RENDER=/tmp/page.png pytest -k libreoffice
        shutil.copy(png, keep)
