"""Thai word boundaries: glossary terms stay whole, other scripts are cut by script."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from termguard.glossary.model import Glossary
from termguard.glossary.read import read_glossary
from termguard.lang import th
from termguard.matching import find_terms


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


# Excerpts of the NTREX-128 Thai reference (MicrosoftTranslator/NTREX @ 8561f6a, CC BY-SA 4.0),
# lines 390, 617, 694, 1013, 1269, 1687 and 126.
_COURT_GLOSSARY = """
subject = "courts"

[[concept]]
id = "court"
definition = "The court."
th = [{ text = "ศาล" }]
en = [{ text = "court" }]

[[concept]]
id = "supreme-court"
definition = "The supreme court."
th = [{ text = "ศาลฎีกา" }]
en = [{ text = "Supreme Court" }]

[[concept]]
id = "president"
definition = "The president."
th = [{ text = "ประธานาธิบดี" }]
en = [{ text = "president" }]

[[concept]]
id = "chairperson"
definition = "The chairperson."
th = [{ text = "ประธาน" }]
en = [{ text = "chairperson" }]

[[concept]]
id = "international-law"
definition = "The international law."
th = [{ text = "กฎหมายสากล" }]
en = [{ text = "international law" }]
"""


def _thai_glossary(tmp_path: Path) -> Glossary:
    path = tmp_path / "courts.toml"
    path.write_text(_COURT_GLOSSARY, encoding="utf-8")
    return read_glossary(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("กล่าวตามเอกสารที่ยื่นที่ศาลแขวงคลาร์คเคาน์ตี", [("court", "ศาลแขวง", "inflected")]),
        ("ได้รับเสนอชื่อเป็นสมาชิกศาลสูงสุด", [("court", "ศาลสูงสุด", "inflected")]),
        ("สำหรับศาลฎีกา Trump", [("supreme-court", "ศาลฎีกา", "exact")]),
        ("โดยใช้รูปแบบศาลากลางเมือง", []),
        ("และเขาก็ได้ทุ่มเงินมหาศาลในการทำถนน", []),
    ],
)
def test_a_term_heading_a_compound_word_is_its_concept(
    tmp_path: Path, text: str, expected: list[tuple[str, str, str]]
) -> None:
    """ศาลแขวง and ศาลสูงสุด are courts, ศาลฎีกา is the Supreme Court's own term; ศาลา
    (pavilion) and มหาศาล (enormous) hold no court."""
    hits = find_terms(text, "th", _thai_glossary(tmp_path), near_misses=False)
    assert [(h.concept, h.surface, h.kind) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประธานาธิบกล่าวถึงการที่ Kavanaugh", ("president", "ประธานาธิบ")),
        ("ผู้เชี่ยวชาญด้านกฏหมายสากลชาว Chile", ("international-law", "กฏหมายสากล")),
        ("เพื่อเติมตำแหน่งว่างสำหรับศาลฏีกา Trump", ("supreme-court", "ศาลฏีกา")),
    ],
)
def test_misspelt_thai_terms_are_near_misses(
    tmp_path: Path, text: str, expected: tuple[str, str]
) -> None:
    """A term cut short (ประธานาธิบ) or with ฏ for ฎ (กฏหมาย, ศาลฏีกา) is a near miss that
    replaces the hits inside it (the ศาล of ศาลฏีกา), not the chair inside ประธานาธิบ."""
    hits = find_terms(text, "th", _thai_glossary(tmp_path))
    assert [(h.concept, h.surface, h.kind) for h in hits] == [(*expected, "near-miss")]


def test_correct_thai_terms_are_no_near_misses(tmp_path: Path) -> None:
    """The terms spelt right, and the chair's own word, are exact hits and no near misses."""
    glossary = _thai_glossary(tmp_path)
    text = "ประธานาธิบดีและประธานกล่าวถึงกฎหมายสากล"
    assert [(h.concept, h.kind) for h in find_terms(text, "th", glossary)] == [
        ("president", "exact"),
        ("chairperson", "exact"),
        ("international-law", "exact"),
    ]
