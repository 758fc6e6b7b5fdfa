"""Forms for adding articles and reviewing their questions."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..kinds import REGISTRY, QuestionData, QuestionKind
from ..models import QUESTION_STATUSES
from ..operations.questions import MAX_STEM_CHARS
from ..textin import UPLOAD_TYPES, UnreadableText, normalise_newlines, text_from_upload

#: The status filters of the question bank, with their labels.
#: How the bank is ordered within each kind: the generator's order (reading order), or by the
#: quality estimate, weakest first, so a teacher reviews the likeliest rejects first.
BANK_ORDERS = {
    "article": "As in the article",
    "weakest": "Weakest first",
}
STATUS_FILTERS = {
    "all": "All",
    "pending": "Pending",
    "approved": "Approved",
    "rejected": "Rejected",
}


def size_label(size: int) -> str:
    """A byte count as a teacher reads it (``"512 KB"``)."""
    return f"{max(1, round(size / 1000))} KB"


class ArticleForm(FlaskForm):
    title = StringField(
        "Title",
        validators=[Optional(), Length(max=300)],
        description="Leave it empty to use the article's first line.",
    )
    text = TextAreaField(
        "Paste the article",
        description="Headings on lines of their own, paragraphs separated by blank lines.",
    )
    upload = FileField(
        "Or upload a file",
        description="A .txt, .md (Markdown) or .html file in UTF-8.",
        render_kw={"accept": ",".join(UPLOAD_TYPES)},
    )

    #: The article's text once the form has validated.
    article_text: str = ""

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        limit = current_app.config["MAX_ARTICLE_BYTES"]
        pasted = normalise_newlines(self.text.data or "")
        upload = self.upload.data
        has_file = bool(upload and getattr(upload, "filename", ""))
        if has_file and pasted.strip():
            self.form_errors.append("Paste the text or upload a file, not both.")
            return False
        if has_file:
            data = upload.read(limit + 1)
            if len(data) > limit:
                self.upload.errors.append(
                    f"This file is too long: the limit is {size_label(limit)}. "
                    "Split the article into parts."
                )
                return False
            try:
                self.article_text = text_from_upload(upload.filename, data)
            except UnreadableText as error:
                self.upload.errors.append(str(error))
                return False
        elif pasted.strip():
            size = len(pasted.encode("utf-8"))
            if size > limit:
                self.text.errors.append(
                    f"This text is too long: {size_label(size)}, the limit is {size_label(limit)}. "
                    "Split the article into parts."
                )
                return False
            self.article_text = pasted
        else:
            self.text.errors.append("Paste the article's text here, or upload a file below.")
            return False
        if len(self.article_text.encode("utf-8")) > limit:
            self.upload.errors.append(
                f"This file's text is too long: the limit is {size_label(limit)}."
            )
            return False
        return True


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class StatusForm(FlaskForm):
    """Approve or reject one question; ``show`` is the filter to return to."""

    status = StringField(validators=[AnyOf(QUESTION_STATUSES, message="Unknown status.")])
    show = HiddenField(validators=[Optional(), AnyOf(tuple(STATUS_FILTERS))])
    order = HiddenField(validators=[Optional(), AnyOf(tuple(BANK_ORDERS))])


class BulkForm(FlaskForm):
    """Approve or reject the ticked questions."""

    question = SelectMultipleField("Questions", coerce=int, validate_choice=False)
    action = StringField(validators=[AnyOf(("approved", "rejected"), message="Unknown action.")])
    show = HiddenField(validators=[Optional(), AnyOf(tuple(STATUS_FILTERS))])
    order = HiddenField(validators=[Optional(), AnyOf(tuple(BANK_ORDERS))])


class KindActionForm(FlaskForm):
    """Approve every pending question of one kind."""

    kind = HiddenField(validators=[AnyOf(REGISTRY, message="Unknown kind of question.")])
    show = HiddenField(validators=[Optional(), AnyOf(tuple(STATUS_FILTERS))])
    order = HiddenField(validators=[Optional(), AnyOf(tuple(BANK_ORDERS))])


class QuestionForm(FlaskForm):
    """A question's content: the source, the stem, approval, and the kind's own fields.

    ``question_form(kind)`` adds the kind's editor fields; options are asked as "the right
    answer(s)" and "wrong answers" so the key can never point at an option just reworded.
    """

    source = SelectField(
        "The sentence it rests on",
        coerce=int,
        validate_choice=False,
        description="Students see this sentence of the article with the answer.",
    )
    stem = TextAreaField(
        "Question", validators=[DataRequired("Write the question."), Length(max=MAX_STEM_CHARS)]
    )
    approve = BooleanField("Approve this question")

    kind: QuestionKind

    def fill_from(self, question: Any) -> None:
        """Pre-fill the fields from a stored question (GET of the edit page)."""
        self.stem.data = question.stem
        for name, value in self.kind.editor_values(QuestionData.of(question)).items():
            self[name].data = value
        self.approve.data = question.status == "approved"

    def content(self, previous_options: list[str] | None = None) -> dict[str, Any]:
        """The fields in the operations' terms (see ``quizapp.operations.questions``)."""
        data = {name: self[name].data for name in self.kind.editor_fields()}
        fields = self.kind.from_editor(data, previous_options or [])
        fields.update(stem=self.stem.data, approve=self.approve.data)
        return fields

    def add_error(self, field: str | None, message: str) -> None:
        """Show an operation's error beside the field it is about."""
        name = self.kind.error_fields.get(field or "", field)
        known = ("stem", "source", *self.kind.editor_fields())
        if name in known:
            target = self[name]
            target.errors = [*target.errors, message]
        else:
            self.form_errors.append(message)


def question_form(kind: QuestionKind) -> QuestionForm:
    """The editor's form for a question of ``kind``: the common fields and the kind's own."""
    form_class = type(
        f"{kind.name.title().replace('_', '')}QuestionForm",
        (QuestionForm,),
        {**kind.editor_fields(), "kind": kind},
    )
    return form_class()
