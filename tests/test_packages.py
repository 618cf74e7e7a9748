"""Tests for termguard.translate.packages: checking, installing, listing, packing, the index."""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from termguard.errors import ModelError, PackageFormatError
from termguard.translate.packages import (
    PackageInfo,
    available_packages,
    check_package_file,
    find_route,
    has_route,
    install_package,
    installed_packages,
    installed_pairs,
    pack_package,
    pivot_routes,
    remove_package,
    resolve_models_dir,
)

MODELS = Path(__file__).resolve().parent / "data" / "models"
KK_EN = MODELS / "translate-kk_en-1_0.argosmodel"
EN_RU = MODELS / "translate-en_ru-1_0.argosmodel"
TH_EN = MODELS / "translate-th_en-1_0.argosmodel"


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


Edit = Callable[[dict[str, bytes]], dict[str, bytes]]


def _edited(tmp_path: Path, edit: Edit) -> Path:
    return _write_zip(tmp_path / "edited.argosmodel", edit(_members(KK_EN)))


def _set_meta(**changes: object) -> Edit:
    def edit(members: dict[str, bytes]) -> dict[str, bytes]:
        key = next(n for n in members if n.endswith("/metadata.json"))
        meta = json.loads(members[key])
        for k, v in changes.items():
            if v is None:
                meta.pop(k, None)
            else:
                meta[k] = v
        return {**members, key: json.dumps(meta).encode()}

    return edit


def _drop(suffix: str) -> Edit:
    return lambda m: {n: d for n, d in m.items() if not n.endswith(suffix)}


def _flatten(members: dict[str, bytes]) -> dict[str, bytes]:
    return {n.split("/", 1)[1]: d for n, d in members.items() if n.split("/", 1)[1]}


def _two_tops(members: dict[str, bytes]) -> dict[str, bytes]:
    return {**members, "other/README.md": b"x"}


def _replace(suffix: str, data: bytes) -> Edit:
    return lambda m: {n: (data if n.endswith(suffix) else d) for n, d in m.items()}


def _add(name: str) -> Edit:
    return lambda m: {**m, name: b"x"}


@pytest.mark.parametrize("path", [KK_EN, EN_RU, TH_EN], ids=["kk-en", "en-ru", "th-en"])
def test_committed_packages_are_valid_and_small(path: Path) -> None:
    """The tiny test packages pass the package check and stay under 2 MB."""
    info = check_package_file(path)
    assert info.package_version == "1.0"
    assert path.name == f"translate-{info.from_code}_{info.to_code}-1_0.argosmodel"
    assert path.stat().st_size < 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_flatten, "files at the top of the zip"),
        (_two_tops, "several top-level folders"),
        (_drop("/metadata.json"), "no metadata.json in translate-kk_en-1_0/"),
        (_replace("/metadata.json", b"{not json"), "metadata.json is not valid JSON (line 1"),
        (_replace("/metadata.json", b"[1, 2]"), "must hold a JSON object"),
        (_set_meta(from_code=None, package_version=None), "lacks package_version, from_code"),
        (_set_meta(type="sbd"), "type is 'sbd'; termguard installs only 'translate'"),
        (_set_meta(to_code="kk"), "from_code and to_code are both 'kk'"),
        (_set_meta(to_code="../x"), "to_code '../x' is not a language code"),
        (_drop("/model/model.bin"), "no CTranslate2 model in translate-kk_en-1_0/model/"),
        (_drop("/sentencepiece.model"), "no tokenizer in translate-kk_en-1_0/"),
        (_add("translate-kk_en-1_0/../../evil"), "unsafe path"),
    ],
    ids=[
        "loose-files",
        "two-folders",
        "no-metadata",
        "bad-json",
        "json-list",
        "missing-fields",
        "wrong-type",
        "same-codes",
        "bad-code",
        "no-model",
        "no-tokenizer",
        "zip-slip",
    ],
)
def test_bad_package_is_refused_with_reason(tmp_path: Path, edit: Edit, message: str) -> None:
    """A malformed package is refused before anything is unpacked, and the error says why."""
    bad = _edited(tmp_path, edit)
    models = tmp_path / "models"
    with pytest.raises(PackageFormatError, match=r"edited\.argosmodel") as err:
        install_package(bad, models)
    assert message in str(err.value)
    assert not models.exists() or list(models.iterdir()) == []


def test_not_a_zip_and_missing_file(tmp_path: Path) -> None:
    """A text file, an empty zip and a missing path are refused with plain messages."""
    text = tmp_path / "model.argosmodel"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(PackageFormatError, match="not a zip archive"):
        check_package_file(text)
    empty = _write_zip(tmp_path / "empty.argosmodel", {})
    with pytest.raises(PackageFormatError, match="the zip is empty"):
        check_package_file(empty)
    with pytest.raises(PackageFormatError, match="no such file"):
        check_package_file(tmp_path / "absent.argosmodel")


def test_corrupt_zip_member_is_refused(tmp_path: Path) -> None:
    """A package whose bytes were damaged in transit fails the CRC check with a clear message."""
    data = bytearray(KK_EN.read_bytes())
    with zipfile.ZipFile(KK_EN) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("model.bin")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[start : start + 50] = bytes(50)
    bad = tmp_path / "corrupt.argosmodel"
    bad.write_bytes(bytes(data))
    with pytest.raises(PackageFormatError, match="corrupt zip"):
        install_package(bad, tmp_path / "models")


def test_unloadable_tokenizer_is_refused_and_nothing_installed(tmp_path: Path) -> None:
    """An unloadable sentencepiece.model stops the install and leaves the folder empty."""
    bad = _edited(tmp_path, _replace("/sentencepiece.model", b"garbage"))
    models = tmp_path / "models"
    with pytest.raises(PackageFormatError, match="cannot be loaded as a SentencePiece model"):
        install_package(bad, models)
    assert list(models.iterdir()) == []


def test_install_list_remove(tmp_path: Path) -> None:
    """Installed packages keep Argos's layout, are listed by pair, and can be removed."""
    models = tmp_path / "models"
    info, replaced = install_package(KK_EN, models)
    assert replaced is None
    assert info.path == models / "translate-kk_en-1_0"
    assert (info.path / "metadata.json").is_file()
    assert (info.path / "model" / "model.bin").is_file()
    install_package(EN_RU, models)
    assert installed_pairs(models) == [("en", "ru"), ("kk", "en")]
    assert [p.name for p in installed_packages(models)] == ["en-ru 1.0", "kk-en 1.0"]
    assert installed_packages(models)[0].size_bytes() > 100_000

    removed = remove_package("kk->en", models)
    assert removed.pair == "kk-en"
    assert installed_pairs(models) == [("en", "ru")]
    with pytest.raises(ModelError, match=r"no kk->en package installed \(installed: en->ru 1.0\)"):
        remove_package("kk-en", models)
    with pytest.raises(ModelError, match="'kken' is not a language pair"):
        remove_package("kken", models)


def test_reinstall_replaces_the_pair(tmp_path: Path) -> None:
    """Installing a new version of a pair replaces the old one, whatever its folder was called."""
    models = tmp_path / "models"
    install_package(KK_EN, models)
    newer = _edited(tmp_path, _set_meta(package_version="1.1"))
    with zipfile.ZipFile(newer) as zf:
        renamed = {n.replace("translate-kk_en-1_0", "kk_en_v11"): zf.read(n) for n in zf.namelist()}
    newer = _write_zip(tmp_path / "newer.argosmodel", renamed)
    info, replaced = install_package(newer, models)
    assert replaced is not None and replaced.package_version == "1.0"
    assert info.package_version == "1.1"
    assert [p.path.name for p in installed_packages(models)] == ["kk_en_v11"]


def test_stray_folder_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A folder without metadata.json does not hide the real packages beside it."""
    models = tmp_path / "models"
    install_package(KK_EN, models)
    (models / "junk").mkdir()
    with caplog.at_level(logging.WARNING):
        assert installed_pairs(models) == [("kk", "en")]
    assert "junk" in caplog.text


def test_models_dir_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--models-dir beats $ARGOS_PACKAGES_DIR, which beats Argos's settings.json and default."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    assert resolve_models_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "set")}), "utf-8")
    assert resolve_models_dir() == tmp_path / "set"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env"))
    assert resolve_models_dir() == tmp_path / "env"
    assert resolve_models_dir(tmp_path / "arg") == tmp_path / "arg"
    install_package(KK_EN)
    assert installed_pairs() == [("kk", "en")]
    assert (tmp_path / "env" / "translate-kk_en-1_0").is_dir()


def _pkg(src: str, tgt: str) -> PackageInfo:
    return PackageInfo(src, tgt, "1.0", Path(f"/x/{src}_{tgt}"))


def test_pivot_routes_through_english() -> None:
    """ru->th and th->ru go through English when only en<->ru and en<->th are installed."""
    packages = [_pkg("en", "ru"), _pkg("ru", "en"), _pkg("en", "th"), _pkg("th", "en")]
    routes = {(r.from_code, r.to_code): r for r in pivot_routes(packages)}
    assert set(routes) == {("ru", "th"), ("th", "ru")}
    assert routes[("ru", "th")].via == "en"
    assert routes[("ru", "th")].name == "ru-en 1.0 + en-th 1.0"
    direct = find_route("en", "ru", packages)
    assert direct is not None and direct.via is None
    assert find_route("kk", "ru", packages) is None


def test_pivot_prefers_english_over_other_languages() -> None:
    """With two possible pivots, English is chosen."""
    packages = [_pkg("kk", "ru"), _pkg("ru", "th"), _pkg("kk", "en"), _pkg("en", "th")]
    route = find_route("kk", "th", packages)
    assert route is not None and route.via == "en"


def test_has_route_reads_metadata_only(tmp_path: Path) -> None:
    """has_route answers from metadata.json, even when the model file itself is broken."""
    models = tmp_path / "models"
    install_package(KK_EN, models)
    install_package(EN_RU, models)
    (models / "translate-kk_en-1_0" / "model" / "model.bin").write_bytes(b"broken")
    assert has_route("kk", "en", models)
    assert has_route("kk", "ru", models)
    assert not has_route("ru", "kk", models)
    assert not has_route("kk", "en", tmp_path / "nowhere")


def _unpack(tmp_path: Path) -> Path:
    with zipfile.ZipFile(KK_EN) as zf:
        zf.extractall(tmp_path / "src")
    return tmp_path / "src" / "translate-kk_en-1_0"


def test_pack_round_trip_is_reproducible(tmp_path: Path) -> None:
    """pack_package writes an installable package, byte-identical when packed twice."""
    folder = _unpack(tmp_path)
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name / "kk_ru.argosmodel"
        info = pack_package(
            folder / "model",
            folder / "sentencepiece.model",
            "kk",
            "ru",
            out,
            version="2.0",
            target_prefix="rus_Cyrl",
            source_prefix=">>rus<<",
        )
        assert (info.pair, info.package_version) == ("kk-ru", "2.0")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    installed, _ = install_package(tmp_path / "a" / "kk_ru.argosmodel", tmp_path / "models")
    assert installed.path.name == "translate-kk_ru-2_0"
    assert installed.target_prefix == "rus_Cyrl"
    assert installed.source_prefix == ">>rus<<"
    assert installed.from_name == "Kazakh" and installed.to_name == "Russian"


def test_pack_refuses_bad_inputs(tmp_path: Path) -> None:
    """pack_package names the missing model.bin, an unloadable SentencePiece file, equal codes."""
    folder = _unpack(tmp_path)
    sp = folder / "sentencepiece.model"
    out = tmp_path / "out.argosmodel"
    with pytest.raises(PackageFormatError, match=r"no model\.bin"):
        pack_package(folder, sp, "kk", "en", out)
    junk = tmp_path / "junk.spm"
    junk.write_bytes(b"junk")
    with pytest.raises(PackageFormatError, match="cannot be loaded as a SentencePiece model"):
        pack_package(folder / "model", junk, "kk", "en", out)
    with pytest.raises(PackageFormatError, match="--from and --to are both 'kk'"):
        pack_package(folder / "model", sp, "kk", "kk", out)
    with pytest.raises(PackageFormatError, match="--to 'english' is not a language code"):
        pack_package(folder / "model", sp, "kk", "english", out)
    assert not out.exists()


INDEX = [
    {
        "type": "translate",
        "from_code": "en",
        "to_code": "ru",
        "package_version": "1.9",
        "from_name": "English",
        "to_name": "Russian",
        "links": ["https://example.org/translate-en_ru-1_9.argosmodel"],
    },
    {"type": "sbd", "from_code": "en", "package_version": "1.0"},
    {"type": "translate", "from_code": "th", "to_code": "en", "package_version": "1.0"},
]


def test_available_uses_cached_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cached Argos index is read without the network; sbd entries are left out."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    cache = tmp_path / "argos-translate" / "index.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps(INDEX), encoding="utf-8")
    packages, source = available_packages()
    assert source == str(cache)
    assert [(p.pair, p.package_version) for p in packages] == [("en-ru", "1.9"), ("th-en", "1.0")]
    assert packages[0].links == ("https://example.org/translate-en_ru-1_9.argosmodel",)


def test_available_offline_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline with no cached index, the error says so plainly instead of recursing forever."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    with pytest.raises(ModelError, match="not reachable") as err:
        available_packages(timeout=2)
    assert "no cached copy" in str(err.value)
    assert "termguard models install" in str(err.value)


def test_available_refresh_offline_falls_back_to_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--refresh offline keeps using the cached index and warns."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    cache = tmp_path / "argos-translate" / "index.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps(INDEX), encoding="utf-8")
    packages, source = available_packages(refresh=True, timeout=2)
    assert source == str(cache) and len(packages) == 2
