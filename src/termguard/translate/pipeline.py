"""The translation pass: documents in, glossary-checked translations and their statuses out.

A run is a plain loop: read and segment every document, find the source terms once, translate
every sentence of a language pair in one batched call, choose and repair per sentence, and hand
the results to the writers. Pairs without a model still yield results (empty translations with
the glossary's hints), so catalogs can be prepared before models are installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termguard.errors import ModelNotInstalledError, TermguardError
from termguard.glossary.model import Glossary
from termguard.matching import TermHit, find_terms
from termguard.translate.engine import Candidate, Translator
from termguard.translate.select import (
    STATUSES,
    TermUse,
    choose_and_repair,
    headline,
    no_model_outcome,
    requirements,
)
from termguard.translate.source import detect_language, doc_name, read_document

log = logging.getLogger(__name__)


TranslatorFactory = Callable[[str, str], Translator]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SegmentResult:
    """One translated sentence of a document."""

    id: str
    line: int
    start: int
    end: int
    source: str
    target: str
    status: str
    reasons: tuple[str, ...]
    uses: tuple[TermUse, ...]
    source_hits: tuple[TermHit, ...]
    rank: int = 0
    repairs: int = 0

    @property
    def headline(self) -> str:
        """The status and the actions it hides, as catalogs and reports show it."""
        return headline(self.status, self.rank, self.repairs)

    def record(self, doc: DocumentResult) -> dict[str, Any]:
        """Everything about this segment a newsroom needs to audit the run."""
        return {
            "document": doc.doc,
            "path": doc.path,
            "line": self.line,
            "id": self.id,
            "source_lang": doc.src_lang,
            "target_lang": doc.tgt_lang,
            "source": self.source,
            "target": self.target,
            "status": self.status,
            "candidate": self.rank + 1 if self.target else None,
            "repairs": self.repairs,
            "reasons": list(self.reasons),
            "terms": [
                {
                    "concept": u.concept,
                    "source": u.source,
                    "target": u.target,
                    "expected": u.expected,
                    "ok": u.ok,
                }
                for u in self.uses
            ],
        }


@dataclass(frozen=True)
class DocumentResult:
    """A document translated into one language."""

    path: str
    doc: str
    src_lang: str
    tgt_lang: str
    model: str | None
    text: str
    segments: tuple[SegmentResult, ...]
    translated: dict[int, str] = field(default_factory=dict, compare=False)
    #: Every segment of the source, passthrough ones included, to rebuild the document from.
    layout: tuple[Any, ...] = field(default=(), compare=False)

    def counts(self) -> dict[str, Any]:
        """Figures for the report: segments, term occurrences, compliance, statuses."""
        uses = [u for s in self.segments for u in s.uses]
        statuses = dict.fromkeys(STATUSES, 0)
        for s in self.segments:
            statuses[s.status] += 1
        ok = sum(u.ok for u in uses)
        return {
            "document": self.doc,
            "path": self.path,
            "source": self.src_lang,
            "target": self.tgt_lang,
            "model": self.model,
            "segments": len(self.segments),
            "term_occurrences": sum(len(s.source_hits) for s in self.segments),
            "compliance": round(ok / len(uses), 4) if uses and self.model else None,
            **statuses,
            "terms_repaired": sum(s.repairs for s in self.segments),
        }


@dataclass
class RunResult:
    """Everything a run produced and everything it could not do."""

    documents: list[DocumentResult] = field(default_factory=list)
    failed: list[TermguardError] = field(default_factory=list)
    missing_pairs: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Source:
    path: str
    doc: str
    lang: str
    text: str
    segments: tuple[Any, ...]
    lines: tuple[int, ...]
    layout: tuple[Any, ...]


def _line_of(text: str, offsets: Sequence[int]) -> list[int]:
    lines, line, pos = [], 1, 0
    for off in offsets:
        line += text.count("\n", pos, off)
        pos = off
        lines.append(line)
    return lines


def load_sources(
    paths: Sequence[str],
    src_lang: str | None,
    failed: list[TermguardError],
    texts: dict[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[_Source]:
    """Read, identify and segment every input; unreadable ones go to `failed`.

    `names` gives a document's catalog name (outputs.catalog_names); by default doc_name(path).
    """
    from termguard.translate.segment import segment_text

    out = []
    for path in paths:
        try:
            text = texts[path] if texts and path in texts else read_document(path)
            lang = src_lang or detect_language(text, path)
        except TermguardError as exc:
            failed.append(exc)
            continue
        layout = tuple(segment_text(text, lang))
        segs = tuple(s for s in layout if s.translatable)
        lines = tuple(_line_of(text, [s.start for s in segs]))
        name = names[path] if names and path in names else doc_name(path)
        out.append(_Source(path, name, lang, text, segs, lines, layout))
    return out


def _default_factory(models_dir: str | None) -> TranslatorFactory:
    def factory(src: str, tgt: str) -> Translator:
        from termguard.translate.engine import get_translator

        return get_translator(src, tgt, models_dir=models_dir)

    return factory


def translate_documents(
    paths: Sequence[str],
    targets: Sequence[str],
    glossary: Glossary,
    *,
    src_lang: str | None = None,
    n_best: int = 8,
    models_dir: str | None = None,
    translator_factory: TranslatorFactory | None = None,
    on_progress: Progress | None = None,
    texts: dict[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> RunResult:
    """Translate every document into every target language (except its own).

    `names` maps an input to its catalog name (see outputs.catalog_names).
    """
    factory = translator_factory or _default_factory(models_dir)
    run = RunResult()
    sources = load_sources(paths, src_lang, run.failed, texts, names)
    hits = {
        id(src): [find_terms(seg.text, src.lang, glossary) for seg in src.segments]
        for src in sources
    }
    pairs = sorted({(s.lang, t) for s in sources for t in targets if t != s.lang})
    translators: dict[tuple[str, str], Translator | None] = {}
    for pair in pairs:
        try:
            translators[pair] = factory(*pair)
        except ModelNotInstalledError as exc:
            translators[pair] = None
            run.missing_pairs.append((*pair, str(exc)))
    # Progress counts sentences: those the engine translates (most of the time goes there,
    # reported batch by batch), or, for a pair without a model, the segments given hints.
    work = {
        pair: len({seg.text for s in sources if s.lang == pair[0] for seg in s.segments})
        if translators[pair] is not None
        else sum(len(s.segments) for s in sources if s.lang == pair[0])
        for pair in pairs
    }
    total = sum(work.values())
    done = 0

    def report(units: int) -> None:
        if on_progress is not None:
            on_progress(min(units, total), total)

    results: dict[tuple[str, str], DocumentResult] = {}
    for src_lang_, tgt in pairs:
        group = [s for s in sources if s.lang == src_lang_]
        translator = translators[(src_lang_, tgt)]
        unique = sorted({seg.text for s in group for seg in s.segments})
        cands: dict[str, Sequence[Candidate]] = {}
        if translator is not None and unique:
            base = done

            def engine_progress(fraction: float, base: int = base, n: int = len(unique)) -> None:
                report(base + int(fraction * n))

            nbests = translator.translate_batch(unique, n_best, engine_progress)
            for text, nbest in zip(unique, nbests, strict=True):
                cands[text] = nbest
            done = base + len(unique)
            report(done)
        for src in group:
            segs = []
            translated: dict[int, str] = {}
            for n, (seg, line, seg_hits) in enumerate(
                zip(src.segments, src.lines, hits[id(src)], strict=True), start=1
            ):
                reqs = requirements(seg.text, src.lang, glossary, seg_hits)
                if translator is None:
                    outcome = no_model_outcome(src.lang, tgt, reqs)
                else:
                    outcome = choose_and_repair(
                        seg.text, cands[seg.text], src.lang, tgt, glossary, reqs
                    )
                    translated[seg.index] = outcome.text
                segs.append(
                    SegmentResult(
                        id=f"{src.doc}:{n}",
                        line=line,
                        start=seg.start,
                        end=seg.end,
                        source=seg.text,
                        target=outcome.text,
                        status=outcome.status,
                        reasons=outcome.reasons,
                        uses=outcome.uses,
                        source_hits=tuple(seg_hits),
                        rank=outcome.rank,
                        repairs=outcome.repairs,
                    )
                )
                if translator is None:
                    done += 1
                    report(done)
            results[(src.path, tgt)] = DocumentResult(
                path=src.path,
                doc=src.doc,
                src_lang=src.lang,
                tgt_lang=tgt,
                model=translator.name if translator is not None else None,
                text=src.text,
                segments=tuple(segs),
                translated=translated,
                layout=src.layout,
            )
    for src in sources:
        for tgt in targets:
            if (src.path, tgt) in results:
                run.documents.append(results[(src.path, tgt)])
    return run


def rebuild_translation(result: DocumentResult) -> str:
    """The whole document with each translated sentence in place and the layout kept."""
    from termguard.translate.segment import rebuild

    return str(rebuild(result.text, result.layout, result.translated))


def output_paths(
    result: DocumentResult, locales: str | Path, parallel: str | Path | None
) -> tuple[Path, Path | None]:
    """Where a document's catalog and parallel TSV go.

    A name with folders (`2024/03/news`, from --root) puts both in the same subfolders:
    LOCALES/<lang>/LC_MESSAGES/2024/03/news.po, which gettext tools take as the domain path.
    """
    po = Path(locales) / result.tgt_lang / "LC_MESSAGES" / f"{result.doc}.po"
    tsv = (
        Path(parallel) / f"{result.doc}.{result.src_lang}-{result.tgt_lang}.tsv"
        if parallel is not None
        else None
    )
    return po, tsv
