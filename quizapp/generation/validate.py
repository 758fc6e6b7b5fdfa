"""Deciding whether a teacher's text can give good questions at all.

Refusing early with one clear sentence is kinder than a quiz of junk: empty or very short texts,
texts that are not English, and texts that are only a list are refused with ``UnusableText``.
"""

from __future__ import annotations

import re

from .lexicon import STOPWORDS
from .text import _BULLET, normalise
from .types import UnusableText

MIN_WORDS = 80
MIN_SENTENCES = 3
#: In English prose about 40-50% of words are function words; other languages score far lower.
MIN_STOPWORD_SHARE = 0.2
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def check_usable(text: str) -> None:
    """Raise ``UnusableText`` with a message for the teacher when ``text`` cannot be used."""
    if not text or not text.strip():
        raise UnusableText("The text is empty; paste an article of a few paragraphs.")
    words = _WORD.findall(text)
    # Counted on the normalised text: "planets.[1] It" ends a sentence once its mark is blanked.
    if len(words) < MIN_WORDS or len(_SENTENCE_END.findall(normalise(text))) < MIN_SENTENCES:
        raise UnusableText(
            f"The text is too short; paste an article of at least {MIN_WORDS} words "
            "(a few paragraphs) so there is enough to ask about."
        )
    sample = [w.lower() for w in words[:5000]]
    share = sum(1 for w in sample if w in STOPWORDS) / len(sample)
    if share < MIN_STOPWORD_SHARE:
        raise UnusableText(
            "The text does not look like English; the question generator only reads English."
        )
    lines = [line for line in text.splitlines() if line.strip()]
    bullets = sum(1 for line in lines if _BULLET.match(line))
    prose_words = sum(len(line.split()) for line in lines if not _BULLET.match(line))
    if lines and bullets / len(lines) > 0.6 and prose_words < MIN_WORDS:
        raise UnusableText("The text is only a list; paste an article written in full sentences.")
