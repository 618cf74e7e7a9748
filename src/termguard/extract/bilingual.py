"""Proposed translations of candidate terms from aligned text (a reviewed .po, TMX or TSV).

Each aligned segment is cut into noun phrases on both sides by the languages' own patterns and
folded to dictionary forms (as in count and score); for each source candidate the target
phrase that co-occurs with it best by the Dice coefficient, 2 c(s, t) / (c(s) + c(t)) over
segments, is proposed, ties going to the phrase whose length is nearest the candidate's, then
to the longer one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from termguard.bitext import Pair
from termguard.extract.count import DocumentCounts, count_document
from termguard.extract.score import TermCandidate, reference_counts
from termguard.glossary.model import Glossary
from termguard.lang import get_language


def _phrases(docs: Sequence[DocumentCounts], lang: str) -> tuple[list[set[str]], dict[str, str]]:
    """The folded phrases of each segment, and a written form of each."""
    language = get_language(lang)
    vocabulary: set[str] = set(reference_counts(lang)[1])
    for d in docs:
        vocabulary |= d.vocabulary
    known = language.stems_seen(vocabulary)
    cache: dict[tuple[str, ...], str | None] = {}
    written: dict[str, str] = {}
    out: list[set[str]] = []
    for d in docs:
        found: set[str] = set()
        for key in d.phrases:
            if key not in cache:
                cache[key] = language.phrase_lemma(key, known)
            lemma = cache[key]
            if lemma is not None:
                found.add(lemma.lower())
                written.setdefault(lemma.lower(), lemma)
        out.append(found)
    return out, written


def _rank(
    item: tuple[str, int], source: int, c_tgt: Counter[str], size: int
) -> tuple[float, int, int]:
    """Dice, then nearness to the candidate's length, then length, of a target phrase."""
    target, together = item
    words = len(target.split())
    return 2 * together / (source + c_tgt[target]), -abs(words - size), words


def propose_translations(
    candidates: Sequence[TermCandidate],
    pairs: Sequence[Pair],
    lang: str,
    glossary: Glossary | None = None,
) -> list[TermCandidate]:
    """The candidates with the target phrase that co-occurs best in `pairs` (module doc).

    Pairs are taken in the direction whose source is `lang` (a file the other way round is
    read backwards); a candidate no segment holds keeps no translation.
    """
    oriented = [
        (p.source, p.target, p.tgt_lang) if p.src_lang == lang else (p.target, p.source, p.src_lang)
        for p in pairs
        if lang in (p.src_lang, p.tgt_lang)
    ]
    if not oriented or not candidates:
        return list(candidates)
    target_lang = Counter(t for _, _, t in oriented).most_common(1)[0][0]
    oriented = [o for o in oriented if o[2] == target_lang]
    sources = [count_document(f"segment {i}", s, lang) for i, (s, _, _) in enumerate(oriented)]
    targets = [
        count_document(f"segment {i}", t, target_lang) for i, (_, t, _) in enumerate(oriented)
    ]
    src_sets, _ = _phrases(sources, lang)
    tgt_sets, written = _phrases(targets, target_lang)
    wanted = {c.term.lower() for c in candidates}
    c_src: Counter[str] = Counter()
    c_tgt: Counter[str] = Counter()
    together: dict[str, Counter[str]] = {}
    for src, tgt in zip(src_sets, tgt_sets, strict=True):
        c_tgt.update(tgt)
        for s in src & wanted:
            c_src[s] += 1
            together.setdefault(s, Counter()).update(tgt)
    out = []
    for c in candidates:
        low = c.term.lower()
        seen = together.get(low)
        if not seen:
            out.append(c)
            continue
        best, n = max(seen.items(), key=lambda kv: _rank(kv, c_src[low], c_tgt, c.words))
        dice = 2 * n / (c_src[low] + c_tgt[best])
        out.append(replace(c, translation=written[best], translation_score=round(dice, 3)))
    del glossary
    return out
