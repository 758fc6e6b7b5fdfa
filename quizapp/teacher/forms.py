"""Forms for teachers' accounts."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

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
        description=f"At least {PASSWORD_MIN_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)], filters=[strip])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")
