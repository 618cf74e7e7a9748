"""Writing a run's results: catalogs, parallel text and the TMX, each replaced atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from termguard.translate.pipeline import DocumentResult, SegmentResult, output_paths
from termguard.writers.atomic import write_bytes, write_text
from termguard.writers.parallel import generate_tmx, generate_tsv
from termguard.writers.po import CatalogInfo, PoItem, write_po


def _comments(seg: SegmentResult) -> tuple[str, ...]:
    out = [f"termguard: {seg.headline}"]
    for use in seg.uses:
        mark = " (missing)" if seg.target and not use.ok else ""
        out.append(f"term: {use.source} = {use.expected or '?'} [{use.concept}]{mark}")
    out.extend(f"termguard: {r}" for r in seg.reasons)
    return tuple(out)


def po_items(result: DocumentResult) -> list[PoItem]:
    """Catalog entries for a document: one per distinct sentence, every place it occurs."""
    items: dict[str, PoItem] = {}
    for seg in result.segments:
        where = (result.path, str(seg.line))
        prev = items.get(seg.source)
        if prev is not None:
            items[seg.source] = PoItem(
                prev.msgid, prev.msgstr, (*prev.occurrences, where), prev.comments
            )
            continue
        items[seg.source] = PoItem(seg.source, seg.target, (where,), _comments(seg))
    return list(items.values())


def write_outputs(
    results: Sequence[DocumentResult],
    *,
    locales: str | Path,
    parallel: str | Path | None,
    generator: str,
    glossary_digest: str,
) -> tuple[list[Path], int]:
    """Write every catalog (merging), TSV and the run's TMX.

    Returns the files that changed and how many files the run produced in all.
    """
    changed: list[Path] = []
    total = 0
    for r in results:
        po_path, tsv_path = output_paths(r, locales, parallel)
        info = CatalogInfo(
            doc=r.doc,
            lang=r.tgt_lang,
            source_lang=r.src_lang,
            generator=generator,
            model=r.model,
            glossary_digest=glossary_digest,
        )
        total += 2 if tsv_path is not None else 1
        if write_po(po_path, po_items(r), info):
            changed.append(po_path)
        if tsv_path is not None and _replace_if_changed(tsv_path, generate_tsv(r).encode("utf-8")):
            changed.append(tsv_path)
    if parallel is not None and any(s.target for r in results for s in r.segments):
        tmx_path = Path(parallel) / "run.tmx"
        total += 1
        version = generator.rsplit(" ", 1)[-1]
        if _replace_if_changed(tmx_path, generate_tmx(results, version)):
            changed.append(tmx_path)
    return changed, total


def _replace_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True


__all__ = ["po_items", "write_outputs", "write_text"]
