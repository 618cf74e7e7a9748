"""Tests for termguard.translate.segment: sentences, layout kept byte for byte, pass-through."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termguard.translate.segment import Segment, is_translatable, rebuild, segment_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_LANGS = {
    "000_91604382561779cc.txt": "kk",
    "001_29fb1f20a1e0c734.txt": "kk",
    "002_8ae3edba63096470.txt": "th",
    "003_1d53c1ac4bf90a94.txt": "kk",
    "004_acfa8a8fb45634c8.txt": "kk",
}


def _texts(text: str, lang: str) -> list[str]:
    return [s.text for s in segment_text(text, lang)]


@pytest.mark.parametrize("name", sorted(SEED_LANGS))
def test_seed_rebuilds_exactly(name: str) -> None:
    """Every seed article is rebuilt byte for byte from its segments and their gaps."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    segments = segment_text(text, SEED_LANGS[name])
    assert segments
    assert rebuild(text, segments, {}) == text
    for seg in segments:
        assert text[seg.start : seg.end] == seg.text
        assert seg.text == seg.text.strip()


def test_seed_navigation_passes_through() -> None:
    """Prices, temperatures and the lone 'A' of web navigation in a seed are not translatable."""
    text = (SEEDS / "000_91604382561779cc.txt").read_text(encoding="utf-8")
    fixed = {s.text for s in segment_text(text, "kk") if not s.translatable}
    assert {"$ 446.49", "475.38", "+21 °C", "A", "596"} <= fixed


def test_sentences_split_with_offsets() -> None:
    """A Kazakh paragraph splits into its sentences, each at its offset in the text."""
    text = "Ассамблея жиналды. Медиация туралы айтылды!\n\nКелесі абзац."
    segments = segment_text(text, "kk")
    assert [s.text for s in segments] == [
        "Ассамблея жиналды.",
        "Медиация туралы айтылды!",
        "Келесі абзац.",
    ]
    assert [s.paragraph for s in segments] == [0, 0, 1]
    assert [s.index for s in segments] == [0, 1, 2]
    assert segments[2].start == text.index("Келесі")


def test_abbreviations_do_not_end_sentences() -> None:
    """'т.е.' or 'г.' before a lowercase word and an initial before a name do not end a sentence."""
    assert _texts("Т.е. это было в 2020 г. в г. Алматы. Потом он ушёл.", "ru") == [
        "Т.е. это было в 2020 г. в г. Алматы.",
        "Потом он ушёл.",
    ]
    assert _texts("Бұл туралы Б. Бектұрғанова айтты. Жиын аяқталды.", "kk") == [
        "Бұл туралы Б. Бектұрғанова айтты.",
        "Жиын аяқталды.",
    ]


def test_english_sentences() -> None:
    """English uses pysbd's rules: 'Dr.' and 'D.C.' do not end a sentence."""
    text = "Dr. Smith went to Washington D.C. on Monday. He met NGOs there."
    assert _texts(text, "en") == [
        "Dr. Smith went to Washington D.C. on Monday.",
        "He met NGOs there.",
    ]


def test_bullets_are_layout() -> None:
    """Bullet marks and indentation stay in the gaps; the item text is the segment."""
    text = "  • Алматы\n  • 21 Қаңтар 2004\n- Астана\n"
    segments = segment_text(text, "kk")
    assert [s.text for s in segments] == ["Алматы", "21 Қаңтар 2004", "Астана"]
    assert rebuild(text, segments, {0: "Almaty"}) == "  • Almaty\n  • 21 Қаңтар 2004\n- Астана\n"


def test_wrapped_lines_join_into_one_sentence() -> None:
    """A line running on into a lowercase word is the same sentence; a capital starts a new one."""
    text = "Узнайте первым о важных новостях\nв Instagram и Telegram.\nАлматы\n2024 Жыл"
    segments = segment_text(text, "ru")
    assert [s.text for s in segments] == [
        "Узнайте первым о важных новостях\nв Instagram и Telegram.",
        "Алматы",
        "2024 Жыл",
    ]
    assert [s.paragraph for s in segments] == [0, 1, 2]


def test_thai_splits_at_spaces_between_thai_words() -> None:
    """Thai splits at spaces between Thai letters; short pieces join the next; numbers stay in."""
    text = "ปีนี้ คาซัคสถานกำลังฉลอง 30th ครบรอบการเป็นรัฐอิสระ เรามาไกลมากในช่วงสามทศวรรษที่ผ่านมา"
    assert _texts(text, "th") == [
        "ปีนี้ คาซัคสถานกำลังฉลอง 30th ครบรอบการเป็นรัฐอิสระ",
        "เรามาไกลมากในช่วงสามทศวรรษที่ผ่านมา",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "13.02.2026, 15:45",
        "$ 446.49",
        "+21 °C",
        "-5°C",
        "1 200 ₸",
        "45%",
        "A",
        "https://kaz.caravan.kz/news/123",
        "kaz.caravan.kz",
        "info@example.org",
        "№ 5",
        "…",
    ],
)
def test_nothing_to_translate(text: str) -> None:
    """Numbers, prices, temperatures, numeric dates, URLs, e-mails, a lone letter pass through."""
    assert not is_translatable(text)


@pytest.mark.parametrize(
    "text", ["Алматы", "2024 Жыл", "Фото - Caravan.kz", "ที่", "on", "Оқылды: 22"]
)
def test_words_are_translatable(text: str) -> None:
    """Any real word makes a segment translatable, even beside numbers or a domain name."""
    assert is_translatable(text)


def test_empty_and_blank_text() -> None:
    """Empty or blank text has no segments and rebuilds to itself."""
    for text in ("", "   ", "\n\n\t\n"):
        assert segment_text(text, "kk") == []
        assert rebuild(text, [], {}) == text


def test_rebuild_puts_replacements_in_place() -> None:
    """rebuild swaps only the replaced segments and keeps every gap, including CRLF line ends."""
    text = "Бірінші сөйлем.  Екінші сөйлем.\r\n\r\n  Үшінші.\r\n"
    segments = segment_text(text, "kk")
    assert [s.text for s in segments] == ["Бірінші сөйлем.", "Екінші сөйлем.", "Үшінші."]
    out = rebuild(text, segments, {1: "Second sentence.", 2: "Third."})
    assert out == "Бірінші сөйлем.  Second sentence.\r\n\r\n  Third.\r\n"


def test_rebuild_rejects_overlapping_segments() -> None:
    """Segments that overlap are a programming error, reported as ValueError."""
    text = "abc def"
    bad = [Segment(0, 0, 5, "abc d", 0, True), Segment(1, 4, 7, "def", 0, True)]
    with pytest.raises(ValueError, match="overlaps"):
        rebuild(text, bad, {})


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [*'аәбқңөұүіһ АБӘҚ.!?…,;:«»"-–•*\n\r\t\u00a0\u00ad', "ก", "ที่", "า", "1", "A", "Dr."]
        ),
        max_size=120,
    ).map("".join),
    lang=st.sampled_from(["kk", "ru", "en", "th"]),
)
def test_rebuild_without_replacements_is_identity(text: str, lang: str) -> None:
    """For any text, segments lie inside it in order and rebuild without replacements returns it."""
    segments = segment_text(text, lang)
    assert rebuild(text, segments, {}) == text
    last = 0
    for i, seg in enumerate(segments):
        assert seg.index == i
        assert last <= seg.start < seg.end <= len(text)
        assert text[seg.start : seg.end] == seg.text
        last = seg.end


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=120), lang=st.sampled_from(["kk", "ru", "en", "th"]))
def test_any_unicode_text_rebuilds(text: str, lang: str) -> None:
    """Arbitrary Unicode (surrogates excluded by hypothesis) never breaks segmentation."""
    assert rebuild(text, segment_text(text, lang), {}) == text
