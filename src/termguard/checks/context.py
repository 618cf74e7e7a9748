"""What a term check knows of a pair's document: its date, whether it is about Kazakhstan, and
which concepts its text has already named in full (so their short forms count).

A document is one file, or one document id of the file (`Pair.document`, from `check
--documents`). Its pairs are read in order once, before the term checks run (Checker.run):

- about Kazakhstan: the document is declared so (the seeds' manifest, `--about kz`), or a
  concept whose policy says `kz_evidence` (a Kazakhstani place or body, the tenge), or a term
  naming the country, is found in it on at least one line in KZ_SHARE of its lines; otherwise a
  pair is still "about Kazakhstan" with such a hit within NEARBY pairs of it;
- the date: the pair's own (`--date`, a .po header `X-Termguard-Date`, the manifest, a date on
  the first lines of an article), else none;
- full forms: the concepts of the hits (and nested hits) of every earlier pair and of this
  one, on each side, with the index of the pair that last named each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from termguard.bitext import Pair
from termguard.glossary.model import Glossary, Term
from termguard.matching import TermHit

#: Pairs either side of a Kazakhstani name that count as naming Kazakhstan "nearby".
NEARBY = 3
#: A document with Kazakhstani names on this share of its lines is about Kazakhstan throughout.
KZ_SHARE = 0.05
#: Words of terms that name the country itself (in any of the four languages).
COUNTRY = ("қазақстан", "казахстан", "kazakhstan", "คาซัคสถาน")


@dataclass(frozen=True)
class PairContext:
    """A pair's place in its document, as the term checks read it."""

    about_kz: bool = True
    date: str = ""
    #: concept -> index (in the document) of the last pair that named it in full, source side
    source_named: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    target_named: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    index: int = 0


_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_DOTTED = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.((?:19|20)\d\d)(?!\d)")
#: How many of a document's first pairs are read for its date (a dateline, a byline).
DATE_LINES = 5


def article_date(texts: Iterable[str]) -> str:
    """The first date (2019-05-01 or 01.05.2019) on the first lines of an article, ISO, or ""."""
    for text in list(texts)[:DATE_LINES]:
        m = _ISO.search(text)
        if m:
            return m.group(0)
        m = _DOTTED.search(text)
        if m:
            return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return ""


def seed_dates(manifest: Path) -> dict[str, str]:
    """{seed file stem: date} from seeds/manifest.toml ({} if there is none or it is broken:
    the manifest only adds dates, it never stops a check)."""
    import tomllib

    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    out = {}
    for article in data.get("article", []):
        if isinstance(article, dict) and isinstance(article.get("file"), str):
            out[Path(article["file"]).stem] = str(article.get("date", ""))
    return out


def kz_evidence(hits: Iterable[TermHit], glossary: Glossary) -> bool:
    """True if one of the hits names Kazakhstan or a Kazakhstani place or body by itself."""
    for hit in hits:
        for h in (hit, *hit.nested):
            if h.kind == "near-miss":
                continue
            concept = glossary.get(h.concept)
            if concept is not None and concept.policy.kz_evidence:
                return True
            if any(word in h.term.casefold() for word in COUNTRY):
                return True
    return False


def pair_contexts(
    pairs: Sequence[Pair],
    source_hits: Sequence[Sequence[TermHit]],
    target_hits: Sequence[Sequence[TermHit]],
    glossary: Glossary,
    *,
    about_kz: Iterable[str] = (),
) -> list[PairContext]:
    """The context of every pair (in the order given), by document (see the module doc).

    `about_kz` names paths (or path#document keys) declared to be about Kazakhstan.
    """
    declared = set(about_kz)
    docs: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(pairs):
        docs.setdefault((p.path, p.document), []).append(i)
    out: list[PairContext | None] = [None] * len(pairs)
    for (path, doc), members in docs.items():
        evidence = [
            kz_evidence(source_hits[i], glossary) or kz_evidence(target_hits[i], glossary)
            for i in members
        ]
        whole = (
            path in declared
            or f"{path}#{doc}" in declared
            or sum(evidence) >= max(1.0, KZ_SHARE * len(members))
        )
        marks = [k for k, e in enumerate(evidence) if e]
        top = article_date(pairs[i].source for i in members)
        src_named: dict[str, int] = {}
        tgt_named: dict[str, int] = {}
        for k, i in enumerate(members):
            for hits, named in ((source_hits[i], src_named), (target_hits[i], tgt_named)):
                for hit in hits:
                    if hit.kind != "near-miss":
                        for concept in hit.concepts():
                            named[concept] = k
            near = whole or any(abs(m - k) <= NEARBY for m in marks)
            date = pairs[i].date or top
            out[i] = PairContext(near, date, dict(src_named), dict(tgt_named), k)
    return [c if c is not None else PairContext() for c in out]


def forms_glossary(glossary: Glossary, kind: str) -> Glossary:
    """The policy's `derived` or `short_forms` of every concept as a glossary of its own, so the
    matcher finds them inflected without their competing with the concepts' terms.

    Short forms are case-sensitive (a capitalised Ассамблея, not any assembly); derived forms
    are not. Built once per glossary and kind.
    """
    key = ("policy forms", kind)
    kept = glossary.derived.get(key)
    if isinstance(kept, Glossary):
        return kept
    short = kind == "short_forms"
    concepts = []
    for c in glossary:
        table = c.policy.short_forms if short else c.policy.derived
        terms = tuple(
            Term(
                text=form,
                lang=lang,
                status="admitted",
                type="short-form" if short else "variant",
                pos="noun" if short else "adjective",
                case_sensitive=short and form[:1].isupper(),
            )
            for lang, forms in table
            for form in forms
        )
        if terms:
            concepts.append(replace(c, terms=terms))
    made = Glossary(tuple(concepts))
    glossary.derived[key] = made
    return made
