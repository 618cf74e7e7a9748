"""termguard's engine against Argos Translate's own path and raw CTranslate2, at real model size.

The model is transformer-base as OPUS-MT and Argos ship it (d_model 512, 6+6 layers, 8 heads,
ffn 2048, 32k vocabulary, int8, about 60M parameters), with weights set by hand so that it copies
its input (scripts/copy_transformer.py): its cost is a trained model's, its output is known, so
every path decodes exactly as many tokens (output length = input length) and each path's output
is checked to be the same text. No torch is needed: numpy and CTranslate2's Marian converter
build it in a few seconds. --package runs any other .argosmodel instead.

The input: the Kazakh seed sentences, copies numbered so that no sentence repeats. Paths:
  argos-1, argos-N  argostranslate.translate.PackageTranslation (one CTranslate2 call per
                    paragraph, 32-token batches, beam 4) with 1 and N threads (ARGOS_INTRA_THREADS),
                    its offline-broken MiniSBD splitter swapped for termguard's segmentation;
  termguard         PackageTranslator as the pass uses it (batches side by side, N threads);
  raw-*             ctranslate2.Translator.translate_batch on all sentences at once, sorted by
                    CTranslate2 itself, at several thread and batch settings; the fastest is
                    "raw CTranslate2 at its best".
Each run is a process of its own (peak RSS is its own); the paths alternate --repeat times and each
one's fastest run counts. Ratios are to the fastest Argos and the fastest raw run.

    uv run --frozen python bench/bench_engine.py [--sentences 400] [--repeat 2] [--paths a,b,...]
    uv run --frozen python bench/bench_engine.py --build-model /tmp/base-kk_en.argosmodel
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPM = ROOT / "tests" / "data" / "models" / "translate-en_ru-1_0.argosmodel"  # kk, ru, en, th
N = min(4, os.cpu_count() or 1)
# name -> (engine, inter_threads, intra_threads, max_batch_size, batch_type)
RUNS: dict[str, tuple[str, int, int, int, str]] = {
    "argos-1": ("argos", 1, 1, 0, ""),
    f"argos-{N}": ("argos", 1, N, 0, ""),
    "termguard": ("termguard", N, 1, 0, ""),
    f"raw-{N}x1-b16": ("raw", N, 1, 16, "examples"),
    f"raw-{N}x1-b32": ("raw", N, 1, 32, "examples"),
    f"raw-{N}x1-t1024": ("raw", N, 1, 1024, "tokens"),
    f"raw-1x{N}-b32": ("raw", 1, N, 32, "examples"),
    f"raw-1x{N}-b64": ("raw", 1, N, 64, "examples"),
}


def build_base_package(out: Path, from_code: str = "kk", to_code: str = "en") -> Path:
    """A transformer-base copying .argosmodel (SentencePiece model of the tiny en-ru package)."""
    import zipfile

    sys.path.insert(0, str(ROOT / "scripts"))
    import copy_transformer as ct
    from termguard.translate.packages import pack_package

    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(SPM) as zf:
            name = next(n for n in zf.namelist() if n.endswith("/sentencepiece.model"))
            sp_model = Path(tmp) / "sentencepiece.model"
            sp_model.write_bytes(zf.read(name))
        tokens = ct.vocabulary(sp_model, size=32000)
        release = ct.write_marian_release(Path(tmp) / "release", tokens, ct.BASE, seed=5)
        model = ct.convert_release(release, Path(tmp) / "ct2")
        pack_package(model, sp_model, from_code, to_code, out, version="0.base")
    return out


def sentences(count: int) -> list[str]:
    """Kazakh seed sentences, copies numbered so that none repeats."""
    from termguard.translate.segment import segment_text

    base: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if not any("\u0e00" <= ch <= "\u0e7f" for ch in text[:2000]):
            base += [s.text for s in segment_text(text, "kk") if s.translatable]
    base = list(dict.fromkeys(base))
    out = list(base)
    k = 2
    while len(out) < count:
        out += [f"{k}. {s}" for s in base]
        k += 1
    return out[:count]


def run_argos(package_dir: Path, text: list[str], threads: int) -> list[str]:
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)  # read when argostranslate is imported
    from argostranslate.package import Package
    from argostranslate.translate import Language, PackageTranslation

    pkg = Package(package_dir)

    class OneSentence:  # each paragraph below is one sentence already
        def split_sentences(self, paragraph: str) -> list[str]:
            return [paragraph]

    translation = PackageTranslation(
        Language(pkg.from_code, pkg.from_name), Language(pkg.to_code, pkg.to_name), pkg
    )
    translation.sentencizer = OneSentence()
    translation.translate("Алматы")  # load the model outside the timed part
    global START
    START = time.perf_counter()
    # Argos's translate() splits on blank lines and makes one call per paragraph.
    return translation.translate("\n\n".join(text)).split("\n\n")


def run_termguard(package_dir: Path, text: list[str], threads: int) -> list[str]:
    from termguard.translate.engine import PackageTranslator
    from termguard.translate.packages import read_package

    translator = PackageTranslator(read_package(package_dir), threads=threads)
    translator.translate_batch(["Алматы"])
    global START
    START = time.perf_counter()
    return [c[0].text for c in translator.translate_batch(text)]


def run_raw(package_dir: Path, text: list[str], run: str) -> list[str]:
    import ctranslate2
    import sentencepiece

    _, inter, intra, size, batch_type = RUNS[run]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    model = ctranslate2.Translator(
        str(package_dir / "model"), compute_type="int8", inter_threads=inter, intra_threads=intra
    )
    model.translate_batch([sp.encode("Алматы", out_type=str)])
    global START
    START = time.perf_counter()
    results = model.translate_batch(
        sp.encode(text, out_type=str), beam_size=4, max_batch_size=size, batch_type=batch_type
    )
    return [sp.decode_pieces(r.hypotheses[0]) for r in results]


START = 0.0


def child(args: argparse.Namespace) -> None:
    text = json.loads(Path(args.doc).read_text(encoding="utf-8"))
    engine, inter, intra, _, _ = RUNS[args.run]
    package_dir = Path(args.package_dir)
    if engine == "argos":
        out = run_argos(package_dir, text, intra)
    elif engine == "termguard":
        out = run_termguard(package_dir, text, inter)
    else:
        out = run_raw(package_dir, text, args.run)
    seconds = time.perf_counter() - START
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    tokens = sum(len(t) for t in sp.encode(out))
    digest = hashlib.sha256("\n".join(" ".join(o.split()) for o in out).encode()).hexdigest()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "tokens": tokens, "digest": digest, "peak_kb": peak_kb}))


def _measure(run: str, doc: Path, package_dir: Path, timeout: int) -> dict[str, object] | None:
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--run", run, "--doc", str(doc),
             "--package-dir", str(package_dir)],
            capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        sys.exit(f"{run} failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="an .argosmodel (default: build the base one)")
    parser.add_argument("--build-model", type=Path, help="only write the base .argosmodel here")
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs per path")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument(
        "--paths",
        default=",".join(RUNS),
        help="comma-separated paths to run (at least one argos and one raw); default all",
    )
    parser.add_argument("--run", choices=sorted(RUNS), help=argparse.SUPPRESS)
    parser.add_argument("--doc", help=argparse.SUPPRESS)
    parser.add_argument("--package-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        child(args)
        return 0
    if args.build_model:
        build_base_package(args.build_model)
        print(f"wrote {args.build_model}")
        return 0

    from termguard.translate.packages import install_package

    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or build_base_package(
            Path(tmp) / "translate-kk_en-0_base.argosmodel"
        )
        info, _ = install_package(package, Path(tmp) / "packages")
        text = sentences(args.sentences)
        doc = Path(tmp) / "doc.json"
        doc.write_text(json.dumps(text, ensure_ascii=False), encoding="utf-8")
        print(
            f"package {info.name} ({info.size_bytes() / 1e6:.0f} MB), {len(text)} distinct "
            f"sentences, beam 4, n-best 1, {os.cpu_count()} CPUs, {N} threads, fastest of "
            f"{args.repeat} alternating runs"
        )
        results: dict[str, dict[str, object]] = {}
        chosen = [run for run in args.paths.split(",") if run in RUNS]
        if not any(r.startswith("argos") for r in chosen) or not any(
            r.startswith("raw") for r in chosen
        ):
            parser.error(f"--paths needs an argos and a raw path among: {', '.join(RUNS)}")
        for _ in range(args.repeat):
            for run in chosen:
                r = _measure(run, doc, info.path, args.timeout)
                if r is None:
                    continue
                best = results.get(run)
                if best is None or float(r["seconds"]) < float(best["seconds"]):  # type: ignore[arg-type]
                    results[run] = r
    _table(results, len(text))
    return 0


def _table(results: dict[str, dict[str, object]], count: int) -> None:
    def secs(run: str) -> float:
        return float(results[run]["seconds"])  # type: ignore[arg-type]

    argos = min((r for r in results if r.startswith("argos")), key=secs)
    raw = min((r for r in results if r.startswith("raw")), key=secs)
    digests = {str(r["digest"]) for r in results.values()}
    print(f"{'path':<18} {'sent/s':>8} {'tokens/s':>9} {'peak MB':>8} {'x Argos':>8} {'x raw':>7}")
    for run, r in results.items():
        seconds = secs(run)
        sent = count / seconds
        print(
            f"{run:<18} {sent:8.1f} {int(r['tokens']) / seconds:9.0f} "  # type: ignore[call-overload]
            f"{int(r['peak_kb']) / 1024:8.0f} {secs(argos) / seconds:8.2f} "  # type: ignore[call-overload]
            f"{secs(raw) / seconds:7.2f}"
        )
    print(f"fastest Argos: {argos}; raw CTranslate2 at its best: {raw}")
    same = "the same text" if len(digests) == 1 else f"{len(digests)} different outputs (!)"
    print(f"every path returned {same}")


if __name__ == "__main__":
    sys.exit(main())
