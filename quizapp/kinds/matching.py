"""Matching: each item is matched with one right-hand option."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from wtforms import SelectField, TextAreaField

from .base import InvalidKey, QuestionData, QuestionKind, Shown, not_in_order, seeded_shuffle
from .formfields import index_choices, option_index
from .grading import (
    InvalidResponse,
    require_all,
    require_distinct,
    require_known,
    require_text,
)
from .keys import (
    MAX_OPTION_CHARS,
    MAX_OPTIONS,
    MIN_OPTIONS,
    arrange_options,
    checked_options,
    lines,
    listed,
    stripped,
)
from .shapes import AnswerShape


def parse_pair(line: str) -> list[str]:
    """``"item => match"`` as [item, match]; without ``=>`` the match is empty (refused later)."""
    left, _, right = line.partition("=>")
    return [left.strip(), right.strip()]


class Matching(QuestionKind):
    """Each left-hand item is matched with one right-hand option.

    The key is a list of [left, right] pairs; the options are the right-hand texts shown (the
    key's rights if the question has no options). Each right-hand option is used at most once in
    a response, as in the key (two items cannot share a match). Response: a list of [left, right]
    pairs naming every left of the key exactly once, returned in the key's order. Grading: credit
    = share of the key's pairs matched right; correct only if all are.

    Items are shown in an order of their own per student (never the key's order, which is often
    the article's and so the answer's: dates top to bottom).
    """

    name = "matching"
    label = "Matching"
    shape = AnswerShape.PAIRS
    about = "Students match each item with its partner."
    hint = "Choose the match for each item, then submit."
    error_fields: ClassVar[dict[str, str]] = {"answer": "pairs", "options": "pairs"}

    def describe_answer(self, answer, settings=None) -> str:
        return "; ".join(f"{left} → {right}" for left, right in answer)

    def check_key(self, answer, options, accepted, settings):
        pairs = self.checked_pairs(answer)
        options = checked_options(options)
        key = self.normalise_response(pairs, options, key=pairs)
        return key, options, [], {}

    def checked_pairs(self, answer: Any) -> list[list[str]]:
        """A matching key: 2 to 8 [item, match] pairs of non-empty texts, each match once."""
        pairs = []
        for pair in listed(answer):
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise InvalidKey("Each pair needs an item and its match.")
            pairs.append([stripped(pair[0]), stripped(pair[1])])
        for left, right in pairs:
            if not isinstance(left, str) or not isinstance(right, str) or not left or not right:
                raise InvalidKey("Each pair needs an item and its match, as “item => match”.")
            if len(left) > MAX_OPTION_CHARS:
                raise InvalidKey(f"An item is too long: at most {MAX_OPTION_CHARS} characters.")
        if len(pairs) < MIN_OPTIONS:
            raise InvalidKey(f"Give at least {MIN_OPTIONS} pairs to match.")
        if len(pairs) > MAX_OPTIONS:
            raise InvalidKey(f"Give at most {MAX_OPTIONS} pairs to match.")
        return pairs

    def right_options(self, question: QuestionData) -> list[str]:
        return []

    def lefts(self, question: QuestionData) -> list[str]:
        return [str(left) for left, _ in question.answer or []]

    def shown(self, question: QuestionData, seed: str, shuffle: bool = True) -> Shown:
        """Options in the student's shuffle (or as stored); items always in an order of their own.

        Without options, the key's rights are sorted so that their order gives nothing away.
        """
        if question.options is not None:
            choices = list(question.options)
            if shuffle:
                choices = seeded_shuffle(choices, seed)
        else:
            rights = {str(right) for _, right in question.answer or []}
            choices = sorted(rights, key=str.casefold)
        lefts = self.lefts(question)
        prompts = not_in_order(seeded_shuffle(lefts, f"{seed}:items"), lefts)
        return Shown(tuple(choices), tuple(prompts))

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        menu = index_choices(shown.choices, blank="Choose a match")
        return {
            f"match_{number}": SelectField(left, choices=menu, validate_choice=False)
            for number, left in enumerate(shown.prompts)
        }

    def read_form(self, shown: Shown, form) -> list[list[str]]:
        """Field ``match_<i>`` holds the index of the option matched with shown item ``i``."""
        pairs = []
        for number, left in enumerate(shown.prompts):
            value = form.get(f"match_{number}")
            if value is None or value == "":
                raise InvalidResponse(f"Choose a match for “{left}”.")
            pairs.append([left, shown.choices[option_index(value, shown.choices)]])
        return pairs

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        chosen = dict(map(tuple, response or []))
        values = {}
        for number, left in enumerate(shown.prompts):
            if chosen.get(left) in shown.choices:
                values[f"match_{number}"] = str(shown.choices.index(chosen[left]))
        return values

    def normalise_response(self, raw, options, key=None, settings=None) -> list[list[str]]:
        if key is None:
            raise TypeError("A matching response is checked against the question's key.")
        lefts = [left for left, _ in key]
        rights = options if options is not None else [right for _, right in key]
        pairs = dict(self._pairs(raw))
        require_known(pairs, lefts, "items to match")
        require_known(pairs.values(), rights, "options")
        require_distinct(pairs.values(), "{item} is the match of two items; use each once.")
        require_all(pairs, lefts, "Match every item: {item} is missing.")
        return [[left, pairs[left]] for left in lefts]

    def _pairs(self, raw: Any) -> list[tuple[str, str]]:
        """The response as (left, right) tuples, refusing anything but distinct-left pairs."""
        if not isinstance(raw, list | tuple):
            raise InvalidResponse(f"The matches must be a list, not {type(raw).__name__}.")
        pairs = []
        for pair in raw:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise InvalidResponse("Each match must be a [left, right] pair.")
            pairs.append((require_text(pair[0], "An item"), require_text(pair[1], "An option")))
        require_distinct((left for left, _ in pairs), "{item} is matched more than once.")
        return pairs

    def _credit(self, key, accepted, response, settings) -> float:
        wanted = {left: right for left, right in key}
        if not wanted:
            return 1.0
        given = {left: right for left, right in response}
        right = sum(given.get(left) == answer for left, answer in wanted.items())
        return right / len(wanted)

    def review_rows(self, question: QuestionData, given: Any) -> list[tuple[str, str, str, bool]]:
        chosen = dict(map(tuple, given)) if given else {}
        return [
            (left, chosen.get(left, "—"), right, chosen.get(left) == right)
            for left, right in question.answer
        ]

    def editor_fields(self) -> dict[str, Any]:
        return {
            "pairs": TextAreaField(
                "Pairs to match, one per line",
                description="Write each pair as “item => its match”, e.g. “Apollo 11 => 1969”.",
                render_kw={"rows": 5},
            )
        }

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        return {"pairs": "\n".join(f"{left} => {right}" for left, right in question.answer)}

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        pairs = [parse_pair(line) for line in lines(data.get("pairs"))]
        options = arrange_options(previous, [right for _, right in pairs])
        return {"answer": pairs, "options": options, "accepted": [], "settings": {}}
