"""Forms for importing question files (exports and paper quizzes are plain links)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..formats import FORMATS

DETECT = "detect"
FORMAT_CHOICES = [
    SelectChoice(DETECT, "Detect from the file"),
    *(SelectChoice(name, fmt.label) for name, fmt in FORMATS.items()),
]


class ImportForm(FlaskForm):
    upload = FileField(
        "Question file",
        description=(
            "GIFT or Aiken (.txt), Moodle XML (.xml), a QTI 2.1 or 3.0 package (.zip) or item "
            "(.xml), or a Kahoot or Wayground spreadsheet (.xlsx); at most 2 MB and 500 questions."
        ),
        render_kw={"accept": ".txt,.gift,.xml,.zip,.xlsx"},
    )
    format = SelectField(
        "Format",
        choices=FORMAT_CHOICES,
        default=DETECT,
        validators=[AnyOf([DETECT, *FORMATS])],
    )
    title = StringField(
        "Bank title",
        validators=[Optional(), Length(max=200)],
        description="Leave it empty to use the file's name.",
    )


class ConfirmImportForm(FlaskForm):
    """The previewed questions, signed, and which of them to import."""

    payload = HiddenField(validators=[DataRequired()])
    picks = SelectMultipleField("Questions to import", coerce=int, validate_choice=False)
