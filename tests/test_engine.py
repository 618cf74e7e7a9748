"""Tests for termguard.translate.engine on the real tiny copy-trained models in tests/data/models.

The tiny models were trained to copy their input, so a good translation here is the input itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termguard.errors import ModelError, ModelNotInstalledError
from termguard.translate import engine
from termguard.translate.engine import (
    Candidate,
    PackageTranslator,
    PivotTranslator,
    _collapse_loops,
    get_translator,
    has_route,
    installed_pairs,
    translate_text,
)
from termguard.translate.packages import install_package

pytestmark = pytest.mark.engine  # run under every CPU kernel family: scripts/cpu_variants.py

MODELS = Path(__file__).resolve().parent / "data" / "models"
SHORT_KK = ["Алматы", "Азаматтық қоғам", "Медиация туралы айтылды.", "Ассамблея жиналды"]


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every committed tiny package installed into a fresh packages folder."""
    root = tmp_path_factory.mktemp("packages")
    for package in sorted(MODELS.glob("*.argosmodel")):
        install_package(package, root)
    return root


def test_installed_pairs_and_routes(models_dir: Path) -> None:
    """The committed packages give kk->en and en->ru directly and kk->ru through English."""
    pairs = installed_pairs(models_dir)
    assert ("kk", "en") in pairs and ("en", "ru") in pairs
    assert has_route("kk", "ru", models_dir)
    assert not has_route("ru", "kk", models_dir)


def test_direct_translation_copies_short_sentences(models_dir: Path) -> None:
    """kk->en through the real loading path returns the tiny model's copy, one per sentence."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    assert isinstance(translator, PackageTranslator)
    assert (translator.from_code, translator.to_code, translator.name) == ("kk", "en", "kk-en 1.0")
    out = translator.translate_batch(SHORT_KK)
    assert [c[0].text for c in out] == SHORT_KK
    assert all(len(c) == 1 for c in out)


def test_n_best_is_ranked_distinct_and_scored(models_dir: Path) -> None:
    """n_best gives up to n distinct candidates per sentence, best first, with log-prob scores."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    out = translator.translate_batch(SHORT_KK, n_best=4)
    for sentence, cands in zip(SHORT_KK, out, strict=True):
        assert 2 <= len(cands) <= 4
        assert cands[0].text == sentence
        texts = [c.text for c in cands]
        assert len(set(texts)) == len(texts)
        scores = [c.score for c in cands]
        assert scores == sorted(scores, reverse=True)
        assert all(s <= 0.0 for s in scores)


def test_empty_blank_and_duplicate_inputs(models_dir: Path) -> None:
    """Empty in gives empty out; blanks give one empty candidate; duplicates share one result."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    assert translator.translate_batch([]) == []
    out = translator.translate_batch(["", "Алматы", "  ", "Алматы"])
    assert out[0] == [Candidate("", 0.0)] and out[2] == [Candidate("", 0.0)]
    assert out[1] == out[3] and out[1][0].text == "Алматы"
    with pytest.raises(ValueError, match="n_best"):
        translator.translate_batch(["Алматы"], n_best=0)


def test_many_sentences_keep_their_order(models_dir: Path) -> None:
    """More sentences than one batch, of mixed lengths, come back aligned with their inputs."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    words = ["Алматы", "қала", "ұйым", "қоғам", "Астана", "бірлестік", "жиын"]
    sentences = [" ".join(words[(i + k) % 7] for k in range(1 + i % 6)) for i in range(70)]
    out = [c[0].text for c in translator.translate_batch(sentences)]
    assert [o.split()[0] for o in out] == [s.split()[0] for s in sentences]
    assert sum(o == s for o, s in zip(out, sentences, strict=True)) >= 63


def test_pivot_keeps_n_best_through_english(models_dir: Path) -> None:
    """kk->ru without a direct package goes kk->en->ru and still returns ranked n-best lists.

    What the pivot guarantees, whatever the CPU's kernels make of a tiny model: every candidate is
    a second-hop translation of a first-hop candidate, scored as the sum of the two hops, the
    list is ranked and holds the best such composition.
    """
    translator = get_translator("kk", "ru", models_dir=models_dir)
    assert isinstance(translator, PivotTranslator)
    assert translator.name == "kk-en 1.0 + en-ru 1.0"
    assert (translator.from_code, translator.to_code, translator.via) == ("kk", "ru", "en")
    words = ["Алматы", "Конституция", "Астана", "Азаматтық қоғам"]
    out = translator.translate_batch(words, n_best=3)
    assert len(out) == len(words)
    for word, cands in zip(words, out, strict=True):
        assert 1 <= len(cands) <= 3
        assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)
        assert len({c.text for c in cands}) == len(cands)
        composed: dict[str, float] = {}
        for c1 in translator.first.translate_batch([word], 3)[0]:
            for c2 in translator.second.translate_batch([c1.text], 3)[0]:
                composed[c2.text] = max(composed.get(c2.text, -1e9), c1.score + c2.score)
        for c in cands:
            assert c.text in composed and c.score == pytest.approx(composed[c.text], abs=1e-4)
        assert cands[0].score == pytest.approx(max(composed.values()), abs=1e-4)
    assert sum(len(c) > 1 for c in out) >= 2  # n-best survives both hops
    assert translator.translate_batch([]) == []


def test_thai_package_and_thai_pivot(models_dir: Path) -> None:
    """th->en copies Thai text; th->ru is offered through English."""
    translator = get_translator("th", "en", models_dir=models_dir)
    thai = ["คาซัคสถาน", "ภาคประชาสังคม"]
    assert [c[0].text for c in translator.translate_batch(thai)] == thai
    assert get_translator("th", "ru", models_dir=models_dir).name == "th-en 1.0 + en-ru 1.0"


def test_models_are_loaded_once_and_shared(models_dir: Path) -> None:
    """get_translator returns the same loaded model for a pair and for the pivot's first leg."""
    direct = get_translator("kk", "en", models_dir=models_dir)
    assert get_translator("kk", "en", models_dir=models_dir) is direct
    pivot = get_translator("kk", "ru", models_dir=models_dir)
    assert isinstance(pivot, PivotTranslator)
    assert pivot.first is direct


def test_missing_model_error_names_pair_and_installed(models_dir: Path) -> None:
    """No route: the error names the pair, lists what is installed and says how to get one."""
    with pytest.raises(ModelNotInstalledError) as err:
        get_translator("ru", "kk", models_dir=models_dir)
    message = str(err.value)
    assert "no model for ru->kk" in message
    assert "kk->en 1.0" in message and "en->ru 1.0" in message
    assert "termguard models install" in message
    with pytest.raises(ModelNotInstalledError, match=r"installed: none"):
        get_translator("kk", "en", models_dir=models_dir / "empty")
    with pytest.raises(ModelError, match="both 'kk'"):
        get_translator("kk", "kk", models_dir=models_dir)


def test_broken_model_file_is_a_model_error(tmp_path: Path) -> None:
    """A damaged model.bin is found at first use and reported as ModelError, not a traceback."""
    install_package(MODELS / "translate-kk_en-1_0.argosmodel", tmp_path)
    (tmp_path / "translate-kk_en-1_0" / "model" / "model.bin").write_bytes(b"broken")
    translator = get_translator("kk", "en", models_dir=tmp_path)
    with pytest.raises(ModelError, match="the model cannot be loaded"):
        translator.translate_batch(["Алматы"])


def test_long_sentence_is_translated_in_pieces(
    models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence longer than the model's input limit is cut at word starts and joined back."""
    monkeypatch.setattr(engine, "MAX_INPUT_TOKENS", 8)
    translator = get_translator("kk", "en", models_dir=models_dir)
    sentence = "Азаматтық қоғам институттары мемлекеттің серіктесі Алматы қаласы"
    assert len(translator._encode([sentence])[0]) > 16  # at least three pieces
    out = translator.translate_batch([sentence], n_best=2)
    assert out[0][0].text == sentence


def test_decoding_is_bounded_by_input_length(models_dir: Path) -> None:
    """A one-token input cannot grow into a long output: decoding length follows input length."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    assert isinstance(translator, PackageTranslator)
    out = translator.translate_batch(["A", "1"], n_best=4)
    for cands in out:
        for c in cands:
            assert len(c.text) <= 40


def test_collapse_loops_cuts_repeats_beyond_two() -> None:
    """Back-to-back repeats of an n-gram are cut to two; ordinary repeats are kept."""
    assert _collapse_loops(list("abababab")) == list("abab")
    assert _collapse_loops(["▁A"] * 20) == ["▁A", "▁A"]
    assert _collapse_loops(list("xyzxyzxyzq")) == list("xyzxyzq")
    assert _collapse_loops(list("very very good")) == list("very very good")


def test_translate_text_keeps_layout_and_passthrough(models_dir: Path) -> None:
    """translate_text rebuilds a document: gaps, bullets and numbers stay, sentences translated."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    layout = "  • A\n  • $ 446.49\n+21 °C\n{0}\n\n{1}  {2}\n"
    sentences = ["Алматы", "Азаматтық қоғам.", "Медиация туралы айтылды."]
    doc = layout.format(*sentences)
    # each sentence is put back where it was, as the engine translates it on its own
    expected = layout.format(*(c[0].text for c in translator.translate_batch(sentences)))
    assert translate_text(doc, translator) == expected
    assert translate_text("", translator) == ""


def test_cli_import_loads_no_engine_library() -> None:
    """Importing the CLI and the engine modules loads neither ctranslate2 nor sentencepiece."""
    probe = (
        "import sys, termguard.cli, termguard.translate.engine, termguard.translate.segment\n"
        "print([m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'pysbd') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_progress_is_reported_per_batch_also_inside_a_pivot(models_dir: Path) -> None:
    """translate_batch reports the share done as each batch returns; a pivot, each hop."""
    words = ["Алматы", "қала", "ұйым", "қоғам", "Астана", "бірлестік", "жиын"]
    sentences = [
        " ".join(words[(i + k) % 7] for k in range(1 + i % 5)) + f" {i}" for i in range(40)
    ]
    direct = get_translator("kk", "en", models_dir=models_dir)
    pivot = get_translator("kk", "ru", models_dir=models_dir)
    assert isinstance(direct, PackageTranslator) and isinstance(pivot, PivotTranslator)
    hops = [direct, pivot.first, pivot.second]
    default = PackageTranslator(direct.package).max_batch_size
    seen: list[float] = []
    try:
        for t in hops:  # the translators are shared: the default goes back after
            t.max_batch_size = 16
        direct.translate_batch(sentences, 2, seen.append)
        assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0  # batches of <= 16
        seen.clear()
        pivot.translate_batch(sentences, 2, seen.append)
    finally:
        for t in hops:
            t.max_batch_size = default
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert any(0 < f < 0.5 for f in seen) and any(0.5 < f < 1 for f in seen)


class _Variants:
    """A translator whose i-th candidate of s is 's|i'; it records (inputs, n_best) per call."""

    def __init__(self, from_code: str, to_code: str) -> None:
        self.from_code, self.to_code, self.name = from_code, to_code, f"{from_code}-{to_code} 0"
        self.calls: list[tuple[int, int]] = []

    def translate_batch(
        self, sentences: list[str], n_best: int = 1, on_progress: object = None
    ) -> list[list[Candidate]]:
        self.calls.append((len(sentences), n_best))
        return [[Candidate(f"{s}|{i}", -0.1 * (i + 1)) for i in range(n_best)] for s in sentences]


@pytest.mark.parametrize(
    ("n_best", "second_inputs", "second_n"), [(8, 4, 2), (32, 4, 8), (2, 2, 1)]
)
def test_pivot_second_hop_has_a_fixed_budget(
    n_best: int, second_inputs: int, second_n: int
) -> None:
    """A pivot re-translates the 4 best first-hop candidates, with ceil(n/4) candidates each."""
    first, second = _Variants("kk", "en"), _Variants("en", "ru")
    out = PivotTranslator(first, second).translate_batch(["a", "b"], n_best=n_best)
    assert first.calls == [(2, min(n_best, 4))]
    assert second.calls == [(2 * second_inputs, second_n)]
    for cands in out:
        assert len(cands) == second_inputs * second_n == len({c.text for c in cands})
        assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)
    # The old way, kept for the bench: n first-hop candidates with n-best n each.
    first, second = _Variants("kk", "en"), _Variants("en", "ru")
    PivotTranslator(first, second, candidates=None).translate_batch(["a"], n_best=n_best)
    assert second.calls == [(n_best, n_best)]


def test_batches_shrink_as_the_beam_and_the_sentences_grow(models_dir: Path) -> None:
    """Each CTranslate2 call stays within the hypothesis and hypothesis-token budgets."""
    translator = get_translator("kk", "en", models_dir=models_dir)
    assert isinstance(translator, PackageTranslator)
    translator.load()
    model = translator._model
    calls: list[tuple[int, int, int]] = []

    class Recording:
        def translate_batch(self, batch, **options):  # type: ignore[no-untyped-def]
            calls.append((len(batch), options["beam_size"], max(len(t) for t in batch)))
            return model.translate_batch(batch, **options)

    translator._model = Recording()
    try:
        short = [f"Алматы {i}" for i in range(40)]
        long = [
            " ".join(["Қазақстан Республикасының Конституциясы", str(i)] * 3) for i in range(12)
        ]
        widest: dict[tuple[int, int], int] = {}
        for size, sentences, beams in ((0, short, (1, 8, 32)), (1, long, (1, 8))):
            for n_best in beams:
                calls.clear()
                out = translator.translate_batch(sentences, n_best=n_best)
                assert len(out) == len(sentences) and all(out)
                # a sentence over MAX_INPUT_TOKENS goes in pieces, each an item of its own
                assert sum(n for n, _, _ in calls) >= len(sentences)
                widest[size, n_best] = max(n for n, _, _ in calls)
                assert max(n * beam for n, beam, _ in calls) <= engine.MAX_BATCH_HYPOTHESES
                assert all(
                    n == 1 or n * beam * longest <= engine.MAX_BATCH_HYPOTHESIS_TOKENS
                    for n, beam, longest in calls
                )
        # short sentences go many at a time; long ones and wide beams in fewer
        assert widest[0, 1] > widest[1, 1] and widest[0, 1] > widest[0, 32]
        assert translator.batch_size(1, 10) == 64
        assert translator.batch_size(1, 100) == 10
        assert translator.batch_size(32, 10) == 8
        assert translator.batch_size(32, 400) == 1
    finally:
        translator._model = model


def test_a_sentence_translates_the_same_whatever_shares_its_call(models_dir: Path) -> None:
    """Each seed's sentences get the same candidates and scores alone as in one call with all."""
    from termguard.translate.segment import segment_text

    docs = [
        [s.text for s in segment_text(p.read_text(encoding="utf-8"), "kk") if s.translatable]
        for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    ]
    translator = get_translator("kk", "en", models_dir=models_dir)
    together = sorted({s for doc in docs for s in doc})
    whole = dict(zip(together, translator.translate_batch(together, 8), strict=True))
    for doc in docs:
        alone = translator.translate_batch(doc, 8)
        assert [whole[s] for s in doc] == alone
