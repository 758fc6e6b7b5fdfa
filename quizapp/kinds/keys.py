"""Checks shared by the kinds on what a teacher types: options, accepted answers, lines of text.

Pure code. Each refusal is an ``InvalidKey`` naming the part of the question it is about, with a
message fit to show the teacher beside that part of the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import InvalidKey

MAX_OPTION_CHARS = 200
MAX_OPTIONS = 8
MIN_OPTIONS = 2
MAX_ACCEPTED = 20


def lines(text: Any) -> list[str]:
    """The non-empty lines of a textarea, trimmed."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def listed(value: Any) -> list[Any]:
    if isinstance(value, list | tuple):
        return list(value)
    raise InvalidKey(f"Expected a list, not {type(value).__name__}.")


def checked_options(options: Any) -> list[str]:
    """Options: 2 to 8 distinct, non-empty texts of at most 200 characters."""
    if not isinstance(options, list | tuple) or not all(isinstance(o, str) for o in options):
        raise InvalidKey("Give the options as a list of texts.", "options")
    texts = [option.strip() for option in options]
    if any(not text for text in texts):
        raise InvalidKey("An option is empty.", "options")
    for text in texts:
        if len(text) > MAX_OPTION_CHARS:
            raise InvalidKey(
                f"The option “{text[:40]}…” is too long: at most {MAX_OPTION_CHARS} characters.",
                "options",
            )
    seen: set[str] = set()
    for text in texts:
        if text.casefold() in seen:
            raise InvalidKey(f"“{text}” is there twice; every option must differ.", "options")
        seen.add(text.casefold())
    if len(texts) < MIN_OPTIONS:
        raise InvalidKey(f"Give at least {MIN_OPTIONS} options.", "options")
    if len(texts) > MAX_OPTIONS:
        raise InvalidKey(f"Give at most {MAX_OPTIONS} options; there are {len(texts)}.", "options")
    return texts


def checked_accepted(answer: str, accepted: Any) -> list[str]:
    """Other answers that count as right; the canonical answer comes first, as generated ones do."""
    variants = [str(v).strip() for v in listed(accepted) if str(v).strip()]
    if len(variants) > MAX_ACCEPTED:
        raise InvalidKey(f"Give at most {MAX_ACCEPTED} other accepted answers.", "accepted")
    for variant in variants:
        if len(variant) > MAX_OPTION_CHARS:
            raise InvalidKey(
                f"An accepted answer is too long: at most {MAX_OPTION_CHARS} characters.",
                "accepted",
            )
    return list(dict.fromkeys([answer, *variants]))


def arrange_options(previous: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """``wanted`` in an order that changes as little as possible from ``previous``.

    Options that stay keep their place, a new option takes the place of one that went, and the
    rest follow. With no previous order (a new question) the options are sorted, so the key is not
    always first.
    """
    if len(set(wanted)) != len(wanted):
        return list(wanted)  # duplicates: left for ``checked_options`` to refuse
    if not previous:
        return sorted(wanted, key=str.casefold)
    slots: list[str | None] = [text if text in wanted else None for text in previous]
    fresh = [text for text in wanted if text not in slots]
    for index, slot in enumerate(slots):
        if slot is None and fresh:
            slots[index] = fresh.pop(0)
    return [text for text in slots if text is not None] + fresh


def shuffled_order(items: Sequence[str]) -> list[str]:
    """A stored order for items to put in order that is not their answer (sorted, else reversed)."""
    arranged = sorted(items, key=str.casefold)
    if arranged == list(items):
        arranged.reverse()
    return arranged
