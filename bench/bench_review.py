"""Twenty editors on one 2,000-entry catalog through the review page: save latency, nothing lost.

The catalog is real news: the first 2,000 distinct sentences of the Kazakh NTREX-128 and
FLORES-200 references (../shared/corpora/parallel) as sources, their Russian references as
termguard's fuzzy drafts (with draft records, as the pass writes them), written by
writers.po.write_po into LOCALES/ru/LC_MESSAGES/news.po. `termguard review` serves it on
127.0.0.1 (a subprocess, with a translation memory to feed); twenty client threads, each an
editor with its own 1/20 of the entries, open an entry (GET), check a typed text (POST check)
and accept it (POST save), as fast as they can, for a bounded number of entries each, over
keep-alive loopback connections. Then the server is stopped with SIGINT and the catalog read
back: every entry is still there, every accepted one has the editor's text and no fuzzy flag,
every other one is byte for byte what it was, and msgfmt --check passes.

Side by side, on the same catalog in the same run, the reference path: what a plain save does
(polib reads the whole catalog, changes one entry and writes it all back), timed for the same
number of saves one after another, against the page's own save of one entry (Workspace.save,
no HTTP, one at a time).

    uv run --frozen python bench/bench_review.py [--editors 20] [--saves 25]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PAR = ROOT.parent / "shared" / "corpora" / "parallel"
sys.path.insert(0, str(ROOT / "src"))

ENTRIES = 2000


def build_catalog(locales: Path) -> Path:
    """LOCALES/ru/LC_MESSAGES/news.po with 2,000 real kk sentences and ru drafts."""
    from termguard.writers.po import CatalogInfo, PoItem, write_po

    kk = (PAR / "ntrex128" / "newstest2019-ref.kaz.txt").read_text(encoding="utf-8").splitlines()
    ru = (PAR / "ntrex128" / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
    kk += (PAR / "flores200_devtest" / "kaz_Cyrl.devtest").read_text(encoding="utf-8").splitlines()
    ru += (PAR / "flores200_devtest" / "rus_Cyrl.devtest").read_text(encoding="utf-8").splitlines()
    items: dict[str, PoItem] = {}
    for n, (src, tgt) in enumerate(zip(kk, ru, strict=True), 1):
        if src.strip() and tgt.strip() and src not in items:
            items[src] = PoItem(src, tgt, (("news.txt", str(n)),))
        if len(items) == ENTRIES:
            break
    info = CatalogInfo("news", "ru", "kk", "termguard bench", "bench", "bench", source="news.txt")
    path = locales / "ru" / "LC_MESSAGES" / "news.po"
    write_po(path, list(items.values()), info, now="2024-05-01 12:00+0000")
    return path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Editor(threading.Thread):
    """One person: open, check, accept, for each of their entries in turn."""

    def __init__(self, url: str, cid: str, todo: list[tuple[str, str, str]], think: float) -> None:
        super().__init__()
        self.think = think
        parts = urlsplit(url)
        self.host, self.port, self.base = parts.hostname or "", parts.port or 80, parts.path
        self.origin = f"http://{parts.netloc}"
        self.cid, self.todo = cid, todo
        self.saves: list[float] = []
        self.other: list[float] = []
        self.failed: list[str] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        for eid, _msgid, text in self.todo:
            t = time.perf_counter()
            conn.request("GET", f"{self.base}c/{self.cid}/e/{eid}")
            page = conn.getresponse().read().decode("utf-8")
            self.other.append(time.perf_counter() - t)
            found = re.search(r'data-base="([0-9a-f]+)"', page)
            if not found:
                self.failed.append(f"{eid}: no entry")
                continue
            base = found.group(1)
            time.sleep(self.think / 2)  # reading the sentence, typing
            t = time.perf_counter()
            status, _ = self._post(conn, f"c/{self.cid}/e/{eid}/check", {"msgstr": text})
            self.other.append(time.perf_counter() - t)
            time.sleep(self.think / 2)
            t = time.perf_counter()
            status, data = self._post(
                conn,
                f"c/{self.cid}/e/{eid}/save",
                {"msgstr": text, "action": "accept", "base": base},
            )
            self.saves.append(time.perf_counter() - t)
            if status != 200 or data.get("outcome") != "saved":
                self.failed.append(f"{eid}: {status} {data.get('outcome')} {data.get('message')}")
        conn.close()

    def _post(self, conn: http.client.HTTPConnection, path: str, body: dict[str, str]):  # type: ignore[no-untyped-def]
        conn.request(
            "POST",
            self.base + path,
            body=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json", "Origin": self.origin},
        )
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")


def reference(path: Path, count: int) -> list[float]:
    """The plain way: polib reads the catalog, one entry changes, polib writes it all."""
    import polib

    from termguard.writers.atomic import write_text

    times = []
    for n in range(count):
        t = time.perf_counter()
        po = polib.pofile(str(path), wrapwidth=0)
        entry = po[n]
        entry.msgstr = f"Справочная правка {n}"
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        write_text(path, str(po))
        times.append(time.perf_counter() - t)
    return times


def ours(path: Path, count: int) -> list[float]:
    """The page's save of one entry (Workspace.save), one at a time, no HTTP."""
    import termguard
    from termguard.review.workspace import entry_base, open_workspace

    ws = open_workspace([path], termguard.read_glossary(ROOT / "glossary"), memory=None)
    (catalog,) = ws.catalogs.values()
    entries = list(catalog.state.entries.items())
    ws.save(catalog.id, entries[0][0], "разогрев", "save", entry_base(entries[0][1]))
    times = []
    for n in range(1, count + 1):
        eid, _ = entries[n]
        entry = catalog.entry(eid)
        assert entry is not None
        t = time.perf_counter()
        result = ws.save(catalog.id, eid, f"Наша правка {n}", "accept", entry_base(entry))
        times.append(time.perf_counter() - t)
        assert result.outcome == "saved", result.message
    ws.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--saves", type=int, default=25, help="entries each editor accepts")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="seconds an editor spends on an entry between opening and accepting it (a fast "
        "translator takes far longer; 0: as fast as the server answers)",
    )
    args = parser.parse_args()

    import polib

    from termguard.review.workspace import entry_id

    tmp = Path(tempfile.mkdtemp(prefix="bench-review-"))
    locales = tmp / "locales"
    path = build_catalog(locales)
    before = {e.msgid: e for e in polib.pofile(str(path), wrapwidth=0)}
    entries = [e for e in polib.pofile(str(path), wrapwidth=0) if not e.obsolete]
    print(f"catalog: {len(entries)} entries, {path.stat().st_size / 1e6:.2f} MB")

    proc = subprocess.Popen(
        [sys.executable, "-m", "termguard", "review", str(locales), "--no-browser",
         "--port", "0", "--glossary", str(ROOT / "glossary"), "--tm", str(tmp / "tm.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp,
    )  # fmt: skip
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=120)
    conn.request("GET", parts.path)
    index = conn.getresponse().read().decode("utf-8")
    cid = re.search(r'href="[^"]*/c/([0-9a-f]+)"', index)
    assert cid, "no catalog on the index page"
    t = time.perf_counter()
    conn.request("GET", f"{parts.path}c/{cid.group(1)}")
    conn.getresponse().read()
    print(f"first catalog page (checks every entry): {time.perf_counter() - t:.2f} s")
    conn.close()

    editors = []
    for k in range(args.editors):
        mine = entries[k :: args.editors][: args.saves]
        todo = [(entry_id(e), e.msgid, f"{e.msgstr} [правка {k}]") for e in mine]
        editors.append(Editor(url, cid.group(1), todo, args.think))
    t = time.perf_counter()
    for e in editors:
        e.start()
    for e in editors:
        e.join()
    wall = time.perf_counter() - t
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)

    saves = [s for e in editors for s in e.saves]
    other = [s for e in editors for s in e.other]
    failed = [f for e in editors for f in e.failed]
    print(
        f"{args.editors} editors x {args.saves} entries, {args.think:g} s per entry: "
        f"{len(saves)} saves and "
        f"{len(other)} other requests in {wall:.1f} s ({len(saves) / wall:.0f} saves/s)"
    )
    print(
        f"save latency: p50 {1000 * statistics.median(saves):.1f} ms, "
        f"p95 {1000 * percentile(saves, 95):.1f} ms, max {1000 * max(saves):.1f} ms "
        f"(goal: p95 < 100 ms)"
    )
    print(
        f"open/check latency: p50 {1000 * statistics.median(other):.1f} ms, "
        f"p95 {1000 * percentile(other, 95):.1f} ms"
    )

    after = polib.pofile(str(path), wrapwidth=0)
    live = {e.msgid: e for e in after if not e.obsolete}
    edited = {msgid: text for e in editors for _, msgid, text in e.todo}
    lost = [m for m in before if m not in live]
    wrong = [m for m, text in edited.items() if live[m].msgstr != text or "fuzzy" in live[m].flags]
    touched = [m for m, e in live.items() if m not in edited and str(e) != str(before[m])]
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)])
    print(
        f"after: {len(live)} entries (lost {len(lost)}), {len(edited)} accepted "
        f"({len(wrong)} wrong), {len(touched)} others changed, {len(failed)} failed saves, "
        f"msgfmt --check {'ok' if check.returncode == 0 else 'FAILED'}"
    )
    for f in failed[:5]:
        print("  failed:", f)

    count = 30
    ref = reference(path, count)
    own = ours(path, count)
    r, o = statistics.median(ref), statistics.median(own)
    print(
        f"one save, one at a time ({count} each): plain polib read-change-write "
        f"{1000 * r:.1f} ms, the page's entry rewrite {1000 * o:.1f} ms: {r / o:.1f}x"
    )
    ok = not lost and not wrong and not touched and not failed and check.returncode == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
