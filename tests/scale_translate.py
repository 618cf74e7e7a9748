"""A translate run for the archive-scale tests: the tiny models, the seed memory, every output.

test_scale_translate.py compares a serial run with --jobs 2 (under every CPU kernel family);
test_scale.py compares --jobs 2 with --cluster.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from termguard.cli import cli
from termguard.translate.packages import install_package

ROOT = Path(__file__).resolve().parent.parent
MODELS = Path(__file__).resolve().parent / "data" / "models"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def translate_inputs(ntrex_english: list[str], thai: bool = True) -> list[str]:
    """A Kazakh seed, the Thai seed (unless not `thai`) and an NTREX-128 document in English:
    every direct model and the pivots (kk->en->ru, th->en->ru)."""
    found = next(p for p in SEEDS if "\u0e00" <= p.read_text(encoding="utf-8")[0] <= "\u0e7f")
    return [str(SEEDS[0]), *([str(found)] if thai else []), ntrex_english[0]]


def translate_run(folder: Path, inputs: list[str], *extra: str) -> dict[str, bytes]:
    """translate `inputs` into en and ru with a memory of the seed sample; every file the run
    wrote (catalogs, TSV, TMX, documents, report), by path under folder/out."""
    models = folder / "models"
    for package in sorted(MODELS.glob("*.argosmodel")):
        install_package(package, models)
    memory = folder / "tm.sqlite"
    runner = CliRunner()
    imported = runner.invoke(
        cli,
        ["tm", "import", str(ROOT / "seeds" / "tm" / "seed-translations.tmx"), "--tm", str(memory)],
    )
    assert imported.exit_code == 0, imported.output
    out = folder / "out"
    result = runner.invoke(
        cli,
        [
            "translate",
            *inputs,
            "--to",
            "en,ru",
            "--n-best",
            "4",
            "--glossary",
            str(ROOT / "glossary"),
            "--models-dir",
            str(models),
            "--locales",
            str(out / "locales"),
            "--parallel",
            str(out / "parallel"),
            "--documents",
            str(out / "documents"),
            "--report",
            str(out / "report.json"),
            "--date",
            "2025-01-01",
            "--tm",
            str(memory),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
