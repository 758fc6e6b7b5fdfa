"""Forms for teachers' accounts."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from ..passwords import password_problem

PASSWORD_MIN_LENGTH = 10


def strip(value: str | None) -> str | None:
    """Drop the spaces that copying an address from an e-mail tends to bring along."""
    return value.strip() if isinstance(value, str) else value


#: Enough to catch typing slips; whether the address really works is not ours to know.
EMAIL_SHAPE = Regexp(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an e-mail address like name@school.org."
)


class RegisterForm(FlaskForm):
    display_name = StringField(
        "Your name",
        validators=[DataRequired(), Length(max=80)],
        description="Shown to you only, e.g. “Ms Rivera”.",
    )
    email = EmailField(
        "E-mail", validators=[DataRequired(), EMAIL_SHAPE, Length(max=254)], filters=[strip]
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired(),
            Length(
                min=PASSWORD_MIN_LENGTH,
                max=200,
                message=f"Use at least {PASSWORD_MIN_LENGTH} characters (and at most 200).",
            ),
        ],
        description=f"At least {PASSWORD_MIN_LENGTH} characters, hard to guess: a few "
        "uncommon words work well.",
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )

    def validate_password(self, field: Field) -> None:
        refuse_guessable(field, self.email.data, self.display_name.data)


def refuse_guessable(field: Field, *personal: str | None) -> None:
    """A long enough password must also be hard to guess (zxcvbn); say why it is not."""
    if field.data and len(field.data) >= PASSWORD_MIN_LENGTH:
        problem = password_problem(field.data, [text for text in personal if text])
        if problem:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)], filters=[strip])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")


class ChangePasswordForm(FlaskForm):
    """The current password, then a new one (hard to guess, like at registration)."""

    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        "New password",
        validators=[
            DataRequired(),
            Length(
                min=PASSWORD_MIN_LENGTH,
                max=200,
                message=f"Use at least {PASSWORD_MIN_LENGTH} characters (and at most 200).",
            ),
        ],
        description=f"At least {PASSWORD_MIN_LENGTH} characters, hard to guess.",
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    #: The account's e-mail and name, which a password must not lean on (set by the view).
    personal: tuple[str, ...] = ()

    def validate_password(self, field: Field) -> None:
        refuse_guessable(field, *self.personal)


class SignOutEverywhereForm(FlaskForm):
    """A button (the CSRF token is the whole form)."""
