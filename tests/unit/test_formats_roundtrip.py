"""Every format gives back what it exported: same shape, stem, options, key and accepted answers.

A property test over generated questions whose texts mix Unicode, markup characters and every
format's own special characters, plus hand-written questions of every shape. Formats that carry
feedback must also give back the source sentence.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.formats import FORMATS, Item, export, import_file
from quizapp.kinds.shapes import AnswerShape as S

#: Formats whose files carry the source sentence (general feedback / answer explanation).
CARRIES_FEEDBACK = {"gift", "moodle-xml", "qti21", "qti30", "wayground-xlsx"}
#: Options whose display order a format does not keep: compared as sets.
UNORDERED = {S.PAIRS, S.SEQUENCE}

SPECIALS = "~=#{}:\\%<>&/'\"[]*->_.;,!?"
ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789") + list(SPECIALS) + list("éßøΩжあ中😀€–“”")
)
WORD = st.text(ALPHABET, min_size=1, max_size=8)


@st.composite
def texts(draw: st.DrawFn, max_words: int = 6) -> str:
    """One line of text: words separated by single spaces (formats collapse whitespace)."""
    text = " ".join(draw(st.lists(WORD, min_size=1, max_size=max_words)))
    if text.casefold() in ("true", "false", "t", "f", "*"):
        text += " x"  # these words alone mean something to some formats: see the README
    return text


def distinct(draw: st.DrawFn, low: int, high: int) -> list[str]:
    return draw(st.lists(texts(3), min_size=low, max_size=high, unique_by=str.casefold))


@st.composite
def items(draw: st.DrawFn) -> Item:
    shape = draw(st.sampled_from(list(S)))
    stem = draw(texts(10))
    feedback = draw(st.none() | texts(12))
    options = None
    accepted: list[str] = []
    tolerance, percent = 0.0, False
    if shape in (S.ONE_CHOICE, S.MANY_CHOICES):
        options = distinct(draw, 2, 5)
        if shape == S.ONE_CHOICE:
            answer: Any = draw(st.sampled_from(options))
        else:
            answer = [o for o in options if draw(st.booleans())] or options[:1]
    elif shape == S.TRUTH:
        answer = draw(st.booleans())
    elif shape == S.TEXT:
        answer, *accepted = distinct(draw, 1, 4)
    elif shape == S.PAIRS:
        lefts = distinct(draw, 2, 4)
        rights = distinct(draw, 1, 4)
        answer = [[left, draw(st.sampled_from(rights))] for left in lefts]
        used = list(dict.fromkeys(r for _, r in answer))
        options = used + [r for r in rights if r not in used]
    elif shape == S.SEQUENCE:
        answer = distinct(draw, 2, 5)
        options = list(reversed(answer))
    else:
        answer = draw(st.integers(-100_000, 100_000) | st.sampled_from([0.5, -2.25, 3.125]))
        tolerance = draw(st.sampled_from([0, 1, 0.5, 10]))
        percent = draw(st.booleans()) and tolerance > 0 and answer != 0
    return Item(shape, stem, answer, options, accepted, tolerance, percent, feedback)


def same(original: Item, back: Item, fmt: str) -> None:
    """Assert ``back`` (imported) is ``original`` (exported) as far as ``fmt`` carries it."""
    if fmt == "kahoot-xlsx" and original.shape == S.MANY_CHOICES and len(original.answer) == 1:
        # Kahoot marks right answers by number only: one right answer reads as multiple choice.
        original = Item(S.ONE_CHOICE, original.stem, original.answer[0], original.options)
    assert back.shape == original.shape
    assert back.stem == original.stem
    if original.shape in UNORDERED:
        assert sorted(back.options or []) == sorted(original.options or [])
    else:
        assert back.options == original.options
    if original.shape == S.NUMBER:
        assert back.answer == pytest.approx(original.answer)
        assert back.absolute_tolerance() == pytest.approx(original.absolute_tolerance())
    else:
        assert back.answer == original.answer
    assert back.accepted == original.accepted
    if fmt in CARRIES_FEEDBACK:
        assert back.feedback == original.feedback


def round_trip(fmt_name: str, originals: list[Item]) -> list[Item]:
    exported = export(FORMATS[fmt_name], originals, "Round trip “quiz” <&>")
    if not exported.kept:
        return []
    result = import_file(exported.content, fmt_name)
    assert result.skipped == []
    assert len(result.items) == len(exported.kept)
    for original, back in zip(exported.kept, result.items, strict=True):
        same(original, back, fmt_name)
    return exported.kept


HAND_WRITTEN = [
    Item(S.ONE_CHOICE, "In which year did Apollo 11 land?", "1969", ["1972", "1969", "1960"],
         feedback="The space race culminated in the Apollo 11 moon landing in 1969."),
    Item(S.MANY_CHOICES, "Which agencies are European?", ["ESA", "CNES"],
         ["ESA", "NASA", "CNES", "JAXA"]),
    Item(S.TRUTH, "The ISS was assembled in the late 1990s.", True),
    Item(S.TRUTH, "Apollo 11 landed in 1972.", False, feedback="It landed in 1969."),
    Item(S.TEXT, "The historic Apollo 11 moon _____ was in 1969.", "landing",
         accepted=["touchdown"]),
    Item(S.PAIRS, "Match each mission with its year.",
         [["Apollo 11", "1969"], ["Apollo-Soyuz", "1975"], ["ISS", "1998"]],
         ["1975", "1998", "1969", "2001"]),
    Item(S.SEQUENCE, "Earliest first:", ["Apollo 11", "Apollo-Soyuz", "ISS"],
         ["ISS", "Apollo 11", "Apollo-Soyuz"]),
    Item(S.NUMBER, "How many crew flew on Apollo 11?", 3),
    Item(S.NUMBER, "In which year did Apollo 11 land?", 1969, tolerance=1),
    Item(S.NUMBER, "Distance in km?", 384400, tolerance=5, tolerance_percent=True),
    # Each format's special characters in stems, options and keys.
    Item(S.ONE_CHOICE, r"GIFT's \~ = # { } : and \\ marks: a {b} ~c =d #e ::f::?", "=d",
         ["~c", "=d", "#e", "{x}", "%50%wrong"], feedback="// not a comment :: {}"),
    Item(S.ONE_CHOICE, "<b>Bold</b> &amp; <script>x</script> <![CDATA[ ]]>?", "<i>a</i>",
         ["<i>a</i>", "&lt;", "]]>"]),
    Item(S.TEXT, "A. looks like Aiken, ANSWER: B", "x -> y", accepted=["A. z"]),
    Item(S.PAIRS, "Arrows -> inside", [["a -> b", "c -> d"], ["e", "f"]], ["c -> d", "f"]),
]  # fmt: skip


@pytest.mark.parametrize("fmt_name", FORMATS)
def test_hand_written_questions_survive_a_round_trip(fmt_name: str) -> None:
    kept = round_trip(fmt_name, HAND_WRITTEN)
    carried = {item.shape for item in kept}
    assert carried == FORMATS[fmt_name].shapes  # every shape the format claims, really carried


@pytest.mark.parametrize("fmt_name", FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=st.lists(items(), min_size=1, max_size=6))
def test_generated_questions_survive_a_round_trip(fmt_name: str, generated: list[Item]) -> None:
    round_trip(fmt_name, generated)
