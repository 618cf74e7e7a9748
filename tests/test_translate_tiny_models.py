"""The whole pass on the real engine with the tiny copy-trained models in tests/data/models.

The models copy their input, so source terms come out untranslated: what the translation
contains in the target language is the repair's work, which makes the repair observable.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from termguard.cli import cli

MODELS = Path(__file__).parent / "data" / "models"
MINI = str(Path(__file__).parent / "data" / "glossaries" / "good" / "mini.toml")
KK_EN = sorted(MODELS.glob("translate-kk_en-*.argosmodel"))
EN_RU = sorted(MODELS.glob("translate-en_ru-*.argosmodel"))
TEXT = "Қазақстан халқы Ассамблеясының отырысы өтті.\n\nМедиация дамып келеді.\n"

pytestmark = [
    pytest.mark.engine,  # run under every CPU kernel family: scripts/cpu_variants.py
    pytest.mark.skipif(not (KK_EN and EN_RU), reason="tiny models not built"),
]


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from termguard.translate.packages import install_package

    folder = tmp_path_factory.mktemp("packages")
    for model in (KK_EN[-1], EN_RU[-1]):
        install_package(model, models_dir=folder)
    return folder


def _run(tmp_path: Path, models_dir: Path, text: str, targets: str) -> Path:
    src = tmp_path / "news.txt"
    src.write_text(text, encoding="utf-8")
    locales = tmp_path / "locales"
    args = [
        "translate",
        str(src),
        "--to",
        targets,
        "--glossary",
        MINI,
        "--models-dir",
        str(models_dir),
        "--locales",
        str(locales),
        "--n-best",
        "4",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if shutil.which("msgfmt"):
        for po in locales.rglob("*.po"):
            check = subprocess.run(
                ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
            )
            assert check.returncode == 0, check.stderr
    return locales


def test_copied_kazakh_term_is_repaired_into_english(tmp_path: Path, models_dir: Path) -> None:
    """kk->en: the model copies Ассамблеясының; the pass puts the English term in its place."""
    locales = _run(tmp_path, models_dir, TEXT, "en")
    po = polib.pofile(str(locales / "en" / "LC_MESSAGES" / "news.po"))
    assert po.metadata["X-Termguard-Model"].startswith("kk-en ")
    entry = po.find("Қазақстан халқы Ассамблеясының отырысы өтті.")
    assert entry is not None and entry.flags == ["fuzzy"]
    assert entry.msgstr.startswith("Assembly of People of Kazakhstan ")
    assert (
        "termguard: repaired: untranslated 'Қазақстан халқы Ассамблеясының' -> "
        "'Assembly of People of Kazakhstan' (assembly-of-people)" in entry.comment.splitlines()
    )
    entry = po.find("Медиация дамып келеді.")
    assert entry is not None and entry.msgstr.startswith("Mediation ")


def test_copied_english_term_is_repaired_into_russian(tmp_path: Path, models_dir: Path) -> None:
    """en->ru: a copied plural English term becomes the Russian term in the plural."""
    text = "Non-governmental organizations met in Almaty.\n"
    locales = _run(tmp_path, models_dir, text, "ru")
    po = polib.pofile(str(locales / "ru" / "LC_MESSAGES" / "news.po"))
    entry = po.find(text.strip())
    assert entry is not None
    assert entry.msgstr.startswith("Неправительственные организации "), entry.msgstr


def test_pivot_through_english_is_recorded(tmp_path: Path, models_dir: Path) -> None:
    """kk->ru runs through en; the copied Kazakh term is repaired into the Russian genitive."""
    locales = _run(tmp_path, models_dir, TEXT, "ru")
    po = polib.pofile(str(locales / "ru" / "LC_MESSAGES" / "news.po"))
    model = po.metadata["X-Termguard-Model"]
    assert model.startswith("kk-en ") and " + en-ru " in model
    entry = po.find("Қазақстан халқы Ассамблеясының отырысы өтті.")
    assert entry is not None and entry.flags == ["fuzzy"]
    # the copied genitive Ассамблеясының becomes the Russian term in the genitive
    assert entry.msgstr.startswith("Ассамблеи народа Казахстана "), entry.msgstr
    assert "Ассамблеясының" not in entry.msgstr


def test_rerun_with_models_gives_no_diff(tmp_path: Path, models_dir: Path) -> None:
    """Translating the same input twice with the same models changes no file."""
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    args = [
        "translate",
        str(src),
        "--to",
        "en",
        "--glossary",
        MINI,
        "--models-dir",
        str(models_dir),
        "--locales",
        str(tmp_path / "l"),
        "--parallel",
        str(tmp_path / "p"),
    ]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p != src}
    second = CliRunner().invoke(cli, args)
    assert "0 file(s) written, 3 unchanged" in second.stderr
    assert {p: p.read_bytes() for p in files} == files
