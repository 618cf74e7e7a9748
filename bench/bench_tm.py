"""Speed and memory of the translation memory at 10k, 100k and 1M units, against a full scan.

The memory is built from the real parallel corpora in ../shared/corpora/parallel (NTREX-128 and
FLORES-200 devtest, 4-way; WMT19 kk-en both ways; Tatoeba kaz-rus, eng-kaz, eng-tha), every
direction of every aligned pair: about 46,000 real units. Larger memories repeat them as
NUMBERED COPIES: copy k of a unit has " (k)" after its source and its target, so every copy is
another source (and a near duplicate of the original, which makes fuzzy lookups harder than
in a memory of distinct sentences: each real sentence has up to 21 near twins at 1M).

For each size it prints: build time per 100k units (files of 100k units, one transaction each;
wall and CPU seconds, since other work on the machine stretches the wall time), the database
size, lookups per CPU second on one core (and per wall second) (exact, fuzzy and unseen
queries, a third each: real sentences, the same with one word dropped, and Kazakh sentences of
KazNERD / Thai sentences of thaigov that are in no parallel corpus), the peak memory of a fresh
process doing the lookups, and the same queries through the reference path, a full rapidfuzz
scan of every source of the language pair held in memory (process.extractOne), side by side:
the ratio of the speeds and the share of queries where the index finds the best match the full
scan finds. It also times the import of a 100k-unit TMX file.

    uv run --frozen python bench/bench_tm.py [--sizes 10000,100000,1000000] [--queries 600]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
PAR = CORPORA / "parallel"
sys.path.insert(0, str(ROOT / "src"))

from termguard.tm.store import Record, TranslationMemory  # noqa: E402

FILE_UNITS = 100_000


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def real_pairs() -> list[tuple[str, str, str, str]]:
    """Every direction of every aligned pair of the parallel corpora: (src, tgt, source, target)."""
    sets: list[dict[str, list[str]]] = []
    nt = PAR / "ntrex128"
    sets.append(
        {
            "en": _lines(nt / "newstest2019-src.eng.txt"),
            "kk": _lines(nt / "newstest2019-ref.kaz.txt"),
            "ru": _lines(nt / "newstest2019-ref.rus.txt"),
            "th": _lines(nt / "newstest2019-ref.tha.txt"),
        }
    )
    fl = PAR / "flores200_devtest"
    sets.append(
        {
            c: _lines(fl / f"{n}.devtest")
            for c, n in (
                ("en", "eng_Latn"),
                ("kk", "kaz_Cyrl"),
                ("ru", "rus_Cyrl"),
                ("th", "tha_Thai"),
            )
        }
    )
    wmt = PAR / "wmt19_kk_en"
    sets.append(
        {"kk": _lines(wmt / "newstest2019.kk-en.kk"), "en": _lines(wmt / "newstest2019.kk-en.en")}
    )
    sets.append(
        {"en": _lines(wmt / "newstest2019.en-kk.en"), "kk": _lines(wmt / "newstest2019.en-kk.kk")}
    )
    tat = PAR / "tatoeba"
    sets.append({"kk": _lines(tat / "kaz-rus.kaz"), "ru": _lines(tat / "kaz-rus.rus")})
    sets.append({"en": _lines(tat / "eng-kaz.eng"), "kk": _lines(tat / "eng-kaz.kaz")})
    sets.append({"en": _lines(tat / "eng-tha.eng"), "th": _lines(tat / "eng-tha.tha")})
    out = []
    for s in sets:
        for src in s:
            for tgt in s:
                if src != tgt:
                    out.extend(
                        (src, tgt, a, b)
                        for a, b in zip(s[src], s[tgt], strict=True)
                        if a.strip() and b.strip()
                    )
    return out


def records(pairs: Sequence[tuple[str, str, str, str]], n: int) -> Iterator[Record]:
    """n units: the real pairs, then their numbered copies."""
    for i in range(n):
        k, j = divmod(i, len(pairs))
        src, tgt, a, b = pairs[j]
        if k:
            a, b = f"{a} ({k})", f"{b} ({k})"
        yield Record(src, tgt, a, b, "reviewed", f"bench-{i // FILE_UNITS}.tmx", i % FILE_UNITS + 1)


def build(path: Path, pairs: Sequence[tuple[str, str, str, str]], n: int) -> tuple[float, float]:
    """Build a memory of n units in files of FILE_UNITS; returns wall and CPU seconds."""
    tm = TranslationMemory(path)
    start, cpu = time.perf_counter(), time.process_time()
    it = records(pairs, n)
    for f in range(0, n, FILE_UNITS):
        chunk = [next(it) for _ in range(min(FILE_UNITS, n - f))]
        tm.sync_file(f"/bench/{f // FILE_UNITS}.tmx", "import", chunk)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tm.close()
    return seconds, cpu


def queries(pairs: Sequence[tuple[str, str, str, str]], count: int) -> list[tuple[str, str, str]]:
    """(src, tgt, text): real sources, the same with one word dropped, unseen sentences."""
    rng = random.Random(12)
    real = rng.sample(list(pairs), count // 3)
    out = [(s, t, a) for s, t, a, _ in real]
    for s, t, a, _ in rng.sample(list(pairs), count // 3):
        words = a.split()
        if len(words) > 3:
            del words[rng.randrange(len(words))]
        out.append((s, t, " ".join(words)))
    kaznerd = [
        line.split("\t")[2]
        for line in _lines(CORPORA / "mono" / "kaznerd_test_valid_sentences_kk.tsv")[1:]
        if line.count("\t") >= 2 and len(line.split("\t")[2].split()) >= 5
    ]
    thai = [
        line.split("\t")[-1]
        for line in _lines(CORPORA / "mono" / "thaigov_domain_sentences_th.tsv")[1:]
    ]
    unseen = [("kk", "en", x) for x in rng.sample(kaznerd, count // 3 - 10)] + [
        ("th", "en", x) for x in thai[:10]
    ]
    out.extend(unseen)
    rng.shuffle(out)
    return out


def lookups(path: str, qs: Sequence[tuple[str, str, str]]) -> dict[str, float]:
    """Lookups per second and peak memory, in this (fresh) process."""
    tm = TranslationMemory(path)
    for s, t, q in qs[:20]:  # warm the imports and the page cache of the first queries
        tm.lookup(q, s, t)
    start, cpu = time.perf_counter(), time.process_time()
    best = []
    for s, t, q in qs:
        found = tm.lookup(q, s, t, limit=1)
        best.append(max((m.similarity for m in found), default=0.0))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = _peak_mb()
    tm.close()
    return {
        "per_second": len(qs) / seconds,
        "per_cpu_second": len(qs) / cpu,
        "rss_mb": rss,
        "best": best,  # type: ignore[dict-item]
    }


def _peak_mb() -> float:
    """Peak resident memory of this process image (VmHWM; ru_maxrss would keep the parent's
    peak across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def full_scan(path: str, qs: Sequence[tuple[str, str, str]]) -> dict[str, float]:
    """The reference path: every source of the pair in memory, rapidfuzz extractOne over all."""
    import sqlite3

    from rapidfuzz import fuzz, process

    from termguard.tm.keys import similarity_text, source_key

    db = sqlite3.connect(path)
    by_pair: dict[tuple[str, str], list[str]] = {}
    for s, t in {(s, t) for s, t, _ in qs}:
        by_pair[(s, t)] = [
            similarity_text(k)
            for (k,) in db.execute(
                "SELECT key FROM segment WHERE src_lang = ? AND tgt_lang = ?", (s, t)
            )
        ]
    start, cpu = time.perf_counter(), time.process_time()
    best = []
    for s, t, q in qs:
        hit = process.extractOne(
            similarity_text(source_key(q)), by_pair[(s, t)], scorer=fuzz.ratio, score_cutoff=75
        )
        best.append(hit[1] if hit else 0.0)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "per_second": len(qs) / seconds,
        "per_cpu_second": len(qs) / cpu,
        "best": best,  # type: ignore[dict-item]
    }


def import_tmx(
    pairs: Sequence[tuple[str, str, str, str]], folder: Path
) -> tuple[float, float, float]:
    """Wall and CPU seconds to import a TMX of 100k units (one language pair per unit), its MB."""
    from lxml import etree

    from termguard.tm.exchange import import_file

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    tmx = etree.Element("tmx", version="1.4")
    etree.SubElement(
        tmx,
        "header",
        creationtool="bench",
        creationtoolversion="1",
        segtype="sentence",
        adminlang="en",
        srclang="*all*",
        datatype="plaintext",
        **{"o-tmf": "bench"},
    )
    body = etree.SubElement(tmx, "body")
    for rec in records(pairs, FILE_UNITS):
        tu = etree.SubElement(body, "tu", srclang=rec.src_lang)
        for lang, text in ((rec.src_lang, rec.source), (rec.tgt_lang, rec.target)):
            etree.SubElement(etree.SubElement(tu, "tuv", {xml_lang: lang}), "seg").text = text
    path = folder / "100k.tmx"
    path.write_bytes(etree.tostring(tmx, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    tm = TranslationMemory(folder / "import.sqlite")
    start, cpu = time.perf_counter(), time.process_time()
    done = import_file(tm, path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tm.close()
    assert done.added == FILE_UNITS, done  # one origin per <tu> line
    return seconds, cpu, path.stat().st_size / 1e6


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--queries", type=int, default=600)
    ap.add_argument("--scan-queries", type=int, default=60, help="queries for the full scan")
    ap.add_argument("--tmx", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    pairs = real_pairs()
    qs = queries(pairs, args.queries)
    if args.child:  # a fresh process measuring lookups (or the scan) on an existing memory
        what, path = args.child
        result = (
            lookups(path, qs) if what == "lookups" else full_scan(path, qs[: args.scan_queries])
        )
        print(json.dumps(result))
        return
    print(f"{len(pairs):,} real units (every direction of the aligned corpora); {len(qs)} queries")
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'units':>9}  {'build s/100k':>12}  {'db MB':>6}  {'lookups/s':>9}  {'peak MB':>7}  "
        f"{'scan/s':>7}  {'ratio':>6}  {'same best':>9}"
    )
    print(f"{'':>9}  {'wall (cpu)':>12}  {'':>6}  {'cpu (wall)':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            path = Path(tmp) / f"tm-{n}.sqlite"
            wall, cpu = build(path, pairs, n)
            size = sum(p.stat().st_size for p in Path(tmp).glob(f"tm-{n}.sqlite*")) / 1e6
            ours = _child("lookups", path, args)
            scan = _child("scan", path, args)
            k = len(scan["best"])
            same = sum(
                abs(a - b) < 0.01 or (a >= 75 and b >= 75 and a >= b)
                for a, b in zip(ours["best"][:k], scan["best"], strict=True)
            )
            ratio = ours["per_cpu_second"] / scan["per_cpu_second"]
            print(
                f"{n:>9,}  {wall / n * 1e5:>5.1f} ({cpu / n * 1e5:>4.1f})  {size:>6.0f}  "
                f"{ours['per_cpu_second']:>4.0f} ({ours['per_second']:>4.0f})  "
                f"{ours['rss_mb']:>7.0f}  {scan['per_cpu_second']:>7.1f}  {ratio:>5.0f}x  "
                f"{same / k:>9.1%}",
                flush=True,
            )
            path.unlink()
            for extra in Path(tmp).glob(f"tm-{n}.sqlite-*"):
                extra.unlink()
        if args.tmx:
            wall, cpu, mb = import_tmx(pairs, Path(tmp))
            print(
                f"import of a {FILE_UNITS:,}-unit TMX ({mb:.0f} MB): {wall:.1f} s ({cpu:.1f} s CPU)"
            )


def _child(what: str, path: Path, args: argparse.Namespace) -> dict[str, float]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--queries",
            str(args.queries),
            "--scan-queries",
            str(args.scan_queries),
            "--child",
            what,
            str(path),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return dict(json.loads(out.stdout))


if __name__ == "__main__":
    main()
