"""Forms for students: joining, and one answer form per question kind.

Answer forms only render inputs and carry the CSRF token; ``answers.parse_response`` reads what
was sent. Their values are indexes into the options as the student sees them, so no form carries
anything that is not already on the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..models import SessionQuestion
from ..operations.play import NICKNAME_MAX
from .answers import FILL_BLANK_MAX, choices_for, matching_lefts

#: Long enough for a code typed with spaces or dashes ("ABC-123"); normalising drops them.
CODE_INPUT_MAX = 20


def nickname_field() -> StringField:
    # The length rule that counts is ``clean_nickname``'s (after spaces are collapsed); this one
    # only keeps absurd input out.
    return StringField(
        "Nickname",
        validators=[InputRequired(message="Choose a nickname."), Length(max=200)],
        description=f"Up to {NICKNAME_MAX} characters. Your teacher and class will see it.",
    )


class NicknameForm(FlaskForm):
    """Joining from the QR code or join link: the code is in the URL."""

    nickname = nickname_field()


class JoinForm(FlaskForm):
    """Joining by typing the code."""

    code = StringField(
        "Join code",
        validators=[
            InputRequired(message="Type the code from your teacher’s screen."),
            Length(max=CODE_INPUT_MAX, message="Join codes are 6 letters and digits."),
        ],
        description="6 letters and digits, shown on your teacher’s screen.",
    )
    nickname = nickname_field()


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple-select question (``forms.field`` renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AnswerForm(FlaskForm):
    """The question being answered; kind-specific fields are added by ``answer_form``."""

    question_id = HiddenField()


def ordinal_label(position: int, count: int) -> str:
    if position == 1:
        return "1 (first)"
    if position == count:
        return f"{position} (last)"
    return str(position)


def answer_form(question: SessionQuestion, options: Sequence[str] | None) -> AnswerForm:
    """A form for ``question`` as this student sees it (``options`` from ``shown_options``).

    On a POST the form picks the submitted values up again, so an answer refused as malformed is
    shown back with the student's choices kept.
    """
    choices = choices_for(question, options)
    fields: dict[str, object] = {}
    if question.kind == "multiple_select":
        fields["picks"] = MultiCheckboxField(
            "Choose every answer that fits",
            choices=[SelectChoice(str(index), text) for index, text in enumerate(choices)],
            validate_choice=False,
        )
    elif question.kind == "fill_blank":
        fields["text"] = StringField("Your answer", validators=[Length(max=FILL_BLANK_MAX)])
    elif question.kind == "matching":
        menu = [SelectChoice("", "Choose a match")] + [
            SelectChoice(str(i), text) for i, text in enumerate(choices)
        ]
        for number, left in enumerate(matching_lefts(question)):
            fields[f"match_{number}"] = SelectField(left, choices=menu, validate_choice=False)
    elif question.kind == "ordering":
        count = len(choices)
        menu = [SelectChoice("", "Choose a position")] + [
            SelectChoice(str(n), ordinal_label(n, count)) for n in range(1, count + 1)
        ]
        for number, item in enumerate(choices):
            fields[f"position_{number}"] = SelectField(item, choices=menu, validate_choice=False)
    form_class = type(f"{question.kind.title().replace('_', '')}AnswerForm", (AnswerForm,), fields)
    form = form_class()
    form.question_id.data = str(question.id)
    return form
