"""A check run: every enabled check over every pair, term hits found once per text."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any

from termguard.bitext import Pair
from termguard.checks.base import (
    CHECKS,
    CORPUS,
    SEVERITIES,
    TERMS,
    Finding,
    RunContext,
    TermContext,
    TermLookup,
    registered,
)
from termguard.checks.context import PairContext, pair_contexts
from termguard.glossary.model import Glossary
from termguard.matching import TermHit, find_terms

FindTerms = Callable[..., list[TermHit]]
Hits = tuple[TermHit, ...]


@dataclass(frozen=True)
class CheckReport:
    """Everything a check run found: the pairs (sorted), their term hits and the findings."""

    pairs: tuple[Pair, ...]
    source_hits: tuple[Hits, ...]
    target_hits: tuple[Hits, ...]
    findings: tuple[Finding, ...]
    glossary_digest: str
    checks: tuple[str, ...]

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings per check and severity, every enabled check listed."""
        counts: dict[str, dict[str, int]] = {c: {s: 0 for s in SEVERITIES} for c in self.checks}
        for f in self.findings:
            counts[f.check][f.severity] += 1
        return counts

    def at_least(self, severity: str) -> list[Finding]:
        """Findings of `severity` or worse."""
        rank = SEVERITIES.index(severity)
        return [f for f in self.findings if SEVERITIES.index(f.severity) >= rank]


@dataclass(frozen=True)
class CheckPart:
    """The per-pair half of a check run over some pairs (sorted): each pair's hits and
    findings, and the pieces each collecting corpus check (`collecting`, by id) took from it."""

    pairs: tuple[Pair, ...]
    source_hits: tuple[Hits, ...]
    target_hits: tuple[Hits, ...]
    findings: tuple[tuple[Finding, ...], ...]
    collecting: tuple[str, ...]
    collected: tuple[tuple[tuple[Any, ...], ...], ...]
    #: Each pair's place in its document (checks/context.py).
    documents: tuple[PairContext, ...] = ()


class Checker:
    """Runs the checks with one glossary, caching term hits per (text, language) within a run."""

    def __init__(
        self,
        glossary: Glossary,
        *,
        checks: Collection[str] | None = None,
        find: FindTerms = find_terms,
        about_kz: Collection[str] = (),
        scope: str = "document",
        date: str = "",
    ) -> None:
        unknown = set(checks or ()) - set(CHECKS)
        if unknown:
            raise ValueError(f"unknown checks: {', '.join(sorted(unknown))}")
        self.glossary = glossary
        #: Files (or file#document keys) declared to be about Kazakhstan.
        self.about_kz = tuple(about_kz)
        #: What term-inconsistent compares (document, file, run); the date of undated pairs.
        self.scope = scope
        self.date = date
        self.checks = tuple(c for c in CHECKS if checks is None or c in checks)
        enabled = registered(self.checks)
        self._pair_checks = [c for c in enabled if c.scope != CORPUS]
        self._corpus_checks = [c for c in enabled if c.scope == CORPUS]
        self._collecting = [(c.id, c.collect) for c in self._corpus_checks if c.collect]
        self._find = find
        self._terms = TermLookup(glossary)
        self._cache: dict[tuple[str, str, bool], Hits] = {}
        self._terms_wanted = any(c.uses_terms for c in enabled)
        self._near_misses = any(c.near_misses for c in enabled)

    def _about(self, f: Finding) -> Finding:
        """The finding with its concept's note and glossary place (file:line)."""
        concept = self.glossary.get(f.concept) if f.concept else None
        if concept is None or f.glossary:
            return f
        place = f"{concept.path}:{concept.line}" if concept.path else ""
        return replace(f, note=f.note or concept.note, glossary=place)

    def hits(self, text: str, lang: str, *, near_misses: bool = False) -> Hits:
        """find_terms(text, lang), computed once per run."""
        key = (text, lang, near_misses)
        found = self._cache.get(key)
        if found is None:
            found = tuple(self._find(text, lang, self.glossary, near_misses=near_misses))
            self._cache[key] = found
        return found

    def pair_hits(self, pair: Pair) -> tuple[Hits, Hits]:
        """The term hits of a pair's source and target (none if no enabled check reads them)."""
        if not self._terms_wanted:
            return (), ()
        return (
            self.hits(pair.source, pair.src_lang),
            self.hits(pair.target, pair.tgt_lang, near_misses=self._near_misses),
        )

    def check_pair(
        self, pair: Pair, document: PairContext | None = None
    ) -> tuple[list[Finding], tuple[Hits, Hits]]:
        """Findings of every enabled per-pair check, and the term hits on each side.

        `document` is the pair's place in its document (see checks/context.py); without it the
        pair is a document of its own.
        """
        src_hits, tgt_hits = self.pair_hits(pair)
        if document is None:
            document = pair_contexts(
                [pair], [src_hits], [tgt_hits], self.glossary, about_kz=self.about_kz
            )[0]
        ctx = TermContext(pair, src_hits, tgt_hits, self.glossary, self._terms, document)
        translated = bool(pair.target.strip())
        out: list[Finding] = []
        for check in self._pair_checks:
            if check.scope == TERMS and not translated:
                continue  # term checks judge a translation; an empty one is untranslated
            replaced = check.replaces
            if replaced and any(f.severity == "error" and f.check in replaced for f in out):
                continue  # one problem, one finding: the error already found stands
            found = check.run(ctx if check.scope == TERMS else pair)
            if replaced and found:
                out = [f for f in out if f.check not in replaced]
            out += found
        return out, (src_hits, tgt_hits)

    def check_part(
        self, pairs: Iterable[Pair], on_progress: Callable[[int, int], None] | None = None
    ) -> CheckPart:
        """The per-pair half of a run over some pairs (sorted): what merge() joins with others.

        Parts can be made anywhere (a worker process, a cluster node) and merged in the client;
        each corpus check registered with `collect` has its pieces of every pair taken here, so
        merge() runs it as a reduce over them (term-inconsistent over the renderings).
        """
        ordered = sorted(set(pairs), key=_pair_key)
        if self.date:
            ordered = [p if p.date else replace(p, date=self.date) for p in ordered]
        both = [self.pair_hits(pair) for pair in ordered]
        src_hits = [s for s, _ in both]
        tgt_hits = [t for _, t in both]
        # a part holds whole documents (the runners cut at files), so windows stay inside it
        documents = pair_contexts(
            ordered, src_hits, tgt_hits, self.glossary, about_kz=self.about_kz
        )
        findings: list[tuple[Finding, ...]] = []
        collected: list[tuple[tuple[Any, ...], ...]] = []
        for i, (pair, document) in enumerate(zip(ordered, documents, strict=True), 1):
            findings.append(tuple(self.check_pair(pair, document)[0]))
            ctx = TermContext(
                pair, src_hits[i - 1], tgt_hits[i - 1], self.glossary, self._terms, document
            )
            collected.append(tuple(tuple(collect(ctx)) for _, collect in self._collecting))
            if on_progress is not None and (i % 500 == 0 or i == len(ordered)):
                on_progress(i, len(ordered))
        return CheckPart(
            tuple(ordered),
            tuple(src_hits),
            tuple(tgt_hits),
            tuple(findings),
            tuple(c for c, _ in self._collecting),
            tuple(collected),
            tuple(documents),
        )

    def merge(self, parts: Iterable[CheckPart]) -> CheckReport:
        """One report from parts: pairs sorted, a pair in several parts counted once, and the
        corpus checks run over every pair (a collecting check over every pair's pieces)."""
        at: dict[Pair, tuple[CheckPart, int]] = {}
        for part in parts:
            if part.collecting != tuple(c for c, _ in self._collecting):
                raise ValueError("parts were checked with other corpus checks than this run's")
            for i, pair in enumerate(part.pairs):
                at.setdefault(pair, (part, i))
        ordered = sorted(at, key=_pair_key)
        places = [at[p] for p in ordered]
        findings = [f for part, i in places for f in part.findings[i]]
        collected = {
            check: [x for part, i in places for x in part.collected[i][k]]
            for k, (check, _) in enumerate(self._collecting)
        }
        src_hits = tuple(part.source_hits[i] for part, i in places)
        tgt_hits = tuple(part.target_hits[i] for part, i in places)
        documents = tuple(part.documents[i] for part, i in places)
        run = RunContext(
            ordered,
            src_hits,
            tgt_hits,
            self.glossary,
            self._terms,
            collected=collected,
            documents=documents,
            scope=self.scope,
        )
        for check in self._corpus_checks:
            findings += check.run(run)
        findings = sorted({self._about(f) for f in findings}, key=lambda f: f.sort_key)
        return CheckReport(
            tuple(ordered), src_hits, tgt_hits, tuple(findings), self.glossary.digest, self.checks
        )

    def run(
        self, pairs: Iterable[Pair], on_progress: Callable[[int, int], None] | None = None
    ) -> CheckReport:
        """Check every pair; findings and pairs come out sorted, whatever order they went in."""
        return self.merge([self.check_part(pairs, on_progress)])


def _pair_key(p: Pair) -> tuple[str, int, str, str, str, str, str]:
    return (p.path, p.line, p.tgt_lang, p.id, p.src_lang, p.source, p.target)


def _as_pairs(
    pairs: Iterable[Pair | tuple[str, str]], src_lang: str | None, tgt_lang: str | None
) -> list[Pair]:
    out: list[Pair] = []
    for i, p in enumerate(pairs, 1):
        if isinstance(p, Pair):
            out.append(p)
            continue
        if not src_lang or not tgt_lang:
            raise ValueError("plain (source, target) tuples need src_lang and tgt_lang")
        out.append(Pair(p[0], p[1], src_lang, tgt_lang, "<input>", i, str(i)))
    return out


def run_check(
    pairs: Iterable[Pair | tuple[str, str]],
    glossary: Glossary,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    checks: Collection[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    find: FindTerms = find_terms,
    about_kz: Collection[str] = (),
    scope: str = "document",
    date: str = "",
) -> CheckReport:
    """Check pairs against the glossary and each other; the report the writers format.

    `about_kz` names files (or file#document) about Kazakhstan, `scope` what term-inconsistent
    compares (document, file, run), `date` the date of pairs that have none.
    """
    checker = Checker(glossary, checks=checks, find=find, about_kz=about_kz, scope=scope, date=date)
    return checker.run(_as_pairs(pairs, src_lang, tgt_lang), on_progress)


def check_pairs(
    pairs: Iterable[Pair | tuple[str, str]],
    glossary: Glossary,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    checks: Collection[str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    find: FindTerms = find_terms,
) -> list[Finding]:
    """Every finding for the pairs, sorted by (path, line, check, span).

    `pairs` are Pairs (from termguard.bitext) or plain (source, target) tuples in
    `src_lang` -> `tgt_lang`. Example::

        check_pairs([("The NGO said", "ҮЕҰ айтты")], glossary, "en", "kk")
    """
    report = run_check(
        pairs, glossary, src_lang, tgt_lang, checks=checks, on_progress=on_progress, find=find
    )
    return list(report.findings)
