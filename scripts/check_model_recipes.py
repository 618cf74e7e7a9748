"""Run every step of docs/models.md as written, on models in the layouts users download.

Each ```sh block of docs/models.md is one step; they run in order, in one scratch folder, with
bash -euo pipefail, exactly as printed. What a user's machine would fetch from the network comes
from local stand-ins instead (nothing else is changed):
  - the Hugging Face hub: scripts/hub_mirror.py on 127.0.0.1 (HF_ENDPOINT), serving the layouts
    scripts/build_model_layouts.py wrote under Helsinki-NLP/opus-mt-trk-en, .../opus-mt-en-trk and
    facebook/nllb-200-distilled-600M;
  - the Argos index and its packages, and the OPUS-MT release zip: the same server
    (ARGOS_PACKAGE_INDEX, and the zip's URL below);
  - PyPI and PyTorch's CPU wheel index for the converter's virtualenv: `ct2env` is the cached
    virtualenv .venv-models/ct2env, made the first time by the docs' own commands, with torch
    installed beforehand from this machine's CPU wheel (so the docs' pip lines find it there).
After the steps, checks that the docs do not state but a user relies on: each package's source
tokens are the ones the reference tokenizer (transformers) gives the model, the copying models
(OPUS-MT release, Argos packages) give their input back through termguard, and a
`termguard translate` run over the seed articles writes catalogs through every installed route.

    python3 scripts/check_model_recipes.py [--layouts DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hub_mirror

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "models.md"
MODELS_VENV = ROOT / ".venv-models"
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def steps(markdown: str) -> list[tuple[str, str]]:
    """(section title, shell text) of every ```sh block, in order."""
    out: list[tuple[str, str]] = []
    for match in _BLOCK.finditer(markdown):
        heads = re.findall(r"^#+ (.+)$", markdown[: match.start()], re.M)
        out.append((heads[-1] if heads else "", match.group(1)))
    return out


class Failure(Exception):
    pass


def _run(cmd: str, cwd: Path, env: dict[str, str], title: str) -> str:
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", cmd],
        cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise Failure(
            f"step '{title}' failed (exit {proc.returncode}):\n{cmd}\n--- stdout\n"
            f"{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-5000:]}"
        )
    print(f"  ok ({seconds:.1f} s): {title}", flush=True)
    return proc.stdout + proc.stderr


def _scratch() -> Path:
    """The run's folder, emptied but for the converter virtualenv `ct2env` of earlier runs.

    A virtualenv cannot move (its scripts hold absolute paths), so the steps run in a fixed
    folder. The first run makes ct2env by the docs' own commands; torch is put in it first from
    the CPU wheel on this machine's disk, the stand-in for PyTorch's CPU index.
    """
    scratch = MODELS_VENV / "recipes"
    scratch.mkdir(parents=True, exist_ok=True)
    for entry in scratch.iterdir():
        if entry.name != "ct2env":
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    venv = scratch / "ct2env"
    if not (venv / "bin" / "python").exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "torch==2.13.0"], check=True)
    return scratch


def _argos_index(root: Path, base: str) -> None:
    entries = []
    for pkg in sorted((root / "files" / "argos").glob("*.argosmodel")):
        src, tgt = re.match(r"translate-(\w+)_(\w+)-", pkg.name).groups()  # type: ignore[union-attr]
        names = {"en": "English", "ru": "Russian", "th": "Thai"}
        entries.append(
            {"package_version": "1.9", "argos_version": "1.9.0", "from_code": src,
             "from_name": names[src], "to_code": tgt, "to_name": names[tgt], "type": "translate",
             "links": [f"{base}/files/argos/{pkg.name}"]}
        )  # fmt: skip
    index = root / "files" / "argospm" / "index.json"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps(entries, indent=2), encoding="utf-8")


def run(layouts: Path, keep: bool, docs: Path = DOCS) -> int:
    server, base = hub_mirror.serve(layouts)
    _argos_index(layouts, base)
    scratch = _scratch()
    bindir = scratch / ".bin"
    bindir.mkdir()
    (bindir / "termguard").symlink_to(ROOT / ".venv" / "bin" / "termguard")
    # Step 5 runs from the termguard folder, as the docs say: its glossary/ is there.
    (scratch / "glossary").symlink_to(ROOT / "glossary")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "ARGOS_", "XDG_"))}
    env.update(
        PATH=f"{bindir}:{env.get('PATH', '/usr/bin:/bin')}",
        HF_ENDPOINT=base,
        HF_HOME=str(scratch / ".hf"),
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_XET="1",
        ARGOS_PACKAGE_INDEX=f"{base}/files/argospm/index.json",
        ARGOS_PACKAGES_DIR=str(scratch / ".packages"),
        XDG_DATA_HOME=str(scratch / ".local-share"),
        XDG_CONFIG_HOME=str(scratch / ".config"),
        TERMGUARD_THREADS="2",
        OPUS_MT_RELEASE_URL=f"{base}/files/eng-kaz/opus-2021-02-19.zip",
    )
    markdown = docs.read_text(encoding="utf-8")
    todo = steps(markdown)
    print(f"docs/models.md: {len(todo)} steps, run in {scratch}", flush=True)
    try:
        for title, cmd in todo:
            out = _run(cmd, scratch, env, title)
            _after_step(title, cmd, out)
        _check_packages(scratch, env)
        _translate_seeds(scratch, env)
    except Failure as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        print(f"scratch folder kept: {scratch}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    if not keep:
        shutil.rmtree(scratch / ".packages", ignore_errors=True)
    print("docs/models.md: every step ran as written")
    return 0


def _after_step(title: str, cmd: str, out: str) -> None:
    """What the docs say a step shows."""
    if "models list" in cmd and title.startswith("1.") and "ru->th via en" not in out:
        raise Failure(f"step '{title}': 'termguard models list' shows no ru->th pivot:\n{out}")


_PROBE = """
import json, sys
from termguard.translate.engine import get_translator
from termguard.translate.packages import installed_packages
sentences = json.loads(sys.argv[1])
out = {}
for p in installed_packages():
    t = get_translator(p.from_code, p.to_code)
    t.load()
    config = json.loads((p.path / "model" / "config.json").read_text())
    tokens = t._encode(sentences[p.from_code])
    if config.get("add_source_eos"):
        tokens = [[*s, "</s>"] for s in tokens]
    cands = t.translate_batch(sentences[p.from_code], n_best=2)
    out[p.pair] = {"tokens": tokens, "target_prefix": p.target_prefix,
                   "best": [c[0].text for c in cands], "n": [len(c) for c in cands]}
print(json.dumps(out, ensure_ascii=False))
"""

_REFERENCE = """
import json, sys
from transformers import AutoTokenizer
jobs = json.loads(sys.argv[1])
out = {}
for pair, job in jobs.items():
    kwargs = {"src_lang": job["src_lang"]} if job.get("src_lang") else {}
    tok = AutoTokenizer.from_pretrained(job["dir"], **kwargs)
    out[pair] = [tok.convert_ids_to_tokens(tok(job["prefix"] + s)["input_ids"])
                 for s in job["sentences"]]
print(json.dumps(out, ensure_ascii=False))
"""

SENTENCES = {
    "kk": ["Азаматтық қоғам институттары мемлекеттің серіктесі.", "Алматы"],
    "en": ["Civil society institutions are partners of the state.", "Almaty"],
    "ru": ["Институты гражданского общества являются партнерами государства."],
    "th": ["ภาคประชาสังคมเป็นหุ้นส่วนของรัฐ"],
}


def _check_packages(scratch: Path, env: dict[str, str]) -> None:
    """Source tokens match the reference tokenizer; copying packages give their input back."""
    probe = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", _PROBE, json.dumps(SENTENCES)],
        cwd=scratch, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if probe.returncode != 0:
        raise Failure(f"loading the installed packages failed:\n{probe.stderr[-3000:]}")
    got = json.loads(probe.stdout)
    expected_pairs = {"kk-en", "en-kk", "kk-ru", "en-ru", "ru-en", "en-th", "th-en"}
    if missing := expected_pairs - set(got):
        raise Failure(f"packages missing after the steps: {sorted(missing)}")
    # The hub layouts: termguard must feed the model what transformers' tokenizer feeds it.
    repos = {
        "kk-en": ("Helsinki-NLP/opus-mt-trk-en", "", None),
        "kk-ru": ("facebook/nllb-200-distilled-600M", "", "kaz_Cyrl"),
        "en-kk-hub": ("Helsinki-NLP/opus-mt-en-trk", ">>kaz_Cyrl<< ", None),
    }
    jobs = {
        pair: {"dir": str(scratch / _snapshot(scratch, repo)), "prefix": prefix,
               "src_lang": src_lang, "sentences": SENTENCES[pair[:2]]}
        for pair, (repo, prefix, src_lang) in repos.items()
    }  # fmt: skip
    ref = subprocess.run(
        [str(scratch / "ct2env" / "bin" / "python"), "-c", _REFERENCE, json.dumps(jobs)],
        cwd=scratch, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if ref.returncode != 0:
        raise Failure(f"the reference tokenizers failed:\n{ref.stderr[-3000:]}")
    reference = json.loads(ref.stdout)
    for pair in ("kk-en", "kk-ru"):
        if got[pair]["tokens"] != reference[pair]:
            raise Failure(
                f"{pair}: termguard feeds {got[pair]['tokens']}, transformers' tokenizer "
                f"{reference[pair]}"
            )
    print("  ok: kk-en (OPUS-MT hub) and kk-ru (NLLB) source tokens = transformers' tokenizer")
    if got["kk-ru"]["target_prefix"] != "rus_Cyrl":
        raise Failure(f"kk-ru: target prefix {got['kk-ru']['target_prefix']!r}, not rus_Cyrl")
    # en-kk: step 3 installs the hub model, 3b replaces it with the release; the hub model's
    # tokens come from the file step 3 packed.
    en_kk_hub = _hub_en_kk_tokens(scratch, env)
    if en_kk_hub != reference["en-kk-hub"]:
        raise Failure(f"en-kk (opus-mt-en-trk): termguard {en_kk_hub}, transformers {reference}")
    print("  ok: en-kk (opus-mt-en-trk) source tokens with >>kaz_Cyrl<< = transformers' tokenizer")
    # Copying models: the text comes back unchanged through termguard's engine.
    for pair in ("en-kk", "en-ru", "ru-en", "en-th", "th-en"):
        src = pair[:2]
        if got[pair]["best"] != SENTENCES[src]:
            raise Failure(f"{pair}: the copying model gave {got[pair]['best']}, not its input")
    print("  ok: OPUS-MT release en-kk and the Argos packages copy their input through termguard")


def _snapshot(scratch: Path, repo: str) -> Path:
    """Where transformers cached a hub repository the converter read."""
    root = scratch / ".hf" / "hub" / f"models--{repo.replace('/', '--')}" / "snapshots"
    found = sorted(root.glob("*/")) if root.is_dir() else []
    if not found:
        raise Failure(f"{repo}: not in the Hugging Face cache after the converter ran")
    return found[-1].relative_to(scratch)


def _hub_en_kk_tokens(scratch: Path, env: dict[str, str]) -> list[list[str]]:
    package = scratch / "translate-en_kk-1_0.argosmodel"  # step 3, before 3b replaces it
    if not package.is_file():
        raise Failure(f"{package.name}: not written by step 3")
    code = (
        "import json, sys, tempfile\n"
        "from termguard.translate.engine import PackageTranslator\n"
        "from termguard.translate.packages import install_package\n"
        "info, _ = install_package(sys.argv[1], tempfile.mkdtemp())\n"
        "t = PackageTranslator(info); t.load()\n"
        "config = json.loads((info.path / 'model' / 'config.json').read_text())\n"
        "eos = ['</s>'] if config.get('add_source_eos') else []\n"
        "print(json.dumps([[*s, *eos] for s in t._encode(json.loads(sys.argv[2]))]))\n"
    )
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", code, str(package),
         json.dumps(SENTENCES["en"])],
        cwd=scratch, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode != 0:
        raise Failure(f"{package.name}: cannot be loaded:\n{proc.stderr[-3000:]}")
    tokens: list[list[str]] = json.loads(proc.stdout)
    return tokens


def _translate_seeds(scratch: Path, env: dict[str, str]) -> None:
    """The whole pass over a Kazakh and the Thai seed article, through every installed route."""
    seeds = [
        ROOT / "seeds" / "000_91604382561779cc.txt",
        ROOT / "seeds" / "002_8ae3edba63096470.txt",
    ]
    docs = []
    for seed in seeds:  # the first lines: the routes matter here, not the length
        docs.append(scratch / seed.name)
        lines = seed.read_text(encoding="utf-8").splitlines()
        docs[-1].write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    cmd = (
        f"termguard translate {' '.join(d.name for d in docs)} --to en,ru,kk "
        f"--glossary {ROOT / 'glossary'} --locales locales --parallel parallel"
    )
    out = _run(cmd, scratch, env, "termguard translate (kk and th seeds -> en, ru, kk)")
    catalogs = sorted((scratch / "locales").rglob("*.po"))
    if len(catalogs) < 5:
        raise Failure(f"termguard translate wrote {len(catalogs)} catalogs:\n{out}")
    thai_ru = next((c for c in catalogs if "/ru/" in str(c) and "002_" in c.name), None)
    if thai_ru is None or "th-en 1.9 + en-ru 1.9" not in thai_ru.read_text(encoding="utf-8"):
        raise Failure("the th->ru catalog does not record the th-en + en-ru pivot")
    print(f"  ok: {len(catalogs)} catalogs written, th->ru through the Argos pivot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layouts", type=Path, default=MODELS_VENV / "layouts")
    parser.add_argument("--docs", type=Path, default=DOCS, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    return run(args.layouts, args.keep, args.docs)


if __name__ == "__main__":
    sys.exit(main())
