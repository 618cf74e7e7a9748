"""Build the tiny copy-trained .argosmodel packages committed under tests/data/models/.

Each package is a real Argos package (metadata.json, CTranslate2 model/, sentencepiece.model) whose
model was trained for a couple of minutes to copy its input. It translates nothing, but it runs the
whole real path: SentencePiece, CTranslate2 loading, beam search, n-best, pivoting, packing.

Recipe per language pair (seeds fixed, so a rerun on the same machine gives the same files):
  1. Text: the seed articles and the first lines of ../shared/corpora in both languages (plus
     Kazakh and Thai for en-ru, which receives them in kk->en->ru and th->en->ru pivots).
  2. A SentencePiece unigram vocabulary trained on that text (byte fallback, all characters).
  3. A transformers MarianMTModel (d_model 64, 2+2 layers, 4 heads, ffn 128) trained on a copy task
     over sentence-sized chunks, the source without </s> as in Argos packages.
  4. ctranslate2's TransformersConverter, int8.
  5. `termguard models pack` (the project's own CLI, so packing is exercised too).

torch, transformers and the converter live only in this script's own virtualenv (scripts/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPORA = ROOT.parent / "shared" / "corpora"

SEED_FILES = {
    "kk": ["000_91604382561779cc.txt", "001_29fb1f20a1e0c734.txt", "003_1d53c1ac4bf90a94.txt",
           "004_acfa8a8fb45634c8.txt"],
    "th": ["002_8ae3edba63096470.txt"],
    "en": [],
    "ru": [],
}  # fmt: skip

# (file under ../shared/corpora, how many lines, tab column or None)
CORPUS_FILES = {
    "kk": [("parallel/wmt19_kk_en/newstest2019.kk-en.kk", 800, None),
           ("parallel/tatoeba/kaz-rus.kaz", 600, None),
           ("parallel/tatoeba/eng-kaz.kaz", 300, None),
           ("mono/kaznerd_test_valid_sentences_kk.tsv", 1200, 2)],
    "en": [("parallel/ntrex128/newstest2019-src.eng.txt", 1200, None),
           ("parallel/tatoeba/eng-kaz.eng", 300, None),
           ("parallel/flores200_devtest/eng_Latn.devtest", 600, None)],
    "ru": [("parallel/ntrex128/newstest2019-ref.rus.txt", 1200, None),
           ("parallel/tatoeba/kaz-rus.rus", 600, None),
           ("parallel/flores200_devtest/rus_Cyrl.devtest", 600, None)],
    "th": [("parallel/ntrex128/newstest2019-ref.tha.txt", 1200, None),
           ("parallel/tatoeba/eng-tha.tha", 600, None),
           ("parallel/flores200_devtest/tha_Thai.devtest", 400, None),
           ("mono/thaigov_domain_sentences_th.tsv", 40, 1)],
}  # fmt: skip

PAIRS = {"kk-en": 11, "en-ru": 12, "th-en": 13}  # pair -> random seed
VOCAB = {"kk-en": 1200, "en-ru": 2000, "th-en": 1400}
# Copy models pass their input on unchanged, so a pivot (kk->en->ru, th->en->ru) hands the second
# model Kazakh or Thai text: it learns to copy those too.
PASSENGERS = {"en-ru": ["kk", "th"]}
PASSENGER_LINES = 1500

# "tiny": the committed test packages. "bench": a model closer to a real one in size (about 10 MB
# int8), for bench/bench_engine.py only, never committed: batching pays off when the weights no
# longer fit in the CPU cache, which a 0.5 MB model cannot show.
SIZES = {
    "tiny": {"d_model": 64, "layers": 2, "heads": 4, "ffn": 128, "lr": 3e-3},
    "bench": {"d_model": 256, "layers": 3, "heads": 4, "ffn": 1024, "lr": 1e-3},
}

MAX_TOKENS = 72
_SENT = re.compile(r"(?<=[.!?…])\s+")


def read_lines(lang: str) -> list[str]:
    """Seed lines and corpus lines of one language, in a fixed order."""
    lines: list[str] = []
    for name in SEED_FILES[lang]:
        lines += (SEEDS / name).read_text(encoding="utf-8").splitlines()
    for rel, count, column in CORPUS_FILES[lang]:
        rows = (CORPORA / rel).read_text(encoding="utf-8").splitlines()
        if column is not None:
            rows = [r.split("\t")[column] for r in rows[1:] if r.count("\t") >= column]
        lines += rows[:count]
    return [" ".join(line.split()) for line in lines if line.strip()]


def chunks(line: str, rng: random.Random) -> list[str]:
    """Sentence-sized pieces of a line, plus a short random span so short inputs copy well too."""
    out: list[str] = []
    for sentence in _SENT.split(line):
        words = sentence.split()
        for i in range(0, len(words), 24):
            piece = words[i : i + 24]
            out.append(" ".join(piece))
            if len(piece) > 3:
                n = rng.randint(1, min(6, len(piece)))
                j = rng.randint(0, len(piece) - n)
                out.append(" ".join(piece[j : j + n]))
    return out


def train_spm(texts: list[str], prefix: Path, vocab_size: int) -> None:
    import sentencepiece as spm

    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(texts) + "\n", encoding="utf-8")
    # The model file records its input and prefix paths: relative names keep it reproducible.
    with contextlib.chdir(prefix.parent):
        _train_spm(spm, corpus.name, prefix.name, vocab_size)


def _train_spm(spm: Any, corpus: str, prefix: str, vocab_size: int) -> None:
    spm.SentencePieceTrainer.train(
        input=corpus,
        model_prefix=prefix,
        model_type="unigram",
        vocab_size=vocab_size,
        character_coverage=1.0,
        byte_fallback=True,
        unk_id=0,
        eos_id=1,
        bos_id=-1,
        pad_id=-1,
        num_threads=1,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        minloglevel=2,
    )


def build_pair(
    pair: str, seed: int, out_dir: Path, steps: int, work: Path, size: str = "tiny"
) -> Path:
    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel

    src, tgt = pair.split("-")
    rng = random.Random(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)

    lines = read_lines(src) + read_lines(tgt)
    for lang in PASSENGERS.get(pair, []):
        lines += read_lines(lang)[:PASSENGER_LINES]
    texts = [c for line in lines for c in chunks(line, rng)]
    vocab_size = VOCAB[pair]
    prefix = work / f"{pair}-spm"
    train_spm(lines, prefix, vocab_size)
    sp = spm.SentencePieceProcessor(model_file=str(prefix) + ".model")
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pad_id = len(pieces)  # <pad> must be the last id: the CTranslate2 Marian loader drops it
    eos_id = sp.eos_id()

    data = [ids[:MAX_TOKENS] for ids in sp.encode(texts) if ids]
    rng.shuffle(data)
    print(f"{pair}: {len(lines)} lines, {len(data)} chunks, vocab {len(pieces) + 1}", flush=True)

    shape = SIZES[size]
    config = MarianConfig(
        vocab_size=pad_id + 1,
        decoder_vocab_size=pad_id + 1,
        d_model=shape["d_model"],
        encoder_layers=shape["layers"],
        decoder_layers=shape["layers"],
        encoder_attention_heads=shape["heads"],
        decoder_attention_heads=shape["heads"],
        encoder_ffn_dim=shape["ffn"],
        decoder_ffn_dim=shape["ffn"],
        max_position_embeddings=512,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=eos_id,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    # CTranslate2 starts the decoder from a zero vector where transformers embeds <pad>; with tied
    # embeddings the output layer's gradient moves the <pad> row, so keep it at zero throughout.
    shared = model.get_input_embeddings().weight
    with torch.no_grad():
        shared[pad_id].zero_()
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=shape["lr"], weight_decay=0.0)
    warmup = 100
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.1, 1.0 - s / steps)
    )
    batch = 48
    # Curriculum: short chunks first, so cross-attention finds the copy alignment early; without
    # it some seeds never leave the "fluent nonsense" plateau.
    short = [ids for ids in data if len(ids) <= 12]
    t0 = time.time()
    for step in range(steps):
        pool = short if step < steps // 4 else data
        rows = [pool[(step * batch + k) % len(pool)] for k in range(batch)]
        width = max(len(r) for r in rows)
        src_ids = torch.full((batch, width), pad_id)
        mask = torch.zeros((batch, width), dtype=torch.long)
        labels = torch.full((batch, width + 1), -100)
        for k, r in enumerate(rows):
            src_ids[k, : len(r)] = torch.tensor(r)
            mask[k, : len(r)] = 1
            labels[k, : len(r) + 1] = torch.tensor([*r, eos_id])
        loss = model(input_ids=src_ids, attention_mask=mask, labels=labels).loss
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        with torch.no_grad():
            shared[pad_id].zero_()
        if step % 250 == 0 or step == steps - 1:
            print(f"  step {step:5d} loss {loss.item():.3f} ({time.time() - t0:.0f} s)", flush=True)

    hf_dir = work / f"{pair}-hf"
    model.save_pretrained(hf_dir)
    vocab = {p: i for i, p in enumerate(pieces)}
    vocab["<pad>"] = pad_id
    (hf_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    shutil.copy(str(prefix) + ".model", hf_dir / "source.spm")
    shutil.copy(str(prefix) + ".model", hf_dir / "target.spm")
    tok_config = {
        "tokenizer_class": "MarianTokenizer",
        "source_lang": src,
        "target_lang": tgt,
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "model_max_length": 512,
        "separate_vocabs": False,
    }
    (hf_dir / "tokenizer_config.json").write_text(json.dumps(tok_config), encoding="utf-8")

    ct2_dir = work / f"{pair}-ct2"
    ctranslate2.converters.TransformersConverter(str(hf_dir)).convert(
        str(ct2_dir), quantization="int8", force=True
    )

    check = ctranslate2.Translator(str(ct2_dir), compute_type="int8")
    probe = [line for line in read_lines(src)[:400:40]]
    tokens = [sp.encode(s, out_type=str)[:MAX_TOKENS] for s in probe]
    results = check.translate_batch(tokens, beam_size=4, max_decoding_length=2 * MAX_TOKENS)
    exact = 0
    for s, toks, r in zip(probe, tokens, results, strict=True):
        out = sp.decode_pieces(r.hypotheses[0])
        exact += out == sp.decode_pieces(toks)
        print(f"  {s[:50]!r} -> {out[:50]!r}")
    print(f"  copied exactly: {exact}/{len(probe)}", flush=True)

    out = out_dir / f"translate-{src}_{tgt}-1_0.argosmodel"
    subprocess.run(
        ["uv", "run", "--frozen", "--project", str(ROOT), "termguard", "models", "pack",
         "--ct2-model", str(ct2_dir), "--sp-model", str(prefix) + ".model",
         "--from", src, "--to", tgt, "--version", "1.0", "-o", str(out)],
        check=True,
    )  # fmt: skip
    print(f"  wrote {out} ({out.stat().st_size / 1024:.0f} KB)", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", default=list(PAIRS), help="e.g. kk-en en-ru th-en")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "models")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for pair in args.pairs:
        if pair not in PAIRS:
            parser.error(f"unknown pair {pair}; choose from {', '.join(PAIRS)}")
        with tempfile.TemporaryDirectory() as tmp:
            build_pair(pair, PAIRS[pair], args.out, args.steps, Path(tmp), args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
