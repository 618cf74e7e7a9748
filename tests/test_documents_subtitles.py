"""Subtitles: one unit per cue, timecodes and numbers kept, lines wrapped again."""

from __future__ import annotations

from pathlib import Path

import pytest
import srt
import webvtt

from termguard.documents import Rendered, read_source, write_translation
from termguard.errors import InputError

NEWS = Path(__file__).parent / "data" / "documents" / "news.srt"
VTT = (
    "WEBVTT\n\nNOTE made for the tests\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\n"
    "<v Анна>Талдықорғандағы Достық үйінде\nмедиациялық орталық жұмыс істей бастады.\n\n"
    "00:00:04.500 --> 00:00:06.000\n{\\an8}Ассамблея\n"
)


def test_every_cue_is_a_unit_placed_by_its_number() -> None:
    """20 cues, two lines joined into one sentence, places cue1..cue20, lines of the timing."""
    doc = read_source(NEWS)
    assert len(doc.units) == 20
    assert [u.place for u in doc.units] == [f"cue{n}" for n in range(1, 21)]
    first = doc.units[0]
    assert first.text == (
        "Біріккен Ұлттар Ұйымының Бас Ассамблеясының биік мінберінен үндеу жолдау мен үшін "
        "зор мәртебе."
    )
    assert first.line == 2
    third = doc.units[2]
    assert [m.label for _, m in third.marks] == ["<i>", "<i>"]


def test_translated_subtitles_keep_numbers_and_timecodes_and_line_counts() -> None:
    """The srt library reads the output: same indexes, starts, ends and lines per cue."""
    doc = read_source(NEWS)
    out = write_translation(doc, [Rendered(u.text.upper(), u.marks) for u in doc.units], "en")
    before = list(srt.parse(NEWS.read_text(encoding="utf-8")))
    after = list(srt.parse(out.decode()))
    assert [(s.index, s.start, s.end) for s in after] == [(s.index, s.start, s.end) for s in before]
    assert [s.content.count("\n") for s in after] == [s.content.count("\n") for s in before]
    assert after[2].content.count("<i>") == 1 and after[2].content.count("</i>") == 1
    timing = [line for line in out.decode().splitlines() if "-->" in line]
    assert timing == [line for line in NEWS.read_text().splitlines() if "-->" in line]


def test_webvtt_keeps_notes_settings_voices_and_positions() -> None:
    """webvtt-py reads the output; the NOTE, cue settings, <v> and {\\an8} are still there."""
    doc = read_source("news.vtt", VTT.encode())
    assert [u.text for u in doc.units] == [
        "Талдықорғандағы Достық үйінде медиациялық орталық жұмыс істей бастады.",
        "Ассамблея",
    ]
    out = write_translation(doc, [Rendered(u.text.upper(), u.marks) for u in doc.units], "en")
    text = out.decode()
    vtt = webvtt.from_string(text)
    assert [(c.start, c.end) for c in vtt.captions] == [
        ("00:00:01.000", "00:00:04.000"),
        ("00:00:04.500", "00:00:06.000"),
    ]
    assert "NOTE made for the tests" in text and "align:start" in text
    assert "<v Анна>ТАЛДЫҚОРҒАНДАҒЫ" in text and "{\\an8}АССАМБЛЕЯ" in text
    assert vtt.captions[0].raw_text.count("\n") == 1


def test_a_broken_webvtt_file_is_a_clear_error() -> None:
    """No WEBVTT header: path:1 and what the file must look like."""
    with pytest.raises(InputError) as exc:
        read_source("bad.vtt", b"00:00:01.000 --> 00:00:02.000\nx\n")
    assert str(exc.value).startswith("bad.vtt:1: not a valid WebVTT file")
