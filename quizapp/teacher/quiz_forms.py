"""Forms for quizzes and for opening sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..operations.quizzes import (
    MAX_QUIZ_QUESTIONS,
    TIME_LIMIT_MAX,
    TIME_LIMIT_MIN,
    TITLE_MAX,
    QuizSettings,
)
from ..security import parse_id

SCORING_CHOICES = [
    SelectChoice(
        "speed", "Speed-weighted: a right answer earns up to 1000 points, fewer the longer it takes"
    ),
    SelectChoice(
        "accuracy", "Accuracy only: a right answer earns 1000 points however long it takes"
    ),
]
FEEDBACK_CHOICES = [
    SelectChoice("each", "After each question: students see right or wrong at once"),
    SelectChoice("end", "Only at the end: students see their answers when they finish"),
]
#: Live sessions come later: add "live" here; the form and the view need no other change.
SESSION_MODES_OFFERED = ["self_paced", "live"]
#: How far ahead a deadline may be: homework, not a calendar.
MAX_DEADLINE_DAYS = 2 * 365


class QuestionIdsField(SelectMultipleField):
    """Ticked question ids. Choices are not checked here: ``set_questions`` says what is wrong."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        try:
            self.data = [parse_id(value) for value in valuelist]
        except ValueError:
            self.data = []
            raise ValueError("The chosen questions were not understood; reload the page.") from None


class QuizSettingsForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=TITLE_MAX)])
    time_limit = IntegerField(
        "Time per question (seconds)",
        validators=[
            Optional(),
            NumberRange(
                TIME_LIMIT_MIN,
                TIME_LIMIT_MAX,
                message=f"Time per question must be between {TIME_LIMIT_MIN} and "
                f"{TIME_LIMIT_MAX} seconds, or empty for no limit.",
            ),
        ],
        default=30,
        description=f"{TIME_LIMIT_MIN} to {TIME_LIMIT_MAX} seconds. Leave empty for no limit, "
        "e.g. for homework.",
    )
    shuffle_questions = BooleanField(
        "Shuffle the questions", description="Each student gets the questions in their own order."
    )
    shuffle_options = BooleanField(
        "Shuffle the options",
        default=True,
        description="Each student sees the options in their own order.",
    )
    scoring_mode = RadioField(
        "Scoring",
        choices=SCORING_CHOICES,
        default="speed",
        description="Speed-weighted rewards quick right answers (never below 500 for a right "
        "answer at the time limit); accuracy only counts just being right. Without a time limit "
        "both score alike.",
    )
    streak_bonus = BooleanField(
        "Streak bonus",
        description="100 extra points for each right answer in a row after the first, up to 500.",
    )
    feedback = RadioField(
        "Feedback", choices=FEEDBACK_CHOICES, default="each", validators=[DataRequired()]
    )

    def settings(self) -> QuizSettings:
        return QuizSettings(
            time_limit=self.time_limit.data,
            shuffle_questions=bool(self.shuffle_questions.data),
            shuffle_options=bool(self.shuffle_options.data),
            scoring_mode=self.scoring_mode.data,
            streak_bonus=bool(self.streak_bonus.data),
            feedback=self.feedback.data,
        )


class NewQuizForm(QuizSettingsForm):
    question_ids = QuestionIdsField("Questions")
    random_count = IntegerField(
        "How many questions",
        validators=[
            Optional(),
            NumberRange(1, MAX_QUIZ_QUESTIONS, message=f"Choose 1 to {MAX_QUIZ_QUESTIONS}."),
        ],
        default=10,
    )
    random_article = SelectField("From", default="all")
    #: Set by the button pressed: "pick" (the ticked questions) or "random".
    action = StringField(validators=[Optional(), AnyOf(["pick", "random"])])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        count = self.random_count
        if self.action.data == "random" and count.data is None and not count.errors:
            count.errors.append("Say how many questions to pick.")
            valid = False
        return valid


class EditQuizForm(QuizSettingsForm):
    pass


class AddQuestionsForm(FlaskForm):
    question_ids = QuestionIdsField("Questions to add")


class MoveForm(FlaskForm):
    direction = StringField(validators=[DataRequired(), AnyOf(["up", "down"])])


class ConfirmForm(FlaskForm):
    """A bare POST: remove, delete, close. Only the CSRF token is checked."""


class OpenSessionForm(FlaskForm):
    mode = HiddenField(
        default="self_paced",
        validators=[
            AnyOf(SESSION_MODES_OFFERED, message="Choose a self-paced session or a live game.")
        ],
    )
    deadline = DateTimeLocalField(
        "Deadline",
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()],
        description="After this, nobody can join or answer. In your computer's time zone "
        "(without JavaScript, UTC). Leave empty to close the session yourself.",
    )
    stem_on_phones = BooleanField(
        "Show the question on phones too",
        description="For students who cannot read the projector well.",
    )
    #: Minutes to add to the local time to get UTC (JavaScript's getTimezoneOffset); 0 = UTC.
    tz_offset = HiddenField(default="0")

    def validate_deadline(self, field: DateTimeLocalField) -> None:
        """A deadline near now: year 9999 or year 1 plus a time-zone offset would overflow."""
        if field.data is None:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        if field.data < now - timedelta(days=1):
            raise ValidationError("The deadline has to be in the future.")
        if field.data > now + timedelta(days=MAX_DEADLINE_DAYS):
            raise ValidationError(
                f"Choose a deadline within the next {MAX_DEADLINE_DAYS // 365} years."
            )

    def validate_tz_offset(self, field: HiddenField) -> None:
        try:
            minutes = int(field.data or 0)
        except ValueError:
            raise ValidationError("The time zone was not understood; reload the page.") from None
        if not -16 * 60 <= minutes <= 16 * 60:
            raise ValidationError("The time zone was not understood; reload the page.")

    def deadline_utc(self) -> datetime | None:
        if self.deadline.data is None:
            return None
        minutes = int(self.tz_offset.data or 0)
        return (self.deadline.data + timedelta(minutes=minutes)).replace(tzinfo=UTC)
