"""Writing a run's results: catalogs, parallel text and the TMX, each replaced atomically.

Every catalog belongs to one document, named in its header (`X-Termguard-Source`, the path
relative to the folder that holds the locales folder). catalog_names gives each input a catalog
name that no other document uses, and keeps it from run to run; write_outputs holds the output
folders' locks across read-merge-write, so runs at the same time cannot lose each other's entries.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from termguard.errors import CatalogNameError, InputError
from termguard.translate.pipeline import DocumentResult, SegmentResult, output_paths
from termguard.translate.source import doc_name
from termguard.writers.atomic import write_bytes, write_text
from termguard.writers.locking import DEFAULT_WAIT, folder_locks, remove_stale_temps
from termguard.writers.parallel import generate_tmx, generate_tsv, translated
from termguard.writers.po import CatalogInfo, PoItem, Recheck, catalog_source, write_po

if TYPE_CHECKING:
    from termguard.glossary.model import Glossary
    from termguard.matching import TermHit


def _comments(seg: SegmentResult) -> tuple[str, ...]:
    out = [f"termguard: {seg.headline}"]
    if seg.place:  # gettext reads '#: file:N' only with a number: the place goes here
        out.append(f"place: {seg.place}")
    if seg.tm is not None:
        out.append(f"termguard: {seg.tm.describe()}")
        if seg.tm.kind != "exact":
            from termguard.tm.adapt import word_diff

            out.append(f"termguard: tm diff: {word_diff(seg.tm.source, seg.source)}")
        out.extend(f"termguard: tm {note}" for note in seg.tm.patches)
    for use in seg.uses:
        mark = (" (hint)" if use.hint else " (missing)") if seg.target and not use.ok else ""
        out.append(f"term: {use.source} = {use.expected or '?'} [{use.concept}]{mark}")
    out.extend(f"termguard: {r}" for r in seg.reasons)
    return tuple(out)


def _approved(seg: SegmentResult, trust_tm: bool) -> bool:
    """Written without the fuzzy flag: with --trust-tm, an exact reviewed memory match made
    with the current glossary that passed every check unchanged."""
    return (
        trust_tm
        and seg.tm is not None
        and seg.tm.approvable
        and seg.status == "ok"
        and seg.target == seg.tm.target
    )


def po_items(result: DocumentResult, *, trust_tm: bool = False) -> list[PoItem]:
    """Catalog entries for a document: one per distinct sentence, every place it occurs.

    An entry made from a memory match other than an exact one records the memory's source as
    its previous msgid; entries are fuzzy drafts unless `trust_tm` approves them (_approved).
    """
    items: dict[str, PoItem] = {}
    for seg in result.segments:
        where = (result.path, str(seg.line))
        prev = items.get(seg.source)
        if prev is not None:
            items[seg.source] = replace(prev, occurrences=(*prev.occurrences, where))
            continue
        previous = seg.tm.source if seg.tm is not None and seg.tm.kind != "exact" else None
        items[seg.source] = PoItem(
            seg.source,
            seg.target,
            (where,),
            _comments(seg),
            machine=not _approved(seg, trust_tm),
            previous=previous,
        )
    return list(items.values())


def recheck_comments(
    source: str,
    msgstr: str,
    src_lang: str,
    tgt_lang: str,
    glossary: Glossary | None,
    source_hits: Sequence[TermHit] | None = None,
) -> list[str]:
    """termguard's comments on a person's translation of `source`, from the pass's own checks.

    The glossary assessment and final checks of translate.select run on the person's msgstr,
    and segment_status names the result, so a reviewed entry shows what is wrong with it now,
    not what was wrong with an old draft. `source_hits` are the source's term hits if known.
    """
    from termguard.checks import keep_words
    from termguard.translate.select import assess, final_checks, requirements, segment_status

    keep = keep_words(glossary) if glossary is not None else frozenset()
    reasons = final_checks(source, msgstr, src_lang, tgt_lang, keep)
    terms = []
    if glossary is not None:
        reqs = requirements(source, src_lang, glossary, source_hits)
        a = assess(msgstr, reqs, tgt_lang, glossary)
        for use in a.uses:
            mark = "" if use.ok else (" (hint)" if use.hint else " (missing)")
            terms.append(f"term: {use.source} = {use.expected or '?'} [{use.concept}]{mark}")
            if not use.ok and not use.hint:
                reasons.append(
                    f"term-missing: '{use.source}' ({use.concept}) should be rendered as "
                    f"'{use.expected or '?'}'"
                )
        reasons.extend(f"term-{h.status}: '{h.surface}' ({h.concept})" for h in a.violations)
    status = segment_status(chosen=False, repairs=0, problems=reasons)
    return [
        f"termguard: {status} (checked the translator's text)",
        *terms,
        *(f"termguard: {r}" for r in reasons),
    ]


def recheck_for(result: DocumentResult, glossary: Glossary | None) -> Recheck:
    """termguard's comments on a person's translation in `result`'s catalog (recheck_comments)."""
    by_source = {seg.source: seg for seg in result.segments}

    def recheck(item: PoItem, msgstr: str) -> list[str]:
        seg = by_source.get(item.msgid)
        if seg is None:
            return []
        return recheck_comments(
            seg.source, msgstr, result.src_lang, result.tgt_lang, glossary, seg.source_hits
        )

    return recheck


def source_id(path: str | Path, locales: str | Path) -> str:
    """How a catalog names its document: the path relative to the folder holding `locales`."""
    base = os.path.dirname(os.path.abspath(locales))
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _owners(locales: Path, name: str) -> set[str]:
    """The documents that catalogs called `name` (in any language) belong to."""
    out = set()
    if locales.is_dir():
        for lang in sorted(locales.iterdir()):
            po = lang / "LC_MESSAGES" / f"{name}.po"
            if po.is_file():
                owner = catalog_source(po)
                if owner:
                    out.add(owner)
    return out


def catalog_names(
    paths: Sequence[str], *, locales: str | Path, root: str | Path | None = None
) -> dict[str, str]:
    """A catalog name for every input, unique among documents and stable from run to run.

    The name is doc_name(path, root): the file name without its extension, or with `root` the
    path under root. A name another document already has (an input of this run, or the source
    recorded in an existing catalog) makes the names keep their extensions (article.txt,
    article.html); a document keeps the name its catalogs already have. Inputs that would
    still share a catalog raise CatalogNameError naming both and the way out.
    """
    loc = Path(locales)
    base = Path(os.path.dirname(os.path.abspath(locales)))
    ids = {p: source_id(p, locales) for p in paths}
    short = {p: doc_name(p, root) for p in paths}
    full = {p: doc_name(p, root, keep_suffix=True) for p in paths}
    cache: dict[str, set[str]] = {}

    def owners(name: str) -> set[str]:
        if name not in cache:
            cache[name] = _owners(loc, name)
        return cache[name]

    def full_name_of(owner: str) -> str | None:
        try:
            return doc_name(base / owner, root, keep_suffix=True)
        except InputError:  # not under root: its name cannot be this one's
            return None

    names: dict[str, str] = {}
    for p in paths:
        sid, n, f = ids[p], short[p], full[p]
        if sid in owners(n):
            names[p] = n
            continue
        if f != n and sid in owners(f):
            names[p] = f
            continue
        rivals = {ids[q]: q for q in paths if short[q] == n and ids[q] != sid}
        for owner in owners(n) - {sid}:
            rivals.setdefault(owner, owner)
        if not rivals:
            names[p] = n
            continue
        rival_full = {full[q] for q in paths if short[q] == n and ids[q] != sid}
        rival_full.update(filter(None, (full_name_of(o) for o in owners(n) - {sid})))
        if f != n and f not in rival_full and not owners(f) - {sid}:
            names[p] = f
            continue
        other = sorted(rivals.values())[0]
        raise CatalogNameError(_clash(p, other, n, loc, root, in_run=other in paths), p)
    return names


def _clash(
    path: str, other: str, name: str, locales: Path, root: str | Path | None, in_run: bool
) -> str:
    """The message for two documents that would share a catalog, with the way out."""
    where = f"{locales}/<lang>/LC_MESSAGES/{name}.po"
    who = other if in_run else f"{other} (the catalog's X-Termguard-Source)"
    fix = "pass --root DIR to name catalogs by their path under DIR"
    if root is None and in_run:
        with suppress(InputError):
            fix += f" (with --root .: {doc_name(path, '.')}.po and {doc_name(other, '.')}.po)"
    elif root is not None:
        fix = "rename one of the files"
    moved = "" if in_run else ", or, if it is the same document moved, change that header line"
    return f"would write the same catalog as {who}: {where}; {fix}{moved}"


def write_outputs(
    results: Sequence[DocumentResult],
    *,
    locales: str | Path,
    parallel: str | Path | None,
    generator: str,
    glossary_digest: str,
    glossary: Glossary | None = None,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[float], None] | None = None,
    documents: str | Path | None = None,
    tmx: str | Path | None = None,
    date: str | None = None,
    trust_tm: bool = False,
) -> tuple[list[Path], int]:
    """Write every catalog (merging), TSV, the run's TMX and translated documents, under lock.

    `wait` bounds how long another run's lock is waited for (OutputLockError after it);
    `on_wait(seconds)` hears how long this run waited. Temporary files left by a killed run
    are removed first. With `documents`, each translated document is written in its own format
    to DOCUMENTS/<lang>/<path> (pipeline.document_path), the sentences a translator reviewed in
    the catalog in place of the machine's. `tmx` is where the run's TMX goes (default
    PARALLEL/run.tmx); `date` fixes the catalogs' revision date ('2024-05-01 12:00+0000');
    `trust_tm` writes exact reviewed memory matches as reviewed entries (po_items).
    Returns the files that changed and how many files the run produced.
    """
    folders = [locales, *([parallel] if parallel is not None else [])]
    if documents is not None:
        folders.append(documents)
    with folder_locks(folders, wait) as waited:
        if on_wait is not None:
            on_wait(waited)
        for folder in folders:
            remove_stale_temps(folder)
        changed, total = _write_all(
            results, locales, parallel, generator, glossary_digest, glossary, tmx, date, trust_tm
        )
        if documents is not None:
            more, count = _write_documents(results, locales, documents)
            changed += more
            total += count
        return changed, total


def reviewed_translations(po_path: Path) -> dict[str, str]:
    """The sentences a person translated in a catalog (reviewed entries): msgid -> msgstr."""
    from termguard.writers.po import read_po, reviewed

    if not po_path.is_file():
        return {}
    return {
        e.msgid: e.msgstr
        for e in read_po(po_path)
        if not e.obsolete and not e.msgid_plural and reviewed(e)
    }


def _write_documents(
    results: Sequence[DocumentResult], locales: str | Path, documents: str | Path
) -> tuple[list[Path], int]:
    from termguard.translate.pipeline import document_path, translated_document

    changed: list[Path] = []
    total = 0
    for r in results:
        if r.model is None or r.document is None:
            continue  # nothing translated: no document to write
        po_path, _ = output_paths(r, locales, None)
        data = translated_document(r, reviewed_translations(po_path))
        path = document_path(r, documents)
        total += 1
        if _replace_if_changed(path, data):
            changed.append(path)
    return changed, total


def _write_all(
    results: Sequence[DocumentResult],
    locales: str | Path,
    parallel: str | Path | None,
    generator: str,
    glossary_digest: str,
    glossary: Glossary | None,
    tmx: str | Path | None = None,
    date: str | None = None,
    trust_tm: bool = False,
) -> tuple[list[Path], int]:
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
            source=source_id(r.path, locales),
        )
        total += 2 if tsv_path is not None else 1
        items = po_items(r, trust_tm=trust_tm)
        if write_po(po_path, items, info, recheck_for(r, glossary), now=date):
            changed.append(po_path)
        if tsv_path is not None and _replace_if_changed(tsv_path, generate_tsv(r).encode("utf-8")):
            changed.append(tsv_path)
    tmx_path = Path(parallel) / "run.tmx" if parallel is not None else None
    if tmx is not None:
        tmx_path = Path(tmx)
    if tmx_path is not None and (tmx_path.exists() or any(map(translated, _segments(results)))):
        # runs into one folder add up: the run's translations are merged into the TMX there
        total += 1
        version = generator.rsplit(" ", 1)[-1]
        previous = _read_previous(tmx_path)
        if _replace_if_changed(tmx_path, generate_tmx(results, version, previous, str(tmx_path))):
            changed.append(tmx_path)
    return changed, total


def _segments(results: Sequence[DocumentResult]) -> list[SegmentResult]:
    return [s for r in results for s in r.segments]


def _read_previous(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(
            f"cannot read it to merge this run into it ({exc.strerror})", str(path)
        ) from exc


def _replace_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True


__all__ = [
    "catalog_names",
    "po_items",
    "recheck_comments",
    "source_id",
    "write_outputs",
    "write_text",
]
