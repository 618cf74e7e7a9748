"""`termguard glossary export` in every format and `glossary import`: output and exit codes."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli

EXCHANGE = Path(__file__).parent / "data" / "glossaries" / "exchange"
GLOSSARY = str(EXCHANGE / "glossary")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXCHANGE / "glossary", tmp_path / "glossary"))


@pytest.mark.parametrize(
    ("fmt", "extra", "start"),
    [
        ("tbx", [], b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042'),
        ("tbx2", [], b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif'),
        ("csv", [], b"id,subject,kk,ru,th,en,definition"),
        ("csv", ["--from", "kk", "--to", "en"], "source,target,description\nүкіметтік".encode()),
        (
            "tsv",
            ["--from", "en", "--to", "kk"],
            "non-governmental organization\tүкіметтік".encode(),
        ),
        ("po", ["--from", "kk", "--to", "ru"], b'#\nmsgid ""'),
        ("xlsx", [], b"PK"),
        ("jsonl", [], b'{"id": "ngo"'),
    ],
)
def test_export_writes_every_format(
    tmp_path: Path, fmt: str, extra: list[str], start: bytes
) -> None:
    """Each --format writes its file with -o and says so on stderr."""
    out = tmp_path / f"g.{fmt}"
    code, stdout, stderr = run("glossary", "export", "--format", fmt, *extra, "-o", str(out),
                               "--glossary", GLOSSARY)  # fmt: skip
    assert code == 0, stderr
    assert stdout == ""
    assert stderr == f"wrote {out} (4 concepts)\n"
    assert out.read_bytes().startswith(start)


def test_export_to_stdout() -> None:
    """Without -o a text format goes to stdout, nothing to stderr."""
    code, stdout, stderr = run("glossary", "export", "--format", "tsv", "--from", "kk", "--to",
                               "ru", "--glossary", GLOSSARY)  # fmt: skip
    assert code == 0 and stderr == ""
    assert stdout.splitlines()[0] == "үкіметтік емес ұйым\tнеправительственная организация"


def test_po_makes_a_catalog_per_target_in_a_folder(tmp_path: Path) -> None:
    """--format po --from kk -o DIR writes ru.po, th.po and en.po."""
    code, _, stderr = run("glossary", "export", "--format", "po", "--from", "kk", "-o",
                          str(tmp_path / "po"), "--glossary", GLOSSARY)  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "po").iterdir()) == ["en.po", "ru.po", "th.po"]
    assert stderr.splitlines()[0] == f"wrote {tmp_path / 'po' / 'ru.po'}"


def test_langs_and_status_filter_the_export() -> None:
    """--langs picks the language columns, --status keeps matching terms only."""
    code, stdout, _ = run("glossary", "export", "--format", "csv", "--langs", "en,kk", "--status",
                          "preferred", "--status", "approved", "--glossary", GLOSSARY)  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert list(rows[0])[:4] == ["id", "subject", "kk", "en"]
    assert rows[0]["kk"] == "үкіметтік емес ұйым"
    assert rows[0]["en"] == "non-governmental organization\nNGO [abbreviation]"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "tsv"], "tsv is one direction: pass --from and --to"),
        (["--format", "po"], "po catalogs need --from"),
        (["--format", "csv", "--from", "kk"], "csv needs both --from and --to"),
        (["--format", "tbx", "--from", "kk"], "--from/--to do not apply to tbx"),
        (["--format", "xlsx"], "xlsx is a binary file: pass -o FILE.xlsx"),
        (["--format", "po", "--from", "kk"], "po makes a catalog per target language"),
        (["--format", "csv", "--langs", "kk,fr"], "unknown language 'fr'"),
        (["--format", "csv", "--status", "approved,old"], "unknown status 'old'"),
        (["--format", "csv", "--langs", "kk", "--from", "kk", "--to", "en"],
         "--to en is not among --langs kk"),
    ],
)  # fmt: skip
def test_export_usage_errors_exit_2(args: list[str], message: str) -> None:
    """Options that do not fit the format are usage errors (exit 2) that say what to pass."""
    code, _, stderr = run("glossary", "export", *args, "--glossary", GLOSSARY)
    assert code == 2
    assert message in stderr


def test_import_dry_run_prints_the_summary(folder: Path) -> None:
    """Without --apply the summary goes to stdout, nothing is written, conflicts exit 1."""
    before = (folder / "courts.toml").read_text(encoding="utf-8")
    code, stdout, stderr = run("glossary", "import", str(EXCHANGE / "edits.csv"), "--glossary",
                               str(folder))  # fmt: skip
    assert code == 1
    assert stdout.splitlines()[-1] == (
        "2 new concept(s), 2 new term(s), 1 status change(s), 2 other change(s), "
        "0 new source(s), 3 conflict(s)"
    )
    assert stderr.splitlines() == [
        "nothing written: pass --apply to write these changes",
        "3 conflict(s) not applied; resolve them in glossary/ by hand",
    ]
    assert (folder / "courts.toml").read_text(encoding="utf-8") == before


def test_import_apply_writes_the_changes(folder: Path) -> None:
    """--apply writes the files and lists them on stderr."""
    code, _, stderr = run("glossary", "import", str(EXCHANGE / "edits.csv"), "--apply",
                          "--glossary", str(folder))  # fmt: skip
    assert code == 1  # the three conflicts remain
    assert f"wrote {folder / 'elections.toml'}" in stderr.splitlines()
    assert (folder / "courts.toml").read_text(encoding="utf-8") == (
        EXCHANGE / "expected" / "courts.toml"
    ).read_text(encoding="utf-8")


def test_import_of_an_unchanged_export_says_no_changes(folder: Path, tmp_path: Path) -> None:
    """Export then import through the CLI prints "no changes" and exits 0."""
    out = tmp_path / "g.tbx"
    assert run("glossary", "export", "--format", "tbx", "-o", str(out), "--glossary",
               str(folder))[0] == 0  # fmt: skip
    code, stdout, stderr = run("glossary", "import", str(out), "--glossary", str(folder))
    assert (code, stdout, stderr) == (0, "no changes\n", "")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tbx", "<tbx>\n<text>\n</tbx>\n", "bad.tbx:3: broken XML"),
        ("bad.csv", "id,kk,en\nngo,ұйым\n", "bad.csv:2: row has 2 cells but the header has 3"),
        ("bad.csv", "id,kk\nngo,ұйым [abandoned]\n",
         "bad.csv:2: unknown term attribute 'abandoned'"),
        ("bad.xlsx", "not a zip", "bad.xlsx: not a readable .xlsx workbook"),
        ("bad.txt", "x", "bad.txt: cannot tell the format from the extension"),
    ],
)  # fmt: skip
def test_import_of_a_bad_file_exits_1_with_file_and_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    """Broken XML, a missing column, an unknown status: one clear error line, exit 1."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, stdout, stderr = run("glossary", "import", str(path), "--glossary", GLOSSARY)
    assert code == 1
    assert stdout == ""
    assert stderr.startswith(f"Error: {tmp_path}/{message}")
    assert "Traceback" not in stderr


def test_import_needs_both_languages_or_none(tmp_path: Path) -> None:
    """--from without --to is a usage error."""
    path = tmp_path / "p.csv"
    path.write_text("source,target\nа,b\n", encoding="utf-8")
    code, _, stderr = run("glossary", "import", str(path), "--from", "kk", "--glossary", GLOSSARY)
    assert code == 2 and "pass both --from and --to" in stderr
