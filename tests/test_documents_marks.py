"""Inline marks through the engine: tags in, tags read back, lost tags put back and reported."""

from __future__ import annotations

from termguard.documents.marks import CLOSE, OPEN, POINT, Mark, decode, encode, project, trim

B_OPEN, B_CLOSE = Mark(OPEN, 1, "<b>"), Mark(CLOSE, 1, "<b>")
BR = Mark(POINT, 2, "<br>")
TEXT = "Қазақстан халқы Ассамблеясы отырысы өтті."
MARKS = ((16, B_OPEN), (27, B_CLOSE), (35, BR))


def _kinds(marks):  # type: ignore[no-untyped-def]
    return [(p, m.kind, m.label) for p, m in marks]


def test_encode_writes_spans_and_points_as_bracket_tags() -> None:
    """A span becomes [1]..[/1] and a point [2/], at their places in the sentence."""
    tagged = encode(TEXT, MARKS)
    assert tagged.text == "Қазақстан халқы [1]Ассамблеясы[/1] отырысы[2/] өтті."
    assert tagged.plain == TEXT


def test_numbers_written_in_the_text_are_not_used_as_tags() -> None:
    """A footnote marker [1] in the text stays text; the tags take other numbers."""
    tagged = encode("See [1] and [2].", ((4, B_OPEN), (7, B_CLOSE)))
    assert tagged.text == "See [3][1][/3] and [2]."
    back = decode(tagged, "Қараңыз [3][1][/3] және [2].")
    assert back.text == "Қараңыз [1] және [2]."
    assert _kinds(back.marks) == [(8, "open", "<b>"), (11, "close", "<b>")]


def test_a_span_whose_partner_lies_outside_the_sentence_is_a_point() -> None:
    """Only the open of a span that runs into the next sentence: it travels as [1/]."""
    tagged = encode("Бірінші сөйлем.", ((8, B_OPEN),))
    assert tagged.text == "Бірінші [1/]сөйлем."


def test_decode_reads_every_tag_back_into_marks() -> None:
    """Tags the model kept become marks at their places in the plain translation."""
    tagged = encode(TEXT, MARKS)
    back = decode(tagged, "The [1]Assembly of People of Kazakhstan[/1] met[2/] today.")
    assert back.text == "The Assembly of People of Kazakhstan met today."
    assert _kinds(back.marks) == [(4, "open", "<b>"), (36, "close", "<b>"), (40, "point", "<br>")]
    assert back.problems == () and back.restored == ()


def test_spaces_the_model_puts_inside_tags_move_out() -> None:
    """'[1] Assembly [/1]' wraps the word, with single spaces around it."""
    tagged = encode(TEXT, MARKS)
    back = decode(tagged, "The [1] Assembly [/1] met [2/] today.")
    assert back.text == "The Assembly met today."
    assert _kinds(back.marks)[:2] == [(4, "open", "<b>"), (12, "close", "<b>")]


def test_a_lost_span_is_put_back_around_the_same_words() -> None:
    """Words kept verbatim (a name) get their span back; that is a repair, not a problem."""
    tagged = encode("Бүгін Astana Hub ашылды.", ((6, B_OPEN), (16, B_CLOSE)))
    back = decode(tagged, "Today Astana Hub opened.")
    assert _kinds(back.marks) == [(6, "open", "<b>"), (16, "close", "<b>")]
    assert back.restored == ("markup: <b> put back around 'Astana Hub'",)
    assert back.problems == ()


def test_a_lost_span_with_no_same_words_is_put_back_empty_and_reported() -> None:
    """The link is never dropped: an empty span at the end, and a problem that flags it."""
    tagged = encode(TEXT, MARKS)
    back = decode(tagged, "The Assembly met today.")
    assert [m.kind for _, m in back.marks].count(OPEN) == 1
    assert [m.kind for _, m in back.marks].count(CLOSE) == 1
    assert [m.kind for _, m in back.marks].count(POINT) == 1
    assert any("lost <b> around 'Ассамблеясы'" in p for p in back.problems)
    assert any("lost <br>" in p for p in back.problems)


def test_broken_duplicated_and_misnested_tags_are_removed_from_the_text() -> None:
    """'[/2' without its bracket, a second [1], [/1] before [1]: no tag text is left over."""
    tagged = encode(
        "Басты бет | Жаңалықтар",
        ((0, B_OPEN), (9, B_CLOSE), (12, Mark(OPEN, 3, "<a>")), (22, Mark(CLOSE, 3, "<a>"))),
    )
    back = decode(tagged, "[1]Home[/1] | [2]News[/2")
    assert back.text == "Home | News"
    assert len(back.marks) == 4
    back = decode(tagged, "[/1]Home[1] [1]| News")
    assert "[" not in back.text and len(back.marks) == 4


def test_project_moves_marks_onto_a_repaired_text() -> None:
    """A span around a copied term still wraps the approved term the repair put there."""
    before = "The Ассамблеясы met."
    after = "The Assembly of People of Kazakhstan met."
    moved = project(((4, B_OPEN), (15, B_CLOSE)), before, after)
    assert [p for p, _ in moved] == [4, 36]


def test_trim_keeps_the_space_between_a_picture_and_the_words() -> None:
    """'<img> Медиация' keeps its space inside the unit; outer spaces elsewhere go."""
    text, marks = trim("  Медиация дамып келеді. ", ((2, BR),))
    assert text == "Медиация дамып келеді."
    text, marks = trim(" Медиация", ((0, BR),))
    assert text == " Медиация" and marks[0][0] == 0


def test_a_tag_with_its_opening_bracket_turned_round_is_still_read() -> None:
    """']1]' (a real tiny-model candidate) is the tag [1], and leaves no bracket in the text."""
    tagged = encode("Толығырақ Ассамблея сайтында оқыңыз.", ((10, B_OPEN), (28, B_CLOSE)))
    back = decode(tagged, "Толығырақ ]1]Ассамблея сайтында[/1] оқыңыз.")
    assert back.text == "Толығырақ Ассамблея сайтында оқыңыз."
    assert [p for p, _ in back.marks] == [10, 28] and back.problems == ()


def test_a_tag_number_the_model_made_up_is_removed() -> None:
    """'[5]' for '[1]' (seen under oneDNN kernels) leaves no tag text behind."""
    tagged = encode("Медиация дамып келеді.", ((0, B_OPEN), (8, B_CLOSE)))
    back = decode(tagged, "[5]Mediation[/1] is growing.")
    assert back.text == "Mediation is growing."


def test_a_span_with_one_end_lost_covers_as_many_words_from_the_other() -> None:
    """'[1]Assembly of Council Ж/1]' reads its close; an open alone spans the source's words."""
    tagged = encode("Бүгін Ассамблея Кеңесі жиналды.", ((6, B_OPEN), (22, B_CLOSE)))
    back = decode(tagged, "Today [1]Assembly CouncilЖ/1] met.")
    assert back.text == "Today Assembly CouncilЖ met." and back.problems == ()
    back = decode(tagged, "Today [1]Assembly Council met.")
    assert [p for p, _ in back.marks] == [6, 22]
    assert back.problems and "lost one end of <b>" in back.problems[0]
