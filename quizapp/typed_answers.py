"""The class's most common typed answers, grouped as the grader groups them. Pure code.

A reveal of a typed question (fill in the blank, a number) shows what the room wrote: every answer
the grader took as right is one group under the key, and the wrong ones are grouped by the form
the grader compares in (``normalise``: "the moon " and "Moon" are one answer), each shown in its
commonest spelling. Plain values in and out, so a kind's own tally can call it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AnswerGroup:
    """One answer as the class gave it: its commonest spelling, how many gave it, right or not."""

    text: str
    count: int
    right: bool


def common_answers(
    rows: Iterable[tuple[Any, bool]],
    normalise: Callable[[Any], Hashable],
    key_text: str,
    limit: int = 5,
) -> list[AnswerGroup]:
    """The ``limit`` commonest answers, most given first; the right ones first among equals.

    ``rows`` are (stored answer, graded correct) pairs; None answers (time ran out) are left out.
    """
    right = 0
    wrong: dict[Hashable, Counter[str]] = {}
    for answer, correct in rows:
        if answer is None:
            continue
        if correct:
            right += 1
            continue
        spelled = str(answer).strip()
        wrong.setdefault(normalise(answer), Counter())[spelled] += 1
    groups = [
        AnswerGroup(spellings.most_common(1)[0][0], sum(spellings.values()), False)
        for spellings in wrong.values()
    ]
    if right:
        groups.append(AnswerGroup(key_text, right, True))
    groups.sort(key=lambda group: (-group.count, not group.right, group.text.casefold()))
    return groups[:limit]
