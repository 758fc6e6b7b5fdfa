"""The teachers' blueprint; its views live in the modules beside this one."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("teacher", __name__, url_prefix="/teacher")
