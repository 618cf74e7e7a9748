"""The translation memory store: lookups, the files that feed it, safety under kills and races."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from termguard.errors import TranslationMemoryError
from termguard.tm import store
from termguard.tm.store import Record, TranslationMemory

# Sentences of seed 000 (seeds/000_91604382561779cc.txt) with the translations of
# seeds/tm/seed-translations.tmx.
DECISION = (
    "Осындай шешім 16-17-қаңтарда өткен Қазақстанның үкіметтік емес ұйымдарының құрылтайында "
    "қабылданды."
)
DECISION_RU = (
    "Такое решение было принято на учредительном съезде неправительственных организаций "
    "Казахстана, прошедшем 16-17 января."
)
SEVERAL = "Қазір Қазақстанда үкіметтік емес ұйымдардың бірнеше қауымдастығы тіркелген."
SEVERAL_RU = (
    "Сейчас в Казахстане зарегистрировано несколько ассоциаций неправительственных организаций."
)


def rec(source: str, target: str, place: str = "a.po", line: int = 1, **kw: object) -> Record:
    fields: dict[str, object] = {"state": "reviewed", **kw}
    return Record("kk", "ru", source, target, place=place, line=line, **fields)  # type: ignore[arg-type]


@pytest.fixture
def tm(tmp_path: Path) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "tm" / "termguard.sqlite")
    yield memory  # type: ignore[misc]
    memory.close()


def test_exact_shape_and_fuzzy_matches_come_best_first(tm: TranslationMemory) -> None:
    """An identical source is exact, a number change is a shape match, a changed word is fuzzy."""
    tm.sync_file(
        "/p/a.po", "catalog", [rec(DECISION, DECISION_RU), rec(SEVERAL, SEVERAL_RU, line=9)]
    )
    exact = tm.lookup(DECISION, "kk", "ru")
    assert [(m.kind, m.unit.target) for m in exact] == [("exact", DECISION_RU)]
    assert str(exact[0].unit.origin) == "a.po:1"
    shape = tm.lookup(DECISION.replace("16-17", "18-19"), "kk", "ru")
    assert [m.kind for m in shape] == ["shape"]
    fuzzy = tm.lookup(SEVERAL.replace("үкіметтік", "коммерциялық"), "kk", "ru")
    assert [m.kind for m in fuzzy] == ["fuzzy"] and 75 <= fuzzy[0].similarity < 100
    assert tm.lookup("Басқа жаңалықтар", "kk", "ru") == []
    assert tm.lookup(DECISION, "kk", "en") == []  # another language pair


def test_homoglyphs_and_spacing_do_not_break_an_exact_match(tm: TranslationMemory) -> None:
    """Latin look-alikes inside Kazakh words, a soft hyphen and doubled spaces match exactly."""
    tm.sync_file("/p/a.po", "catalog", [rec(SEVERAL, SEVERAL_RU)])
    typed = (
        SEVERAL.replace("Қазір", "Қаз\u00adір")
        .replace("тіркелген", "тiркелген")
        .replace(" ", "  ", 1)
    )
    assert [m.kind for m in tm.lookup(typed, "kk", "ru")] == ["exact"]


def test_a_file_read_again_replaces_what_it_said(tm: TranslationMemory) -> None:
    """A corrected translation replaces the old one; a unit another file vouches for stays."""
    tm.sync_file("/p/a.po", "catalog", [rec(SEVERAL, "old")])
    tm.sync_file("/p/b.po", "catalog", [rec(DECISION, DECISION_RU, place="b.po")])
    tm.sync_file("/p/c.tmx", "import", [rec(DECISION, DECISION_RU, place="c.tmx")])
    done = tm.sync_file("/p/a.po", "catalog", [rec(SEVERAL, SEVERAL_RU)])
    assert (done.added, done.removed) == (1, 1)
    assert [m.unit.target for m in tm.lookup(SEVERAL, "kk", "ru")] == [SEVERAL_RU]
    tm.sync_file("/p/b.po", "catalog", [])
    (m,) = tm.lookup(DECISION, "kk", "ru")
    assert [str(o) for o in m.unit.origins] == ["c.tmx:1"]
    assert tm.stats()["units"] == 2


def test_reviewed_origins_come_before_unreviewed_ones(tm: TranslationMemory) -> None:
    """A unit one catalog approved and another left as a draft counts as reviewed."""
    tm.sync_file("/p/a.po", "catalog", [rec(SEVERAL, SEVERAL_RU, state="translated")])
    assert tm.lookup(SEVERAL, "kk", "ru")[0].unit.state == "translated"
    tm.sync_file("/p/b.po", "catalog", [rec(SEVERAL, SEVERAL_RU, place="b.po")])
    unit = tm.lookup(SEVERAL, "kk", "ru")[0].unit
    assert unit.state == "reviewed" and str(unit.origin) == "b.po:1"


def test_fuzzy_lookup_reads_the_rarest_tokens_only(
    tm: TranslationMemory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a posting budget far below the common words' lists, rare words still find the match."""
    common = [
        rec(f"Бүгін облыста жиналыс өтті, оған {n} адам қатысты.", f"Собрание {n}", line=n)
        for n in range(400)
    ]
    target = rec(
        "Бүгін Өскемен қаласында медиаторлар жиналысы өтті.",
        "Сегодня в Усть-Каменогорске.",
        line=999,
    )
    tm.sync_file("/p/a.po", "catalog", [*common, target])
    monkeypatch.setattr(store, "MAX_POSTINGS", 50)
    monkeypatch.setattr(store, "MAX_CANDIDATES", 5)
    found = tm.lookup("Бүгін Өскемен қаласында медиаторлар жиналысы өтті", "kk", "ru")
    assert found and found[0].unit.target == "Сегодня в Усть-Каменогорске."


def test_a_file_that_is_not_a_memory_is_refused(tmp_path: Path) -> None:
    """A text file in the memory's place gives a one-line error naming it and the way out."""
    path = tmp_path / "tm.sqlite"
    path.write_text("not a database, just text " * 100, encoding="utf-8")
    with pytest.raises(
        TranslationMemoryError, match=r"tm\.sqlite: not a termguard translation memory .*--tm PATH"
    ):
        TranslationMemory(path)


_SLOW_WRITER = """
import sys, time
from pathlib import Path
from termguard.tm.store import Record, TranslationMemory
tm = TranslationMemory(sys.argv[1])
def records():
    for n in range(100000):
        if n == 500:
            Path(sys.argv[2]).write_text("inside")
            time.sleep(60)
        yield Record("kk", "ru", f"Сөйлем {n}.", f"Предложение {n}.", "reviewed", "big.tmx", n)
tm.sync_file("/p/big.tmx", "import", records())
"""


def test_a_killed_import_leaves_the_memory_as_it_was(tmp_path: Path, tm: TranslationMemory) -> None:
    """SIGKILL in the middle of an import's transaction: the database is whole and unchanged."""
    tm.sync_file("/p/a.po", "catalog", [rec(SEVERAL, SEVERAL_RU)])
    marker = tmp_path / "inside"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, tm.path, str(marker)])
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), "the writer never reached the middle of its transaction"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    db = sqlite3.connect(tm.path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    again = TranslationMemory(tm.path)
    assert again.stats()["units"] == 1
    assert [m.unit.target for m in again.lookup(SEVERAL, "kk", "ru")] == [SEVERAL_RU]
    again.close()


def _import_many(path: str, name: str, count: int) -> None:
    tm = TranslationMemory(path, wait=60)
    for batch in range(5):
        records = [
            Record(
                "kk",
                "en",
                f"{name} сөйлем {batch} {n}.",
                f"{name} sentence {batch} {n}.",
                "reviewed",
                name,
                n,
            )
            for n in range(count)
        ]
        tm.sync_file(f"/p/{name}-{batch}", "import", records)
    tm.close()


def test_runs_writing_at_the_same_time_lose_nothing(tmp_path: Path) -> None:
    """Three processes importing at once: every unit of each is there and the file is whole."""
    path = str(tmp_path / "tm.sqlite")
    TranslationMemory(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_import_many, args=(path, name, 200)) for name in ("a", "b", "c")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    tm = TranslationMemory(path)
    assert tm.stats()["units"] == 3 * 5 * 200
    assert tm.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    tm.close()


def test_thai_without_spaces_is_found_by_its_letter_trigrams(tm: TranslationMemory) -> None:
    """A Thai sentence of seed 002 with one word dropped still finds its translation."""
    thai = "ภาคประชาสังคมที่พัฒนาแล้วเป็นรากฐานของรัฐสมัยใหม่และเจริญรุ่งเรือง"
    english = "A developed civil society is the foundation of a modern and prosperous state."
    tm.sync_file("/s.tmx", "import", [Record("th", "en", thai, english, "reviewed", "s.tmx", 1)])
    found = tm.lookup(thai.replace("สมัยใหม่", ""), "th", "en")
    assert [(m.kind, m.unit.target) for m in found] == [("fuzzy", english)]
    assert found[0].similarity >= 85
