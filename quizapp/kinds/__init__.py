"""Question kinds: one class per kind, in a registry. Pure code: no Flask, no database.

A kind knows how its key is stored (the JSON form of ``Question.answer``), how to show it, how to
check a student's response (``normalise_response``) and how to grade it (``grade``). Each class's
docstring states its grading rule; the README quotes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any, ClassVar

from ..generation.types import KINDS
from .answers import answer_matches, normalise_answer
from .grading import (
    MAX_RESPONSE_CHARS,
    Grade,
    InvalidResponse,
    require_all,
    require_distinct,
    require_known,
    require_options,
    require_text,
    require_texts,
)
from .shapes import AnswerShape

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "KIND_REGISTRY",
    "MAX_RESPONSE_CHARS",
    "AnswerShape",
    "FillBlank",
    "Grade",
    "InvalidResponse",
    "Matching",
    "MultipleChoice",
    "MultipleSelect",
    "Ordering",
    "QuestionKind",
    "TrueFalse",
    "build_registry",
    "get_kind",
    "kind_for_shape",
    "normalise_answer",
]


class QuestionKind:
    """What every kind provides.

    ``normalise_response`` runs first, on the student's parsed response, and raises
    ``InvalidResponse`` for a wrong shape; ``grade`` then takes the normalised response. ``grade``
    also takes ``None`` for "no answer" (skipped, or time ran out), which earns nothing.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    #: The shape of the stored key, which interchange formats branch on instead of the name.
    shape: ClassVar[AnswerShape]
    #: Whether the question shows a list of options to choose from.
    has_options: ClassVar[bool] = True

    def describe_answer(self, answer: Any) -> str:
        """The key as a person reads it."""
        return str(answer)

    def normalise_response(self, raw: Any, options: Sequence[str] | None, key: Any = None) -> Any:
        """The response in this kind's shape, or ``InvalidResponse`` saying what is wrong.

        ``options`` are the question's options as shown (a ``TypeError`` if a kind that needs them
        gets None); ``key`` is needed only by matching, whose left-hand items live in the key.
        """
        raise NotImplementedError

    def grade(self, key: Any, accepted: Sequence[str], response: Any) -> Grade:
        """The grade of a normalised ``response`` against the stored ``key``.

        ``accepted`` holds other typed answers that count as right (fill_blank only).
        """
        if response is None:
            return Grade(0.0, False)
        return Grade.of(self._credit(key, accepted, response))

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        """The share of the marks the response earns."""
        raise NotImplementedError


class MultipleChoice(QuestionKind):
    """One option is the key.

    Response: the text of one of the options. Grading: full credit for the key, nothing otherwise.
    """

    name = "multiple_choice"
    label = "Multiple choice"
    shape = AnswerShape.ONE_CHOICE

    def normalise_response(self, raw: Any, options: Sequence[str] | None, key: Any = None) -> str:
        choices = require_options(options, self.name)
        text = require_text(raw, "The answer")
        require_known([text], choices, "options")
        return text

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        return 1.0 if response == key else 0.0


class MultipleSelect(QuestionKind):
    """Some of the options are keys; the student picks any number of options.

    Response: a list of distinct options (an empty list means "none selected"), returned in the
    options' order. Grading: partial credit = max(0, (right picks − wrong picks) / number of keys),
    so picking everything earns nothing; correct only for exactly the keys. A question whose key
    is empty gives full credit to an empty response only.
    """

    name = "multiple_select"
    label = "Select all that apply"
    shape = AnswerShape.MANY_CHOICES

    def describe_answer(self, answer: Any) -> str:
        return ", ".join(answer)

    def normalise_response(
        self, raw: Any, options: Sequence[str] | None, key: Any = None
    ) -> list[str]:
        choices = require_options(options, self.name)
        picks = require_texts(raw, "The selection")
        require_known(picks, choices, "options")
        require_distinct(picks, "{item} is selected more than once.")
        return [choice for choice in dict.fromkeys(choices) if choice in picks]

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        keys, picks = set(key), set(response)
        if not keys:
            return 0.0 if picks else 1.0
        right, wrong = len(picks & keys), len(picks - keys)
        return max(0.0, (right - wrong) / len(keys))


class TrueFalse(QuestionKind):
    """A statement that is true or false.

    Response: a bool (strictly; 0, 1 and "true" are refused). Grading: full credit or nothing.
    """

    name = "true_false"
    label = "True or false"
    shape = AnswerShape.TRUTH

    def describe_answer(self, answer: Any) -> str:
        return "True" if answer else "False"

    def normalise_response(self, raw: Any, options: Sequence[str] | None, key: Any = None) -> bool:
        if not isinstance(raw, bool):
            raise InvalidResponse(f"The answer must be true or false, not {type(raw).__name__}.")
        return raw

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        return 1.0 if response is bool(key) else 0.0


class FillBlank(QuestionKind):
    """The student types the missing word or words.

    Response: a non-empty string, trimmed. Grading: full credit if the response equals the key or
    an accepted variant once both are normalised (Unicode NFKC, case-folded, "&" read as "and",
    dashes and slashes as spaces, other punctuation dropped, whitespace collapsed, a leading
    "the"/"a"/"an" dropped), else nothing. One typo (a character added, dropped or changed, or two
    neighbours swapped) is forgiven in answers of at least 6 letters, but numbers must match
    exactly: "1968" is not "1969", "Apollo 12" is not "Apollo 11".
    """

    name = "fill_blank"
    label = "Fill in the blank"
    shape = AnswerShape.TEXT
    has_options = False

    def normalise_response(self, raw: Any, options: Sequence[str] | None, key: Any = None) -> str:
        text = require_text(raw, "The answer").strip()
        if not text:
            raise InvalidResponse("The answer is empty.")
        return text

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        return 1.0 if answer_matches(response, [key, *accepted]) else 0.0


class Matching(QuestionKind):
    """Each left-hand item is matched with one right-hand option.

    The key is a list of [left, right] pairs; the options are the right-hand texts shown (the
    key's rights if the question has no options), and a right may be used more than once.
    Response: a list of [left, right] pairs naming every left of the key exactly once, returned in
    the key's order. Grading: credit = share of the key's pairs matched right; correct only if all
    are.
    """

    name = "matching"
    label = "Matching"
    shape = AnswerShape.PAIRS

    def describe_answer(self, answer: Any) -> str:
        return "; ".join(f"{left} → {right}" for left, right in answer)

    def normalise_response(
        self, raw: Any, options: Sequence[str] | None, key: Any = None
    ) -> list[list[str]]:
        if key is None:
            raise TypeError("A matching response is checked against the question's key.")
        lefts = [left for left, _ in key]
        rights = options if options is not None else [right for _, right in key]
        pairs = dict(self._pairs(raw))
        require_known(pairs, lefts, "items to match")
        require_known(pairs.values(), rights, "options")
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

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        wanted = {left: right for left, right in key}
        if not wanted:
            return 1.0
        given = {left: right for left, right in response}
        right = sum(given.get(left) == answer for left, answer in wanted.items())
        return right / len(wanted)


class Ordering(QuestionKind):
    """The student puts the options in order.

    Response: a list holding each option exactly once. Grading: credit = share of all pairs of
    items that the response puts in the same relative order as the key (Kendall-tau style: for
    n items there are n(n−1)/2 pairs; one swap of neighbours out of four items earns 5/6, the
    reverse order earns 0); correct only if the whole order matches.
    """

    name = "ordering"
    label = "Put in order"
    shape = AnswerShape.SEQUENCE

    def describe_answer(self, answer: Any) -> str:
        return " → ".join(answer)

    def normalise_response(
        self, raw: Any, options: Sequence[str] | None, key: Any = None
    ) -> list[str]:
        choices = require_options(options, self.name)
        items = require_texts(raw, "The order")
        require_known(items, choices, "items to order")
        require_distinct(items, "{item} is placed more than once.")
        require_all(items, choices, "Place every item: {item} is missing.")
        return items

    def _credit(self, key: Any, accepted: Sequence[str], response: Any) -> float:
        pairs = list(combinations(key, 2))
        if not pairs:
            return 1.0
        position = {item: index for index, item in enumerate(response)}
        in_order = sum(
            first in position and second in position and position[first] < position[second]
            for first, second in pairs
        )
        return in_order / len(pairs)


def build_registry(*kinds: type[QuestionKind]) -> dict[str, QuestionKind]:
    """Index the kinds by name, failing at start-up on a clash or on a kind the generator lacks."""
    registry: dict[str, QuestionKind] = {}
    for kind in kinds:
        if kind.name in registry:
            raise RuntimeError(f"Two question kinds are named {kind.name!r}.")
        registry[kind.name] = kind()
    if set(registry) != set(KINDS):
        raise RuntimeError(f"Question kinds {sorted(registry)} do not match {sorted(KINDS)}.")
    return registry


#: Every kind by name, in the generator's order.
KIND_REGISTRY = build_registry(
    MultipleChoice, MultipleSelect, TrueFalse, FillBlank, Matching, Ordering
)
KIND_LABELS = {name: KIND_REGISTRY[name].label for name in KINDS}


def kind_for_shape(shape: AnswerShape) -> QuestionKind:
    """The kind whose key has ``shape`` (the first registered one), for imported questions."""
    for kind in KIND_REGISTRY.values():
        if kind.shape == shape:
            return kind
    raise KeyError(f"No question kind has the answer shape {shape!r}")


def get_kind(name: str) -> QuestionKind:
    """The kind called ``name``; a KeyError names the unknown kind."""
    try:
        return KIND_REGISTRY[name]
    except KeyError:
        raise KeyError(f"Unknown question kind {name!r}") from None
