"""Markdown: blocks are units, emphasis and links are marks, code and front matter are kept."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from termguard.documents import Rendered, read_source, write_translation

ARTICLE = Path(__file__).parent / "data" / "documents" / "article.md"


def _structure(text: str) -> list[str]:
    """Block and inline token types: what must not change in a translation."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    out = []
    for token in md.parse(text):
        out.append(token.type)
        out.extend(
            f"  {c.type}" for c in token.children or [] if c.type not in ("text", "softbreak")
        )
    return out


def test_blocks_are_units_and_code_is_not() -> None:
    """Headings, paragraphs, list items, the quote and table cells; no front matter, no code."""
    doc = read_source(ARTICLE)
    texts = [u.text for u in doc.units]
    assert texts[0] == "ШҚО-да Қазақстан халқы Ассамблеясы Кеңесінің мәжілісі өтті"
    assert "Күн тәртібі" in texts and "Кеңес мәжілісі өтті" in texts
    assert not any("title:" in t or "curl" in t or "**" in t or "`" in t for t in texts)
    bold = next(u for u in doc.units if u.text.startswith("Аталған"))
    assert "Кеңесінің мүшелері" in bold.text  # the line break inside the bold span is a space
    assert [m.label for _, m in bold.marks] == ["bold", "bold"]


def test_untranslated_file_is_the_same_bytes() -> None:
    """Nothing translated: the file comes back byte for byte."""
    doc = read_source(ARTICLE)
    assert write_translation(doc, [None] * len(doc.units), "en") == ARTICLE.read_bytes()


def test_translated_file_keeps_its_structure_links_and_code() -> None:
    """Same blocks and inline markup; the link destination, title and code span unchanged."""
    doc = read_source(ARTICLE)
    out = write_translation(doc, [Rendered(u.text.upper(), u.marks) for u in doc.units], "en")
    text = out.decode()
    original = ARTICLE.read_text(encoding="utf-8")
    assert _structure(text) == _structure(original)
    assert '[АССАМБЛЕЯ САЙТЫНДА](https://assembly.kz/kk "Ассамблея")' in text
    assert "`ҚР 401-IV`" in text and "curl https://assembly.kz/api/news" in text
    assert text.startswith("---\ntitle: ШҚО-да")


def test_translated_text_that_looks_like_markup_is_escaped() -> None:
    """A translation with * or a leading '1.' stays text, not emphasis or a list."""
    doc = read_source("x.md", "Медиация дамып келеді.\n".encode())
    out = write_translation(doc, [Rendered("1. Mediation *grows*")], "en").decode()
    assert out == "1\\. Mediation \\*grows\\*\n"
    assert _structure(out) == ["paragraph_open", "inline", "paragraph_close"]
