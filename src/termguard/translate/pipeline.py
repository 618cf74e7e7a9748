"""The translation pass: documents in, glossary-checked translations and their statuses out.

A run is a plain loop: read and segment every document, find the source terms once, translate
every sentence of a language pair in one batched call, choose and repair per sentence, and hand
the results to the writers. Pairs without a model still yield results (empty translations with
the glossary's hints), so catalogs can be prepared before models are installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termguard.documents.marks import strip_tags
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
from termguard.translate.source import detect_language, doc_name

if TYPE_CHECKING:
    from termguard.tm.adapt import TmCandidate, TmUse
    from termguard.tm.store import TranslationMemory

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
    #: Where the sentence is in its document when lines say little: 'p3', 'cue 7', 't1.r2.c1'.
    place: str = ""
    #: The memory translation the target was made from, if it was.
    tm: TmUse | None = None

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
            "place": self.place or str(self.line),
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
            "tm": self.tm.record() if self.tm is not None else None,
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
    #: The document read (termguard.documents.Document) and where each unit lies in `text`.
    document: Any = field(default=None, compare=False)
    units: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    #: Per translated segment: its marks (inline markup) in the translation, and its tags.
    marks: dict[int, Any] = field(default_factory=dict, compare=False)
    tagged: dict[int, Any] = field(default_factory=dict, compare=False)

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
            "tm": sum(s.tm is not None for s in self.segments),
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
    document: Any = None
    units: tuple[tuple[int, int], ...] = ()
    places: tuple[str, ...] = ()
    tagged: tuple[Any, ...] = ()


def _line_of(text: str, offsets: Sequence[int]) -> list[int]:
    lines, line, pos = [], 1, 0
    for off in offsets:
        line += text.count("\n", pos, off)
        pos = off
        lines.append(line)
    return lines


#: What stands between two units in a document's text (a paragraph break for the segmenter).
UNIT_BREAK = "\n\n"


def _regions(length: int, segs: Sequence[Any], offset: int = 0) -> list[tuple[int, int, Any]]:
    """A unit cut into its segments and the gaps between them: (start, end, segment or None).

    Positions are relative to the unit (segment offsets minus `offset`); empty gaps are left
    out, so each mark of the unit belongs to exactly one region (marks.region_marks).
    """
    out: list[tuple[int, int, Any]] = []
    pos = 0
    for seg in segs:
        a, b = seg.start - offset, seg.end - offset
        if a > pos:
            out.append((pos, a, None))
        out.append((a, b, seg))
        pos = b
    if pos < length or not out:
        out.append((pos, length, None))
    return out


def _marks_of(marks: Any, regions: Sequence[tuple[int, int, Any]], i: int) -> Any:
    from termguard.documents.marks import region_marks

    a, b, _ = regions[i]
    return region_marks(marks, a, b, first=i == 0, last=i == len(regions) - 1)


def _segment_units(
    document: Any, lang: str
) -> tuple[str, list[Any], list[tuple[int, int]], list[int], list[str], list[Any]]:
    """Segments of every unit, located in the units' text joined by UNIT_BREAK.

    Returns the text, the segments (passthrough ones too), each unit's span, and for each
    translatable segment its line, place and tagged form for the engine.
    """
    from dataclasses import replace

    from termguard.documents.marks import encode
    from termguard.translate.segment import segment_text

    pieces: list[str] = []
    layout: list[Any] = []
    spans: list[tuple[int, int]] = []
    lines: list[int] = []
    places: list[str] = []
    tagged: list[Any] = []
    offset = 0
    paragraph = 0
    single = len(document.units) == 1 and not document.units[0].marks
    for unit in document.units:
        if pieces:
            pieces.append(UNIT_BREAK)
            offset += len(UNIT_BREAK)
        segs = segment_text(unit.text, lang)
        unit_lines = (
            _line_of(unit.text, [g.start for g in segs])
            if single
            else [unit.line + unit.text.count("\n", 0, g.start) for g in segs]
        )
        regions = _regions(len(unit.text), segs)
        region_of = {id(seg): i for i, (_, _, seg) in enumerate(regions) if seg is not None}
        for g, line in zip(segs, unit_lines, strict=True):
            layout.append(
                replace(
                    g,
                    index=len(layout),
                    start=g.start + offset,
                    end=g.end + offset,
                    paragraph=paragraph + g.paragraph,
                )
            )
            if g.translatable:
                marks = _marks_of(unit.marks, regions, region_of[id(g)]) if unit.marks else ()
                tagged.append(encode(g.text, marks))
                lines.append(line)
                places.append(unit.place)
        paragraph += 1 + max((g.paragraph for g in segs), default=0)
        spans.append((offset, offset + len(unit.text)))
        pieces.append(unit.text)
        offset += len(unit.text)
    return "".join(pieces), layout, spans, lines, places, tagged


def load_sources(
    paths: Sequence[str],
    src_lang: str | None,
    failed: list[TermguardError],
    texts: dict[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[_Source]:
    """Read, identify and segment every input; unreadable ones go to `failed`.

    Inputs are documents in any format termguard.documents reads; `texts` gives the text of
    inputs that are not files (standard input). `names` gives a document's catalog name
    (outputs.catalog_names); by default doc_name(path).
    """
    from termguard.documents import Document, Unit, read_source

    out = []
    for path in paths:
        try:
            if texts and path in texts:
                document = Document(path, "txt", (Unit(texts[path]),))
            else:
                document = read_source(path)
            joined = UNIT_BREAK.join(u.text for u in document.units)
            lang = src_lang or detect_language(joined, path)
        except TermguardError as exc:
            failed.append(exc)
            continue
        text, layout, units, lines, places, tagged = _segment_units(document, lang)
        segs = tuple(s for s in layout if s.translatable)
        name = names[path] if names and path in names else doc_name(path)
        out.append(
            _Source(
                path,
                name,
                lang,
                text,
                segs,
                tuple(lines),
                tuple(layout),
                document,
                tuple(units),
                tuple(places),
                tuple(tagged),
            )
        )
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
    memory: TranslationMemory | Callable[[], TranslationMemory | None] | None = None,
    tm_threshold: float | None = None,
) -> RunResult:
    """Translate every document into every target language (except its own).

    `names` maps an input to its catalog name (see outputs.catalog_names). With a `memory`,
    each sentence is first looked up there (exact, then fuzzy at `tm_threshold` percent): its
    candidates compete with the engine's in one choice, and a sentence with an exact reviewed
    match is not given to the engine. Pairs without a model get what the memory has. `memory`
    may be a function that opens it: it is called only when some input could be read, so a run
    of unreadable inputs leaves no memory behind.
    """
    factory = translator_factory or _default_factory(models_dir)
    run = RunResult()
    sources = load_sources(paths, src_lang, run.failed, texts, names)
    if callable(memory):
        memory = memory() if sources else None
    hits = {
        id(src): [find_terms(seg.text, src.lang, glossary) for seg in src.segments]
        for src in sources
    }
    pairs = sorted({(s.lang, t) for s in sources for t in targets if t != s.lang})
    memory_cands = _memory_candidates(sources, hits, pairs, glossary, memory, tm_threshold)
    translators: dict[tuple[str, str], Translator | None] = {}
    for pair in pairs:
        try:
            translators[pair] = factory(*pair)
        except ModelNotInstalledError as exc:
            translators[pair] = None
            run.missing_pairs.append((*pair, str(exc)))
    # Progress counts sentences: those the engine translates (most of the time goes there,
    # reported batch by batch), or, for a pair without a model, the segments given hints.
    engine_texts = {pair: _engine_texts(sources, pair, memory_cands[pair]) for pair in pairs}
    work = {
        pair: len(engine_texts[pair])
        if translators[pair] is not None
        else sum(len(s.segments) for s in sources if s.lang == pair[0])
        for pair in pairs
    }
    total = sum(work.values())
    done = 0

    def report(units: int) -> None:
        if on_progress is not None:
            on_progress(min(units, total), total)

    def step() -> None:
        nonlocal done
        done += 1
        report(done)

    results: dict[tuple[str, str], DocumentResult] = {}
    for src_lang_, tgt in pairs:
        group = [s for s in sources if s.lang == src_lang_]
        translator = translators[(src_lang_, tgt)]
        unique = engine_texts[(src_lang_, tgt)]
        from_memory = memory_cands[(src_lang_, tgt)]
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
            results[(src.path, tgt)] = _translate_document(
                src,
                tgt,
                translator,
                cands,
                from_memory,
                hits[id(src)],
                glossary,
                step if translator is None else None,
            )
    for src in sources:
        for tgt in targets:
            if (src.path, tgt) in results:
                run.documents.append(results[(src.path, tgt)])
    return run


def document_date(path: str, texts: Sequence[str]) -> str:
    """A source document's date, for dated names: its entry in the manifest.toml beside it
    (seeds/manifest.toml), else a date on its first lines, else ""."""
    from termguard.checks.context import article_date, seed_dates

    found = seed_dates(Path(path).parent / "manifest.toml").get(Path(path).stem, "")
    return found or article_date(texts)


def _translate_document(
    src: _Source,
    tgt: str,
    translator: Translator | None,
    cands: Mapping[str, Sequence[Candidate]],
    from_memory: Mapping[str, list[TmCandidate]],
    hits: Sequence[list[TermHit]],
    glossary: Glossary,
    on_segment: Callable[[], None] | None,
) -> DocumentResult:
    """One document in one target language: each segment chosen and repaired from the memory's
    and the engine's candidates (its marks put back), or given the glossary's hints when there
    are none; `on_segment` is called after each segment, for progress."""
    segs = []
    translated: dict[int, str] = {}
    marks: dict[int, Any] = {}
    tags: dict[int, Any] = {}
    date = document_date(src.path, [s.text for s in src.segments])
    for n, (seg, line, seg_hits, place, tagged) in enumerate(
        zip(src.segments, src.lines, hits, src.places, src.tagged, strict=True),
        start=1,
    ):
        reqs = requirements(seg.text, src.lang, glossary, seg_hits, date=date)
        tm_cands = from_memory.get(seg.text, [])
        tm_use = None
        if translator is None and not tm_cands:
            outcome = no_model_outcome(src.lang, tgt, reqs)
        else:
            engine = cands.get(tagged.text, ())
            plain = [Candidate(strip_tags(tagged, c.text), c.score) for c in engine]
            # one ranking: the memory's candidates and the engine's, best score first
            ranked: list[Candidate | TmCandidate] = sorted(
                [*tm_cands, *plain], key=lambda c: -c.score
            )
            outcome = choose_and_repair(seg.text, ranked, src.lang, tgt, glossary, reqs)
            picked = ranked[outcome.rank] if ranked else None
            tm_use = getattr(picked, "use", None) if outcome.text else None
            if tagged.has_tags and engine and tm_use is None:
                # the marks come from the engine's candidate taken, by its own rank
                at = next(i for i, c in enumerate(plain) if c is picked)
                with_marks, marks[seg.index] = _with_marks(
                    replace(outcome, rank=at), tagged, engine
                )
                outcome = replace(with_marks, rank=outcome.rank)
                tags[seg.index] = tagged
            elif tagged.has_tags and tm_use is not None:
                outcome = replace(
                    outcome,
                    reasons=(
                        *outcome.reasons,
                        "tm: the memory's translation has none of the sentence's markup",
                    ),
                )
            if outcome.text or translator is not None:
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
                place=place,
                tm=tm_use,
            )
        )
        if on_segment is not None:
            on_segment()
    return DocumentResult(
        path=src.path,
        doc=src.doc,
        src_lang=src.lang,
        tgt_lang=tgt,
        model=translator.name if translator is not None else None,
        text=src.text,
        segments=tuple(segs),
        translated=translated,
        layout=src.layout,
        document=src.document,
        units=src.units,
        marks=marks,
        tagged=tags,
    )


def _engine_texts(
    sources: Sequence[_Source], pair: tuple[str, str], from_memory: Mapping[str, list[TmCandidate]]
) -> list[str]:
    """The sentences of a pair the engine gets, with their inline tags, sorted: each one that no
    exact reviewed match of the memory settles."""
    return sorted(
        {
            tagged.text
            for s in sources
            if s.lang == pair[0]
            for seg, tagged in zip(s.segments, s.tagged, strict=True)
            if not _settled(from_memory.get(seg.text, ()))
        }
    )


def _settled(cands: Sequence[TmCandidate]) -> bool:
    """An exact match of a reviewed translation: the engine's candidates could not win."""
    return any(c.use.kind == "exact" and c.use.state == "reviewed" for c in cands)


def _memory_candidates(
    sources: Sequence[_Source],
    hits: Mapping[int, Sequence[Sequence[TermHit]]],
    pairs: Sequence[tuple[str, str]],
    glossary: Glossary,
    memory: TranslationMemory | None,
    threshold: float | None,
) -> dict[tuple[str, str], dict[str, list[TmCandidate]]]:
    """The memory's adapted candidates for every distinct sentence of every pair."""
    out: dict[tuple[str, str], dict[str, list[TmCandidate]]] = {pair: {} for pair in pairs}
    if memory is None:
        return out
    from termguard.tm.adapt import tm_candidates
    from termguard.tm.store import DEFAULT_THRESHOLD

    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    for src_lang, tgt in pairs:
        seen: dict[str, Sequence[TermHit]] = {}
        for src in sources:
            if src.lang != src_lang:
                continue
            for seg, seg_hits in zip(src.segments, hits[id(src)], strict=True):
                seen.setdefault(seg.text, seg_hits)
        for text in sorted(seen):
            matches = memory.lookup(text, src_lang, tgt, threshold=limit)
            if matches:
                cands = tm_candidates(matches, text, seen[text], glossary)
                if cands:
                    out[(src_lang, tgt)][text] = cands
    return out


def _with_marks(outcome: Any, tagged: Any, nbest: Sequence[Candidate]) -> tuple[Any, Any]:
    """The outcome with what happened to the sentence's inline markup, and its marks.

    The chosen candidate's tags are read back and moved onto the repaired text; a tag the
    model lost is put back (termguard.documents.marks.decode) and, where that was a guess,
    the segment is flagged.
    """
    from dataclasses import replace

    from termguard.documents.marks import decode, project

    decoded = decode(tagged, nbest[outcome.rank].text)
    marks = project(decoded.marks, decoded.text, outcome.text)
    if not decoded.restored and not decoded.problems:
        return outcome, marks
    status = outcome.status
    if decoded.problems and STATUSES.index(status) < STATUSES.index("flagged"):
        status = "flagged"
    reasons = (*outcome.reasons, *decoded.restored, *decoded.problems)
    return replace(outcome, status=status, reasons=reasons), marks


def rebuild_translation(result: DocumentResult) -> str:
    """The whole document with each translated sentence in place and the layout kept."""
    from termguard.translate.segment import rebuild

    return str(rebuild(result.text, result.layout, result.translated))


def render_units(result: DocumentResult, reviewed: Mapping[str, str] | None = None) -> list[Any]:
    """Each unit of the document translated (termguard.documents.Rendered), marks in place.

    A sentence a translator reviewed in the catalog (`reviewed`: msgid -> msgstr) is put in
    instead of the machine's; its inline marks are placed as decode() puts lost ones back.
    Units of a pair without a model are None (kept as they are).
    """
    from termguard.documents import Rendered
    from termguard.documents.marks import decode

    if result.document is None or result.model is None:
        return [None] * (len(result.document.units) if result.document is not None else 0)
    layout = sorted(result.layout, key=lambda g: g.start)
    out: list[Any] = []
    k = 0
    for unit, (start, end) in zip(result.document.units, result.units, strict=True):
        segs = []
        while k < len(layout) and layout[k].end <= end:
            if layout[k].start >= start:
                segs.append(layout[k])
            k += 1
        regions = _regions(len(unit.text), segs, start)
        text = ""
        marks: list[tuple[int, Any]] = []
        for i, (a, b, seg) in enumerate(regions):
            piece_marks = _marks_of(unit.marks, regions, i) if unit.marks else ()
            piece = unit.text[a:b]
            if seg is not None and seg.index in result.translated:
                piece = result.translated[seg.index]
                piece_marks = result.marks.get(seg.index, ())
                person = (reviewed or {}).get(seg.text)
                if person is not None and person != piece:
                    piece = person
                    tagged = result.tagged.get(seg.index)
                    piece_marks = decode(tagged, person).marks if tagged is not None else ()
            marks.extend((len(text) + p, m) for p, m in piece_marks)
            text += piece
        out.append(Rendered(text, tuple(marks)))
    return out


def translated_document(result: DocumentResult, reviewed: Mapping[str, str] | None = None) -> bytes:
    """The translated document in its own format (see termguard.documents)."""
    from termguard.documents import write_translation

    return write_translation(result.document, render_units(result, reviewed), result.tgt_lang)


def document_path(result: DocumentResult, documents: str | Path) -> Path:
    """Where a translated document goes: DOCUMENTS/<lang>/<the catalog's folders>/<file name>."""
    folders = Path(result.doc).parent
    return Path(documents) / result.tgt_lang / folders / Path(result.path).name


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
