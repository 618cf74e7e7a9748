"""The offline translation engine: Argos packages run through CTranslate2 with n-best and pivoting.

All sentences of a run go to CTranslate2 together, deduplicated and batched by token length,
instead of Argos's one call per paragraph; the decoding length of each batch is bounded by its
longest input and looping output is cut, so a short input cannot turn into word salad.
ctranslate2, sentencepiece and argostranslate are imported on first use, never at import time.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from termguard.errors import ModelError
from termguard.translate.packages import (
    PackageInfo,
    Route,
    has_route,
    installed_pairs,
    require_route,
    resolve_models_dir,
)

log = logging.getLogger(__name__)

__all__ = [
    "Candidate",
    "PackageTranslator",
    "PivotTranslator",
    "Translator",
    "clear_cache",
    "get_translator",
    "has_route",
    "installed_pairs",
]

#: Longest source, in tokens, given to the model at once; longer sentences go in pieces.
MAX_INPUT_TOKENS = 200
#: Longest output, in tokens, whatever the input (OPUS-MT and Argos models know 512 positions).
MAX_DECODING_TOKENS = 512
#: Work decoded at once in one batch, in hypothesis-tokens (sentences x beam x the longest
#: source's tokens). Memory per batch grows with it: the decoder keeps keys and values of every
#: layer for every hypothesis and token (transformer-base: 6 layers x 2 x 512 floats per token
#: for self-attention alone, 2.4 MB for 100 tokens), and TERMGUARD_THREADS such batches run at
#: once. So batches shrink as the beam or the sentences grow, and short sentences go many at a
#: time, as CTranslate2's own token batches do (bench/bench_engine.py, bench/bench_pivot.py).
#: 4096 is 1,024 source tokens at beam 4.
MAX_BATCH_HYPOTHESIS_TOKENS = 4096
#: Hypotheses in one batch (sentences x beam) at most, whatever their length.
MAX_BATCH_HYPOTHESES = 256
#: First-hop candidates a pivot translates again (see PivotTranslator).
PIVOT_CANDIDATES = 4


#: Called with the share of a translate_batch call done so far (0 < fraction <= 1).
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Candidate:
    """One translation of a sentence; score is the log-probability per token (higher is better)."""

    text: str
    score: float


class Translator(Protocol):
    """Anything that translates sentences from one language to another with n-best lists."""

    @property
    def from_code(self) -> str: ...

    @property
    def to_code(self) -> str: ...

    @property
    def name(self) -> str:
        """The package(s) used, e.g. 'kk-en 1.0' or 'kk-en 1.0 + en-ru 1.0'."""
        ...

    def translate_batch(
        self,
        sentences: Sequence[str],
        n_best: int = 1,
        on_progress: Progress | None = None,
    ) -> list[list[Candidate]]:
        """n-best lists, one per sentence; `on_progress(fraction)` as batches finish."""
        ...


def _collapse_loops(tokens: list[str], max_n: int = 8, keep: int = 2) -> list[str]:
    """Cut runs where an n-gram repeats back to back more than `keep` times ('a b a b a b ...').

    Beam search on a short or unusual input can loop until the length limit; two repeats may be
    real text ("very very"), more almost never are.
    """
    out: list[str] = []
    for tok in tokens:
        out.append(tok)
        size = len(out)
        for n in range(1, max_n + 1):
            span = n * (keep + 1)
            if size < span:
                break
            if out[-1] != out[-1 - n]:  # cheap test first: most tokens repeat nothing
                continue
            start = size - span
            if all(out[start + k] == out[start + k + n] for k in range(span - n)):
                del out[-n:]
                break
    return out


def _split_long(tokens: list[str], limit: int) -> list[list[str]]:
    """Pieces of at most `limit` tokens, cut before a word start ('▁') where there is one."""
    pieces: list[list[str]] = []
    rest = tokens
    while len(rest) > limit:
        cut = next(
            (i for i in range(limit, limit // 2, -1) if rest[i].startswith("▁")),
            limit,
        )
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


class PackageTranslator:
    """Translates with one installed package; the model is loaded on first use and kept."""

    def __init__(
        self,
        package: PackageInfo,
        *,
        threads: int | None = None,
        intra_threads: int = 1,
        compute_type: str = "int8",
        beam_size: int = 4,
        max_batch_size: int = 64,
        max_batch_hypotheses: int | None = MAX_BATCH_HYPOTHESES,
        max_batch_tokens: int | None = MAX_BATCH_HYPOTHESIS_TOKENS,
        length_ratio: float = 2.0,
        repetition_penalty: float = 1.0,
        no_repeat_ngram_size: int = 0,
        dedupe: bool = True,
    ) -> None:
        self.package = package
        self.threads = threads or min(4, os.cpu_count() or 1)
        self.intra_threads = intra_threads
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.max_batch_hypotheses = max_batch_hypotheses
        self.max_batch_tokens = max_batch_tokens
        self.length_ratio = length_ratio
        self.repetition_penalty = repetition_penalty
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.dedupe = dedupe
        self._model: Any = None
        self._sp: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def from_code(self) -> str:
        return self.package.from_code

    @property
    def to_code(self) -> str:
        return self.package.to_code

    @property
    def name(self) -> str:
        return self.package.name

    def __repr__(self) -> str:
        return f"PackageTranslator({self.name!r}, {str(self.package.path)!r})"

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Load the model and tokenizer now (otherwise the first translate_batch does)."""
        with self._lock:
            if self._model is not None:
                return
            path = self.package.path
            sp_path = path / "sentencepiece.model"
            try:
                if sp_path.exists():
                    import sentencepiece

                    self._sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
                else:
                    from argostranslate.package import Package

                    self._tokenizer = Package(path).tokenizer
                    if self._tokenizer is None:
                        raise ModelError(f"{path}: no sentencepiece.model or bpe.model")
            except (RuntimeError, OSError) as exc:
                raise ModelError(
                    f"{path}: the tokenizer cannot be loaded ({exc}); reinstall the package"
                ) from exc
            self._model = self._load_model(path / "model")

    def _load_model(self, model_path: Path) -> Any:
        import ctranslate2

        params: dict[str, Any] = {
            "device": "cpu",
            # Batches run side by side, one thread each: the layers of a translation model are
            # too small per step for several threads to share them well (measured: 2 threads on
            # one batch ran 4-15x slower than 1 on a busy 2-core machine; 2 batches at once, 2x
            # faster).
            "inter_threads": self.threads,
            "intra_threads": self.intra_threads,
        }
        try:
            return ctranslate2.Translator(str(model_path), compute_type=self.compute_type, **params)
        except ValueError as exc:
            if "compute type" not in str(exc):
                raise ModelError(f"{model_path}: the model cannot be loaded ({exc})") from exc
            log.warning("%s; using the model's own compute type", exc)
            return ctranslate2.Translator(str(model_path), compute_type="default", **params)
        except RuntimeError as exc:
            raise ModelError(
                f"{model_path}: the model cannot be loaded ({exc}); reinstall the package"
            ) from exc

    # -- tokens ----------------------------------------------------------------------------

    def _encode(self, sentences: list[str]) -> list[list[str]]:
        if self._sp is not None:
            encoded: list[list[str]] = self._sp.encode(sentences, out_type=str)
        else:
            encoded = [list(self._tokenizer.encode(s)) for s in sentences]
        prefix = self.package.source_prefix
        return [[prefix, *toks] for toks in encoded] if prefix else encoded

    def _decode(self, tokens: list[str]) -> str:
        prefix = self.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        tokens = _collapse_loops(tokens)
        if self._sp is not None:
            # SentencePiece passes pieces it does not know through raw, '▁' included (a target
            # vocabulary larger than the source one). Argos's decoder also turns '_' into spaces,
            # which breaks e-mails and file names; this one does not.
            text: str = self._sp.decode_pieces(tokens).replace("▁", " ")
        else:
            text = self._tokenizer.decode(tokens)
        return text.strip()

    # -- translating -----------------------------------------------------------------------

    def translate_batch(
        self,
        sentences: Sequence[str],
        n_best: int = 1,
        on_progress: Progress | None = None,
    ) -> list[list[Candidate]]:
        """n candidates per sentence (fewer if beam search finds fewer distinct), best first.

        `on_progress` hears the share of the work done each time a batch comes back.
        """
        if n_best < 1:
            raise ValueError("n_best must be at least 1")
        if not sentences:
            return []
        keys = [" ".join(s.split()) for s in sentences]
        unique = sorted({k for k in keys if k}) if self.dedupe else [k for k in keys if k]
        if not unique:
            return [[Candidate("", 0.0)] for _ in sentences]
        self.load()
        tokens = self._encode(unique)

        # Split over-long sentences into pieces; translate every piece as one item.
        items: list[list[str]] = []
        owner: list[tuple[int, str]] = []  # (unique index, glue before the piece)
        for u, toks in enumerate(tokens):
            for p, piece in enumerate(_split_long(toks, MAX_INPUT_TOKENS)):
                items.append(piece)
                # A piece cut inside a word is glued back without a space.
                owner.append((u, " " if p and piece[0].startswith("▁") else ""))
        hyps = self._translate_items(items, n_best, on_progress)

        pieces: dict[int, list[tuple[str, list[Candidate]]]] = {}
        for (u, glue), cands in zip(owner, hyps, strict=True):
            pieces.setdefault(u, []).append((glue, cands))
        by_text: dict[str, list[Candidate]] = {}
        per_index: list[list[Candidate]] = []
        for u, text in enumerate(unique):
            joined = _join_pieces(pieces[u], n_best)
            by_text[text] = joined
            per_index.append(joined)

        if self.dedupe:
            return [by_text[k] if k else [Candidate("", 0.0)] for k in keys]
        out: list[list[Candidate]] = []
        it = iter(per_index)
        for k in keys:
            out.append(next(it) if k else [Candidate("", 0.0)])
        return out

    def batch_size(self, n_best: int, longest: int = 1) -> int:
        """Sentences per batch at this n-best whose longest source has `longest` tokens.

        max_batch_size, fewer when the beam is wide (max_batch_hypotheses) or the sentences are
        long (max_batch_tokens hypothesis-tokens); always at least one.
        """
        beam = max(self.beam_size, n_best)
        size = self.max_batch_size
        if self.max_batch_hypotheses is not None:
            size = min(size, self.max_batch_hypotheses // beam)
        if self.max_batch_tokens is not None:
            size = min(size, self.max_batch_tokens // (beam * max(1, longest)))
        return max(1, size)

    def _translate_items(
        self, items: list[list[str]], n_best: int, on_progress: Progress | None = None
    ) -> list[list[Candidate]]:
        results: list[list[Candidate]] = [[] for _ in items]
        beam = max(self.beam_size, n_best)
        prefix = self.package.target_prefix
        pending: list[tuple[list[int], Any]] = []
        for batch_ids in _batches(items, lambda length: self.batch_size(n_best, length)):
            batch = [items[i] for i in batch_ids]
            longest = max(len(t) for t in batch)
            options: dict[str, Any] = {
                "beam_size": beam,
                "num_hypotheses": n_best,
                "return_scores": True,
                "length_penalty": 1.0,  # scores come back as log-prob per token
                "max_decoding_length": min(
                    int(self.length_ratio * longest) + 10, MAX_DECODING_TOKENS
                ),
                "replace_unknowns": True,
                "repetition_penalty": self.repetition_penalty,
                "no_repeat_ngram_size": self.no_repeat_ngram_size,
            }
            if prefix:
                options["target_prefix"] = [[prefix] for _ in batch]
            try:
                # Queued: CTranslate2 runs up to `threads` batches at once.
                pending.append(
                    (batch_ids, self._model.translate_batch(batch, asynchronous=True, **options))
                )
            except (RuntimeError, ValueError) as exc:
                raise ModelError(f"{self.package.path}: translation failed ({exc})") from exc
        done = 0
        for batch_ids, futures in pending:
            try:
                batch_results = [f.result() for f in futures]
            except (RuntimeError, ValueError) as exc:
                raise ModelError(f"{self.package.path}: translation failed ({exc})") from exc
            for i, res in zip(batch_ids, batch_results, strict=True):
                seen: dict[str, Candidate] = {}
                for hyp, score in zip(res.hypotheses, res.scores, strict=True):
                    text = self._decode(list(hyp))
                    if text not in seen:
                        seen[text] = Candidate(text, float(score))
                results[i] = sorted(seen.values(), key=lambda c: -c.score)
            done += len(batch_ids)
            if on_progress is not None:
                on_progress(done / len(items))
        return results


def _batches(items: list[list[str]], size: Callable[[int], int]) -> list[list[int]]:
    """Indexes of `items` in batches, every batch of one token length and at most `size(length)`.

    CTranslate2 pads a batch to its longest input, and padding changes the other inputs'
    scores in the last bits (and now and then the best candidate) under every CPU kernel
    family. Inputs of one length need no padding, so a sentence gets the same candidates
    whatever else is translated with it: a document translated alone, in a chunk of a
    parallel run or in a whole archive comes out the same.
    """
    by_length: dict[int, list[int]] = {}
    for i, toks in enumerate(items):
        by_length.setdefault(len(toks), []).append(i)
    out: list[list[int]] = []
    for length in sorted(by_length):
        same, n = by_length[length], size(length)
        out.extend(same[start : start + n] for start in range(0, len(same), n))
    return out


def _join_pieces(pieces: list[tuple[str, list[Candidate]]], n_best: int) -> list[Candidate]:
    """Candidates of a sentence translated in pieces: the i-th candidate of every piece, joined."""
    if len(pieces) == 1:
        return pieces[0][1]
    out: dict[str, Candidate] = {}
    for i in range(n_best):
        parts = [(glue, p[min(i, len(p) - 1)]) for glue, p in pieces if p]
        text = "".join(glue + c.text for glue, c in parts if c.text).strip()
        score = sum(c.score for _, c in parts) / max(len(parts), 1)
        if text not in out:
            out[text] = Candidate(text, score)
    return sorted(out.values(), key=lambda c: -c.score)


class PivotTranslator:
    """Translates through an intermediate language, keeping several candidates at each hop.

    The second hop works to a fixed budget: only the `candidates` best first-hop translations
    (default PIVOT_CANDIDATES, 4) go on, each with ceil(n / candidates) candidates of its own,
    so n-best n costs the second model `candidates` inputs at beam max(4, n / candidates) per
    sentence, where translating all n first-hop candidates with n-best n each cost it n inputs
    at beam n (n-squared hypotheses: 1,024 at n-best 32). The pivot still offers up to n
    distinct candidates. A final candidate's score is the sum of its two hops' scores (both
    log-probabilities per token, so higher is better). candidates=None keeps the old, quadratic
    way (n first-hop candidates, n-best n each), for comparison in bench/bench_pivot.py.
    """

    def __init__(
        self, first: Translator, second: Translator, candidates: int | None = PIVOT_CANDIDATES
    ) -> None:
        if first.to_code != second.from_code:
            raise ValueError(f"cannot chain {first.name} and {second.name}")
        if candidates is not None and candidates < 1:
            raise ValueError("candidates must be at least 1")
        self.first, self.second = first, second
        self.candidates = candidates

    def budget(self, n_best: int) -> tuple[int, int]:
        """(first-hop candidates kept, second-hop candidates of each) for n-best n."""
        if self.candidates is None:
            return n_best, n_best
        kept = min(n_best, self.candidates)
        return kept, -(-n_best // kept)

    @property
    def from_code(self) -> str:
        return self.first.from_code

    @property
    def to_code(self) -> str:
        return self.second.to_code

    @property
    def via(self) -> str:
        return self.first.to_code

    @property
    def name(self) -> str:
        return f"{self.first.name} + {self.second.name}"

    def __repr__(self) -> str:
        return f"PivotTranslator({self.name!r})"

    def translate_batch(
        self,
        sentences: Sequence[str],
        n_best: int = 1,
        on_progress: Progress | None = None,
    ) -> list[list[Candidate]]:
        """n-best through the pivot; progress counts each hop as half the work."""
        if n_best < 1:
            raise ValueError("n_best must be at least 1")
        if not sentences:
            return []

        def half(offset: float) -> Progress | None:
            if on_progress is None:
                return None
            report = on_progress
            return lambda fraction: report(offset + fraction / 2)

        kept, each = self.budget(n_best)
        hop1 = [cands[:kept] for cands in self.first.translate_batch(sentences, kept, half(0.0))]
        middle = [c.text for cands in hop1 for c in cands]
        hop2 = iter(self.second.translate_batch(middle, each, half(0.5))) if middle else iter([])
        if on_progress is not None:
            on_progress(1.0)
        out: list[list[Candidate]] = []
        for cands in hop1:
            merged: dict[str, float] = {}
            for c1 in cands:
                for c2 in next(hop2):
                    score = c1.score + c2.score
                    if c2.text not in merged or score > merged[c2.text]:
                        merged[c2.text] = score
            ranked = sorted(merged.items(), key=lambda kv: -kv[1])[:n_best]
            out.append([Candidate(t, s) for t, s in ranked] or [Candidate("", 0.0)])
        return out


_CACHE: dict[tuple[Any, ...], PackageTranslator] = {}
_CACHE_LOCK = threading.Lock()


def _package_translator(
    package: PackageInfo, threads: int | None, compute_type: str
) -> PackageTranslator:
    try:
        stamp = (package.path / "metadata.json").stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(package.path.resolve()), stamp, threads, compute_type)
    with _CACHE_LOCK:
        translator = _CACHE.get(key)
        if translator is None:
            translator = PackageTranslator(package, threads=threads, compute_type=compute_type)
            _CACHE[key] = translator
        return translator


def clear_cache() -> None:
    """Forget every loaded model (they are kept for the whole process otherwise)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _default_threads() -> int | None:
    value = os.environ.get("TERMGUARD_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def get_translator(
    from_code: str,
    to_code: str,
    *,
    models_dir: str | os.PathLike[str] | None = None,
    threads: int | None = None,
    compute_type: str = "int8",
) -> Translator:
    """A translator for the pair: the direct package, else a pivot (through English first).

    Raises ModelNotInstalledError naming the pair, what is installed and how to get a package.
    Models load on first use and stay loaded for the process, shared between pairs (the kk-en
    model of a kk->ru pivot is the same object as the direct kk->en translator). `threads` is how
    many batches CTranslate2 translates at once, one thread each (default: $TERMGUARD_THREADS,
    else the CPU count up to 4).
    """
    if from_code == to_code:
        raise ModelError(f"source and target are both '{from_code}'; nothing to translate")
    route: Route = require_route(from_code, to_code, resolve_models_dir(models_dir))
    threads = threads if threads is not None else _default_threads()
    legs = [_package_translator(p, threads, compute_type) for p in route.packages]
    if len(legs) == 1:
        return legs[0]
    return PivotTranslator(legs[0], legs[1])


def translate_text(text: str, translator: Translator) -> str:
    """Translate a whole document, keeping its layout; untranslatable segments stay as they are."""
    from termguard.translate.segment import rebuild, segment_text

    segments = segment_text(text, translator.from_code)
    todo = [s for s in segments if s.translatable]
    if not todo:
        return text
    cands = translator.translate_batch([s.text for s in todo], 1)
    return rebuild(text, segments, {s.index: c[0].text for s, c in zip(todo, cands, strict=True)})
