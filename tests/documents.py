"""A Word document made for the tests from seed sentences (no binary file is kept in the repo)."""

from __future__ import annotations

from pathlib import Path

HEADING = "ШҚО-да Қазақстан халқы Ассамблеясы Кеңесінің мәжілісі өтті"
BOLD = "Қазақстан халқы Ассамблеясы Кеңесінің мүшелері"
LINK_TEXT = "Ассамблея сайтында"
LINK_URL = "https://assembly.kz/kk"


def add_link(paragraph, url: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """A w:hyperlink with one run in the Hyperlink style (python-docx has no call for it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def make_docx(path: Path) -> Path:
    """Headings, bold and italics, a link, a table, a header and a footer, in Kazakh."""
    import docx

    d = docx.Document()
    d.add_heading(HEADING, level=1)
    p = d.add_paragraph("Аталған шараға облыс Әкімінің орынбасары А.Б.Нүсіпова, ")
    p.add_run(BOLD).bold = True
    p.add_run(" және облыстық соттың судьясы Е.Ш.Жұмақсанов қатысты.")
    d.add_heading("Күн тәртібі", level=2)
    p = d.add_paragraph("Аналар Кеңесінің ")
    p.add_run("жоспарланған").italic = True
    p.add_run(" іс-шаралары талқыланды.")
    p = d.add_paragraph("Толығырақ ")
    add_link(p, LINK_URL, LINK_TEXT)
    p.add_run(" оқыңыз.")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Күні"
    table.cell(0, 1).text = "Оқиға"
    table.cell(1, 0).text = "2016"
    table.cell(1, 1).text = "Кеңес мәжілісі өтті"
    d.sections[0].header.paragraphs[0].text = "Шығыс Қазақстан облыстық соты"
    d.sections[0].footer.paragraphs[0].text = "Баспасөз қызметі"
    d.save(str(path))
    return path
