"""Reading answer forms: the helpers the kinds share. Pure code (WTForms fields only).

Answer forms send indexes into the choices *as this student sees them*, never option texts, so a
page carries nothing but what is on screen; here the indexes are mapped back to texts. Anything
malformed raises ``InvalidResponse`` with a message for the student.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import SelectMultipleField
from wtforms.fields import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from .grading import InvalidResponse

#: Longest text accepted in a typed answer box (the kinds refuse longer ones anyway).
TYPED_MAX = 200
#: The largest index a form may send (ids and indexes are at most ten ASCII digits).
_MAX_INDEX = 2**31 - 1


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for several picks (``forms.field`` renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def index_choices(choices: Sequence[str], blank: str | None = None) -> list[SelectChoice]:
    """Choices whose values are indexes into ``choices``, after an empty ``blank`` if given."""
    menu = [SelectChoice("", blank)] if blank is not None else []
    return menu + [SelectChoice(str(index), text) for index, text in enumerate(choices)]


def parse_index(value: Any) -> int:
    """A submitted index: ASCII digits only, of a sane size; ``ValueError`` otherwise."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > _MAX_INDEX:
        raise ValueError(f"not an index: {text[:20]!r}")
    return int(text)


def option_index(value: Any, choices: Sequence[str]) -> int:
    """``value`` as an index into ``choices``, or ``InvalidResponse``."""
    try:
        index = parse_index(value)
    except ValueError:
        index = len(choices)
    if index >= len(choices):
        raise InvalidResponse(
            "That answer is not one of the options. Reload the page and try again."
        )
    return index


def typed_text(value: Any, empty_message: str) -> str:
    """A typed answer, trimmed, refused when empty or too long."""
    text = str(value or "").strip()
    if not text:
        raise InvalidResponse(empty_message)
    if len(text) > TYPED_MAX:
        raise InvalidResponse(f"Answers have at most {TYPED_MAX} characters.")
    return text
