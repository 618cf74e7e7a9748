"""HTML pages: text nodes and attributes are units; markup is kept byte for byte."""

from __future__ import annotations

import html
import re
from pathlib import Path

from termguard.documents import Rendered, read_source, write_translation

PAGE = Path(__file__).parent / "data" / "documents" / "page.html"


def _upper(doc):  # type: ignore[no-untyped-def]
    return [Rendered(u.text.upper(), u.marks) for u in doc.units]


def test_units_are_text_and_translatable_attributes_only() -> None:
    """Title, description, navigation, headings, paragraphs, alt and caption; no script or style."""
    doc = read_source(PAGE)
    texts = [u.text for u in doc.units]
    assert texts[0] == "ШҚО-да Қазақстан халқы Ассамблеясы Кеңесінің мәжілісі өтті"
    assert "Қазақстан халқы Ассамблеясы Кеңесінің мәжілісі" in texts  # meta description
    assert "Басты бет | Жаңалықтар" in texts
    assert "Соңғы жаңалықтар" in texts  # title attribute
    assert "Ассамблея Кеңесінің мәжілісі" in texts  # alt
    assert "Медиация & татуласу" in texts  # entity decoded
    assert not any("<" in t or "var banner" in t or "color" in t for t in texts)
    assert not any("Баспаға" in t for t in texts)  # inside the script


def test_a_paragraph_wrapped_over_lines_is_one_unit_with_single_spaces() -> None:
    """Source line breaks inside a paragraph are whitespace, as a browser shows them."""
    doc = read_source(PAGE)
    unit = next(u for u in doc.units if u.text.startswith("Күн тәртібінде"))
    assert "\n" not in unit.text and "  " not in unit.text
    assert unit.line == 19


def test_inline_tags_are_marks_not_text() -> None:
    """<b> and <a href> inside a paragraph are spans over the words they cover."""
    doc = read_source(PAGE)
    unit = next(u for u in doc.units if u.text.startswith("Толығырақ"))
    assert unit.text == "Толығырақ Ассамблея сайтында оқыңыз."
    (o, opened), (c, closed) = unit.marks
    assert (opened.kind, closed.kind, opened.label) == ("open", "close", "<a>")
    assert unit.text[o:c] == "Ассамблея сайтында"


def test_untranslated_page_is_the_same_bytes_but_for_lang() -> None:
    """Writing every unit unchanged gives the page back, with lang set to the target."""
    doc = read_source(PAGE)
    out = write_translation(doc, [None] * len(doc.units), "en")
    assert out == PAGE.read_bytes().replace(b'lang="kk"', b'lang="en"')
    same = write_translation(doc, [Rendered(u.text, u.marks) for u in doc.units], "kk")
    original = PAGE.read_text(encoding="utf-8")
    # the rewritten units differ only in whitespace inside paragraphs and in entities
    assert html.unescape(re.sub(r"\s+", " ", same.decode())) == html.unescape(
        re.sub(r"\s+", " ", original)
    )


def test_translated_page_keeps_all_markup_outside_the_text() -> None:
    """Every tag, the script and the style survive; only text and attribute values change."""
    doc = read_source(PAGE)
    out = write_translation(doc, _upper(doc), "ru").decode()
    original = PAGE.read_text(encoding="utf-8")
    tags = re.compile(r"<[^>]*>")
    assert len(tags.findall(out)) == len(tags.findall(original))
    assert re.search(r"<script>.*var banner = \"<p>Баспаға", out, re.DOTALL)
    assert "/* <p>not text</p> */" in out
    assert '<html lang="ru" dir="ltr">' in out
    assert 'alt="АССАМБЛЕЯ КЕҢЕСІНІҢ МӘЖІЛІСІ"' in out
    assert '<a href="https://assembly.kz/kk">АССАМБЛЕЯ САЙТЫНДА</a>' in out
    assert "МЕДИАЦИЯ &amp; ТАТУЛАСУ" in out


def test_a_run_of_closing_tags_is_never_a_unit() -> None:
    """'</p></article></body></html>' and tag-only blocks give no segment."""
    page = b"<html><body><article><p>\xd0\x9c\xd0\xb5\xd0\xb4</p></article></body></html>\n"
    doc = read_source("x.html", page)
    assert [u.text for u in doc.units] == ["Мед"]


def test_translate_no_and_code_are_kept_as_they_are() -> None:
    """translate="no" blocks are not units; an inline <code> is one point inside the sentence."""
    page = (
        '<p translate="no">Қазақстан</p><p>Пайдаланыңыз <code>x = <b>1</b></code> енді.</p>'
    ).encode()
    doc = read_source("x.html", page)
    assert [u.text for u in doc.units] == ["Пайдаланыңыз  енді."]
    assert [m.label for _, m in doc.units[0].marks] == ["<code>"]
    out = write_translation(doc, [Rendered("USE  NOW.", ((4, doc.units[0].marks[0][1]),))], "en")
    assert (
        out.decode() == '<p translate="no">Қазақстан</p><p>USE <code>x = <b>1</b></code> NOW.</p>'
    )


def test_a_declared_legacy_charset_is_read_and_written_back() -> None:
    """A windows-1251 page is decoded by its meta charset and written in it again."""
    page = '<html><head><meta charset="windows-1251"></head><body><p>Медиация</p></body></html>'
    doc = read_source("x.html", page.encode("cp1251"))
    assert doc.units[0].text == "Медиация"
    out = write_translation(doc, [Rendered("Посредничество")], "ru")
    assert out.decode("cp1251").endswith("<p>Посредничество</p></body></html>")
