"""Registering, signing in and out, changing the password, signing out everywhere.

Every sign-in is recorded (``operations.teachers.start_login``) and every cookie names its record,
so signing out ends it on the server, not only in this browser.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME
from werkzeug.wrappers import Response

from ..extensions import db, login_manager, rate_limited
from ..models import Teacher
from ..operations.teachers import (
    EmailTaken,
    authenticate,
    change_password,
    end_all_logins,
    end_login,
    password_matches,
    register_teacher,
    signed_in_teacher,
    start_login,
)
from .blueprint import bp
from .forms import ChangePasswordForm, LoginForm, RegisterForm, SignOutEverywhereForm


@login_manager.user_loader
def load_teacher(user_id: str) -> Teacher | None:
    """The teacher of a session or remember-me cookie whose sign-in has not ended."""
    return signed_in_teacher(user_id)


def sign_in(teacher: Teacher, *, remember: bool = False) -> None:
    """Record the sign-in, commit, and give this browser its cookies."""
    start_login(teacher, remember=remember)
    db.session.commit()
    login_user(teacher, remember=remember)


@bp.route("/register", methods=["GET", "POST"])
@rate_limited("register", methods=["POST"])
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            teacher = register_teacher(form.email.data, form.display_name.data, form.password.data)
        except EmailTaken:
            form.email.errors.append("An account with this e-mail exists already. Sign in instead.")
        else:
            sign_in(teacher)
            flash(f"Welcome, {teacher.display_name}! Your account is ready.", "success")
            return redirect(url_for("teacher.dashboard"))
    return render_template("teacher/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@rate_limited("login", methods=["POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        teacher = authenticate(form.email.data, form.password.data)
        if teacher is not None:
            sign_in(teacher, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next")))
        form.form_errors.append("That e-mail and password do not match an account.")
    status = 400 if form.errors or form.form_errors else 200
    return render_template("teacher/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    end_login(current_user)
    db.session.commit()
    return signed_out("You are signed out.")


def signed_out(message: str) -> Response:
    """Clear this browser's cookies (the sign-in has ended on the server already)."""
    logout_user()
    session.pop("_flashes", None)  # a shared computer: the next person sees none of them
    flash(message, "info")
    return redirect(url_for("public.home"))


@bp.get("/account")
@login_required
def account() -> str:
    return render_account(ChangePasswordForm(), SignOutEverywhereForm())


def render_account(password_form: ChangePasswordForm, everywhere_form: SignOutEverywhereForm):
    return render_template(
        "teacher/account.html", password_form=password_form, everywhere_form=everywhere_form
    )


@bp.post("/account/password")
@login_required
@rate_limited("login", methods=["POST"])
def password() -> str | Response | tuple[str, int]:
    """A new password signs the account out everywhere else; this browser stays signed in."""
    form = ChangePasswordForm()
    form.personal = (current_user.email, current_user.display_name)
    if form.validate_on_submit():
        if password_matches(current_user, form.current.data):
            teacher = current_user._get_current_object()
            remember = (
                current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
            )
            change_password(teacher, form.password.data)
            sign_in(teacher, remember=remember)
            flash("Your password is changed. Every other browser is signed out.", "success")
            return redirect(url_for("teacher.account"))
        form.current.errors = ["That is not your current password."]
    return render_account(form, SignOutEverywhereForm()), 400


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere() -> Response | tuple[str, int]:
    """End every sign-in of this account: lost phones, shared computers, copied cookies."""
    form = SignOutEverywhereForm()
    if not form.validate_on_submit():
        return render_account(ChangePasswordForm(), form), 400
    count = end_all_logins(current_user)
    db.session.commit()
    return signed_out(f"You are signed out everywhere ({count} sign-in{'s' * (count != 1)} ended).")


def safe_next(target: str | None) -> str:
    """Follow ``next`` only to a path on this site, never to another host."""
    fallback = url_for("teacher.dashboard")
    if not target or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return fallback
    return target
