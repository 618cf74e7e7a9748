"""`termguard translate` from the command line: no-model runs, strict mode, stdin, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import polib
from click.testing import CliRunner

from termguard.cli import cli

MINI = str(Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml")
TEXT = "Медиация туралы.\n\nҚазақстан халқы Ассамблеясының отырысы өтті.\n"


def invoke(tmp_path: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    empty = tmp_path / "models"
    empty.mkdir(exist_ok=True)
    return CliRunner().invoke(
        cli, ["translate", *args, "--glossary", MINI, "--models-dir", str(empty)], input=stdin
    )


def test_without_models_catalogs_are_written_and_exit_is_0(tmp_path: Path) -> None:
    """No model: empty catalogs with hints for each target, a warning per pair, exit 0."""
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    locales = tmp_path / "locales"
    report = tmp_path / "report.json"
    result = invoke(
        tmp_path, str(src), "--to", "en,ru", "--locales", str(locales), "--report", str(report)
    )
    assert result.exit_code == 0, result.output
    assert "warning: no model for kk->en (installed: none)" in result.stderr
    assert "2 file(s) written, 0 unchanged" in result.stderr
    assert "translating" not in result.stderr  # no progress bar outside a terminal
    for lang in ("en", "ru"):
        po = polib.pofile(str(locales / lang / "LC_MESSAGES" / "news.po"))
        assert [e.msgid for e in po] == [
            "Медиация туралы.",
            "Қазақстан халқы Ассамблеясының отырысы өтті.",
        ]
        assert all(e.msgstr == "" for e in po)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["missing_models"] == ["kk->en", "kk->ru"]
    assert [(d["target"], d["segments"], d["untranslated"]) for d in data["documents"]] == [
        ("en", 2, 2),
        ("ru", 2, 2),
    ]


def test_strict_fails_without_models(tmp_path: Path) -> None:
    """--strict turns a missing model into exit 1."""
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = invoke(tmp_path, str(src), "--to", "en", "--locales", str(tmp_path / "l"), "--strict")
    assert result.exit_code == 1


def test_unreadable_input_exit_1_other_files_written(tmp_path: Path) -> None:
    """UTF-16 without a BOM is reported by path; the other input still gets its catalog."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(TEXT.encode("utf-16-le"))
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    locales = tmp_path / "locales"
    result = invoke(tmp_path, str(bad), str(good), "--to", "en", "--locales", str(locales))
    assert result.exit_code == 1
    assert f"Error: {bad}: the file is UTF-16LE without a byte-order mark" in result.stderr
    assert (locales / "en" / "LC_MESSAGES" / "good.po").exists()
    assert not (locales / "en" / "LC_MESSAGES" / "bad.po").exists()
    assert "Traceback" not in result.output


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    """UTF-16 with a byte-order mark is unambiguous, so it is translated like UTF-8."""
    src = tmp_path / "news.txt"
    src.write_bytes(TEXT.encode("utf-16"))
    locales = tmp_path / "locales"
    result = invoke(tmp_path, str(src), "--to", "en", "--locales", str(locales))
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(locales / "en" / "LC_MESSAGES" / "news.po"))
    assert [e.msgid for e in po] == [
        "Медиация туралы.",
        "Қазақстан халқы Ассамблеясының отырысы өтті.",
    ]


def test_kyrgyz_is_not_taken_for_kazakh(tmp_path: Path) -> None:
    """A Kyrgyz article is refused with advice instead of being translated as Kazakh."""
    src = tmp_path / "ky.txt"
    src.write_text("Өкмөттүк эмес уюмдардын өкүлдөрү жыйналышка катышты.\n", encoding="utf-8")
    result = invoke(tmp_path, str(src), "--to", "en", "--locales", str(tmp_path / "l"))
    assert result.exit_code == 1
    assert "looks like Kyrgyz" in result.stderr


def test_unknown_target_language_is_a_usage_error(tmp_path: Path) -> None:
    """--to with an unsupported language exits 2 and names it."""
    result = invoke(tmp_path, "x.txt", "--to", "en,de")
    assert result.exit_code == 2
    assert "unknown language 'de'" in result.output


def test_stdin_to_stdout_keeps_layout(tmp_path: Path) -> None:
    """'-' reads stdin and prints the document (untranslated without a model) to stdout."""
    result = invoke(tmp_path, "-", "--to", "en", stdin=TEXT)
    assert result.exit_code == 0
    assert result.stdout == TEXT


def test_stdin_with_several_targets_is_refused(tmp_path: Path) -> None:
    """'-' with two --to languages stops with a usage error instead of dropping one."""
    result = invoke(tmp_path, "-", "--to", "en,ru", stdin=TEXT)
    assert result.exit_code == 2
    assert "one language at a time: give one --to language" in result.output
    assert result.stdout == "" or "Usage" in result.output


def test_report_has_segments(tmp_path: Path) -> None:
    """--report writes every segment beside the per-document counts."""
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    report = tmp_path / "r.json"
    result = invoke(
        tmp_path, str(src), "--to", "en", "--report", str(report), "--locales", str(tmp_path / "l")
    )
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [s["line"] for s in data["segments"]] == [1, 3]
    assert {s["status"] for s in data["segments"]} == {"untranslated"}
    assert data["segments"][1]["terms"][0]["concept"] == "assembly-of-people"


def test_two_inputs_with_one_file_name_stop_before_anything_is_written(tmp_path: Path) -> None:
    """a/news.txt b/news.txt is refused with both names and --root; --root . writes both."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(TEXT, encoding="utf-8")
    a, b = str(tmp_path / "a" / "news.txt"), str(tmp_path / "b" / "news.txt")
    locales = tmp_path / "locales"
    result = invoke(tmp_path, a, b, "--to", "en", "--locales", str(locales))
    assert result.exit_code == 1
    assert f"Error: {a}: would write the same catalog as {b}: " in result.stderr
    assert "pass --root DIR to name catalogs by their path under DIR" in result.stderr
    assert not locales.exists()
    root = str(tmp_path)
    result = invoke(tmp_path, a, b, "--to", "en", "--locales", str(locales), "--root", root)
    assert result.exit_code == 0, result.output
    for folder in ("a", "b"):
        po = polib.pofile(str(locales / "en" / "LC_MESSAGES" / folder / "news.po"))
        assert po.metadata["X-Termguard-Source"] == f"{folder}/news.txt"
    assert not list(locales.rglob(".termguard.lock"))


def test_another_documents_catalog_is_never_merged_into(tmp_path: Path) -> None:
    """b/news.txt after a/news.txt in another run is refused, and a's catalog stays as it was."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    (tmp_path / "a" / "news.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "news.txt").write_text("Басқа мәтін.\n", encoding="utf-8")
    locales = tmp_path / "locales"
    loc = str(locales)
    first = invoke(tmp_path, str(tmp_path / "a" / "news.txt"), "--to", "en", "--locales", loc)
    assert first.exit_code == 0, first.output
    catalog = locales / "en" / "LC_MESSAGES" / "news.po"
    before = catalog.read_bytes()
    second = invoke(tmp_path, str(tmp_path / "b" / "news.txt"), "--to", "en", "--locales", loc)
    assert second.exit_code == 1
    assert "a/news.txt (the catalog's X-Termguard-Source)" in second.stderr
    assert catalog.read_bytes() == before
