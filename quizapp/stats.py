"""Pure statistics over responses: no Flask, no database; plain values in, plain values out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any


def choice_counts(kind: str, options: Sequence[str] | None, answers: Iterable[Any]) -> list[int]:
    """How many answers chose each option, in the options' order.

    ``answers`` are stored responses (None for "no answer in time", which counts for no option).
    multiple_select counts every option ticked; true_false counts True then False.
    """
    if kind == "true_false":
        tally = Counter(answer for answer in answers if isinstance(answer, bool))
        return [tally[True], tally[False]]
    if kind not in ("multiple_choice", "multiple_select") or not options:
        return []
    tally: Counter[str] = Counter()
    for answer in answers:
        if answer is None:
            continue
        tally.update(answer if isinstance(answer, list) else [answer])
    return [tally[option] for option in options]


def outcome_counts(credits: Iterable[float]) -> dict[str, int]:
    """Right, partly right and wrong answers, for kinds without options to count."""
    tally = {"right": 0, "partly": 0, "wrong": 0}
    for credit in credits:
        tally["right" if credit >= 1.0 else "partly" if credit > 0 else "wrong"] += 1
    return tally
