"""The issue's new user, on the command line: Word files, web pages, subtitles, folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
import srt
from click.testing import CliRunner

from documents import HEADING, make_docx
from termguard.cli import cli

DATA = Path(__file__).parent / "data"
MINI = str(DATA / "glossaries" / "good" / "mini.toml")
PACKAGES = sorted((DATA / "models").glob("translate-*.argosmodel"))


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def _msgids(po: Path) -> list[str]:
    return [e.msgid for e in polib.pofile(str(po))]


def test_a_word_document_is_translated_not_called_utf16(tmp_path: Path) -> None:
    """A .docx gives a catalog of its paragraphs (it was 'UTF-16 without a byte-order mark')."""
    source = make_docx(tmp_path / "news.docx")
    locales = tmp_path / "locales"
    code, _, err = _run(
        ["translate", str(source), "--to", "en", "--glossary", MINI, "--locales", str(locales)]
    )
    assert code == 0, err
    ids = _msgids(locales / "en" / "LC_MESSAGES" / "news.po")
    assert ids[0] == HEADING
    assert "Кеңес мәжілісі өтті" in ids and "Баспасөз қызметі" in ids


def test_a_web_page_gives_text_segments_only(tmp_path: Path) -> None:
    """No tags, scripts or styles in the catalog, and no tags-only segment."""
    page = tmp_path / "page.html"
    shutil.copy(DATA / "documents" / "page.html", page)
    locales = tmp_path / "locales"
    code, _, err = _run(
        ["translate", str(page), "--to", "en", "--glossary", MINI, "--locales", str(locales)]
    )
    assert code == 0, err
    ids = _msgids(locales / "en" / "LC_MESSAGES" / "page.po")
    assert "Басты бет | Жаңалықтар" in ids and "Ассамблея Кеңесінің мәжілісі" in ids
    assert not [i for i in ids if "<" in i or ">" in i or "var " in i or "{" in i]


def test_a_folder_is_walked_with_include_and_exclude(tmp_path: Path) -> None:
    """translate DIR takes its documents recursively; --exclude leaves a folder out."""
    articles = tmp_path / "articles"
    (articles / "2024").mkdir(parents=True)
    (articles / "drafts").mkdir()
    (articles / "2024" / "a.txt").write_text("Медиация дамып келеді.\n", encoding="utf-8")
    (articles / "b.md").write_text("# Қазақстан халқы Ассамблеясы\n", encoding="utf-8")
    (articles / "drafts" / "c.txt").write_text("Жоба.\n", encoding="utf-8")
    (articles / "notes.csv").write_text("x,y\n", encoding="utf-8")
    locales = tmp_path / "locales"
    base = ["translate", str(articles), "--to", "en", "--glossary", MINI]
    code, _, err = _run([*base, "--locales", str(locales), "--exclude", "drafts/"])
    assert code == 0, err
    found = sorted(p.relative_to(locales).as_posix() for p in locales.rglob("*.po"))
    assert found == ["en/LC_MESSAGES/2024/a.po", "en/LC_MESSAGES/b.po"]
    code, _, err = _run([*base, "--locales", str(tmp_path / "l2"), "--include", "*.csv"])
    assert code == 1
    assert "notes.csv" in err  # taken on request; "x,y" has no language to tell


def test_terms_and_check_walk_folders_too(tmp_path: Path) -> None:
    """terms DIR reads every document in it; check DIR reads every catalog in it."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Медиация дамып келеді.\n", encoding="utf-8")
    make_docx(articles / "news.docx")
    code, out, err = _run(["terms", str(articles), "--lang", "kk", "--glossary", MINI])
    assert code == 0, err
    assert "a.txt:1: [Медиация]" in out and "news.docx:" in out
    assert "in 2 file(s)" in err
    locales = tmp_path / "locales"
    _run(["translate", str(articles), "--to", "en", "--glossary", MINI, "--locales", str(locales)])
    code, _, err = _run(["check", str(locales), "--glossary", MINI, "--include-fuzzy"])
    assert code in (0, 3), err
    assert "in 2 file(s)" in err


@pytest.mark.engine
@pytest.mark.skipif(not PACKAGES, reason="tiny models not built")
def test_subtitles_keep_their_timecodes_in_the_translated_file(tmp_path: Path) -> None:
    """--documents writes the .srt again with every cue number and timecode (they were lost)."""
    from termguard.translate.packages import install_package

    models = tmp_path / "models"
    for package in PACKAGES:
        install_package(package, models_dir=models)
    source = tmp_path / "news.srt"
    shutil.copy(DATA / "documents" / "news.srt", source)
    out = tmp_path / "translated"
    args = ["translate", str(source), "--to", "en", "--glossary", MINI]
    args += ["--models-dir", str(models), "--locales", str(tmp_path / "locales")]
    code, _, err = _run([*args, "--documents", str(out)])
    assert code == 0, err
    before = list(srt.parse(source.read_text(encoding="utf-8")))
    after = list(srt.parse((out / "en" / "news.srt").read_text(encoding="utf-8")))
    assert [(s.index, s.start, s.end) for s in after] == [(s.index, s.start, s.end) for s in before]
