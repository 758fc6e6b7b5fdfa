"""Forms for students: joining, and the answer form each question kind fills with its fields.

Answer forms only render inputs and carry the CSRF token; the kind's ``read_form`` reads what was
sent. Their values are indexes into the options as the student sees them, so no form carries
anything that is not already on the screen.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired, Length

from ..kinds import Shown, get_kind
from ..operations.play import NICKNAME_MAX

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


class AnswerForm(FlaskForm):
    """The question being answered; the kind's answer fields are added by ``answer_form``."""

    question_id = HiddenField()


def answer_form(question: Any, shown: Shown, sent: Any = None) -> AnswerForm:
    """A form for ``question`` as this student sees it (``shown``), with the kind's fields.

    On a POST the form picks the submitted values up again, so an answer refused as malformed is
    shown back with the student's choices kept. ``sent``: a response already stored (a live
    answer locked in), shown in the fields so the student sees what they sent.
    """
    kind = get_kind(question.kind)
    fields = kind.answer_fields(shown)
    form_class = type(f"{kind.name.title().replace('_', '')}AnswerForm", (AnswerForm,), fields)
    data = kind.form_values(shown, sent) if sent is not None else None
    form = form_class(data=data) if data else form_class()
    form.question_id.data = str(question.id)
    return form
