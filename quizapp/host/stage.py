"""What the projector shows of a question beyond its options, by the shape of its answer.

Nothing here knows a kind by name: typed answers (text, a number) reveal the class's commonest
answers, pairs reveal the right pairs, a sequence the right order; choices keep their bar chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..kinds import AnswerShape, get_kind, normalise_answer
from ..models import Participant, Response, SessionQuestion
from ..operations.live import shown_live
from ..typed_answers import AnswerGroup, common_answers

#: Shapes whose answers are chosen among coloured options, shown as tiles and a bar chart.
CHOICE_SHAPES = frozenset({AnswerShape.ONE_CHOICE, AnswerShape.MANY_CHOICES, AnswerShape.TRUTH})
#: Shapes whose answers are typed, revealed as the class's commonest answers.
TYPED_SHAPES = frozenset({AnswerShape.TEXT, AnswerShape.NUMBER})
#: How many typed answers the reveal lists.
COMMON_ANSWERS_SHOWN = 5


@dataclass(frozen=True)
class QuestionLayout:
    """How the projector lays a question out: its shape, and the items of pairs or a sequence."""

    shape: AnswerShape
    #: Pairs: the items to match (left) and the options they are matched with (right).
    lefts: list[str] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)

    @property
    def by_choice(self) -> bool:
        return self.shape in CHOICE_SHAPES

    @property
    def typed(self) -> bool:
        return self.shape in TYPED_SHAPES


def layout_of(question: SessionQuestion) -> QuestionLayout:
    shape = get_kind(question.kind).shape
    if shape == AnswerShape.PAIRS:
        # The room's order, as every phone lists them: never the key's (often date) order.
        shown = shown_live(question)
        return QuestionLayout(shape, list(shown.prompts), list(shown.choices))
    return QuestionLayout(shape)


def common_answers_of(question: SessionQuestion, key_text: str) -> list[AnswerGroup]:
    """The class's commonest typed answers to ``question`` (removed players left out)."""
    rows = db.session.execute(
        select(Response.answer, Response.correct)
        .join(Participant, Participant.id == Response.participant_id)
        .where(Response.session_question_id == question.id, Participant.removed.is_(False))
    ).all()
    shape = get_kind(question.kind).shape
    return common_answers(
        rows,
        number_or_text if shape == AnswerShape.NUMBER else text_form,
        key_text,
        COMMON_ANSWERS_SHOWN,
    )


def text_form(answer: Any) -> str:
    return normalise_answer(str(answer))


def number_or_text(answer: Any) -> Any:
    """A number's value (1968 and 1968.0 are one answer); anything else as text."""
    try:
        return float(answer)
    except (TypeError, ValueError):
        return text_form(answer)
