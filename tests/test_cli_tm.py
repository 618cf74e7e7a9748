"""`termguard tm` from the command line: update from catalogs, import, export, stats, search."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from termguard.cli import cli
from termguard.tm.harvest import state_of
from termguard.writers.po import draft_hash

ROOT = Path(__file__).resolve().parent.parent
SEED_TMX = str(ROOT / "seeds" / "tm" / "seed-translations.tmx")


def tm_cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["tm", *args])


def _entry(msgid: str, msgstr: str, flags: list[str], draft: str | None = None) -> polib.POEntry:
    comment = f"termguard: draft {draft_hash(draft)}" if draft else ""
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags, comment=comment)


def test_only_a_persons_translations_are_memory_material() -> None:
    """Approved entries are reviewed, edited drafts translated; termguard's own drafts are not."""
    assert state_of(_entry("Бір.", "Один.", [])) == "reviewed"
    assert state_of(_entry("Бір.", "Один.", [], draft="Один.")) == "reviewed"  # fuzzy removed
    assert state_of(_entry("Бір.", "Одна.", ["fuzzy"], draft="Один.")) == "translated"
    assert state_of(_entry("Бір.", "Один.", ["fuzzy"], draft="Один.")) is None
    assert state_of(_entry("Бір.", "Один.", ["fuzzy"])) is None  # no record: cannot tell
    carried = _entry("Бір.", "Один.", ["fuzzy"])
    carried.previous_msgid = "Бір?"
    assert state_of(carried) is None  # a person's translation of another sentence
    assert state_of(_entry("Бір.", "", [])) is None


def test_update_reads_the_catalogs_and_skips_unchanged_ones(tmp_path: Path) -> None:
    """tm update adds the reviewed entries, reads only catalogs that changed, and replaces them."""
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "a.po"
    po_path.parent.mkdir(parents=True)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Language": "ru", "X-Source-Language": "kk", "X-Termguard-Glossary": "abc"}
    po.append(_entry("Соңғы жаңалықтар", "Последние новости", []))
    po.append(_entry("Басқа жаңалықтар", "Другие новости", ["fuzzy"], draft="Другие новости"))
    po.save(str(po_path))
    loc = str(tmp_path / "locales")
    result = tm_cli("update", "--locales", loc)
    assert result.exit_code == 0, result.output
    assert "1 of 1 catalog(s) read: 1 translation(s) added, 0 removed" in result.stderr
    assert "0 of 1 catalog(s) read" in tm_cli("update", "--locales", loc).stderr
    po[0].msgstr = "Свежие новости"
    po.save(str(po_path))
    again = tm_cli("update", "--locales", loc)
    assert "1 of 1 catalog(s) read: 1 translation(s) added, 1 removed" in again.stderr
    line = po_path.read_text(encoding="utf-8").splitlines().index('msgid "Соңғы жаңалықтар"') + 1
    found = tm_cli("search", "Соңғы жаңалықтар", "--from", "kk", "--to", "ru")
    assert found.stdout.splitlines() == [
        f"100%  exact  reviewed    locales/ru/LC_MESSAGES/a.po:{line}",
        "      Соңғы жаңалықтар",
        "      Свежие новости",
    ]


def test_a_broken_catalog_is_reported_and_the_others_are_read(tmp_path: Path) -> None:
    """A catalog polib cannot read: path:line and exit 1, while the other catalogs are read."""
    folder = tmp_path / "locales" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "bad.po").write_text('msgid "x"\nmsgstr "y"\nfoo bar\n', encoding="utf-8")
    good = polib.POFile(wrapwidth=0)
    good.metadata = {"Language": "ru", "X-Source-Language": "kk"}
    good.append(_entry("Басқа жаңалықтар", "Другие новости", []))
    good.save(str(folder / "good.po"))
    result = tm_cli("update", "--locales", str(tmp_path / "locales"))
    assert result.exit_code == 1
    assert f"Error: {folder / 'bad.po'}:3: cannot read catalog" in result.stderr
    assert "1 of 2 catalog(s) read: 1 translation(s) added" in result.stderr


def test_import_stats_and_export_from_the_command_line(tmp_path: Path) -> None:
    """The seed sample imported, counted per pair in JSON, exported as TMX to a file."""
    assert tm_cli("import", SEED_TMX).exit_code == 0
    stats = json.loads(tm_cli("stats", "--format", "json").stdout)
    assert stats["units"] == 59 and stats["files"] == {"import": 1}
    out = tmp_path / "memory.tmx"
    result = tm_cli("export", "--format", "tmx", "-o", str(out), "--from", "th")
    assert result.exit_code == 0 and "5 unit(s) written" in result.stderr
    assert out.read_text(encoding="utf-8").count("<tu ") == 5


def test_search_ranks_similar_sentences_and_the_env_var_names_the_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TERMGUARD_TM picks the file; search lists the closest source first, each with its origin."""
    mp = monkeypatch
    path = tmp_path / "elsewhere.sqlite"
    mp.setenv("TERMGUARD_TM", str(path))
    assert tm_cli("import", SEED_TMX).exit_code == 0
    assert path.exists()
    result = tm_cli(
        "search",
        "Қазір Қазақстанда коммерциялық емес ұйымдар тіркелген.",
        "--from",
        "kk",
        "--to",
        "en",
        "--min",
        "60",
    )
    lines = result.stdout.splitlines()
    assert lines[0].split()[1:3] == ["fuzzy", "reviewed"]
    assert (
        lines[1].strip()
        == "Қазір Қазақстанда үкіметтік емес ұйымдардың бірнеше қауымдастығы тіркелген."
    )
    assert tm_cli("search", "Мүлде басқа сөз.", "--from", "kk", "--to", "en").stderr == (
        "no match at 50% or more\n"
    )


def test_the_project_file_names_the_memory_and_its_default_is_in_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """memory = ... in termguard.toml is used from any folder; without it, tm/ of the project."""
    monkeypatch.delenv("TERMGUARD_TM")
    project = tmp_path / "newsroom"
    (project / "desk").mkdir(parents=True)
    (project / "termguard.toml").write_text('memory = "db/memory.sqlite"\n', encoding="utf-8")
    monkeypatch.chdir(project / "desk")
    assert tm_cli("import", SEED_TMX).exit_code == 0
    assert (project / "db" / "memory.sqlite").is_file()
    (project / "termguard.toml").write_text('languages = ["en"]\n', encoding="utf-8")
    assert tm_cli("import", SEED_TMX).exit_code == 0
    assert (project / "tm" / "termguard.sqlite").is_file()
    assert not (project / "desk" / "tm").exists()
