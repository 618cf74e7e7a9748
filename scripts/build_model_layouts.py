"""Build small models in the exact layouts users download, for scripts/check_model_recipes.py.

Written under OUT (default: .venv-models/layouts), in the folder tree scripts/hub_mirror.py serves:

  hub/Helsinki-NLP/opus-mt-trk-en/        (a) an OPUS-MT model as the Hugging Face hub has it:
                                              config.json, pytorch_model.bin, source.spm,
                                              target.spm, vocab.json, tokenizer_config.json,
                                              metadata.json, README.md (random weights)
  hub/Helsinki-NLP/opus-mt-en-trk/        (c) the multi-target en->Turkic model: the same, with
                                              >>kaz_Cyrl<< and the other target tokens in vocab.json
  hub/facebook/nllb-200-distilled-600M/   (d) NLLB-200 (M2M100): config.json,
                                              generation_config.json, pytorch_model.bin,
                                              sentencepiece.bpe.model, tokenizer.json,
                                              tokenizer_config.json,
                                              special_tokens_map.json; the language codes
                                              (kaz_Cyrl, rus_Cyrl, tha_Thai, eng_Latn, ...) are
                                              added tokens after the SentencePiece pieces, as in
                                              the real tokenizer (random weights)
  files/eng-kaz/opus-2021-02-19.zip       (b) an original OPUS-MT (Tatoeba) release: Marian .npz +
                                              decoder.yml + vocab .yml + source.spm + target.spm
                                              (a hand-set copying model from
                                              scripts/copy_transformer.py)
  files/argos/translate-XX_YY-1_9.argosmodel
                                          (e) Argos-index packages en<->ru, en<->th: model/ with
                                              shared_vocabulary.txt, sentencepiece.model shared by
                                              both sides, stanza/, metadata.json, README.md
                                              (copying models)

Random weights are drawn with a fixed seed. Runs in the models virtualenv (torch, transformers,
sentencepiece, ctranslate2; `make recipes` makes it), never in termguard's.

    .venv-models/bin/python scripts/build_model_layouts.py [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import copy_transformer as ct
from build_tiny_models import read_lines

ROOT = Path(__file__).resolve().parent.parent

# Target-language tokens of opus-mt-en-trk, as listed in its model card.
TRK_TARGETS = [">>aze_Latn<<", ">>bak<<", ">>chv<<", ">>crh<<", ">>crh_Latn<<", ">>kaz_Cyrl<<",
               ">>kaz_Latn<<", ">>kir_Cyrl<<", ">>kjh<<", ">>krc<<", ">>kum<<", ">>ota_Arab<<",
               ">>ota_Latn<<", ">>sah<<", ">>tat<<", ">>tat_Arab<<", ">>tat_Latn<<", ">>tuk<<",
               ">>tuk_Latn<<", ">>tur<<", ">>tyv<<", ">>uig_Arab<<", ">>uig_Cyrl<<",
               ">>uzb_Cyrl<<", ">>uzb_Latn<<"]  # fmt: skip
ARGOS_PAIRS = [("en", "ru"), ("ru", "en"), ("en", "th"), ("th", "en")]
LANGS = ("kk", "en", "ru", "th")


def _text(langs: tuple[str, ...], lines: int = 600) -> list[str]:
    return [line for lang in langs for line in read_lines(lang)[:lines]]


def _spm(texts: list[str], path: Path, vocab_size: int, model_type: str = "unigram") -> Path:
    """A SentencePiece model at `path` (trained under relative names, so it is reproducible)."""
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        Path("corpus.txt").write_text("\n".join(texts) + "\n", encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input="corpus.txt", model_prefix="m", model_type=model_type, vocab_size=vocab_size,
            character_coverage=1.0, byte_fallback=True, num_threads=1, input_sentence_size=0,
            shuffle_input_sentence=False, minloglevel=2,
        )  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile("m.model", path)
    return path


def _pieces(sp_model: Path) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
    return [
        sp.id_to_piece(i)
        for i in range(sp.get_piece_size())
        if not (sp.is_control(i) or sp.is_unknown(i))
    ]


def _readme(title: str) -> str:
    return (
        f"# {title}\n\nA small stand-in built by termguard's scripts/build_model_layouts.py in the "
        "layout of the real model, with random weights; it translates nothing.\n"
    )


def marian_repo(repo: Path, src: str, tgt: str, names: tuple[str, str], extra: list[str],
                seed: int) -> Path:  # fmt: skip
    """(a)/(c): a Helsinki-NLP OPUS-MT repository with separate source and target spm."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    repo.mkdir(parents=True, exist_ok=True)
    source = _spm(_text((src,) if src != "trk" else ("kk",)), repo / "source.spm", 1000)
    target = _spm(_text((tgt,) if tgt != "trk" else ("kk",)), repo / "target.spm", 1000)
    # vocab.json as Helsinki-NLP converted it: Marian's joint vocabulary, <pad> last.
    tokens = ["</s>", "<unk>"]
    for piece in [*extra, *_pieces(source), *_pieces(target)]:
        if piece not in tokens:
            tokens.append(piece)
    tokens.append("<pad>")
    vocab = {t: i for i, t in enumerate(tokens)}
    pad = vocab["<pad>"]
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(tokens), decoder_vocab_size=len(tokens), d_model=64, encoder_layers=2,
        decoder_layers=2, encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=128, decoder_ffn_dim=128, max_position_embeddings=512,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        bad_words_ids=[[pad]], num_beams=4, max_length=512, scale_embedding=True,
        share_encoder_decoder_embeddings=True, architectures=["MarianMTModel"],
    )  # fmt: skip
    model = MarianMTModel(config).eval()
    # The hub's OPUS-MT repositories hold a pickled float32 state dict, not safetensors.
    torch.save(model.state_dict(), repo / "pytorch_model.bin")
    config.to_json_file(str(repo / "config.json"))
    ct.write_json(repo / "vocab.json", vocab)
    ct.write_json(
        repo / "tokenizer_config.json", {"target_lang": names[1], "source_lang": names[0]}
    )
    ct.write_json(
        repo / "metadata.json",
        {"src_name": names[0], "tgt_name": names[1], "short_pair": f"{src}-{tgt}",
         "prepro": "normalization + SentencePiece (spm32k,spm32k)"},
    )  # fmt: skip
    (repo / "README.md").write_text(_readme(f"opus-mt-{src}-{tgt}"), encoding="utf-8")
    return repo


def nllb_repo(repo: Path, seed: int) -> Path:
    """(d): facebook/nllb-200-distilled-600M in miniature (M2M100, NLLB tokenizer)."""
    import torch
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES, NllbTokenizer

    repo.mkdir(parents=True, exist_ok=True)
    spm_path = _spm(_text(LANGS, 400), repo / "sentencepiece.bpe.model", 2000, "bpe")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(spm_path, tmp)
        tok = NllbTokenizer.from_pretrained(
            tmp, extra_special_tokens=FAIRSEQ_LANGUAGE_CODES, src_lang="eng_Latn"
        )
        tok.save_pretrained(str(repo))
    config_path = repo / "tokenizer_config.json"
    tok_config = json.loads(config_path.read_text(encoding="utf-8"))
    for key in ("is_local", "local_files_only"):  # written by save_pretrained, not on the hub
        tok_config.pop(key, None)
    ct.write_json(config_path, tok_config)
    ct.write_json(
        repo / "special_tokens_map.json",
        {"additional_special_tokens": FAIRSEQ_LANGUAGE_CODES, "bos_token": "<s>",
         "cls_token": "<s>", "eos_token": "</s>", "mask_token": "<mask>", "pad_token": "<pad>",
         "sep_token": "</s>", "unk_token": "<unk>"},
    )  # fmt: skip
    torch.manual_seed(seed)
    config = M2M100Config(
        vocab_size=len(tok), d_model=64, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128,
        decoder_ffn_dim=128, max_position_embeddings=1024, scale_embedding=True,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
        tokenizer_class="NllbTokenizer", architectures=["M2M100ForConditionalGeneration"],
        max_length=200,
    )  # fmt: skip
    model = M2M100ForConditionalGeneration(config).eval()
    torch.save(model.state_dict(), repo / "pytorch_model.bin")
    config.to_json_file(str(repo / "config.json"))
    GenerationConfig.from_model_config(config).to_json_file(str(repo / "generation_config.json"))
    (repo / "README.md").write_text(_readme("nllb-200-distilled-600M"), encoding="utf-8")
    return repo


def opus_release(zip_path: Path, src: str, tgt: str, seed: int) -> Path:
    """(b): an original OPUS-MT release zip with a copying Marian model."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "release"
        source = _spm(_text((src,)), folder / "source.spm", 1000)
        _spm(_text((tgt,)), folder / "target.spm", 1000)
        tokens = ct.vocabulary(source, extra=_pieces(folder / "target.spm"))
        ct.write_marian_release(folder, tokens, ct.TINY, seed, name="opus.spm32k-spm32k")
        (folder / "README.md").write_text(_readme(f"{src}-{tgt} (OPUS-MT release)"), "utf-8")
        (folder / "LICENSE").write_text("CC-BY 4.0 (stand-in)\n", encoding="utf-8")
        (folder / "preprocess.sh").write_text("#!/bin/bash\n# spm_encode --model $2\n", "utf-8")
        (folder / "postprocess.sh").write_text("#!/bin/bash\nsed 's/ //g;s/▁/ /g'\n", "utf-8")
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(folder.iterdir()):  # a release zip has its files at the top
                zf.write(f, f.name)
    return zip_path


def argos_package(out: Path, src: str, tgt: str, seed: int) -> Path:
    """(e): an .argosmodel as the Argos index ships it (shared vocabulary, stanza/)."""
    with tempfile.TemporaryDirectory() as tmp:
        top = f"translate-{src}_{tgt}-1_9"
        pkg = Path(tmp) / top
        sp_model = _spm(_text(LANGS, 500), pkg / "sentencepiece.model", 1500)
        release = ct.write_marian_release(Path(tmp) / "rel", ct.vocabulary(sp_model), ct.TINY, seed)
        ct.convert_release(release, pkg / "model")
        # Older Argos packages carry the vocabulary as text, one token a line.
        vocab_json = pkg / "model" / "shared_vocabulary.json"
        tokens = json.loads(vocab_json.read_text(encoding="utf-8"))
        (pkg / "model" / "shared_vocabulary.txt").write_text("\n".join(tokens) + "\n", "utf-8")
        vocab_json.unlink()
        for lang in (src,):
            stanza = pkg / "stanza" / lang / "tokenize"
            stanza.mkdir(parents=True)
            (stanza / "default.pt").write_bytes(b"stanza tokenizer stand-in\n")
        ct.write_json(pkg / "stanza" / "resources.json", {src: {"tokenize": {"default": {}}}})
        names = {"en": "English", "ru": "Russian", "th": "Thai"}
        ct.write_json(
            pkg / "metadata.json",
            {"package_version": "1.9", "argos_version": "1.9.0", "from_code": src,
             "from_name": names[src], "to_code": tgt, "to_name": names[tgt]},
        )  # fmt: skip
        (pkg / "README.md").write_text(_readme(f"Argos {src}->{tgt}"), encoding="utf-8")
        path = out / f"{top}.argosmodel"
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(pkg.rglob("*")):
                zf.write(f, f"{top}/{f.relative_to(pkg).as_posix()}")
    return path


def build(out: Path) -> None:
    hub, files = out / "hub", out / "files"
    if out.exists():
        shutil.rmtree(out)
    marian_repo(hub / "Helsinki-NLP" / "opus-mt-trk-en", "trk", "en", ("trk", "eng"), [], 21)
    print("built (a) Helsinki-NLP/opus-mt-trk-en", flush=True)
    opus_release(files / "eng-kaz" / "opus-2021-02-19.zip", "en", "kk", 22)
    print("built (b) eng-kaz OPUS-MT release", flush=True)
    marian_repo(
        hub / "Helsinki-NLP" / "opus-mt-en-trk", "en", "trk", ("eng", "trk"), TRK_TARGETS, 23
    )
    print("built (c) Helsinki-NLP/opus-mt-en-trk", flush=True)
    nllb_repo(hub / "facebook" / "nllb-200-distilled-600M", 24)
    print("built (d) facebook/nllb-200-distilled-600M", flush=True)
    for k, (src, tgt) in enumerate(ARGOS_PAIRS):
        argos_package(files / "argos", src, tgt, 30 + k)
    print("built (e) Argos-index packages en<->ru, en<->th", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".venv-models" / "layouts")
    args = parser.parse_args(argv)
    build(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
