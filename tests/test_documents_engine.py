"""Documents through the real engine (the tiny models): tags survive, documents round-trip.

What is asserted is what the mechanism guarantees on any CPU: every mark of the source is in
the translation exactly once (kept by the model, or put back and reported), no tag text is left
over, markup and timecodes are unchanged, catalogs hold no markup. Which candidate a tiny model
ranks first differs by CPU kernel, so no exact translation is asserted.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import polib
import pytest
import sentencepiece
import srt
from click.testing import CliRunner
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from documents import make_docx
from termguard.cli import cli
from termguard.documents import read_source
from termguard.documents.marks import CLOSE, OPEN, Mark, decode, encode

DATA = Path(__file__).parent / "data"
MODELS = DATA / "models"
MINI = str(DATA / "glossaries" / "good" / "mini.toml")
PACKAGES = sorted(MODELS.glob("translate-*.argosmodel"))
TAG = re.compile(r"\[/?\d{1,3}/?\]")

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(len(PACKAGES) < 3, reason="tiny models not built"),
]


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from termguard.translate.packages import install_package

    folder = tmp_path_factory.mktemp("packages")
    for model in PACKAGES:
        install_package(model, models_dir=folder)
    return folder


def test_tag_characters_are_pieces_of_every_tiny_vocabulary(models_dir: Path) -> None:
    """'[', ']', '/' and digits are vocabulary pieces; '<', '>' and '{' fall back to bytes."""
    for sp_path in sorted(models_dir.glob("*/sentencepiece.model")):
        sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
        pieces = sp.encode("[1]x[/1] [2/]", out_type=str)
        assert not any(p.startswith("<0x") for p in pieces), (sp_path, pieces)
        assert any(p.startswith("<0x") for p in sp.encode("<b1>", out_type=str)), sp_path


@pytest.mark.parametrize(
    ("pair", "sentence", "span"),
    [
        (("kk", "en"), "Толығырақ Ассамблея сайтында оқыңыз.", (10, 28)),
        (
            ("kk", "en"),
            "Сондай-ақ бүгін Нұрсұлтан Назарбаев Қазақстан халқы Ассамблеясымен танысты.",
            (16, 35),
        ),
        (("en", "ru"), "The Assembly of People met in Astana.", (4, 22)),
        (("th", "en"), "การไกล่เกลี่ยเป็นทางเลือก", (0, 13)),
    ],
)
def test_every_tag_comes_back_from_the_engine_or_is_put_back(
    models_dir: Path, pair: tuple[str, str], sentence: str, span: tuple[int, int]
) -> None:
    """For each of the n-best, the span is in the decoded translation once, and no tag text."""
    from termguard.translate.engine import get_translator

    marks = ((span[0], Mark(OPEN, 1, "<b>")), (span[1], Mark(CLOSE, 1, "<b>")))
    tagged = encode(sentence, marks)
    translator = get_translator(*pair, models_dir=str(models_dir))
    (nbest,) = translator.translate_batch([tagged.text], 4)
    assert nbest
    for candidate in nbest:
        back = decode(tagged, candidate.text)
        assert [m.kind for _, m in back.marks] == ["open", "close"]
        assert not TAG.search(back.text), candidate.text
        # as decode reads tags: a bracket turned round, lost or replaced by a letter counts
        opened = re.search(r"[\[\]]1\]", candidate.text)
        kept = opened and re.search(r"[\[\]]/1|/1\]", candidate.text)
        assert kept or back.restored or back.problems, candidate.text


def _count_docx(data: bytes) -> dict[str, int]:
    d = docx.Document(io.BytesIO(data))
    body = d.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return {
        "paragraphs": len(d.paragraphs),
        "tables": len(d.tables),
        "hyperlinks": len(body.findall(f".//{w}hyperlink")),
        "bold": sum(1 for p in d.paragraphs for r in p.runs if r.bold and r.text.strip()),
        "italic": sum(1 for p in d.paragraphs for r in p.runs if r.italic and r.text.strip()),
        "styles": len({p.style.name for p in d.paragraphs}),
    }


def _html_tags(text: str) -> list[str]:
    return sorted(m.group(1).lower() for m in re.finditer(r"</?([A-Za-z][\w-]*)", text))


def _md_structure(text: str) -> list[str]:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    out = []
    for token in md.parse(text):
        out.append(token.type)
        out.extend(c.type for c in token.children or [] if c.type not in ("text", "softbreak"))
    return out


@pytest.fixture(scope="module")
def translated(models_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four documents translated kk->en by the CLI, with --documents."""
    work = tmp_path_factory.mktemp("newsroom")
    articles = work / "articles"
    articles.mkdir()
    make_docx(articles / "news.docx")
    for name in ("page.html", "article.md", "news.srt"):
        shutil.copy(DATA / "documents" / name, articles / name)
    args = [
        "translate",
        str(articles),
        "--to",
        "en",
        "--glossary",
        MINI,
        "--models-dir",
        str(models_dir),
        "--locales",
        str(work / "locales"),
        "--documents",
        str(work / "translated"),
        "--n-best",
        "4",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return {"work": work, "articles": articles, "out": work / "translated" / "en"}


def test_every_document_is_written_in_its_own_format(translated: dict[str, Path]) -> None:
    """translated/en/ holds the four documents under their own names."""
    names = sorted(p.name for p in translated["out"].iterdir())
    assert names == ["article.md", "news.docx", "news.srt", "page.html"]


def _lost_markup(translated: dict[str, Path], catalog: str) -> list[str]:
    """The catalog's reports of markup the model lost and that was put back by a guess."""
    po = translated["work"] / "locales" / "en" / "LC_MESSAGES" / catalog
    return [
        line
        for entry in polib.pofile(str(po))
        for line in entry.comment.split("\n")
        if line.startswith("termguard: markup: the model lost")
    ]


def test_translated_docx_opens_with_the_same_structure(translated: dict[str, Path]) -> None:
    """python-docx: same paragraphs, tables, hyperlinks, styles; bold and italic runs unless
    the catalog reports a span the model lost (put back empty, the entry flagged)."""
    before = _count_docx((translated["articles"] / "news.docx").read_bytes())
    after = _count_docx((translated["out"] / "news.docx").read_bytes())
    lost = _lost_markup(translated, "news.docx.po")
    for key in ("paragraphs", "tables", "hyperlinks", "styles"):
        assert after[key] == before[key], key
    assert (after["bold"], after["italic"]) == (before["bold"], before["italic"]) or lost


def test_translated_html_keeps_its_markup(translated: dict[str, Path]) -> None:
    """lxml parses it; the same tags in the same numbers; lang is en; the script is intact."""
    before = (translated["articles"] / "page.html").read_text(encoding="utf-8")
    after = (translated["out"] / "page.html").read_text(encoding="utf-8")
    lxml_html.fromstring(after.encode())
    assert _html_tags(after) == _html_tags(before)
    assert '<html lang="en" dir="ltr">' in after
    script = re.compile(r"<script>.*?</script>", re.DOTALL)
    assert script.findall(after) == script.findall(before)
    assert not TAG.search(after)


def test_translated_markdown_keeps_its_structure(translated: dict[str, Path]) -> None:
    """markdown-it parses the same blocks and inline markup (unless the catalog reports a
    span the model lost); code is unchanged."""
    before = (translated["articles"] / "article.md").read_text(encoding="utf-8")
    after = (translated["out"] / "article.md").read_text(encoding="utf-8")
    md = MarkdownIt("commonmark").enable("table")
    assert [t.type for t in md.parse(after)] == [t.type for t in md.parse(before)]
    assert _md_structure(after) == _md_structure(before) or _lost_markup(translated, "article.po")
    assert "curl https://assembly.kz/api/news" in after and "`ҚР 401-IV`" in after
    assert not TAG.search(after)


def test_translated_subtitles_keep_every_timecode(translated: dict[str, Path]) -> None:
    """srt parses 20 cues with the same numbers and times; the <i> is still one pair."""
    before = list(srt.parse((translated["articles"] / "news.srt").read_text(encoding="utf-8")))
    after = list(srt.parse((translated["out"] / "news.srt").read_text(encoding="utf-8")))
    assert len(after) == 20
    assert [(s.index, s.start, s.end) for s in after] == [(s.index, s.start, s.end) for s in before]
    assert after[2].content.count("<i>") == after[2].content.count("</i>") == 1


def test_catalog_entries_hold_no_markup_and_point_to_document_places(
    translated: dict[str, Path],
) -> None:
    """No tag, markup or tag number in any msgid or msgstr; each entry names its place."""
    catalogs = sorted((translated["work"] / "locales" / "en" / "LC_MESSAGES").glob("*.po"))
    assert [p.name for p in catalogs] == ["article.po", "news.docx.po", "news.srt.po", "page.po"]
    markup = re.compile(r"<[a-z/!][^>]*>|\[/?\d+/?\]|\*\*|`|\{\\")
    places = set()
    for path in catalogs:
        for entry in polib.pofile(str(path)):
            assert not markup.search(entry.msgid), (path.name, entry.msgid)
            assert not markup.search(entry.msgstr), (path.name, entry.msgstr)
            assert all(line.isdigit() for _, line in entry.occurrences), entry.occurrences
            places.update(
                c[len("place: ") :] for c in entry.comment.split("\n") if c.startswith("place: ")
            )
    assert {"p1", "p2", "t1.r1.c1.p1", "header1.p1", "cue1", "cue20"} <= places


def test_check_reads_a_translated_document_pair_as_it_reads_a_catalog(
    translated: dict[str, Path],
) -> None:
    """check --source/--target on .docx and .html: every unit is a pair; exit 0 or 3, not 1."""
    for name in ("news.docx", "page.html"):
        source = translated["articles"] / name
        target = translated["out"] / name
        args = ["check", "--source", str(source), "--target", str(target), "--glossary", MINI]
        args += ["--format", "json", "--fail-on", "never"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        import json

        report = json.loads(result.stdout)
        assert report["pairs"] == len(read_source(source).units)
        assert report["files"] == [str(target)]
