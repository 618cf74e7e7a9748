"""translate, check and terms over chunks of documents in workers, merged as a serial run.

Each command's worker task calls the library's own entry point on its chunk (translate_documents,
read_file + Checker.check_part, find_terms) and returns what that gives; the client merges the
chunks in input order. Nothing is written in a worker: catalogs and reports are written by the
client, once, as in a serial run. A new command (extract) plugs in the same way: a task
function `(state, items) -> picklable result` and a merge, run by runner.map_chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from termguard.errors import DocumentFailedError, TermguardError
from termguard.scale.runner import Outcome, Workers, map_chunks
from termguard.scale.worker import WorkerSetup, WorkerState

if TYPE_CHECKING:
    from termguard.bitext import BitextFile
    from termguard.check import CheckPart, CheckReport
    from termguard.glossary.model import Glossary
    from termguard.matching import TermHit
    from termguard.translate.pipeline import RunResult

Progress = Callable[[int, int], None]


def _first(item: Any) -> str:
    """An item's document path: the item itself, or the first element of a tuple item."""
    return str(item[0] if isinstance(item, tuple) else item)


# ---------------------------------------------------------------------------------- translate


def translate_chunk(
    state: WorkerState,
    items: list[tuple[str, str | None]],
    *,
    targets: Sequence[str],
    **options: Any,
) -> RunResult:
    """translate_documents on a chunk of (path, catalog name) in a worker, with its memory."""
    from termguard.translate.pipeline import translate_documents

    memory = None
    path = state.setup.memory
    if path is not None:
        from termguard.tm.store import open_memory

        memory = state.kept(("memory", path), lambda: open_memory(path))
    names = {p: n for p, n in items if n is not None}
    return translate_documents(
        [p for p, _ in items],
        targets,
        state.glossary,
        models_dir=state.setup.models_dir,
        names=names or None,
        memory=memory,
        **options,
    )


def merge_runs(outcome: Outcome[RunResult], paths: Sequence[str]) -> RunResult:
    """One RunResult from the chunks' in input order: documents, failures (unreadable inputs
    and documents the workers failed on twice) and the pairs without a model, as a serial run
    lists them."""
    from termguard.translate.pipeline import RunResult

    run = RunResult()
    index = {p: i for i, p in enumerate(paths)}
    failed: list[tuple[int, TermguardError]] = list(outcome.failed)
    missing: dict[tuple[str, str], str] = {}
    for start, part in outcome.parts:
        run.documents.extend(part.documents)
        failed.extend((index.get(getattr(e, "path", ""), start), e) for e in part.failed)
        for src, tgt, why in part.missing_pairs:
            missing.setdefault((src, tgt), why)
    failed.sort(key=lambda f: f[0])
    run.failed = [e for _, e in failed]
    run.missing_pairs = [(src, tgt, missing[(src, tgt)]) for src, tgt in sorted(missing)]
    return run


def any_readable(paths: Sequence[str], src_lang: str | None = None) -> bool:
    """Some input can be read as the pass reads it (translate_documents opens a memory only
    then); the inputs are tried in order, so this reads one document when the first is good."""
    from termguard.translate.pipeline import load_sources

    return any(load_sources([path], src_lang, []) for path in paths)


def translate_files(
    paths: Sequence[str],
    targets: Sequence[str],
    glossary: Glossary,
    workers: Workers,
    *,
    names: Mapping[str, str] | None = None,
    models_dir: str | None = None,
    memory: str | None = None,
    on_progress: Progress | None = None,
    **options: Any,
) -> tuple[RunResult, int]:
    """translate_documents over `paths` on `workers`: the same RunResult a serial run gives
    (`options` are its own: src_lang, n_best, tm_threshold), and how many documents ran again
    after a worker was lost. `memory` is the translation memory's path; each worker opens it
    for lookups, and only the client writes to it. `on_progress` counts documents."""
    from termguard.translate.packages import resolve_models_dir

    # the client's packages folder, not each worker's own default
    setup = WorkerSetup(glossary, models_dir=str(resolve_models_dir(models_dir)), memory=memory)
    items = [(p, (names or {}).get(p)) for p in paths]
    task = partial(translate_chunk, targets=list(targets), **options)
    outcome = map_chunks(task, items, setup, workers, path_of=_first, on_progress=on_progress)
    return merge_runs(outcome, paths), outcome.retried


# -------------------------------------------------------------------------------------- check


@dataclass(frozen=True)
class CheckChunk:
    """A chunk of check's inputs read and checked: each file as read (its pairs left out: the
    part has them), the part, or the first input that could not be read."""

    files: tuple[BitextFile, ...]
    part: CheckPart | None
    error: TermguardError | None = None


#: A check input: ("file", path) or ("aligned", source path, target path).
CheckInput = tuple[str, ...]


def check_chunk(
    state: WorkerState,
    items: list[CheckInput],
    *,
    checks: Collection[str],
    src_lang: str | None,
    tgt_lang: str | None,
    include_fuzzy: bool,
    scope: str = "document",
) -> CheckChunk:
    """Read a chunk of check's inputs and run the per-pair checks over their pairs."""
    from termguard.bitext import read_aligned_files, read_file
    from termguard.check import Checker

    files: list[BitextFile] = []
    for item in items:
        try:
            if item[0] == "aligned":
                found = read_aligned_files(item[1], item[2], src_lang=src_lang, tgt_lang=tgt_lang)
            else:
                found = read_file(
                    item[1], src_lang=src_lang, tgt_lang=tgt_lang, include_fuzzy=include_fuzzy
                )
        except TermguardError as exc:
            return CheckChunk(tuple(files), None, exc)
        files.append(found)
    # one Checker per worker: its cache of term hits serves every chunk the worker gets
    checker = state.kept(
        ("checker", tuple(checks), scope),
        lambda: Checker(state.glossary, checks=list(checks), scope=scope),
    )
    part = checker.check_part([p for f in files for p in f.pairs])
    return CheckChunk(tuple(replace(f, pairs=()) for f in files), part)


def check_files(
    files: Sequence[str],
    aligned: Sequence[tuple[str, str]],
    glossary: Glossary,
    workers: Workers,
    *,
    checks: Collection[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    include_fuzzy: bool = False,
    scope: str = "document",
    on_progress: Progress | None = None,
) -> tuple[list[BitextFile], CheckReport, list[DocumentFailedError], int]:
    """Read and check `files` and the `aligned` (source, target) documents on `workers`.

    Returns the files as read (pairs left out), the report a serial run gives for them (the
    consistency check runs in the client over every chunk's renderings), the inputs the
    workers failed on twice, and how many ran again. An input that cannot be read raises its
    error, as in a serial run (the first in input order).
    """
    from termguard.check import Checker

    items: list[CheckInput] = [("file", f) for f in files]
    items += [("aligned", s, t) for s, t in aligned]
    task = partial(
        check_chunk,
        checks=list(checks),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        include_fuzzy=include_fuzzy,
        scope=scope,
    )
    outcome = map_chunks(
        task,
        items,
        WorkerSetup(glossary),
        workers,
        path_of=lambda item: str(item[1]),
        on_progress=on_progress,
    )
    read: list[BitextFile] = []
    parts: list[CheckPart] = []
    for _, chunk in outcome.parts:
        if chunk.error is not None:
            raise chunk.error
        read.extend(chunk.files)
        if chunk.part is not None:
            parts.append(chunk.part)
    report = Checker(glossary, checks=list(checks), scope=scope).merge(parts)
    return read, report, [e for _, e in outcome.failed], outcome.retried


# -------------------------------------------------------------------------------------- terms


def terms_chunk(
    state: WorkerState, paths: list[str], *, lang: str, near_misses: bool
) -> list[tuple[str, str, list[TermHit]] | TermguardError]:
    """find_terms over each file of a chunk: (path, text, hits), or the file's error."""
    from termguard.matching import find_terms
    from termguard.texts import read_text

    out: list[tuple[str, str, list[TermHit]] | TermguardError] = []
    for path in paths:
        try:
            text = read_text(path)
        except TermguardError as exc:
            out.append(exc)
            break
        out.append((path, text, find_terms(text, lang, state.glossary, near_misses=near_misses)))
    return out


def find_terms_in_files(
    paths: Sequence[str],
    lang: str,
    glossary: Glossary,
    workers: Workers,
    *,
    near_misses: bool = True,
    on_progress: Progress | None = None,
) -> tuple[list[tuple[str, str, list[TermHit]]], list[DocumentFailedError], int]:
    """find_terms over every file on `workers`: (path, text, hits) in input order, the files
    the workers failed on twice, and how many ran again. A file that cannot be read raises
    its error, as in a serial run (the first in input order)."""
    task = partial(terms_chunk, lang=lang, near_misses=near_misses)
    outcome = map_chunks(task, list(paths), WorkerSetup(glossary), workers, on_progress=on_progress)
    found: list[tuple[str, str, list[TermHit]]] = []
    for _, chunk in outcome.parts:
        for entry in chunk:
            if isinstance(entry, TermguardError):
                raise entry
            found.append(entry)
    return found, [e for _, e in outcome.failed], outcome.retried
