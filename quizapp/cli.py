"""The ``quizapp`` console script: Flask's commands (run, db, shell) and quizapp's own.

A ``FlaskGroup`` that builds the app itself, so no ``--app`` is needed.
"""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from . import create_app


@click.group(cls=FlaskGroup, create_app=create_app)
def main() -> None:
    """quizapp: classroom quizzes generated from an article."""
