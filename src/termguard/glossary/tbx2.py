"""TBX v2 (martif, TBX-Basic) export for tools that read only v2: translate-toolkit, Weblate, Okapi.

The content and the termguard notes are those of TBX v3 (see tbx.py) in v2 element names:
termEntry, langSet, tig. tbx.read_tbx reads both versions back.
"""

from __future__ import annotations

from pathlib import Path

from termguard.glossary.exchange import GlossaryFormat
from termguard.glossary.model import LANGS, Glossary
from termguard.glossary.tbx import V2, build_tree, read_tbx, serialise
from termguard.writers.atomic import write_bytes

#: TBX-Basic v2 files name their DTD; nothing loads it (our reader never resolves entities).
V2_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'

__all__ = ["FORMAT", "generate_tbx2", "read_tbx", "write_tbx2"]


def generate_tbx2(glossary: Glossary, langs: tuple[str, ...] = LANGS) -> bytes:
    """The glossary as TBX v2 (martif, TBX-Basic), UTF-8 XML."""
    return serialise(build_tree(glossary, langs, V2), doctype=V2_DOCTYPE)


def write_tbx2(path: str | Path, glossary: Glossary, langs: tuple[str, ...] = LANGS) -> None:
    """Write TBX v2 atomically."""
    write_bytes(path, generate_tbx2(glossary, langs))


def _export(
    glossary: Glossary, langs: tuple[str, ...], source: str | None, target: str | None
) -> dict[str, bytes]:
    return {"": generate_tbx2(glossary, langs)}


FORMAT = GlossaryFormat("tbx2", _export, lambda path, glossary, pair: read_tbx(path, pair))
