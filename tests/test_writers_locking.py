"""Runs at the same time lose no entries, and a run killed at any point leaves whole catalogs."""

from __future__ import annotations

import fcntl
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

LOCK_NAME = ".termguard.lock"
MINI = str(Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml")
NTREX_KK = (
    (Path(__file__).parent / "data" / "check" / "ntrex" / "newstest2019.kk.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
needs_msgfmt = pytest.mark.skipif(
    shutil.which("msgfmt") is None,
    reason="gettext's msgfmt is not installed (make test installs it)",
)

#: A real `termguard translate` process with FakeTranslator drafts (tagged with TG_NAME) and
#: hooks: TG_MARKS/<name>.writing when outputs are about to be written, <name>.inside when a
#: catalog is merged (pausing until TG_MARKS/release exists when TG_PAUSE is set), and a line on
#: stdout before and after every atomic replace (pausing TG_STEP seconds there).
DRIVER = r"""
import os, sys, time
from pathlib import Path

import termguard.translate.outputs as outputs
import termguard.translate.pipeline as pipeline
import termguard.writers.po as po
from termguard.testing import FakeTranslator

marks = Path(os.environ["TG_MARKS"])
name = os.environ["TG_NAME"]
step = float(os.environ.get("TG_STEP", "0"))


# Drafts in the target language, one per sentence: a copy of the Kazakh would be wrong-language
# (untranslated), and run.tmx only holds real translations.
WORDS = {"en": "translation", "ru": "перевод", "th": "คำแปล", "kk": "аударма"}


def factory(models_dir):
    def draft(t):
        return lambda x: f"{name}: {WORDS[t]} {sum(map(ord, x)) % 997}"

    return lambda s, t: FakeTranslator(s, t, fallback=draft(t), name="fake 1")


pipeline._default_factory = factory
real_generate = po.generate_po


def generate(*args, **kwargs):
    (marks / f"{name}.inside").touch()
    if os.environ.get("TG_PAUSE"):
        deadline = time.monotonic() + 30
        while not (marks / "release").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    return real_generate(*args, **kwargs)


po.generate_po = generate
real_write = outputs.write_outputs


def write(*args, **kwargs):
    (marks / f"{name}.writing").touch()
    return real_write(*args, **kwargs)


outputs.write_outputs = write
real_replace = os.replace


def replace(src, dst):
    print("tmp", dst, flush=True)
    time.sleep(step)
    real_replace(src, dst)
    print("replaced", dst, flush=True)
    time.sleep(step)


os.replace = replace
from termguard.cli import cli

cli(sys.argv[1:], prog_name="termguard")
"""


def driver(tmp_path: Path) -> Path:
    path = tmp_path / "driver.py"
    path.write_text(DRIVER, encoding="utf-8")
    (tmp_path / "marks").mkdir(exist_ok=True)
    return path


def start(tmp_path: Path, name: str, args: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(driver(tmp_path)), "translate", *args, "--glossary", MINI],
        cwd=tmp_path,
        env={**os.environ, "TG_MARKS": str(tmp_path / "marks"), "TG_NAME": name, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen[str], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.01)


def whole(po_path: Path) -> None:
    """The catalog parses and msgfmt --check accepts it."""
    polib.pofile(str(po_path))
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True
    )
    assert check.returncode == 0, f"{po_path}: {check.stderr}"


def temps(*folders: Path) -> list[Path]:
    return sorted(p for f in folders if f.exists() for p in f.rglob("*.tmp"))


@needs_msgfmt
def test_two_runs_at_once_keep_both_runs_entries(tmp_path: Path) -> None:
    """A run that starts while another merges the same catalog waits for it; no entry is lost."""
    news = tmp_path / "news.txt"
    news.write_text("\n\n".join(NTREX_KK[:3]) + "\n", encoding="utf-8")
    args = ["news.txt", "--to", "en", "--locales", "locales", "--models-dir", "none"]
    marks = tmp_path / "marks"
    first = start(tmp_path, "A", args, TG_PAUSE="1")
    wait_for(marks / "A.inside", first)  # A has read the catalog and holds it mid-merge
    # the editor changes the article, and a second run starts on it
    news.write_text("\n\n".join(NTREX_KK[3:6]) + "\n", encoding="utf-8")
    second = start(tmp_path, "B", args)
    wait_for(marks / "B.writing", second)
    time.sleep(0.5)  # B is now at the lock (or, without one, already writing)
    (marks / "release").touch()
    _, err_a = first.communicate(timeout=60)
    _, err_b = second.communicate(timeout=60)
    assert first.returncode == 0, err_a
    assert second.returncode == 0, err_b
    catalog = tmp_path / "locales" / "en" / "LC_MESSAGES" / "news.po"
    whole(catalog)
    po = polib.pofile(str(catalog))
    assert sorted(e.msgid for e in po if not e.obsolete) == sorted(NTREX_KK[3:6])
    gone = po.obsolete_entries()  # A's drafts, kept as obsolete under B's
    assert sorted(e.msgid for e in gone) == sorted(NTREX_KK[:3])
    assert all(e.msgstr.startswith("A: ") for e in gone)
    waited = re.search(r"waited (\d+\.\d) s for another run writing locales", err_b)
    assert waited is not None, err_b
    assert float(waited.group(1)) >= 0.4
    assert not (tmp_path / "locales" / LOCK_NAME).exists()


def test_a_held_lock_stops_the_run_after_the_wait_with_a_clear_message(tmp_path: Path) -> None:
    """When another process holds the folder's lock past --wait, OutputLockError says what to do."""
    from termguard.errors import OutputLockError
    from termguard.writers.locking import LOCK_NAME as NAME
    from termguard.writers.locking import folder_locks

    assert NAME == LOCK_NAME
    folder = tmp_path / "locales"
    folder.mkdir()
    with open(folder / LOCK_NAME, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(OutputLockError) as exc, folder_locks([folder], wait=0.2):
            pass
    assert str(exc.value) == (
        f"{folder}: another termguard run is writing here and did not finish within 0.2 s; "
        "wait for it and run again, or pass --wait SECONDS to wait longer"
    )


def test_only_the_atomic_writers_temporary_files_are_removed(tmp_path: Path) -> None:
    """Leftovers named like the atomic writer's go; a translator's own .tmp files stay."""
    from termguard.writers.locking import remove_stale_temps

    (tmp_path / "en" / "LC_MESSAGES").mkdir(parents=True)
    left = tmp_path / "en" / "LC_MESSAGES" / ".news.po.k3_9x0ab.tmp"
    mine = [tmp_path / "notes.tmp", tmp_path / ".draft.tmp", tmp_path / "en" / "news.po.tmp"]
    for path in [left, *mine]:
        path.write_text("x", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == [left]
    assert all(p.exists() for p in mine) and not left.exists()


@needs_msgfmt
def test_a_run_killed_at_any_point_leaves_every_catalog_whole(tmp_path: Path) -> None:
    """SIGKILL before, between and inside catalog writes: catalogs stay whole, temps go next run."""
    docs = []
    for n in range(3):
        path = tmp_path / f"doc{n}.txt"
        path.write_text("\n\n".join(NTREX_KK[3 * n : 3 * n + 3]) + "\n", encoding="utf-8")
        docs.append(path.name)
    locales, parallel = tmp_path / "locales", tmp_path / "parallel"
    args = [*docs, "--to", "en,ru", "--locales", "locales", "--parallel", "parallel"]
    args += ["--models-dir", "none"]
    rng = random.Random(20240301)
    # A run replaces 13 files: per document and language its catalog then its TSV, then run.tmx.
    # Kill at the n-th "tmp" line (a temporary file written, the replace not done), after the
    # n-th "replaced" line (between two writes), or after a random delay.
    plan: list[tuple[str, float]] = [
        ("tmp", 1),  # the first catalog's temporary file, nothing replaced yet
        ("replaced", 2),  # between the first TSV and the next catalog
        ("tmp", 5),  # a catalog in the middle of the run
        ("tmp", 11),  # the last catalog
        ("tmp", 13),  # run.tmx, after every catalog
        *(("delay", round(rng.uniform(0.05, 1.5), 2)) for _ in range(3)),
    ]
    left_behind = 0
    for run, (kind, at) in enumerate(plan):
        proc = start(tmp_path, f"run{run}", args, TG_STEP="0.02")
        assert proc.stdout is not None
        target = None
        if kind == "delay":
            time.sleep(at)
        else:
            seen = 0
            for line in proc.stdout:
                event, path = line.split(" ", 1)
                seen += event == kind
                if seen == at:
                    target = Path(tmp_path, path.strip())
                    break
            assert target is not None, f"the run ended before {kind} {at}"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        for po_path in locales.rglob("*.po"):
            whole(po_path)
        left = temps(locales, parallel)
        if kind == "tmp":
            assert target is not None
            assert [p for p in left if p.name.startswith(f".{target.name}.")], left
        left_behind += len(left)
    assert left_behind > 0
    final = start(tmp_path, "last", args)
    _, err = final.communicate(timeout=60)
    assert final.returncode == 0, err
    assert temps(locales, parallel) == []
    assert not list(tmp_path.rglob(LOCK_NAME))
    catalogs = sorted(locales.rglob("*.po"))
    assert len(catalogs) == 6
    for po_path in catalogs:
        whole(po_path)
        po = polib.pofile(str(po_path))
        assert all(e.msgstr.startswith("last: ") for e in po if not e.obsolete)
