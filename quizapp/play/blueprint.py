"""The students' blueprint: join with a code, play, see the results. No accounts."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("play", __name__)
