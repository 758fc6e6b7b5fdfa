"""The shape of a question's answer: what interchange formats and other outside code branch on.

A format (GIFT, QTI, a spreadsheet) does not need to know our kinds by name, only what shape of
answer a question has: one choice among options, several choices, a truth value, typed text, pairs,
a sequence or a number. Each kind declares its shape; ``kind_for_shape`` maps an imported question
back to the kind that owns that shape.
"""

from __future__ import annotations

from enum import StrEnum


class AnswerShape(StrEnum):
    """How a question's key is shaped, independent of the kind's name.

    The stored ``answer`` of a question of each shape: ``ONE_CHOICE`` one of the options;
    ``MANY_CHOICES`` a list of options; ``TRUTH`` a bool; ``TEXT`` the canonical text (other
    accepted forms beside it); ``PAIRS`` a list of [left, right] pairs (options: the right-hand
    items); ``SEQUENCE`` the options in the right order; ``NUMBER`` a number (with a tolerance).
    """

    ONE_CHOICE = "one_choice"
    MANY_CHOICES = "many_choices"
    TRUTH = "truth"
    TEXT = "text"
    PAIRS = "pairs"
    SEQUENCE = "sequence"
    NUMBER = "number"

    @property
    def label(self) -> str:
        """The shape as a person names it in a sentence ("2 ordering questions are left out"),
        also for a shape no registered kind has."""
        return SHAPE_LABELS[self]


SHAPE_LABELS: dict[AnswerShape, str] = {
    AnswerShape.ONE_CHOICE: "multiple choice",
    AnswerShape.MANY_CHOICES: "select all that apply",
    AnswerShape.TRUTH: "true or false",
    AnswerShape.TEXT: "fill in the blank",
    AnswerShape.PAIRS: "matching",
    AnswerShape.SEQUENCE: "ordering",
    AnswerShape.NUMBER: "numeric",
}
