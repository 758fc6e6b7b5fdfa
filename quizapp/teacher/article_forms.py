"""Forms for adding articles and reviewing their questions."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..kinds import KINDS
from ..models import QUESTION_STATUSES
from ..operations.questions import (
    MAX_STEM_CHARS,
    arrange_options,
    shuffled_order,
)
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

    kind = HiddenField(validators=[AnyOf(KINDS, message="Unknown kind of question.")])
    show = HiddenField(validators=[Optional(), AnyOf(tuple(STATUS_FILTERS))])
    order = HiddenField(validators=[Optional(), AnyOf(tuple(BANK_ORDERS))])


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a textarea, trimmed."""
    return [line.strip() for line in normalise_newlines(text or "").split("\n") if line.strip()]


#: Which fields each kind shows, in order.
KIND_FIELDS = {
    "multiple_choice": ("key", "wrong"),
    "multiple_select": ("keys", "wrong"),
    "true_false": ("truth",),
    "fill_blank": ("key", "accepted"),
    "matching": ("pairs",),
    "ordering": ("order",),
}
#: Where an error about part of the content belongs, per kind.
ERROR_FIELDS = {
    "multiple_choice": {"answer": "key", "options": "wrong"},
    "multiple_select": {"answer": "keys", "options": "wrong"},
    "true_false": {"answer": "truth"},
    "fill_blank": {"answer": "key", "accepted": "accepted"},
    "matching": {"answer": "pairs", "options": "pairs"},
    "ordering": {"answer": "order", "options": "order"},
}


class QuestionForm(FlaskForm):
    """A question's content; which fields show depends on its kind.

    Options are asked as "the right answer(s)" and "wrong answers" so the key can never point at
    an option that was just reworded.
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
    key = StringField("Right answer", validators=[Length(max=200)])
    keys = TextAreaField("Right answers, one per line")
    wrong = TextAreaField(
        "Wrong answers, one per line", description="The options that are not right (distractors)."
    )
    truth = RadioField(
        "The statement is",
        choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
        validate_choice=False,
    )
    accepted = TextAreaField(
        "Other accepted answers, one per line",
        description="Spellings or wordings that also count as right, e.g. “ESA”.",
    )
    pairs = TextAreaField(
        "Pairs to match, one per line",
        description="Write each pair as “item => its match”, e.g. “Apollo 11 => 1969”.",
    )
    order = TextAreaField(
        "Items in the right order, one per line",
        description="Students see them shuffled and put them back in this order.",
    )
    approve = BooleanField("Approve this question")

    def fill_from(self, question: Any) -> None:
        """Pre-fill the fields from a stored question (GET of the edit page)."""
        kind, answer = question.kind, question.answer
        self.stem.data = question.stem
        options = question.option_texts or []
        if kind == "multiple_choice":
            self.key.data = answer
            self.wrong.data = "\n".join(o for o in options if o != answer)
        elif kind == "multiple_select":
            self.keys.data = "\n".join(answer)
            self.wrong.data = "\n".join(o for o in options if o not in answer)
        elif kind == "true_false":
            self.truth.data = "true" if answer else "false"
        elif kind == "fill_blank":
            self.key.data = answer
            self.accepted.data = "\n".join(a for a in question.accepted if a != answer)
        elif kind == "matching":
            self.pairs.data = "\n".join(f"{left} => {right}" for left, right in answer)
        elif kind == "ordering":
            self.order.data = "\n".join(answer)
        self.approve.data = question.status == "approved"

    def content(self, kind: str, previous_options: list[str] | None = None) -> dict[str, Any]:
        """The fields in the operations' terms (see ``quizapp.operations.questions``)."""
        previous = previous_options or []
        fields: dict[str, Any] = {"stem": self.stem.data, "approve": self.approve.data}
        if kind == "multiple_choice":
            key = (self.key.data or "").strip()
            fields["answer"] = key
            fields["options"] = arrange_options(previous, [key, *lines(self.wrong.data)])
        elif kind == "multiple_select":
            keys = lines(self.keys.data)
            fields["answer"] = keys
            fields["options"] = arrange_options(previous, [*keys, *lines(self.wrong.data)])
        elif kind == "true_false":
            fields["answer"] = {"true": True, "false": False}.get(self.truth.data or "")
        elif kind == "fill_blank":
            fields["answer"] = (self.key.data or "").strip()
            fields["accepted"] = lines(self.accepted.data)
        elif kind == "matching":
            pairs = [parse_pair(line) for line in lines(self.pairs.data)]
            fields["answer"] = pairs
            fields["options"] = arrange_options(previous, [right for _, right in pairs])
        elif kind == "ordering":
            items = lines(self.order.data)
            fields["answer"] = items
            arranged = arrange_options(previous, items) if previous else []
            # Never show the items in their right order.
            fields["options"] = arranged if arranged != items else shuffled_order(items)
        return fields

    def add_error(self, kind: str, field: str | None, message: str) -> None:
        """Show an operation's error beside the field it is about."""
        name = ERROR_FIELDS.get(kind, {}).get(field or "", field)
        target = getattr(self, name, None) if name else None
        if target is not None and name in ("stem", "source", "kind", *KIND_FIELDS[kind]):
            target.errors = [*target.errors, message]
        else:
            self.form_errors.append(message)


def parse_pair(line: str) -> list[str]:
    """``"item => match"`` as [item, match]; without ``=>`` the match is empty (refused later)."""
    left, _, right = line.partition("=>")
    return [left.strip(), right.strip()]
