"""Article text in, grounded quiz questions out: pure Python, no Flask, no database.

Public API (the rest of quizapp uses only these names):

- ``generate(text, title=None) -> GeneratedBank``
- ``audit(question, text) -> list[str]``: names of the automatic quality checks a question fails
- ``GENERATOR``: "<name>/<version>"; changing the version changes question ids
- ``UnusableText``: raised with a message for a teacher when the text cannot give good questions
"""

from __future__ import annotations

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

__all__ = [
    "ANSWER_TYPES",
    "GENERATOR",
    "KINDS",
    "GeneratedBank",
    "GeneratedQuestion",
    "Section",
    "Source",
    "UnusableText",
]
