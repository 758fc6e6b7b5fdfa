"""Article text in, grounded quiz questions out: pure Python, no Flask, no database.

Public API (the rest of quizapp uses only these names):

- ``generate(text, title=None) -> GeneratedBank``
- ``audit(question, text) -> list[str]``: names of the automatic quality checks a question fails
- ``GENERATOR``: "<name>/<version>"; changing the version changes question ids
- ``UnusableText``: raised with a message for a teacher when the text cannot give good questions

Pipeline (one module each): ``text`` (normalise, title, sections) -> ``sentences`` ->
``candidates`` (typed answer candidates) -> ``questions`` (one rule per kind) -> ``distractors``
-> ``checks`` (``audit``) -> ``ranking`` (score, de-duplicate, pick).
"""

from __future__ import annotations

from .checks import CHECKS, audit
from .types import (
    ANSWER_TYPES,
    KINDS,
    GeneratedBank,
    GeneratedQuestion,
    Section,
    Source,
    UnusableText,
)

GENERATOR_NAME = "quizapp-rules"
GENERATOR_VERSION = "1"
GENERATOR = f"{GENERATOR_NAME}/{GENERATOR_VERSION}"


def generate(text: str, title: str | None = None) -> GeneratedBank:
    """Questions about ``text``; deterministic for the same text and ``GENERATOR``.

    Raises ``UnusableText`` (a ``ValueError``) with a message for the teacher when the text is
    empty, too short, not English or only a list.
    """
    from .generator import generate_bank

    return generate_bank(text, title, GENERATOR)


__all__ = [
    "ANSWER_TYPES",
    "CHECKS",
    "GENERATOR",
    "KINDS",
    "GeneratedBank",
    "GeneratedQuestion",
    "Section",
    "Source",
    "UnusableText",
    "audit",
    "generate",
]
