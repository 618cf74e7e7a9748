"""Every kind of bad input, through every command that reads it, ends in a clear message.

The files are tests/data/bad/ (made by scripts/make_bad_inputs.py, described in its README);
folders, missing paths, devices and huge lines are made here. Each case runs the real CLI in a
temporary tree holding a glossary, installed packages, existing catalogs and an output folder,
and asserts: exit 1 or 2, a `path:` or `path:line:` message naming the file, no traceback,
nothing written outside the output folder, packages, catalogs and glossary unchanged.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
ROOT = DATA.parent.parent
MINI = DATA / "glossaries" / "good" / "mini.toml"
KK_EN = DATA / "models" / "translate-kk_en-1_0.argosmodel"
GOOD_EN = DATA / "check" / "formats" / "news.en.txt"
PASSWD_LINE = "root:x:0:0"

#: Inputs made by the test, not committed.
DIRECTORY, MISSING, HUGE_LINE, DEVICE = "<folder>", "<missing>", "<huge-line>", "<device>"
HUGE_CHARS = 3_000_000
#: The translation memory's default place in a project, inside the tree the test compares:
#: a run whose inputs are all bad must not create it.
MEMORY = "tm/termguard.sqlite"

TEXT = [
    "empty.txt",
    "blank.txt",
    "binary.txt",
    "nul-bytes.txt",
    "invalid-utf8.txt",
    "utf16-le-no-bom.txt",
    "utf16-be-no-bom.txt",
    "cp1251.txt",
    "double-encoded.txt",
    "article.docx",
    "billion-laughs.docx",
    "xxe.docx",
    "zip-bomb.docx",
    "article.odt",
    "article.pdf",
    "photo.png",
    "photo.jpg",
    "logo.gif",
    "article.txt.gz",
    "a.out",
    DIRECTORY,
    MISSING,
    HUGE_LINE,
    DEVICE,
]
BITEXT = [
    "unclosed-quote.po",
    "garbage.po",
    "unknown-charset.po",
    "compiled.po",
    "three-columns.tsv",
    "unclosed-tag.tmx",
    "billion-laughs.tmx",
    "xxe.tmx",
    "xxe-parameter.tmx",
    "unclosed-tag.xlf",
    "billion-laughs.xlf",
    "xxe.xlf",
    "article.docx",
    DIRECTORY,
    MISSING,
]
EXCHANGE = [
    "unclosed-tag.tbx",
    "billion-laughs.tbx",
    "xxe.tbx",
    "not-tbx.tbx",
    "unclosed-quote.csv",
    "cp1251.csv",
    "no-languages.csv",
    "text.xlsx",
    "truncated.xlsx",
    "billion-laughs.xlsx",
    "xxe.xlsx",
    "broken.jsonl",
    "unclosed-quote.po",
    "compiled.po",
    "article.docx",
    DIRECTORY,
    MISSING,
]
GLOSSARY = ["unclosed-string.toml", "binary.toml", "utf16-le-no-bom.toml", DIRECTORY, MISSING]
PACKAGES = [
    "not-a-zip.argosmodel",
    "empty.argosmodel",
    "truncated.argosmodel",
    "traversal.argosmodel",
    "absolute-path.argosmodel",
    "symlink.argosmodel",
    "two-top-folders.argosmodel",
    "loose-files.argosmodel",
    "zip-bomb.argosmodel",
    "no-metadata.argosmodel",
    "article.docx",
    DIRECTORY,
    MISSING,
]

#: command id -> (argv with {f} for the bad file, the files it is given)
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "translate": (
        [
            "translate",
            "{f}",
            "--to",
            "en",
            "--from",
            "kk",
            "--locales",
            "locales",
            "--parallel",
            "out/parallel",
            "--report",
            "out/report.json",
        ],
        TEXT,
    ),
    "terms": (["terms", "{f}", "--lang", "kk"], TEXT),
    "check-aligned": (
        ["check", "--source", "good.en.txt", "--target", "{f}", "--from", "en", "--to", "kk"],
        TEXT,
    ),
    "check": (["check", "{f}", "--from", "en", "--to", "kk", "-o", "out/report.txt"], BITEXT),
    "glossary-import": (
        ["glossary", "import", "{f}", "--from", "en", "--to", "kk", "--apply"],
        EXCHANGE,
    ),
    "glossary-validate": (["glossary", "validate", "{f}"], GLOSSARY),
    "glossary-show": (["glossary", "show", "ngo", "--glossary", "{f}"], GLOSSARY),
    "models-install": (["models", "install", "{f}"], PACKAGES),
}
#: The glossary import reads the exchange file's own pair; --from/--to are for bilingual files.
_NO_PAIR = {"unclosed-tag.tbx", "billion-laughs.tbx", "xxe.tbx", "not-tbx.tbx", "broken.jsonl"}
_NO_PAIR |= {"text.xlsx", "truncated.xlsx", "billion-laughs.xlsx", "xxe.xlsx", "no-languages.csv"}


@dataclass(frozen=True)
class Case:
    command: str
    file: str

    @property
    def id(self) -> str:
        return f"{self.command}-{self.file.strip('<>')}"


CASES = [Case(command, f) for command, (_, files) in COMMANDS.items() for f in files]


def _argv(case: Case, path: str) -> list[str]:
    template, _ = COMMANDS[case.command]
    argv = [path if a == "{f}" else a for a in template]
    if case.command == "glossary-import" and case.file in _NO_PAIR:
        i = argv.index("--from")
        del argv[i : i + 4]
    return argv


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packages folder with the tiny kk->en package installed (copied into each tree)."""
    folder = tmp_path_factory.mktemp("installed") / "models"
    result = CliRunner().invoke(cli, ["models", "install", str(KK_EN), "--models-dir", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def _tree(root: Path, installed: Path) -> Path:
    """A working folder: glossary/, locales/ (catalogs), models/ (a package), in/, out/."""
    work = root / "work"
    (work / "glossary").mkdir(parents=True)
    shutil.copy(MINI, work / "glossary" / "mini.toml")
    for lang in ("en", "ru"):
        src = ROOT / "locales" / lang / "LC_MESSAGES"
        dst = work / "locales" / lang / "LC_MESSAGES"
        dst.mkdir(parents=True)
        for po in sorted(src.glob("*.po"))[:2]:
            shutil.copy(po, dst / po.name)
    shutil.copytree(installed, work / "models")
    shutil.copy(GOOD_EN, work / "good.en.txt")
    (work / "in").mkdir()
    (work / "out").mkdir()
    return work


def _input(case: Case, work: Path) -> str:
    """The bad file's path as given on the command line (relative to the working folder)."""
    if case.file == DIRECTORY:
        (work / "in" / "folder" / ".hidden").mkdir(parents=True)
        (work / "in" / "folder" / ".hidden" / "news.txt").write_text("Медиация тегін.\n")
        (work / "in" / "folder" / "notes.bin").write_bytes(b"\0\1\2")
        return "in/folder"
    if case.file == MISSING:
        return "in/no-such-file.txt"
    if case.file == DEVICE:
        return "/dev/zero"
    if case.file == HUGE_LINE:
        path = work / "in" / "huge-line.txt"
        word = "Медиация "
        path.write_text("Медиация тегін.\n" + word * (HUGE_CHARS // len(word)) + "\n")
        return "in/huge-line.txt"
    shutil.copy(BAD / case.file, work / "in" / case.file)
    return f"in/{case.file}"


def _listing(root: Path, skip: Path) -> dict[str, str]:
    """Every file and folder under root (outside `skip`) with a hash of its content."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here == skip or skip in here.parents:
            dirnames[:] = []
            continue
        for d in dirnames:
            out[str((here / d).relative_to(root)) + "/"] = ""
        for f in filenames:
            p = here / f
            data = p.read_bytes() if not p.is_symlink() else os.readlink(p).encode()
            out[str(p.relative_to(root))] = hashlib.sha256(data).hexdigest()
    return out


def _message_names(text: str, path: str) -> bool:
    return re.search(rf"(?:^|\s){re.escape(path)}(?::\d+)?: \S", text, re.M) is not None


def _outside_tmp() -> set[str]:
    return {p for p in ("/tmp/termguard-x", "/x") if os.path.lexists(p)}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_cleanly(
    case: Case, tmp_path: Path, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command exits 1 or 2 with a message naming the file, no traceback, nothing harmed."""
    work = _tree(tmp_path, installed)
    path = _input(case, work)
    monkeypatch.chdir(work)
    before = _listing(tmp_path, work / "out")
    stray = _outside_tmp()
    env = {
        "ARGOS_PACKAGES_DIR": "models",
        "TERMGUARD_GLOSSARY": "glossary",
        "TERMGUARD_TM": MEMORY,
        "NO_COLOR": "1",
    }
    result = CliRunner().invoke(cli, _argv(case, path), env=env)
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback: {result.exception!r}\n{output}"
    )
    assert "Traceback" not in output
    assert result.exit_code in (1, 2), output
    assert _message_names(result.stderr, path), result.stderr
    assert PASSWD_LINE not in output
    for written in (work / "out").rglob("*"):
        assert not written.is_file() or PASSWD_LINE not in written.read_text(errors="replace")
    assert _listing(tmp_path, work / "out") == before
    assert _outside_tmp() == stray


STDIN_CASES = [
    (["terms", "-", "--lang", "kk"], "nul-bytes.txt"),
    (["translate", "-", "--to", "en", "--from", "kk"], "article.pdf"),
    (["check", "-", "--from", "en", "--to", "kk"], "garbage.po"),
    (["check", "-", "--from", "en", "--to", "kk"], "billion-laughs.tmx"),
]


@pytest.mark.parametrize(
    ("argv", "name"), STDIN_CASES, ids=[f"{a[0]}-stdin-{n}" for a, n in STDIN_CASES]
)
def test_bad_standard_input_is_named(
    argv: list[str], name: str, tmp_path: Path, installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad data on standard input is reported as `<stdin>:` with the same messages."""
    work = _tree(tmp_path, installed)
    monkeypatch.chdir(work)
    before = _listing(tmp_path, work / "out")
    env = {"ARGOS_PACKAGES_DIR": "models", "TERMGUARD_GLOSSARY": "glossary", "TERMGUARD_TM": MEMORY}
    result = CliRunner().invoke(cli, argv, input=(BAD / name).read_bytes(), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    assert _message_names(result.stderr, "<stdin>"), result.stderr
    assert _listing(tmp_path, work / "out") == before


SUBPROCESS_CASES = [
    Case("translate", "nul-bytes.txt"),
    Case("check", "billion-laughs.tmx"),
    Case("check", "xxe.xlf"),
    Case("models-install", "zip-bomb.argosmodel"),
    Case("terms", DIRECTORY),
]


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=[c.id for c in SUBPROCESS_CASES])
def test_bad_input_in_a_real_process(case: Case, tmp_path: Path, installed: Path) -> None:
    """Run as a real process, a bad input prints one message on stderr and no traceback."""
    work = _tree(tmp_path, installed)
    path = _input(case, work)
    before = _listing(tmp_path, work / "out")
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": "models",
        "TERMGUARD_GLOSSARY": "glossary",
        "TERMGUARD_TM": MEMORY,
        "NO_COLOR": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "termguard", *_argv(case, path)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (1, 2), proc.stderr
    assert _message_names(proc.stderr, path), proc.stderr
    assert PASSWD_LINE not in proc.stdout + proc.stderr
    assert _listing(tmp_path, work / "out") == before
