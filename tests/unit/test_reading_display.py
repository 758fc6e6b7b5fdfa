"""What readers see of a pasted article: no reference marks or Markdown marks, offsets intact."""

from __future__ import annotations

from quizapp.play.review import highlight
from quizapp.public.reading import paragraph_markup
from quizapp.reading import Paragraph, readable
from quizapp.teacher.questions import source_in_context

PASTED = "As of 2023[update], **Voyager 2** by [NASA](https://www.nasa.gov) is *far* away.[6]"


def test_readable_drops_marks_and_the_gaps_they_leave():
    assert readable(PASTED) == "As of 2023, Voyager 2 by NASA is far away."
    assert readable("Plain text, 5 * 3 = 15, snake_case stays.") == (
        "Plain text, 5 * 3 = 15, snake_case stays."
    )


def test_feedback_sentence_is_readable_and_marks_the_key():
    assert str(highlight(PASTED, ["NASA"])) == (
        "As of 2023, Voyager 2 by <mark>NASA</mark> is far away."
    )


def test_reading_page_keeps_sentence_anchors_on_the_original_offsets():
    text = "Intro.[1] " + PASTED + " The end."
    start = text.index("As of")
    html = str(
        paragraph_markup(Paragraph(text, 100), [(100 + start, 100 + text.index(" The end"))])
    )
    assert html == (
        f'Intro. <span class="sentence" id="s-{100 + start}">'
        "As of 2023, Voyager 2 by NASA is far away.</span> The end."
    )


def test_teacher_context_is_readable():
    body = "Title\n\nFirst.[1] " + PASTED + " Next **one**.\n\nOther."
    start, end = body.index("As of"), body.index(" Next")
    html = str(source_in_context(body, start, end, PASTED))
    assert html == "First. <mark>As of 2023, Voyager 2 by NASA is far away.</mark> Next one."
