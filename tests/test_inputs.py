"""Reading what a command is given: file kinds named, stdin for check, zips sized, XML entities."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.bitext import decode, read_bitext
from termguard.cli import cli
from termguard.errors import InputError
from termguard.inputs import refuse_entities, zip_problem

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
FORMATS = DATA / "check" / "formats"
MINI = str(DATA / "glossaries" / "good" / "mini.toml")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("article.docx", "a Word document (.docx)"),
        ("article.odt", "an OpenDocument file (text)"),
        ("article.pdf", "a PDF document"),
        ("photo.png", "a PNG image"),
        ("photo.jpg", "a JPEG image"),
        ("logo.gif", "a GIF image"),
        ("article.txt.gz", "gzip-compressed data"),
        ("a.out", "a program (ELF executable)"),
        ("compiled.po", "a compiled gettext catalog (.mo)"),
    ],
)
def test_a_file_that_is_not_text_is_named_for_what_it_is(name: str, kind: str) -> None:
    """The first bytes name the format, instead of a guess at an encoding."""
    with pytest.raises(InputError) as info:
        decode((BAD / name).read_bytes(), name)
    assert str(info.value).startswith(f"{name}: this is {kind}, not a text file; ")
    assert "UTF-16" not in str(info.value)


def test_utf16_without_a_bom_is_told_by_its_byte_order() -> None:
    """UTF-16 without a BOM says which byte order, and how to convert it."""
    for order in ("le", "be"):
        name = f"utf16-{order}-no-bom.txt"
        with pytest.raises(InputError, match=rf"UTF-16{order.upper()} without a byte-order mark"):
            decode((BAD / name).read_bytes(), name)


def test_nul_bytes_in_utf8_text_are_not_called_utf16() -> None:
    """A few NUL bytes in UTF-8 text are reported with their line, not as UTF-16."""
    with pytest.raises(InputError) as info:
        decode(b"first line\nsecond\x00line\n", "x.txt")
    assert str(info.value).startswith("x.txt:2: contains NUL bytes")


def test_utf16_with_a_bom_is_read() -> None:
    """UTF-16 with a byte-order mark is text like any other."""
    text = "Медиация тегін.\n"
    assert decode(text.encode("utf-16"), "x.txt") == text


def test_a_line_too_long_for_running_text_is_refused() -> None:
    """A line longer than the limit is named with its number and length."""
    with pytest.raises(InputError, match=r"^x.txt:2: line is 200,001 characters long"):
        decode(("ok\n" + "a" * 200_001 + "\n").encode(), "x.txt")


@pytest.mark.parametrize("name", ["news.en-kk.po", "news.tsv", "news.tmx", "news-1.2.xlf"])
def test_check_reads_standard_input(name: str) -> None:
    """`check -` tells a catalog, a TSV, a TMX and an XLIFF apart by their content."""
    result = CliRunner().invoke(
        cli,
        ["check", "-", "--from", "en", "--to", "kk", "--glossary", MINI, "--fail-on", "never"],
        input=(FORMATS / name).read_bytes(),
    )
    assert result.exit_code == 0, result.output
    assert "3 pairs in 1 file(s)" in result.stderr


def test_a_zip_bomb_is_refused_without_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """The declared sizes refuse the bomb; no member is ever read."""

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with zipfile.ZipFile(BAD / "zip-bomb.argosmodel") as zf:
        problem = zip_problem(zf, max_total=1 << 40)
    assert problem is not None and "this is a zip bomb" in problem


def test_a_zip_larger_than_the_free_space_is_refused(tmp_path: Path) -> None:
    """Declared sizes beyond the free disk space, or the limit, are refused by name."""
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("top/a.bin", b"x" * 5000)
    with zipfile.ZipFile(path) as zf:
        assert zip_problem(zf, max_total=1 << 30) is None
        assert "only 1000 B of disk space is free" in str(zip_problem(zf, 1 << 30, free=1000))
        assert "more than the 4.0 KB allowed" in str(zip_problem(zf, max_total=4096))


def test_a_doctype_without_entities_is_read(tmp_path: Path) -> None:
    """A TMX naming its DTD (never fetched) is read; entity declarations alone are refused."""
    text = (FORMATS / "news.tmx").read_text(encoding="utf-8")
    with_dtd = text.replace(
        '<tmx version="1.4">', '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
    )
    path = tmp_path / "dtd.tmx"
    path.write_text(with_dtd, encoding="utf-8")
    assert len(read_bitext(path, tgt_lang="kk")) == 3
    with pytest.raises(InputError, match=r"^x.tmx:2: declares the XML entity 'a'"):
        refuse_entities('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "b">]>\n<tmx/>', "x.tmx")
