"""Thai word boundaries: glossary terms stay whole, other scripts are cut by script."""

from __future__ import annotations

from itertools import pairwise

from termguard.lang import th


def test_glossary_words_become_single_tokens() -> None:
    """With the term in its dictionary newmm keeps องค์กรพัฒนาเอกชน whole."""
    text = "การเพิ่มจำนวนองค์กรพัฒนาเอกชน (NGO) ในคาซัคสถาน"
    spans = th.token_spans(text, th.segmenter(["องค์กรพัฒนาเอกชน"]))
    words = [text[s:e] for s, e in spans]
    assert "องค์กรพัฒนาเอกชน" in words
    assert "NGO" in words and "(" in words


def test_spans_cover_the_thai_text_in_order() -> None:
    """Token spans are increasing and cover every non-space character."""
    text = "รัฐบาล ของคาซัคสถาน, 2021"
    spans = th.token_spans(text, th.segmenter())
    covered = "".join(text[s:e] for s, e in spans)
    assert covered == text.replace(" ", "")
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
