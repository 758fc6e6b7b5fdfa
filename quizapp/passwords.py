"""Whether a password is too easy to guess: zxcvbn's estimate, with its own word lists.

A length rule alone lets "aaaaaaaaaa", "1234567890" and "password12" through. zxcvbn (the
estimator Dropbox published, ported to Python) matches a password against lists of common
passwords, names and English words, keyboard patterns, repeats, sequences and dates, and estimates
how many guesses it would take. Pure code: no Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zxcvbn import zxcvbn

#: zxcvbn's score runs 0–4; 3 is "safely unguessable: moderate protection from an offline attack
#: on a slow hash" (about 10^8 guesses and more), which suits scrypt-hashed teacher accounts.
MIN_SCORE = 3
#: zxcvbn's time grows fast with length (seconds at 200 characters); a password whose first 72
#: characters are hard to guess is hard to guess, so only those are weighed.
ESTIMATED_PREFIX = 72


def password_problem(password: str, personal: Iterable[str] = ()) -> str | None:
    """Why ``password`` is too easy to guess, in words for the person choosing it, or None.

    ``personal`` holds what an attacker would try first for this account (e-mail, name).
    """
    hints = [part for text in personal if text for part in split_hints(text)]
    result = zxcvbn(password[:ESTIMATED_PREFIX], user_inputs=hints)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result.get("feedback") or {}
    reasons = [feedback.get("warning") or "This password would be guessed quickly."]
    reasons += list(feedback.get("suggestions") or [])[:2]
    return "This password is too easy to guess. " + " ".join(
        reason if reason.endswith(".") else reason + "." for reason in reasons
    )


def split_hints(text: str) -> list[str]:
    """An e-mail and a name as the words an attacker would try: "ana.r@school.org" → ana, r…"""
    text = text.strip().lower()
    local = text.split("@")[0]
    words = re.split(r"[@._+\s-]+", text)
    return [text, local, *(word for word in words if len(word) > 1)]
