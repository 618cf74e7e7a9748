"""termguard.toml: found from any folder below it, options win, `termguard init` writes one."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from termguard.cli import cli
from termguard.errors import InputError
from termguard.project import find_project, read_project

DATA = Path(__file__).parent / "data"
MINI = DATA / "glossaries" / "good" / "mini.toml"
PACKAGES = sorted((DATA / "models").glob("translate-*.argosmodel"))
OVERRIDE = """\
subject = "courts"

[[concept]]
id = "mediation"
definition = "Settling a dispute with the help of a neutral mediator."
kk = [{ text = "медиация" }]
en = [{ text = "conciliation" }]
"""


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project outside the repository: a shared glossary, its own, articles, a project file."""
    monkeypatch.delenv("TERMGUARD_GLOSSARY", raising=False)
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    root = tmp_path / "newsroom"
    (root / "shared").mkdir(parents=True)
    shutil.copy(MINI, root / "shared" / "mini.toml")
    (root / "glossary").mkdir()
    (root / "glossary" / "courts.toml").write_text(OVERRIDE, encoding="utf-8")
    (root / "articles" / "2024").mkdir(parents=True)
    (root / "articles" / "2024" / "news.txt").write_text(
        "Қазақстан халқы Ассамблеясының отырысы өтті.\n\nМедиация дамып келеді.\n",
        encoding="utf-8",
    )
    (root / "termguard.toml").write_text(
        'glossary = ["glossary", "shared"]\n'
        'languages = ["en"]\n'
        'source-language = "kk"\n'
        'sources = ["articles"]\n'
        'models = "models"\n'
        'locales = "out/locales"\n'
        'parallel = "out/parallel"\n'
        'documents = "out/translated"\n'
        'tmx = "out/memory.tmx"\n'
        'date = "2024-05-01"\n',
        encoding="utf-8",
    )
    (root / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(root / "deep" / "er")
    return root


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def test_the_project_file_is_found_from_a_folder_below(newsroom: Path) -> None:
    """find_project walks up from the current folder, as git does."""
    assert find_project() == newsroom / "termguard.toml"
    assert read_project(newsroom / "termguard.toml").locales == str(newsroom / "out" / "locales")


@pytest.mark.engine  # with the tiny models installed, translate runs the real engine
def test_every_command_works_from_a_folder_outside_the_repository(newsroom: Path) -> None:
    """glossary, terms, translate, check and models all take their settings from the file."""
    code, _, err = _run(["glossary", "validate"])
    assert code == 0, err
    code, out, _ = _run(["glossary", "show", "mediation"])
    assert code == 0 and "conciliation" in out  # the project glossary wins over the shared one
    code, out, _ = _run(["glossary", "stats", "--format", "json"])
    assert code == 0 and '"concepts": 3' in out
    code, out, _ = _run(["glossary", "search", "ассамблея"])
    assert code == 0 and "assembly-of-people" in out
    code, out, _ = _run(["glossary", "export", "--format", "csv", "--from", "kk", "--to", "en"])
    assert code == 0 and "conciliation" in out
    (newsroom / "back.csv").write_text(out, encoding="utf-8")
    code, out, err = _run(["glossary", "import", str(newsroom / "back.csv")])
    assert code == 0, err + out
    code, out, err = _run(["terms"])
    assert code == 0, err
    assert "news.txt:1: [Қазақстан халқы Ассамблеясының]" in out
    if PACKAGES:
        code, _, err = _run(["models", "install", *map(str, PACKAGES)])
        assert code == 0, err
        assert (newsroom / "models").is_dir()
        code, out, _ = _run(["models", "list"])
        assert code == 0 and "kk" in out
    code, _, err = _run(["translate"])
    assert code == 0, err
    po = newsroom / "out" / "locales" / "en" / "LC_MESSAGES" / "2024" / "news.po"
    catalog = polib.pofile(str(po))
    assert catalog.metadata["PO-Revision-Date"] == "2024-05-01 00:00+0000"
    assert catalog.metadata["X-Termguard-Source"] == "../articles/2024/news.txt"
    if PACKAGES:
        assert (newsroom / "out" / "memory.tmx").is_file()
        assert (newsroom / "out" / "translated" / "en" / "2024" / "news.txt").is_file()
        entry = catalog.find("Медиация дамып келеді.")
        assert entry is not None and "conciliation" in entry.msgstr.lower()
    code, _, err = _run(["check", str(po.parent), "--include-fuzzy"])
    assert code in (0, 3), err
    if PACKAGES:
        code, _, err = _run(["models", "remove", "th-en"])
        assert code == 0, err
    code, _, err = _run(["init"])
    assert code == 0, err
    assert (newsroom / "deep" / "er" / "termguard.toml").is_file()
    assert "takes the place of" in err


def test_options_on_the_command_line_win_over_the_file(newsroom: Path) -> None:
    """--to ru and --locales beat languages and locales of termguard.toml."""
    locales = newsroom / "mine"
    code, _, err = _run(["translate", "--to", "ru", "--locales", str(locales)])
    assert code == 0, err
    assert [p.name for p in locales.iterdir()] == ["ru"]
    assert not (newsroom / "out" / "locales").exists()


def test_without_a_project_file_the_error_says_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside a project with no glossary/ folder: pass --glossary or run termguard init."""
    monkeypatch.delenv("TERMGUARD_GLOSSARY", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Медиация дамып келеді.\n", encoding="utf-8")
    code, _, err = _run(["translate", "a.txt", "--to", "en"])
    assert code == 1
    assert err.startswith("Error: glossary: no such glossary file or folder, and no termguard.toml")
    assert "run `termguard init`" in err


def test_init_writes_a_commented_file_that_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file has a comment for each setting, names the folders that exist, and parses."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "locales").mkdir()
    code, _, err = _run(["init", "--to", "en,ru", "--from", "kk"])
    assert code == 0, err
    text = (tmp_path / "termguard.toml").read_text(encoding="utf-8")
    assert text.startswith("# termguard project file.")
    assert 'glossary = ["glossary"]' in text and 'locales = "locales"' in text
    assert '# documents = "translated"' in text
    project = read_project(tmp_path / "termguard.toml")
    assert project.languages == ("en", "ru") and project.source_language == "kk"
    code, _, err = _run(["init"])
    assert code == 1 and "already here" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('languages = ["de"]\n', "termguard.toml:1: 'languages' must be a list of kk, ru, th, en"),
        ('\nlocale = "x"\n', "termguard.toml:2: unknown key 'locale'; the keys are: glossary,"),
        ('date = "May"\n', "termguard.toml:1: 'date' must be a date"),
        ('\nglossary = = "x"\n', "termguard.toml:2: not valid TOML (Invalid value)"),
    ],
)
def test_a_bad_project_file_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    """path:line, what is wrong and what is allowed."""
    path = tmp_path / "termguard.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_project(path)
    assert str(exc.value).startswith(f"{tmp_path}/{message}")
