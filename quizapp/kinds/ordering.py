"""Put in order: the student puts the options in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any, ClassVar

from wtforms import SelectField, TextAreaField
from wtforms.fields import SelectChoice

from .base import QuestionData, QuestionKind, Shown, not_in_order, seeded_shuffle
from .formfields import parse_index
from .grading import (
    InvalidResponse,
    require_all,
    require_distinct,
    require_known,
    require_options,
    require_texts,
)
from .keys import arrange_options, checked_options, lines, listed, shuffled_order, stripped
from .shapes import AnswerShape


def ordinal_label(position: int, count: int) -> str:
    if position == 1:
        return "1 (first)"
    if position == count:
        return f"{position} (last)"
    return str(position)


class Ordering(QuestionKind):
    """The student puts the options in order.

    Response: a list holding each option exactly once. Grading: credit = share of all pairs of
    items that the response puts in the same relative order as the key (Kendall-tau style: for
    n items there are n(n−1)/2 pairs; one swap of neighbours out of four items earns 5/6, the
    reverse order earns 0); correct only if the whole order matches. Never shown in the key's
    order.
    """

    name = "ordering"
    label = "Put in order"
    shape = AnswerShape.SEQUENCE
    about = "Students put items in the right order."
    hint = "Give each item its position, 1 first, then submit."
    error_fields: ClassVar[dict[str, str]] = {"answer": "order", "options": "order"}

    def describe_answer(self, answer, settings=None) -> str:
        return " → ".join(answer)

    def check_key(self, answer, options, accepted, settings):
        options = checked_options(options)
        key = self.normalise_response([stripped(a) for a in listed(answer)], options)
        return key, options, [], {}

    def shown(self, question: QuestionData, seed: str, shuffle: bool = True) -> Shown:
        choices = list(question.options or ())
        if shuffle:
            choices = seeded_shuffle(choices, seed)
        return Shown(tuple(not_in_order(choices, question.answer or [])))

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        count = len(shown.choices)
        menu = [SelectChoice("", "Choose a position")] + [
            SelectChoice(str(n), ordinal_label(n, count)) for n in range(1, count + 1)
        ]
        return {
            f"position_{number}": SelectField(item, choices=menu, validate_choice=False)
            for number, item in enumerate(shown.choices)
        }

    def read_form(self, shown: Shown, form) -> list[str]:
        """Field ``position_<i>`` holds the position (1 = first) given to shown item ``i``.

        The positions must use each number from 1 to n once: a permutation.
        """
        count = len(shown.choices)
        placed: dict[int, str] = {}
        for number, item in enumerate(shown.choices):
            value = str(form.get(f"position_{number}") or "").strip()
            if not value:
                raise InvalidResponse(f"Give “{item}” a position.")
            try:
                position = parse_index(value)
            except ValueError:
                position = 0
            if not 1 <= position <= count:
                raise InvalidResponse(f"Positions go from 1 to {count}.")
            if position in placed:
                raise InvalidResponse(
                    f"“{placed[position]}” and “{item}” both have position {position}. "
                    "Give each item its own position."
                )
            placed[position] = item
        return [placed[position] for position in sorted(placed)]

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        order = list(response or [])
        return {
            f"position_{number}": str(order.index(item) + 1)
            for number, item in enumerate(shown.choices)
            if item in order
        }

    def normalise_response(self, raw, options, key=None, settings=None) -> list[str]:
        choices = require_options(options, self.name)
        items = require_texts(raw, "The order")
        require_known(items, choices, "items to order")
        require_distinct(items, "{item} is placed more than once.")
        require_all(items, choices, "Place every item: {item} is missing.")
        return items

    def _credit(self, key, accepted, response, settings) -> float:
        pairs = list(combinations(key, 2))
        if not pairs:
            return 1.0
        position = {item: index for index, item in enumerate(response)}
        in_order = sum(
            first in position and second in position and position[first] < position[second]
            for first, second in pairs
        )
        return in_order / len(pairs)

    def editor_fields(self) -> dict[str, Any]:
        return {
            "order": TextAreaField(
                "Items in the right order, one per line",
                description="Students see them shuffled and put them back in this order.",
                render_kw={"rows": 5},
            )
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        return {"order": "\n".join(question.answer)}

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        items = lines(data.get("order"))
        arranged = arrange_options(previous, items) if previous else []
        # Never stored in the right order; a new question's items are stored sorted (or reversed).
        options = arranged if arranged and arranged != items else shuffled_order(items)
        return {"answer": items, "options": options, "accepted": [], "settings": {}}
