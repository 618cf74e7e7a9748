"""Tests for scripts/copy_transformer.py: the hand-set copying model of the benches and recipes."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import copy_transformer as ct  # noqa: E402

pytestmark = pytest.mark.engine  # its margins must hold under every CPU kernel family


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small copying model converted by CTranslate2's OPUS-MT converter, and its spm."""
    tmp = tmp_path_factory.mktemp("copy")
    with zipfile.ZipFile(ROOT / "tests/data/models/translate-en_ru-1_0.argosmodel") as zf:
        name = next(n for n in zf.namelist() if n.endswith("/sentencepiece.model"))
        (tmp / "sp.model").write_bytes(zf.read(name))
    tokens = ct.vocabulary(tmp / "sp.model", size=3000)
    release = ct.write_marian_release(tmp / "release", tokens, ct.TINY, seed=1)
    return ct.convert_release(release, tmp / "ct2"), tmp / "sp.model"


def test_release_layout_and_vocabulary(model: tuple[Path, Path]) -> None:
    """The release folder has what ct2-opus-mt-converter reads; fillers pad the vocabulary."""
    release = model[0].parent / "release"
    names = {p.name for p in release.iterdir()}
    assert "decoder.yml" in names and "opus.spm32k-spm32k.vocab.yml" in names
    assert any(n.endswith(".npz") for n in names)
    tokens = ct.vocabulary(model[1], size=3000)
    assert tokens[:2] == ["</s>", "<unk>"] and len(tokens) == 3000 == len(set(tokens))


def test_output_is_the_input_on_every_path(model: tuple[Path, Path]) -> None:
    """Greedy, beam 4 with n-best and batched decoding all return the input, then stop."""
    import ctranslate2
    import sentencepiece

    ct2_dir, sp_model = model
    sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
    text = (ROOT / "seeds" / "000_91604382561779cc.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if len(line) > 40][:6]
    lines += ["Ассамблея жиналды", "ภาคประชาสังคม", "A"]
    tokens = sp.encode(lines, out_type=str)
    translator = ctranslate2.Translator(str(ct2_dir), compute_type="int8")
    for options in ({"beam_size": 1}, {"beam_size": 4, "num_hypotheses": 3}):
        for size in (1, 16):
            results = translator.translate_batch(
                tokens, max_batch_size=size, max_decoding_length=400, **options
            )
            assert [r.hypotheses[0] for r in results] == tokens
            # every hypothesis, not only the best, has the input's length: the same work
            assert all(
                len(h) == len(t) for r, t in zip(results, tokens, strict=True) for h in r.hypotheses
            )
