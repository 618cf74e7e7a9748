"""`termguard models ...`: list, install, remove, pack and find Argos translation packages."""

from __future__ import annotations

import click

from termguard.cli.common import (
    LANG_CHOICE,
    deprecated_json_flag,
    format_option,
    json_document,
    json_lines,
)
from termguard.cli.common import models_dir as project_models_dir

_models_dir = click.option(
    "--models-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Packages folder. Default: $ARGOS_PACKAGES_DIR, else Argos's own "
    "(~/.local/share/argos-translate/packages).",
)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return f"{n} B"  # pragma: no cover


def _package_code(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Argos codes are lower case; termguard's languages may be given as tags (kk-KZ)."""
    from termguard.cli.common import normalise_lang

    return normalise_lang(value) or value.strip().lower()


@click.group()
def models() -> None:
    """Install, list, pack and remove offline translation models.

    \b
    Example:
      termguard models install translate-kk_en-1_0.argosmodel
      termguard models list
    """


@models.command("list")
@_models_dir
@format_option("text", "json", "jsonl")
@deprecated_json_flag
def list_(models_dir: str | None, fmt: str, as_json: bool) -> None:
    """List installed packages and the pivot routes they make possible.

    \b
    Example:
      termguard models list --models-dir ~/argos-packages
    """
    from termguard.translate.packages import installed_packages, pivot_routes, resolve_models_dir

    root = resolve_models_dir(project_models_dir(models_dir))
    packages = installed_packages(root)
    routes = pivot_routes(packages)
    rows = [
        {
            "pair": p.pair,
            "from_code": p.from_code,
            "to_code": p.to_code,
            "package_version": p.package_version,
            "path": str(p.path),
            "size": p.size_bytes(),
        }
        for p in packages
    ]
    if as_json or fmt == "json":
        pivots = [
            {"pair": f"{r.from_code}-{r.to_code}", "via": r.via, "packages": r.name} for r in routes
        ]
        click.echo(json_document(models_dir=str(root), packages=rows, pivots=pivots), nl=False)
        return
    if fmt == "jsonl":
        click.echo(json_lines(rows), nl=False)
        return
    if not packages:
        click.echo(
            f"No packages installed in {root}. Install one with "
            "'termguard models install FILE.argosmodel' (see docs/models.md, 'Getting models').",
            err=True,
        )
        return
    click.echo(f"Packages in {root}:")
    for p in packages:
        click.echo(
            f"  {p.from_code}->{p.to_code}  {p.package_version:<6} {_size(p.size_bytes()):>9}  "
            f"{p.path}"
        )
    if routes:
        click.echo("Pivot routes:")
        for r in routes:
            click.echo(f"  {r.from_code}->{r.to_code} via {r.via}  ({r.name})")


@models.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_models_dir
def install(files: tuple[str, ...], models_dir: str | None) -> None:
    """Check .argosmodel files and install them; a bad file is refused with the reason.

    \b
    Example:
      termguard models install translate-en_ru-1_9.argosmodel translate-ru_en-1_9.argosmodel
    """
    from termguard.translate.packages import install_package, resolve_models_dir

    root = resolve_models_dir(project_models_dir(models_dir))
    for file in files:
        info, replaced = install_package(file, root)
        note = f" (replaced {replaced.name})" if replaced is not None else ""
        click.echo(f"Installed {info.from_code}->{info.to_code} {info.package_version}{note}")
        click.echo(f"  into {info.path}", err=True)


@models.command()
@click.argument("pair")
@_models_dir
def remove(pair: str, models_dir: str | None) -> None:
    """Remove the installed package for a pair written FROM-TO.

    \b
    Example:
      termguard models remove kk-en
    """
    from termguard.translate.packages import remove_package

    info = remove_package(pair, project_models_dir(models_dir))
    click.echo(f"Removed {info.from_code}->{info.to_code} {info.package_version} ({info.path})")


@models.command()
@click.option(
    "--ct2-model",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="CTranslate2 model folder (from ct2-opus-mt-converter or ct2-transformers-converter).",
)
@click.option(
    "--sp-model",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="The SentencePiece model the converted model was trained with.",
)
@click.option(
    "--from",
    "from_code",
    required=True,
    callback=_package_code,
    help="Source language code, e.g. kk.",
)
@click.option(
    "--to", "to_code", required=True, callback=_package_code, help="Target language code, e.g. en."
)
@click.option(
    "--target-prefix", default=None, help="Token forced at the start of the target (NLLB)."
)
@click.option(
    "--source-prefix",
    default=None,
    help="Token put before every source sentence (multi-target OPUS-MT, e.g. '>>kaz_Cyrl<<').",
)
@click.option(
    "--add-source-eos",
    is_flag=True,
    help="Append </s> to every source sentence (models from ct2-transformers-converter).",
)
@click.option("--version", "version", default="1.0", show_default=True, help="Package version.")
@click.option("-o", "--output", required=True, type=click.Path(), help="The .argosmodel to write.")
def pack(
    ct2_model: str,
    sp_model: str,
    from_code: str,
    to_code: str,
    target_prefix: str | None,
    source_prefix: str | None,
    add_source_eos: bool,
    version: str,
    output: str,
) -> None:
    """Pack a converted CTranslate2 model as an .argosmodel (e.g. a Kazakh OPUS-MT model).

    \b
    Example:
      ct2-opus-mt-converter --model_dir opus-mt-kk-en --output_dir kk-en-ct2 --quantization int8
      termguard models pack --ct2-model kk-en-ct2 --sp-model opus-mt-kk-en/source.spm \\
          --from kk --to en -o translate-kk_en-1_0.argosmodel
    """
    from termguard.translate.packages import pack_package

    if output == "-":
        raise click.UsageError("a package is a file: give -o a file name, not '-'")
    info = pack_package(
        ct2_model,
        sp_model,
        from_code,
        to_code,
        output,
        version=version,
        target_prefix=target_prefix,
        source_prefix=source_prefix,
        add_source_eos=add_source_eos,
    )
    click.echo(
        f"Wrote {output} ({info.from_code}->{info.to_code} {info.package_version}, "
        f"{_size(info.size_bytes())})"
    )


@models.command()
@click.option("--refresh", is_flag=True, help="Download the index again even if one is cached.")
@click.option("--from", "from_code", type=LANG_CHOICE, default=None, help="Only this source.")
@click.option("--to", "to_code", type=LANG_CHOICE, default=None, help="Only this target.")
@format_option("text", "json", "jsonl")
@deprecated_json_flag
def available(
    refresh: bool, from_code: str | None, to_code: str | None, fmt: str, as_json: bool
) -> None:
    """List the packages of the Argos index (cached, or downloaded when reachable).

    The only command that may use the network; offline with no cached index it says so.

    \b
    Example:
      termguard models available --to en
    """
    from termguard.translate.packages import available_packages

    packages, source = available_packages(refresh=refresh)
    chosen = [
        p
        for p in packages
        if (from_code is None or p.from_code == from_code)
        and (to_code is None or p.to_code == to_code)
    ]
    rows = [
        {"pair": p.pair, "package_version": p.package_version, "links": list(p.links)}
        for p in chosen
    ]
    if as_json or fmt == "json":
        click.echo(json_document(index=source, packages=rows), nl=False)
        return
    if fmt == "jsonl":
        click.echo(json_lines(rows), nl=False)
        return
    click.echo(f"Argos index ({source}): {len(chosen)} package(s)", err=True)
    for p in chosen:
        link = p.links[0] if p.links else ""
        click.echo(f"  {p.from_code}->{p.to_code}  {p.package_version:<6} {link}")
    if not chosen:
        click.echo(
            "  none for this selection (the Argos index has no Kazakh model; see "
            "docs/models.md for packing one)",
            err=True,
        )


COMMANDS = [models]
