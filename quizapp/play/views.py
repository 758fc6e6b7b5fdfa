"""Joining and playing a session."""

from __future__ import annotations

from flask import render_template

from .blueprint import bp


@bp.get("/join")
def join() -> str:
    return render_template("play/join.html")
