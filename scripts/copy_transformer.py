"""A Marian transformer whose weights are set by hand so that it copies its input, at any size.

No training and no torch: numpy writes the weights as an original Marian/OPUS-MT release stores them
(a .npz with `special:model.yml`, a vocabulary .yml and decoder.yml), and CTranslate2's own Marian
converter turns that into a CTranslate2 model. Every weight matrix is dense and of the full size, so
the model costs what a trained one of the same shape costs (the kernels do not look at the values),
but its output is known: a copy of the input, then </s>. So every way of running it does the same
work (output length = input length), and a bench can check that each path returned the same text.

How it copies (post-norm transformer, tied embeddings, learned positions):
  - the model dimension is split into a token part (the first d - 64 dimensions) and a position
    part (the last 64); token embeddings and position vectors are random unit vectors, each in its
    own part, so LayerNorm sees vectors of constant norm;
  - every layer is an identity up to noise (output projections ~1e-3), except the cross-attention
    of the last decoder layer: its queries and keys read only the position part, so decoder step t
    attends to source position t, and its output projection amplifies the token part of what it
    read, so the step's output is the source token at t. The source ends with </s>
    (add_source_eos), so the copy ends there too. The margin over the next token is about 30 nats
    at d_model 512, so beam search, n-best, batching and int8 kernels all agree on the copy.

Used by scripts/build_model_layouts.py (the original OPUS-MT release layout and the Argos-index
packages) and bench/bench_engine.py (a transformer-base model, d_model 512, 6+6 layers, 32k vocab).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

POS_DIMS = 64
MAX_POSITIONS = 1024


@dataclass(frozen=True)
class Shape:
    d_model: int = 512
    layers: int = 6
    heads: int = 8
    ffn: int = 2048


BASE = Shape()  # transformer-base, as OPUS-MT and Argos ship
TINY = Shape(d_model=256, layers=2, heads=4, ffn=512)


def _unit_rows(rng: np.random.Generator, n: int, dims: int) -> np.ndarray:
    rows = rng.standard_normal((n, dims))
    rows -= rows.mean(axis=1, keepdims=True)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def _noise(rng: np.random.Generator, shape: tuple[int, ...], scale: float = 1e-3) -> np.ndarray:
    return (scale * rng.standard_normal(shape)).astype(np.float32)


def copy_weights(vocab_size: int, shape: Shape, seed: int = 0) -> dict[str, np.ndarray]:
    """Marian parameter arrays (names as in a Marian .npz) of a copying transformer."""
    rng = np.random.default_rng(seed)
    d, ffn = shape.d_model, shape.ffn
    tok_dims = d - POS_DIMS
    head_dim = d // shape.heads
    if head_dim < POS_DIMS and POS_DIMS % head_dim:
        raise ValueError("each head must see the whole position part")
    scale = 2.0  # embedding norm; CTranslate2 multiplies embeddings by sqrt(d_model)
    emb = np.zeros((vocab_size, d), dtype=np.float32)
    emb[:, :tok_dims] = scale * _unit_rows(rng, vocab_size, tok_dims)
    pos = np.zeros((MAX_POSITIONS, d), dtype=np.float32)
    pos[:, tok_dims:] = scale * np.sqrt(d) * _unit_rows(rng, MAX_POSITIONS, POS_DIMS)

    w: dict[str, np.ndarray] = {"Wemb": emb, "Wpos": pos}
    ones, zeros = np.ones((1, d), np.float32), np.zeros((1, d), np.float32)

    def identity_block(prefix: str, kinds: list[str]) -> None:
        for kind in kinds:
            for m in "qkvo":
                w[f"{prefix}_{kind}_W{m}"] = _noise(rng, (d, d), 0.05 if m != "o" else 1e-3)
                w[f"{prefix}_{kind}_b{m}"] = np.zeros((1, d), np.float32)
            w[f"{prefix}_{kind}_Wo_ln_scale"], w[f"{prefix}_{kind}_Wo_ln_bias"] = ones, zeros
        w[f"{prefix}_ffn_W1"] = _noise(rng, (d, ffn), 0.05)
        w[f"{prefix}_ffn_b1"] = np.zeros((1, ffn), np.float32)
        w[f"{prefix}_ffn_W2"] = _noise(rng, (ffn, d), 1e-3)
        w[f"{prefix}_ffn_b2"] = zeros
        w[f"{prefix}_ffn_ffn_ln_scale"], w[f"{prefix}_ffn_ffn_ln_bias"] = ones, zeros

    for i in range(1, shape.layers + 1):
        identity_block(f"encoder_l{i}", ["self"])
        identity_block(f"decoder_l{i}", ["self", "context"])

    # The last cross-attention copies: Marian stores W as (in, out), heads are consecutive blocks
    # of out dimensions; each head's queries and keys are the position part.
    last = f"decoder_l{shape.layers}_context"
    wq = np.zeros((d, d), np.float32)
    for h in range(shape.heads):
        for j in range(head_dim):
            wq[tok_dims + j % POS_DIMS, h * head_dim + j] = 1.0
    w[f"{last}_Wq"] = wq + _noise(rng, (d, d))
    w[f"{last}_Wk"] = wq.copy() + _noise(rng, (d, d))
    w[f"{last}_Wv"] = np.eye(d, dtype=np.float32) + _noise(rng, (d, d))
    wo = np.zeros((d, d), np.float32)
    wo[:tok_dims, :tok_dims] = 10.0 * np.eye(tok_dims, dtype=np.float32)
    w[f"{last}_Wo"] = wo + _noise(rng, (d, d))
    w["decoder_ff_logit_out_b"] = np.zeros((1, vocab_size), np.float32)
    return w


def marian_config(vocab_size: int, shape: Shape) -> dict[str, Any]:
    """The `special:model.yml` options of an OPUS-MT transformer (post-norm, tied embeddings)."""
    return {
        "type": "transformer",
        "dim-vocabs": [vocab_size, vocab_size],
        "dim-emb": shape.d_model,
        "enc-depth": shape.layers,
        "dec-depth": shape.layers,
        "transformer-heads": shape.heads,
        "transformer-dim-ffn": shape.ffn,
        "transformer-ffn-activation": "relu",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-postprocess-top": "",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "transformer-train-position-embeddings": True,
        "tied-embeddings-all": True,
        "max-length": MAX_POSITIONS,
    }


def _yaml_token(token: str) -> str:
    # CTranslate2's reader unquotes "..." and unescapes backslashes; Marian writes it this way.
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_vocab_yml(tokens: list[str], path: Path) -> None:
    path.write_text(
        "".join(f"{_yaml_token(t)}: {i}\n" for i, t in enumerate(tokens)), encoding="utf-8"
    )


def write_marian_release(
    folder: Path, tokens: list[str], shape: Shape, seed: int = 0, name: str = "opus.spm32k-spm32k"
) -> Path:
    """An OPUS-MT release folder (npz, vocab .yml, decoder.yml) with a copying model."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    weights = copy_weights(len(tokens), shape, seed)
    config = yaml.safe_dump(marian_config(len(tokens), shape)).encode("utf-8")
    weights["special:model.yml"] = np.frombuffer(config + b"\0", dtype=np.int8)
    model = f"{name}.transformer-align.model1.npz.best-perplexity.npz"
    np.savez(folder / model, **weights)  # type: ignore[arg-type]
    write_vocab_yml(tokens, folder / f"{name}.vocab.yml")
    decoder = {
        "models": [model],
        "vocabs": [f"{name}.vocab.yml", f"{name}.vocab.yml"],
        "beam-size": 6,
        "normalize": 0.6,
        "word-penalty": 0,
        "mini-batch": 1,
        "maxi-batch": 1,
        "maxi-batch-sort": "src",
        "relative-paths": True,
    }
    (folder / "decoder.yml").write_text(yaml.safe_dump(decoder, sort_keys=False), encoding="utf-8")
    return folder


def vocabulary(
    sp_model: Path, size: int | None = None, extra: list[str] | None = None
) -> list[str]:
    """A Marian vocabulary from a SentencePiece model: </s>, <unk>, the pieces, `extra`, fillers.

    Fillers pad it to `size` entries (e.g. 32k, the size of a real model's vocabulary) when the
    SentencePiece model is smaller; they are never produced by the copy.
    """
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
    tokens = ["</s>", "<unk>"]
    seen = set(tokens)
    for i in range(sp.get_piece_size()):
        piece = sp.id_to_piece(i)
        if piece not in seen and not (sp.is_control(i) or sp.is_unknown(i)):
            tokens.append(piece)
            seen.add(piece)
    for token in extra or []:
        if token not in seen:
            tokens.append(token)
            seen.add(token)
    k = 0
    while size is not None and len(tokens) < size:
        tokens.append(f"<filler{k}>")
        k += 1
    return tokens


def convert_release(folder: Path, output: Path, quantization: str = "int8") -> Path:
    """A CTranslate2 model from an OPUS-MT release folder, by CTranslate2's OPUS-MT converter."""
    from ctranslate2.converters import OpusMTConverter

    OpusMTConverter(str(folder)).convert(str(output), quantization=quantization, force=True)
    return output


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
