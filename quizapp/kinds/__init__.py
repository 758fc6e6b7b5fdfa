"""Question kinds: the protocol and registry (``base``) and one module per kind. Pure code.

``REGISTRY`` owns the list of kinds; ``get_kind(name)`` finds one. Each kind's class docstring
states its grading rule; the README quotes them. To add a kind, write a module here with a
``QuestionKind`` subclass, register it below, and (if its inputs differ from the defaults) give
it partials under ``templates/kinds/<name>/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .answers import normalise_answer
from .base import (
    Bar,
    FormData,
    InvalidKey,
    QuestionData,
    QuestionKind,
    Registry,
    Shown,
    Tally,
)
from .fill_blank import FillBlank
from .grading import MAX_RESPONSE_CHARS, Grade, InvalidResponse
from .matching import Matching
from .multiple_choice import MultipleChoice
from .multiple_select import MultipleSelect
from .numeric import Numeric
from .ordering import Ordering
from .shapes import AnswerShape
from .true_false import TrueFalse

__all__ = [
    "KIND_LABELS",
    "KIND_REGISTRY",
    "MAX_RESPONSE_CHARS",
    "REGISTRY",
    "AnswerShape",
    "Bar",
    "FillBlank",
    "FormData",
    "Grade",
    "InvalidKey",
    "InvalidResponse",
    "Matching",
    "MultipleChoice",
    "MultipleSelect",
    "Numeric",
    "Ordering",
    "QuestionData",
    "QuestionKind",
    "Registry",
    "Shown",
    "Tally",
    "TrueFalse",
    "get_kind",
    "kind_for_shape",
    "kind_names",
    "normalise_answer",
]

#: Every kind, in the order the bank and the editor list them.
REGISTRY = Registry()
for _kind in (MultipleChoice, MultipleSelect, TrueFalse, FillBlank, Matching, Ordering, Numeric):
    REGISTRY.register(_kind)


class _RegistryView(Mapping):
    """``KIND_REGISTRY`` / ``KIND_LABELS``: read-only mappings that follow ``REGISTRY``."""

    def __init__(self, value: Callable[[QuestionKind], Any]) -> None:
        self._value = value

    def __getitem__(self, name: str) -> Any:
        return self._value(REGISTRY.get(name))

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTRY.names())

    def __len__(self) -> int:
        return len(REGISTRY)


#: Every kind by name, and every kind's label by name (views over ``REGISTRY``).
KIND_REGISTRY: Mapping[str, QuestionKind] = _RegistryView(lambda kind: kind)
KIND_LABELS: Mapping[str, str] = _RegistryView(lambda kind: kind.label)


def get_kind(name: str) -> QuestionKind:
    """The kind called ``name``; a KeyError names the unknown kind."""
    return REGISTRY.get(name)


def kind_names() -> tuple[str, ...]:
    """The registered kinds' names, in order."""
    return REGISTRY.names()


def kind_for_shape(shape: AnswerShape) -> QuestionKind:
    """The kind whose key has ``shape`` (the first registered one), for imported questions."""
    for kind in REGISTRY:
        if kind.shape == shape:
            return kind
    raise KeyError(f"No question kind has the answer shape {shape!r}")
