"""What every check shares: Finding, the registry of checks by id, and what a check is given.

A check is one function in one family module, registered with its id, default severity and
place in reports [babel.messages.checkers, translate-toolkit's pofilter tests]:

    @pair_check("numbers", "error", order=60)
    def check_numbers(pair: Pair) -> list[Finding]: ...

- `pair_check`: looks at one pair alone (numbers, placeholders, scripts);
- `term_check`: also gets the term hits of both sides and the glossary, in a TermContext; it
  runs only on pairs with a translation, and `near_misses=True` asks for near misses among the
  target's hits;
- `glossary_check`: gets a TermContext for the glossary alone (no hits are found for it);
- `corpus_check`: runs once after every pair, over all of them (consistency across a run).
  With `collect=fn(TermContext) -> pieces`, it is a reduce: each pair's pieces are taken when
  the pair is checked (in a worker process or on a cluster node, by Checker.check_part) and
  the check reads them all in RunContext.collected, in the run's pair order (Checker.merge).

A check that `replaces` others says the same problem better (wrong-language names the language
that untranslated only guesses): it runs only where they found no error, and its findings take
the place of theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from termguard.bitext import Pair
from termguard.checks.context import PairContext, forms_glossary
from termguard.glossary.model import Glossary, Term
from termguard.matching import TermHit, find_terms

#: Every check: its stable id and default severity, in report order (filled by registration).
CHECKS: dict[str, str] = {}
#: Least to most severe; `--fail-on` picks a threshold among these.
SEVERITIES: tuple[str, ...] = ("warning", "error")

PAIR, TERMS, CORPUS = "pair", "terms", "corpus"


@dataclass(frozen=True)
class Finding:
    """One problem in one pair; start/end index the source or target text named by `side`."""

    path: str
    line: int
    check: str
    severity: str
    message: str
    side: str = "target"
    start: int = 0
    end: int = 0
    span: str = ""
    suggestion: str = ""
    concept: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
    pair_id: str = ""
    #: The concept's note (why a term is deprecated, what to watch for) and where the concept
    #: is in the glossary (file:line), for a reviewer to read or fix it.
    note: str = ""
    glossary: str = ""

    @property
    def sort_key(self) -> tuple[str, int, str, str, str, int, int, str]:
        return (
            self.path,
            self.line,
            self.tgt_lang,
            self.check,
            self.side,
            self.start,
            self.end,
            self.message,
        )

    def to_dict(self) -> dict[str, object]:
        """Every field, for JSON output."""
        return asdict(self)


def finding(
    pair: Pair,
    check: str,
    message: str,
    *,
    side: str = "target",
    start: int = 0,
    end: int = 0,
    suggestion: str = "",
    concept: str = "",
    severity: str | None = None,
) -> Finding:
    """A finding of `check` in `pair`, with the check's default severity unless given."""
    text = pair.source if side == "source" else pair.target
    # a source-side finding of two aligned files is in the source file, at the same line
    path = pair.source_path if side == "source" and pair.source_path else pair.path
    return Finding(
        path,
        pair.line,
        check,
        severity or CHECKS[check],
        message,
        side,
        start,
        end,
        text[start:end],
        suggestion,
        concept,
        pair.src_lang,
        pair.tgt_lang,
        pair.id,
    )


class TermLookup:
    """Looks up the Term behind a TermHit (its type decides abbreviation-for-abbreviation)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.by_text: dict[tuple[str, str, str], Term] = {
            (c.id, t.lang, t.text): t for c, t in glossary.terms()
        }

    def term(self, hit: TermHit) -> Term | None:
        return self.by_text.get((hit.concept, hit.lang, hit.term))

    def is_abbreviation(self, hit: TermHit) -> bool:
        term = self.term(hit)
        return term.is_abbreviation if term is not None else hit.kind == "abbreviation"


@dataclass(frozen=True)
class TermContext:
    """What a term check reads about one pair: its hits on both sides and the glossary."""

    pair: Pair
    source_hits: Sequence[TermHit]
    target_hits: Sequence[TermHit]
    glossary: Glossary
    terms: TermLookup
    #: The pair's place in its document (Checker fills it; alone, a pair is its own document).
    document: PairContext = field(default_factory=PairContext)

    @cached_property
    def derived_hits(self) -> list[TermHit]:
        """Target words of the concepts' derived forms (мемлекеттік, казахстанский)."""
        forms = forms_glossary(self.glossary, "derived")
        if not len(forms):
            return []
        return find_terms(self.pair.target, self.pair.tgt_lang, forms, near_misses=False)

    @cached_property
    def short_target_hits(self) -> list[TermHit]:
        """Target words of the concepts' short forms (Ассамблея, Assembly)."""
        forms = forms_glossary(self.glossary, "short_forms")
        if not len(forms):
            return []
        return find_terms(self.pair.target, self.pair.tgt_lang, forms, near_misses=False)

    @cached_property
    def rendered(self) -> set[str]:
        """Every concept the target renders or misspells: its hits and the concepts read
        inside them, derived forms, short forms of concepts the document has named in full,
        and the concepts these are declared equivalents of."""
        found: set[str] = set()
        named = self.document.source_named.keys() | self.document.target_named.keys()
        # short forms count only for concepts the document has named: no names, no search
        short = [h for h in self.short_target_hits if h.concept in named] if named else []
        for hit in (*self.target_hits, *self.derived_hits, *short):
            found |= hit.concepts()  # a misspelt term is the near-miss check's to report
        equivalent = self.glossary.equivalent_of
        return found.union(*(equivalent.get(c, ()) for c in found))


@dataclass(frozen=True)
class RunContext:
    """What a corpus check reads: every pair of the run (sorted) with its hits on both sides,
    and, for a check registered with `collect`, its pieces of every pair, in pair order."""

    pairs: Sequence[Pair]
    source_hits: Sequence[Sequence[TermHit]]
    target_hits: Sequence[Sequence[TermHit]]
    glossary: Glossary
    terms: TermLookup
    collected: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    documents: Sequence[PairContext] = ()
    #: What term-inconsistent compares: "document", "file" or "run".
    scope: str = "document"


@dataclass(frozen=True)
class Check:
    """A registered check: id, default severity, place in reports, scope and its function."""

    id: str
    severity: str
    order: int
    scope: str  # PAIR, TERMS or CORPUS
    run: Callable[[Any], list[Finding]]
    #: It reads term hits (the run finds them only if an enabled check does).
    uses_terms: bool = False
    #: The target's hits should include near misses (which may replace hits inside them).
    near_misses: bool = False
    #: Checks whose findings in a pair this one's replace (it runs only if they found no error).
    replaces: tuple[str, ...] = ()
    #: A corpus check's per-pair half: fn(TermContext) -> picklable pieces (RunContext.collected).
    collect: Callable[[TermContext], Sequence[Any]] | None = None


_REGISTRY: dict[str, Check] = {}
F = TypeVar("F", bound=Callable[..., list[Finding]])


def register(check: Check) -> Check:
    """Add (or replace) a check; CHECKS lists every check in report order."""
    if check.severity not in SEVERITIES:
        raise ValueError(f"{check.id}: severity must be one of {', '.join(SEVERITIES)}")
    _REGISTRY[check.id] = check
    ordered = sorted(_REGISTRY.values(), key=lambda c: (c.order, c.id))
    CHECKS.clear()
    CHECKS.update((c.id, c.severity) for c in ordered)
    return check


def unregister(check_id: str) -> None:
    """Forget a registered check (for tests that add their own)."""
    _REGISTRY.pop(check_id, None)
    CHECKS.pop(check_id, None)


def registered(ids: Iterable[str] | None = None) -> list[Check]:
    """The registered checks (of `ids` if given), in report order."""
    wanted = None if ids is None else set(ids)
    return [_REGISTRY[c] for c in CHECKS if wanted is None or c in wanted]


def pair_check(
    check_id: str, severity: str, *, order: int, replaces: tuple[str, ...] = ()
) -> Callable[[F], F]:
    """Register fn(pair) -> findings, a check of one pair alone."""

    def decorate(fn: F) -> F:
        register(Check(check_id, severity, order, PAIR, fn, replaces=replaces))
        return fn

    return decorate


def glossary_check(
    check_id: str, severity: str, *, order: int, replaces: tuple[str, ...] = ()
) -> Callable[[F], F]:
    """Register fn(TermContext) -> findings, a check of one pair that reads the glossary but
    not the term hits (they are not found for it)."""

    def decorate(fn: F) -> F:
        register(Check(check_id, severity, order, TERMS, fn, replaces=replaces))
        return fn

    return decorate


def term_check(
    check_id: str, severity: str, *, order: int, near_misses: bool = False
) -> Callable[[F], F]:
    """Register fn(TermContext) -> findings, a check of one pair's terms."""

    def decorate(fn: F) -> F:
        register(Check(check_id, severity, order, TERMS, fn, True, near_misses))
        return fn

    return decorate


def corpus_check(
    check_id: str,
    severity: str,
    *,
    order: int,
    uses_terms: bool = True,
    collect: Callable[[TermContext], Sequence[Any]] | None = None,
) -> Callable[[F], F]:
    """Register fn(RunContext) -> findings, a check over every pair of a run; with `collect`,
    a reduce over what collect took from each pair (RunContext.collected[check_id])."""

    def decorate(fn: F) -> F:
        register(Check(check_id, severity, order, CORPUS, fn, uses_terms, collect=collect))
        return fn

    return decorate
