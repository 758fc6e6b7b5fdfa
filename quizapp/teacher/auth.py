"""Registering, signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from ..extensions import db, login_manager, rate_limited
from ..models import Teacher
from ..operations.teachers import EmailTaken, authenticate, register_teacher
from .blueprint import bp
from .forms import LoginForm, RegisterForm


@login_manager.user_loader
def load_teacher(teacher_id: str) -> Teacher | None:
    return db.session.get(Teacher, int(teacher_id)) if teacher_id.isdigit() else None


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
            db.session.commit()
            login_user(teacher)
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
            login_user(teacher, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
        form.form_errors.append("That e-mail and password do not match an account.")
    status = 400 if form.errors or form.form_errors else 200
    return render_template("teacher/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    logout_user()
    session.pop("_flashes", None)  # a shared computer: the next person sees none of them
    flash("You are signed out.", "info")
    return redirect(url_for("public.home"))


def safe_next(target: str | None) -> str:
    """Follow ``next`` only to a path on this site, never to another host."""
    fallback = url_for("teacher.dashboard")
    if not target or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return fallback
    return target
