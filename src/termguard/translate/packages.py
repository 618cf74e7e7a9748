"""Argos Translate packages (.argosmodel): check, install, list, remove, pack, and the Argos index.

termguard keeps Argos's package format and folder layout, so a folder filled by Argos works here and
the other way round: each package is one folder `<packages dir>/<top folder of the zip>/` holding
metadata.json, model/ (CTranslate2) and sentencepiece.model (or bpe.model).

The packages folder is --models-dir, else $ARGOS_PACKAGES_DIR, else Argos's settings.json, else
Argos's default (~/.local/share/argos-translate/packages). Argos's own install_from_path extracts
into a folder fixed when `argostranslate.settings` is first imported, and get_available_packages
recurses forever without a cached index, so this module manages the folder and reads the index.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from termguard.errors import ModelError, ModelNotInstalledError, PackageFormatError

log = logging.getLogger(__name__)

#: Pivot language tried first when no direct package exists (Argos's index is English-centred).
PIVOT = "en"

LANG_NAMES = {
    "en": "English",
    "kk": "Kazakh",
    "ru": "Russian",
    "th": "Thai",
    "ky": "Kyrgyz",
    "uz": "Uzbek",
    "tr": "Turkish",
    "zh": "Chinese",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
}

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"

#: The largest package termguard unpacks (NLLB-200 3.3B in float16 is about 7 GB).
MAX_PACKAGE_BYTES = 32 << 30

_REQUIRED = ("package_version", "from_code", "to_code")
_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?$")
_HOW = (
    "an .argosmodel is a zip of ONE folder holding metadata.json, model/ (CTranslate2) and "
    "sentencepiece.model; build one with 'termguard models pack'"
)


@dataclass(frozen=True)
class PackageInfo:
    """One Argos translation package: what metadata.json says, and where it lies."""

    from_code: str
    to_code: str
    package_version: str
    path: Path
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    target_prefix: str = ""
    source_prefix: str = ""

    @property
    def pair(self) -> str:
        """'kk-en'."""
        return f"{self.from_code}-{self.to_code}"

    @property
    def name(self) -> str:
        """'kk-en 1.0': the pair and version, as recorded in outputs."""
        return f"{self.pair} {self.package_version}"

    def size_bytes(self) -> int:
        """Bytes on disk (the installed folder, or the .argosmodel file)."""
        if self.path.is_file():
            return self.path.stat().st_size
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


@dataclass(frozen=True)
class Route:
    """A way to translate from_code -> to_code: one package, or two through a pivot language."""

    from_code: str
    to_code: str
    packages: tuple[PackageInfo, ...]

    @property
    def via(self) -> str | None:
        """The pivot language, or None for a direct package."""
        return self.packages[0].to_code if len(self.packages) > 1 else None

    @property
    def name(self) -> str:
        """'kk-en 1.0' or 'kk-en 1.0 + en-ru 1.0'."""
        return " + ".join(p.name for p in self.packages)


@dataclass(frozen=True)
class AvailablePackage:
    """One entry of the Argos package index."""

    from_code: str
    to_code: str
    package_version: str
    from_name: str
    to_name: str
    links: tuple[str, ...]

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"


# --- where packages live -----------------------------------------------------------------------


def _argos_data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / (
        "argos-translate"
    )


def _argos_settings() -> dict[str, Any]:
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = config / "argos-translate" / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def resolve_models_dir(models_dir: str | os.PathLike[str] | None = None) -> Path:
    """The packages folder: the argument, else $ARGOS_PACKAGES_DIR, else Argos's setting/default.

    Read at each call (not at import), so --models-dir and the environment always win.
    """
    if models_dir:
        return Path(models_dir).expanduser()
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    configured = _argos_settings().get("ARGOS_PACKAGES_DIR")
    if isinstance(configured, str) and configured:
        return Path(configured).expanduser()
    return _argos_data_dir() / "packages"


# --- metadata ----------------------------------------------------------------------------------


def _check_metadata(raw: bytes, where: str, path: str) -> dict[str, Any]:
    try:
        meta = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise PackageFormatError(f"{where} is not UTF-8 text ({exc.reason})", path) from exc
    except json.JSONDecodeError as exc:
        raise PackageFormatError(
            f"{where} is not valid JSON (line {exc.lineno}: {exc.msg}); fix the file", path
        ) from exc
    if not isinstance(meta, dict):
        raise PackageFormatError(f"{where} must hold a JSON object", path)
    missing = [k for k in _REQUIRED if not isinstance(meta.get(k), str) or not meta[k].strip()]
    if missing:
        raise PackageFormatError(
            f"{where} lacks {', '.join(missing)}; add them as strings, e.g. "
            '"from_code": "kk", "to_code": "en", "package_version": "1.0"',
            path,
        )
    for key in ("from_code", "to_code"):
        if not _CODE.match(meta[key]):
            raise PackageFormatError(
                f"{where}: {key} '{meta[key]}' is not a language code like 'kk' or 'en'", path
            )
    if meta["from_code"] == meta["to_code"]:
        raise PackageFormatError(
            f"{where}: from_code and to_code are both '{meta['from_code']}'", path
        )
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise PackageFormatError(
            f"{where}: type is '{kind}'; termguard installs only 'translate' packages", path
        )
    return meta


def _info(meta: dict[str, Any], path: Path) -> PackageInfo:
    def text(key: str) -> str:
        value = meta.get(key, "")
        return value if isinstance(value, str) else ""

    return PackageInfo(
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        package_version=meta["package_version"],
        path=path,
        from_name=text("from_name") or LANG_NAMES.get(meta["from_code"], meta["from_code"]),
        to_name=text("to_name") or LANG_NAMES.get(meta["to_code"], meta["to_code"]),
        argos_version=text("argos_version"),
        target_prefix=text("target_prefix"),
        source_prefix=text("source_prefix"),
    )


def read_package(folder: str | os.PathLike[str]) -> PackageInfo:
    """The PackageInfo of an installed package folder; PackageFormatError if it is not one."""
    folder = Path(folder)
    meta_path = folder / "metadata.json"
    try:
        raw = meta_path.read_bytes()
    except OSError as exc:
        raise PackageFormatError(
            f"no readable metadata.json ({exc.strerror})", str(folder)
        ) from exc
    return _info(_check_metadata(raw, "metadata.json", str(folder)), folder)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version)[:4])


def installed_packages(models_dir: str | os.PathLike[str] | None = None) -> list[PackageInfo]:
    """Installed translate packages, one per pair (the highest version), sorted by pair.

    Reads only metadata.json files: cheap, loads no model. Folders that are not packages are
    skipped with a warning, so one broken folder does not hide the others.
    """
    root = resolve_models_dir(models_dir)
    if not root.is_dir():
        return []
    best: dict[str, PackageInfo] = {}
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            info = read_package(folder)
        except PackageFormatError as exc:
            log.warning("skipping %s", exc)
            continue
        have = best.get(info.pair)
        if have is None or _version_key(info.package_version) > _version_key(have.package_version):
            best[info.pair] = info
    return [best[k] for k in sorted(best)]


def installed_pairs(models_dir: str | os.PathLike[str] | None = None) -> list[tuple[str, str]]:
    """(from_code, to_code) of every installed package, sorted."""
    return [(p.from_code, p.to_code) for p in installed_packages(models_dir)]


def find_route(from_code: str, to_code: str, packages: list[PackageInfo]) -> Route | None:
    """The direct package, else a pivot through English, else through any other language."""
    by_pair = {(p.from_code, p.to_code): p for p in packages}
    direct = by_pair.get((from_code, to_code))
    if direct is not None:
        return Route(from_code, to_code, (direct,))
    middles = sorted({p.to_code for p in packages if p.from_code == from_code})
    middles.sort(key=lambda code: code != PIVOT)
    for mid in middles:
        second = by_pair.get((mid, to_code))
        if second is not None and mid not in (from_code, to_code):
            return Route(from_code, to_code, (by_pair[(from_code, mid)], second))
    return None


def pivot_routes(packages: list[PackageInfo]) -> list[Route]:
    """Every pair reachable only through one pivot language (e.g. ru->th via en), sorted."""
    codes = sorted({p.from_code for p in packages} | {p.to_code for p in packages})
    direct = {(p.from_code, p.to_code) for p in packages}
    routes = []
    for a in codes:
        for b in codes:
            if a == b or (a, b) in direct:
                continue
            route = find_route(a, b, packages)
            if route is not None:
                routes.append(route)
    return routes


def describe_installed(packages: list[PackageInfo]) -> list[str]:
    """['kk->en 1.0', ...] for error messages."""
    return [f"{p.from_code}->{p.to_code} {p.package_version}" for p in packages]


def require_route(
    from_code: str, to_code: str, models_dir: str | os.PathLike[str] | None = None
) -> Route:
    """The route for a pair, or ModelNotInstalledError naming the pair and what is installed."""
    packages = installed_packages(models_dir)
    route = find_route(from_code, to_code, packages)
    if route is None:
        raise ModelNotInstalledError(from_code, to_code, describe_installed(packages))
    return route


def has_route(
    from_code: str, to_code: str, models_dir: str | os.PathLike[str] | None = None
) -> bool:
    """True if a package or a pivot route translates the pair; loads no model."""
    return find_route(from_code, to_code, installed_packages(models_dir)) is not None


# --- checking and installing .argosmodel files -------------------------------------------------


def _top_folder(names: list[str], path: str) -> str:
    tops: set[str] = set()
    loose: list[str] = []
    for name in names:
        pure = PurePosixPath(name)
        if name.startswith("/") or ".." in pure.parts or "\\" in name or ":" in pure.parts[0]:
            raise PackageFormatError(f"unsafe path '{name}' in the zip; {_HOW}", path)
        if len(pure.parts) == 1 and not name.endswith("/"):
            loose.append(name)
        tops.add(pure.parts[0])
    if loose:
        shown = ", ".join(sorted(loose)[:3])
        raise PackageFormatError(
            f"files at the top of the zip ({shown}) instead of inside one folder; installing it "
            f"would scatter them over the packages folder; zip the folder itself "
            f"(cd parent && zip -r pkg.argosmodel translate-kk_en-1_0/)",
            path,
        )
    if len(tops) != 1:
        shown = ", ".join(sorted(tops)[:4])
        raise PackageFormatError(f"several top-level folders ({shown}); {_HOW}", path)
    return tops.pop()


def check_package_file(path: str | os.PathLike[str], free_bytes: int | None = None) -> PackageInfo:
    """Check an .argosmodel without installing it; PackageFormatError says what is wrong.

    Checks: a readable zip with intact members, exactly one top folder, plain files only (no
    links), declared sizes that fit (MAX_PACKAGE_BYTES, and `free_bytes` when given) and no
    member inflating like a zip bomb, all before anything is inflated; then metadata.json with
    package_version/from_code/to_code and type 'translate', model/model.bin, and a tokenizer.
    The returned PackageInfo's path is the file.
    """
    from termguard.inputs import zip_kind, zip_problem

    where = str(path)
    file = Path(path)
    if file.is_dir():
        raise PackageFormatError(f"is a folder, not an .argosmodel file; {_HOW}", where)
    if not file.is_file():
        raise PackageFormatError("no such file; check the path", where)
    if file.stat().st_size == 0:
        raise PackageFormatError("is empty (0 bytes); download or pack it again", where)
    try:
        zf = zipfile.ZipFile(file)
    except zipfile.BadZipFile as exc:
        raise PackageFormatError(
            f"not a zip archive, or one cut short by an interrupted download ({exc}); {_HOW}",
            where,
        ) from exc
    except OSError as exc:
        raise PackageFormatError(f"cannot read the file ({exc.strerror})", where) from exc
    with zf:
        names = [n for n in zf.namelist() if n.strip("/")]
        if not names:
            raise PackageFormatError(f"the zip is empty; {_HOW}", where)
        kind, _ = zip_kind(zf)
        if kind != "a zip archive" and "Argos" not in kind:
            raise PackageFormatError(f"this is {kind}, not a translation package; {_HOW}", where)
        top = _top_folder(names, where)
        problem = zip_problem(zf, MAX_PACKAGE_BYTES, free_bytes)
        if problem:
            raise PackageFormatError(f"refused: {problem}", where)
        try:
            bad = zf.testzip()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise PackageFormatError(
                f"corrupt zip ({exc}); download or pack it again", where
            ) from exc
        if bad is not None:
            raise PackageFormatError(
                f"corrupt zip: '{bad}' fails its CRC check; download or pack it again", where
            )
        present = set(names)
        meta_name = f"{top}/metadata.json"
        if meta_name not in present:
            raise PackageFormatError(f"no metadata.json in {top}/; {_HOW}", where)
        meta = _check_metadata(zf.read(meta_name), f"{top}/metadata.json", where)
        if f"{top}/model/model.bin" not in present:
            raise PackageFormatError(
                f"no CTranslate2 model in {top}/model/ (model.bin missing); convert the model "
                "with ctranslate2's converters and pack it with 'termguard models pack'",
                where,
            )
        if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & present:
            raise PackageFormatError(
                f"no tokenizer in {top}/ (sentencepiece.model or bpe.model); "
                "pack the SentencePiece model of the converted model beside model/",
                where,
            )
    return _info(meta, file)


def _check_sp_file(sp_path: Path, where: str) -> None:
    import sentencepiece

    try:
        sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
    except (RuntimeError, OSError) as exc:
        raise PackageFormatError(
            f"{sp_path.name} cannot be loaded as a SentencePiece model ({exc}); "
            "pack a valid SentencePiece model",
            where,
        ) from exc


def _free_bytes(folder: Path) -> int | None:
    """Free disk space where `folder` is or will be created; None if it cannot be told."""
    for candidate in (folder, *folder.absolute().parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def install_package(
    path: str | os.PathLike[str], models_dir: str | os.PathLike[str] | None = None
) -> tuple[PackageInfo, PackageInfo | None]:
    """Check and install an .argosmodel; returns (installed, replaced package or None).

    The zip is unpacked into a hidden folder beside the packages and moved into place only when
    complete, so a failed install leaves the packages folder as it was. A package already
    installed for the same pair is replaced.
    """
    root = resolve_models_dir(models_dir)
    checked = check_package_file(path, _free_bytes(root))
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    except OSError as exc:
        raise ModelError(f"{root}: cannot write to the packages folder ({exc.strerror})") from exc
    try:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(staging)
        (top,) = [p for p in staging.iterdir()]
        if (top / "sentencepiece.model").exists():
            _check_sp_file(top / "sentencepiece.model", str(path))
        new = read_package(top)
        previous = next((p for p in installed_packages(root) if p.pair == new.pair), None)
        target = root / top.name
        if previous is not None:
            shutil.rmtree(previous.path)
        if target.exists():
            shutil.rmtree(target)
        os.replace(top, target)
    except (OSError, zipfile.BadZipFile, zlib.error) as exc:
        raise ModelError(f"{path}: installing into {root} failed ({exc})") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("installed %s into %s", checked.name, target)
    return read_package(target), previous


def _parse_pair(pair: str) -> tuple[str, str]:
    parts = re.split(r"->|→|-|_|/|:", pair.strip().lower())
    if len(parts) != 2 or not all(parts):
        raise ModelError(f"'{pair}' is not a language pair; write it as FROM-TO, e.g. kk-en")
    return parts[0], parts[1]


def remove_package(pair: str, models_dir: str | os.PathLike[str] | None = None) -> PackageInfo:
    """Remove the installed package for 'kk-en' (also 'kk->en'); returns what was removed."""
    from_code, to_code = _parse_pair(pair)
    root = resolve_models_dir(models_dir)
    packages = installed_packages(root)
    found = [p for p in packages if p.from_code == from_code and p.to_code == to_code]
    if not found:
        have = ", ".join(describe_installed(packages)) or "none"
        raise ModelError(
            f"{root}: no {from_code}->{to_code} package installed (installed: {have}); "
            "see 'termguard models list'"
        )
    # Remove every folder of the pair, older versions included.
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                info = read_package(folder)
            except PackageFormatError:
                continue
            if info.pair == found[0].pair:
                try:
                    shutil.rmtree(folder)
                except OSError as exc:
                    raise ModelError(f"{folder}: cannot remove ({exc.strerror})") from exc
    return found[0]


# --- packing -----------------------------------------------------------------------------------


def _zip_folder(folder: Path, top: str, out: Path) -> None:
    """Write a reproducible zip: sorted members, fixed timestamps and permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            dirs = sorted(p for p in folder.rglob("*") if p.is_dir())
            for entry in [folder, *dirs]:
                rel = entry.relative_to(folder).as_posix()
                name = f"{top}/" if rel == "." else f"{top}/{rel}/"
                info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(
                    f"{top}/{file.relative_to(folder).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0)
                )
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, file.read_bytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def pack_package(
    ct2_model: str | os.PathLike[str],
    sp_model: str | os.PathLike[str],
    from_code: str,
    to_code: str,
    output: str | os.PathLike[str],
    *,
    version: str = "1.0",
    target_prefix: str | None = None,
    source_prefix: str | None = None,
    add_source_eos: bool = False,
    readme: str | None = None,
) -> PackageInfo:
    """Pack a CTranslate2 model folder and its SentencePiece model into an .argosmodel.

    The zip holds one folder `translate-<from>_<to>-<version>` like the packages of the Argos
    index; it is written reproducibly (fixed timestamps, sorted members) and atomically, then
    checked with check_package_file. `target_prefix` is a token forced at the start of every
    translation (NLLB: 'eng_Latn'); `source_prefix` a token put before every source sentence
    (multi-target OPUS-MT: '>>kaz_Cyrl<<'; a termguard extension that Argos ignores).
    `add_source_eos` sets CTranslate2's own add_source_eos in model/config.json, for models
    converted with ct2-transformers-converter, which expect '</s>' after every source sentence.
    """
    model_dir = Path(ct2_model)
    where = str(model_dir)
    if not (model_dir / "model.bin").is_file():
        raise PackageFormatError(
            "not a CTranslate2 model folder (no model.bin); convert the model first, e.g. "
            "ct2-opus-mt-converter --model_dir opus-mt-kk-en --output_dir kk-en-ct2 "
            "--quantization int8",
            where,
        )
    sp_path = Path(sp_model)
    if not sp_path.is_file():
        raise PackageFormatError("no such SentencePiece model file", str(sp_path))
    for key, code in (("--from", from_code), ("--to", to_code)):
        if not _CODE.match(code):
            raise PackageFormatError(f"{key} '{code}' is not a language code like 'kk'", where)
    if from_code == to_code:
        raise PackageFormatError(f"--from and --to are both '{from_code}'", where)
    if not re.fullmatch(r"[0-9A-Za-z.]+", version):
        raise PackageFormatError(f"--version '{version}' should look like 1.0", where)
    _check_sp_file(sp_path, str(sp_path))

    top = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    meta: dict[str, Any] = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": LANG_NAMES.get(from_code, from_code),
        "to_code": to_code,
        "to_name": LANG_NAMES.get(to_code, to_code),
        "type": "translate",
    }
    if target_prefix:
        meta["target_prefix"] = target_prefix
    if source_prefix:
        meta["source_prefix"] = source_prefix
    from termguard.writers.atomic import output_error

    out = Path(output)
    if out.is_dir():
        raise output_error(IsADirectoryError(21, "Is a directory"), out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, out) from exc
    try:
        _pack_into(out, top, model_dir, sp_path, meta, add_source_eos, readme, version)
    except OSError as exc:
        raise output_error(exc, out) from exc
    return check_package_file(out)


def _pack_into(
    out: Path,
    top: str,
    model_dir: Path,
    sp_path: Path,
    meta: dict[str, Any],
    add_source_eos: bool,
    readme: str | None,
    version: str,
) -> None:
    from_code, to_code = meta["from_code"], meta["to_code"]
    with tempfile.TemporaryDirectory(prefix=".pack-", dir=out.parent) as tmp:
        folder = Path(tmp) / top
        shutil.copytree(model_dir, folder / "model")
        if add_source_eos:
            _set_ct2_config(folder / "model" / "config.json", add_source_eos=True)
        shutil.copyfile(sp_path, folder / "sentencepiece.model")
        (folder / "metadata.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (folder / "README.md").write_text(
            readme
            or (
                f"# {meta['from_name']} -> {meta['to_name']} ({from_code}->{to_code}) {version}\n\n"
                "Packed with `termguard models pack` from a CTranslate2 model and its "
                "SentencePiece model.\n"
            ),
            encoding="utf-8",
        )
        _zip_folder(folder, top, out)


def _set_ct2_config(path: Path, **values: object) -> None:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageFormatError(
            f"cannot read CTranslate2's config.json ({exc}); convert the model with "
            "CTranslate2 3.0 or later",
            str(path),
        ) from exc
    config.update(values)
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# --- the Argos index ---------------------------------------------------------------------------


def index_cache_path() -> Path:
    """Where Argos caches its package index (index.json in its data folder)."""
    return _argos_data_dir() / "index.json"


def _index_url() -> str:
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or _argos_settings().get("ARGOS_PACKAGE_INDEX")
    base = base if isinstance(base, str) and base else DEFAULT_INDEX_URL
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _parse_index(raw: bytes, where: str) -> list[AvailablePackage]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{where}: the package index is not valid JSON ({exc})") from exc
    if not isinstance(data, list):
        raise ModelError(f"{where}: the package index should be a JSON list")
    out = []
    for entry in data:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        if not isinstance(entry.get("from_code"), str) or not isinstance(entry.get("to_code"), str):
            continue
        links = entry.get("links")
        out.append(
            AvailablePackage(
                from_code=entry["from_code"],
                to_code=entry["to_code"],
                package_version=str(entry.get("package_version", "")),
                from_name=str(entry.get("from_name", "")),
                to_name=str(entry.get("to_name", "")),
                links=tuple(str(x) for x in links) if isinstance(links, list) else (),
            )
        )
    return sorted(out, key=lambda p: (p.from_code, p.to_code, _version_key(p.package_version)))


def available_packages(
    *, refresh: bool = False, timeout: float = 10.0
) -> tuple[list[AvailablePackage], str]:
    """The Argos package index and where it came from (its URL or the cached file).

    Uses Argos's cached index.json unless `refresh` is set or there is none; then downloads the
    index (this is the only network access in termguard, and only when asked for). Offline with
    no cache it raises ModelError saying so, instead of Argos's endless recursion.
    """
    cache = index_cache_path()
    if cache.is_file() and not refresh:
        try:
            return _parse_index(cache.read_bytes(), str(cache)), str(cache)
        except OSError as exc:
            raise ModelError(f"{cache}: cannot read the cached index ({exc.strerror})") from exc
    import urllib.error
    import urllib.request

    url = _index_url()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            raw = response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        cached = f"; the cached copy at {cache} is used instead" if cache.is_file() else ""
        if cached:
            log.warning(
                "the Argos package index at %s is not reachable (%s)%s", url, reason, cached
            )
            return _parse_index(cache.read_bytes(), str(cache)), str(cache)
        raise ModelError(
            f"the Argos package index is not reachable ({url}: {reason}) and there is no cached "
            f"copy at {cache}; this machine looks offline. On a connected machine run "
            "'termguard models available', download the .argosmodel files it lists, copy them "
            "here and run 'termguard models install FILE.argosmodel'"
        ) from exc
    packages = _parse_index(raw, url)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        from termguard.writers.atomic import write_bytes

        write_bytes(cache, raw)
    except OSError as exc:
        log.warning("could not cache the package index at %s (%s)", cache, exc.strerror)
    return packages, url
