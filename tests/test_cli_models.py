"""The `termguard models` commands: install, list, remove, pack and available."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from termguard.cli import cli

MODELS = Path(__file__).resolve().parent / "data" / "models"
KK_EN = str(MODELS / "translate-kk_en-1_0.argosmodel")
EN_RU = str(MODELS / "translate-en_ru-1_0.argosmodel")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_install_list_remove(tmp_path: Path) -> None:
    """install, list (with the kk->ru pivot) and remove work on a --models-dir folder."""
    models = str(tmp_path / "models")
    code, out, _ = run("models", "install", KK_EN, EN_RU, "--models-dir", models)
    assert code == 0
    assert out == "Installed kk->en 1.0\nInstalled en->ru 1.0\n"

    code, out, _ = run("models", "list", "--models-dir", models)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Packages in {models}:"
    assert lines[1].startswith("  en->ru  1.0") and lines[1].endswith("translate-en_ru-1_0")
    assert lines[2].startswith("  kk->en  1.0") and " KB " in lines[2]
    assert "Pivot routes:" in lines
    assert "  kk->ru via en  (kk-en 1.0 + en-ru 1.0)" in lines

    code, out, _ = run("models", "remove", "kk-en", "--models-dir", models)
    assert code == 0 and out.startswith("Removed kk->en 1.0")
    code, out, _ = run("models", "list", "--models-dir", models, "--json")
    data = json.loads(out)
    assert [p["pair"] for p in data["packages"]] == ["en-ru"]
    assert data["pivots"] == []


def test_environment_variable_is_honoured(tmp_path: Path) -> None:
    """Without --models-dir, ARGOS_PACKAGES_DIR picks the folder."""
    folder = tmp_path / "env-packages"
    code, _, _ = run("models", "install", KK_EN, env={"ARGOS_PACKAGES_DIR": str(folder)})
    assert code == 0
    assert (folder / "translate-kk_en-1_0" / "metadata.json").is_file()
    code, out, _ = run("models", "list", "--json", env={"ARGOS_PACKAGES_DIR": str(folder)})
    assert json.loads(out)["models_dir"] == str(folder)


def test_list_when_nothing_is_installed(tmp_path: Path) -> None:
    """An empty folder is reported on stderr with how to install a package."""
    code, out, err = run("models", "list", "--models-dir", str(tmp_path))
    assert code == 0 and out == ""
    assert f"No packages installed in {tmp_path}" in err
    assert "termguard models install" in err


def test_install_refuses_bad_file_with_message(tmp_path: Path) -> None:
    """A zip of loose files is refused with exit 1 and a message saying what is wrong."""
    bad = tmp_path / "loose.argosmodel"
    with zipfile.ZipFile(KK_EN) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            inner = name.split("/", 1)[1]
            if inner:
                dst.writestr(inner, src.read(name))
    code, _, err = run("models", "install", str(bad), "--models-dir", str(tmp_path / "m"))
    assert code == 1
    assert err.startswith(f"Error: {bad}: files at the top of the zip")
    assert "Traceback" not in err


def test_install_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    """A path that is not a file is refused by the install check with exit 1."""
    code, _, err = run("models", "install", str(tmp_path / "nope.argosmodel"))
    assert code == 1
    assert "nope.argosmodel: no such file" in err


def test_remove_unknown_pair(tmp_path: Path) -> None:
    """Removing a pair that is not installed exits 1 and points to 'models list'."""
    code, _, err = run("models", "remove", "ru-th", "--models-dir", str(tmp_path))
    assert code == 1
    assert "no ru->th package installed (installed: none)" in err


def test_pack_then_install(tmp_path: Path) -> None:
    """pack turns a CTranslate2 folder and a SentencePiece model into an installable package."""
    with zipfile.ZipFile(KK_EN) as zf:
        zf.extractall(tmp_path)
    src = tmp_path / "translate-kk_en-1_0"
    out = tmp_path / "kk_ru.argosmodel"
    code, stdout, err = run(
        "models", "pack", "--ct2-model", str(src / "model"), "--sp-model",
        str(src / "sentencepiece.model"), "--from", "kk", "--to", "ru", "--version", "0.1",
        "--target-prefix", "rus_Cyrl", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert stdout.startswith(f"Wrote {out} (kk->ru 0.1, ")
    code, stdout, _ = run("models", "install", str(out), "--models-dir", str(tmp_path / "m"))
    assert code == 0 and stdout == "Installed kk->ru 0.1\n"
    meta = json.loads((tmp_path / "m" / "translate-kk_ru-0_1" / "metadata.json").read_text("utf-8"))
    assert meta["target_prefix"] == "rus_Cyrl" and meta["type"] == "translate"


def test_pack_without_model_bin(tmp_path: Path) -> None:
    """pack on a folder that is not a CTranslate2 model says how to convert one."""
    sp = tmp_path / "sp.model"
    sp.write_bytes(b"x")
    code, _, err = run(
        "models", "pack", "--ct2-model", str(tmp_path), "--sp-model", str(sp),
        "--from", "kk", "--to", "en", "-o", str(tmp_path / "x.argosmodel"),
    )  # fmt: skip
    assert code == 1
    assert "not a CTranslate2 model folder (no model.bin)" in err
    assert "ct2-opus-mt-converter" in err


def test_available_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline with no cached index, 'available' exits 1 and says the index is not reachable."""
    env = {"XDG_DATA_HOME": str(tmp_path), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}
    code, _, err = run("models", "available", env=env)
    assert code == 1
    assert "the Argos package index is not reachable" in err
    assert "Traceback" not in err


def test_available_from_cache_with_filter(tmp_path: Path) -> None:
    """A cached index is listed, filtered by --to, with each package's download link."""
    cache = tmp_path / "argos-translate" / "index.json"
    cache.parent.mkdir(parents=True)
    index = [
        {"from_code": "en", "to_code": "ru", "package_version": "1.9", "links": ["https://x/a"]},
        {"from_code": "ru", "to_code": "en", "package_version": "1.9", "links": ["https://x/b"]},
    ]
    cache.write_text(json.dumps(index), encoding="utf-8")
    code, out, err = run("models", "available", "--to", "ru", env={"XDG_DATA_HOME": str(tmp_path)})
    assert code == 0
    assert out == "  en->ru  1.9    https://x/a\n"
    assert f"Argos index ({cache}): 1 package(s)" in err
