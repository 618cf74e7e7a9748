"""The glossary commands: show, search, stats, export --format jsonl, and the top-level CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from termguard.cli import cli

MINI = str(Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_every_command_and_exit_codes() -> None:
    """--help names the command groups and documents exit code 3."""
    code, out, _ = run("--help")
    assert code == 0
    assert "glossary" in out
    assert "3  checks found terminology problems" in out


def test_help_imports_nothing_heavy() -> None:
    """`termguard --help` loads neither ctranslate2, pymorphy3, pythainlp, rapidfuzz nor the
    review page's web stack."""
    probe = (
        "import sys; from termguard.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('ctranslate2', 'pymorphy3', 'pythainlp', 'rapidfuzz', "
        "'argostranslate', 'lxml', 'openpyxl', 'polib', 'starlette', 'uvicorn', 'jinja2', "
        "'babel') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out


def test_version() -> None:
    """--version prints the package version."""
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("termguard, version ")


def test_validate_good_file_exits_0() -> None:
    """A valid glossary validates with a summary on stderr and exit 0."""
    code, _, err = run("glossary", "validate", MINI)
    assert code == 0
    assert "3 concepts (3 complete), 0 error(s)" in err


def test_show_by_id_and_by_inflection_free_term() -> None:
    """show finds a concept by id and by any of its terms, case-insensitively."""
    code, out, _ = run("glossary", "show", "ngo", "--glossary", MINI)
    assert code == 0
    assert "үкіметтік емес ұйым" in out and "НПО" in out and "deprecated" in out
    code, out2, _ = run("glossary", "show", "нпо", "--glossary", MINI)
    assert code == 0 and out2 == out


def test_show_unknown_says_how_to_search() -> None:
    """show with an unknown id exits 1 and suggests the search command."""
    code, _, err = run("glossary", "show", "nothing", "--glossary", MINI)
    assert code == 1
    assert "Error: no concept has the id or term 'nothing'; try 'termguard glossary search" in err


def test_search_finds_concept_from_any_language() -> None:
    """search ассамблея and search Assembly both rank the Assembly concept first."""
    for query in ("ассамблея", "Assembly", "Ассамблеясы", "สภาประชาชน"):
        code, out, _ = run("glossary", "search", query, "--glossary", MINI, "--format", "json")
        assert code == 0
        doc = json.loads(out)
        assert doc["query"] == query
        assert doc["results"][0]["concept"] == "assembly-of-people", query
        code, out, _ = run("glossary", "search", query, "--glossary", MINI, "--format", "jsonl")
        lines = [json.loads(line) for line in out.splitlines()]
        assert lines == doc["results"]
        assert lines[0]["path"].endswith("mini.toml") and lines[0]["line"] > 0


def test_search_nothing_found() -> None:
    """A query that matches nothing prints a notice on stderr and no results."""
    code, out, err = run("glossary", "search", "zzzzqqq", "--glossary", MINI)
    assert code == 0 and out == ""
    assert "no concept matches 'zzzzqqq'" in err


def test_stats_json_shape() -> None:
    """stats --format json has exactly the documented keys and counts."""
    code, out, _ = run("glossary", "stats", "--format", "json", "--glossary", MINI)
    assert code == 0
    doc = json.loads(out)
    assert doc.pop("generator").startswith("termguard ")
    assert doc.pop("version") == 1
    assert len(doc.pop("glossary")) == 12
    assert doc == {
        "concepts": 3,
        "complete": 3,
        "terms": {"kk": 6, "ru": 5, "th": 3, "en": 5},
        "proposed": 1,
    }


def test_export_jsonl_has_every_field(tmp_path: Path) -> None:
    """export --format jsonl writes one object per concept with every field."""
    out_file = tmp_path / "g.jsonl"
    code, _, _ = run(
        "glossary", "export", "--format", "jsonl", "-o", str(out_file), "--glossary", MINI
    )
    assert code == 0
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["ngo", "assembly-of-people", "mediation"]
    ngo = rows[0]
    assert set(ngo) == {
        "id",
        "subject",
        "definition",
        "note",
        "do_not_translate",
        "sources",
        "policy",
        "terms",
    }
    assert ngo["terms"]["kk"][1] == {
        "text": "ҮЕҰ",
        "status": "admitted",
        "type": "abbreviation",
        "pos": "noun",
        "gender": None,
        "case_sensitive": True,
        "review": "approved",
        "note": "",
    }


def test_broken_glossary_is_an_error_for_every_command() -> None:
    """Commands that need the glossary refuse a broken one with file:line and exit 1."""
    bad = str(Path(__file__).parent / "data" / "glossaries" / "bad" / "syntax.toml")
    code, _, err = run("glossary", "stats", "--glossary", bad)
    assert code == 1
    assert f"{bad}:4: TOML syntax error" in err
    assert "Traceback" not in err


def test_usage_error_exits_2() -> None:
    """An unknown option is a usage error with exit code 2."""
    code, _, _ = run("glossary", "stats", "--bogus")
    assert code == 2
