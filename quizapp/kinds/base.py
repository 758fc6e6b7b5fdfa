"""What a question kind is (``QuestionKind``) and the registry that owns the list of kinds.

A kind owns everything the app does differently for it: checking a key a teacher typed, which
options are right, the order a student sees options in, the answer fields and reading a submitted
form, the editor's fields and how they map to stored values, the hint, grading, the tally of a
question's responses (live reveal and reports) and its template partials. The rest of the app
calls these methods and never branches on a kind's name; outside code may branch on ``shape``.

Methods take and return plain values (``QuestionData``, ``Shown``, a form mapping, texts); never a
model, ``request`` or a Flask global. WTForms fields (unbound) are fine: the views bind them.

Template partials follow one convention: ``templates/kinds/<name>/<part>.html`` for the parts
``play`` (the answer inputs), ``feedback`` (a locked answer reviewed), ``host`` (the projector's
question), ``reveal`` (the projector's tally of the room's answers), ``editor`` (the teacher's
fields), ``report`` (a question's answers in the results) and ``bank`` (the key as the teacher's
question bank shows it). A kind without its own partial gets the default one,
``templates/kinds/_default/<part>.html``.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from ..stats import outcome_counts
from .grading import Grade, InvalidResponse
from .shapes import AnswerShape

#: The parts a kind may give a template for (see the module's docstring).
TEMPLATE_PARTS = ("play", "feedback", "host", "reveal", "editor", "report", "bank")
#: Letters for options on every screen; a–d also have a colour and a shape each.
LETTERS = "abcdefgh"


class FormData(Protocol):
    """What ``request.form`` offers (a werkzeug ``MultiDict``); a plain dict of lists will do."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


class InvalidKey(InvalidResponse):
    """A key (or its options) a teacher typed that cannot be saved; ``part`` says which part.

    ``part`` is ``"answer"``, ``"options"``, ``"accepted"`` or a kind's own name for a setting.
    """

    def __init__(self, message: str, part: str = "answer") -> None:
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class QuestionData:
    """A question as plain values: what every kind method needs to know of it.

    ``options`` in their stored order (None for kinds without options); ``answer`` the key in the
    kind's JSON form; ``accepted`` other typed answers that count; ``settings`` the kind's own
    stored values beside its key (numeric: tolerance and unit); ``ref`` a stable id used to seed
    display orders.
    """

    kind: str
    stem: str
    answer: Any
    options: tuple[str, ...] | None = None
    accepted: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    ref: str = ""

    @classmethod
    def of(cls, obj: Any) -> QuestionData:
        """The plain values of anything shaped like a question (a model or a generated one).

        Reads attributes only (``option_texts`` before ``options`` for a bank question whose
        options are rows), so this module needs no model.
        """
        options = getattr(obj, "option_texts", None)
        if options is None and not hasattr(obj, "option_texts"):
            options = getattr(obj, "options", None)
        return cls(
            kind=obj.kind,
            stem=obj.stem,
            answer=obj.answer,
            options=tuple(options) if options is not None else None,
            accepted=tuple(getattr(obj, "accepted", None) or ()),
            settings=dict(getattr(obj, "settings", None) or {}),
            ref=str(getattr(obj, "id", "") or ""),
        )


@dataclass(frozen=True)
class Shown:
    """What one student sees of a question: ``choices`` (the texts the form's indexes point into)
    and ``prompts`` (matching's items to match), each in this student's order."""

    choices: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    #: The kind's settings the inputs show (numeric: the unit beside the field).
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Bar:
    """One bar of a question's answers: an option, an outcome or a band of numbers.

    ``short`` labels the bar in a chart (a letter, True/False...), ``label`` in a table.
    """

    short: str
    label: str
    count: int
    is_key: bool


@dataclass(frozen=True)
class Tally:
    """How the responses to one question came out, for the live reveal and the reports.

    ``by_option``: the bars count options chosen (in the options' order) rather than outcomes
    or bands of numbers. ``outcomes``: right, partly right and wrong answers, for every kind.
    """

    bars: tuple[Bar, ...]
    by_option: bool
    outcomes: Mapping[str, int]
    answered: int
    #: What a bar stands for, as a table's column heading.
    heading: str = "Outcome"

    @property
    def counts(self) -> list[int]:
        return [bar.count for bar in self.bars]

    @property
    def key_indexes(self) -> set[int]:
        return {index for index, bar in enumerate(self.bars) if bar.is_key}


OUTCOME_LABELS = {"right": "Right", "partly": "Partly right", "wrong": "Wrong"}


def outcome_bars(outcomes: Mapping[str, int]) -> tuple[Bar, ...]:
    return tuple(
        Bar(OUTCOME_LABELS[name].split()[0], OUTCOME_LABELS[name], n, name == "right")
        for name, n in outcomes.items()
    )


def seeded_shuffle(items: Sequence[str], seed: str) -> list[str]:
    """``items`` in an order fixed by ``seed``: the same student sees the same order on reload."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def not_in_order(items: list[str], key: Sequence[str]) -> list[str]:
    """``items`` moved on by one if they happen to be in the key's order (never shown that way)."""
    if len(items) > 1 and items == list(key):
        return items[1:] + items[:1]
    return items


class QuestionKind:
    """What every kind provides; the defaults suit a kind with a typed or chosen answer.

    Grading: ``normalise_response`` runs first, on the parsed response, and raises
    ``InvalidResponse`` for a wrong shape; ``grade`` then takes the normalised response, or None
    for "no answer" (skipped, or time ran out), which earns nothing.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    #: The shape of the stored key, which interchange formats branch on instead of the name.
    shape: ClassVar[AnswerShape]
    #: Whether the question stores options (distractors, items to order, right-hand items).
    has_options: ClassVar[bool] = True
    #: One sentence for a teacher choosing which kind to write.
    about: ClassVar[str] = ""
    #: What the input asks of the student, shown under the question.
    hint: ClassVar[str] = ""
    #: A hint under the editor's question field, if the stem has a form of its own.
    stem_hint: ClassVar[str | None] = None
    #: Whether the host's screen letters the options (a–d with their colours and shapes).
    lettered: ClassVar[bool] = False
    #: The letter (and so the colour and shape) of each shown choice, in order.
    letters: ClassVar[str] = LETTERS

    # --- keys and what is right ----------------------------------------------------------------

    def describe_answer(self, answer: Any, settings: Mapping[str, Any] | None = None) -> str:
        """The key (or a stored response) as a person reads it."""
        return str(answer)

    def check_key(
        self,
        answer: Any,
        options: Sequence[str] | None,
        accepted: Sequence[str],
        settings: Mapping[str, Any],
    ) -> tuple[Any, list[str] | None, list[str], dict[str, Any]]:
        """A key a teacher typed, checked: (answer, options, accepted, settings) to store.

        Raises ``InvalidKey`` naming the part that is wrong.
        """
        raise NotImplementedError

    def right_options(self, question: QuestionData) -> list[str]:
        """The option texts that are right answers (none for kinds whose options are not picks)."""
        return []

    def key_terms(self, question: QuestionData) -> list[str]:
        """Texts of the key worth marking in the source sentence."""
        answer = question.answer
        if isinstance(answer, str):
            return [answer]
        if isinstance(answer, list | tuple):
            return [
                str(part)
                for item in answer
                for part in (item if isinstance(item, list | tuple) else [item])
            ]
        return []

    # --- what a student sees and sends ---------------------------------------------------------

    def shown(self, question: QuestionData, seed: str, shuffle: bool = True) -> Shown:
        """The question as one student sees it; ``seed`` fixes their order across reloads."""
        choices = list(question.options or ())
        if shuffle:
            choices = seeded_shuffle(choices, seed)
        return Shown(tuple(choices), settings=question.settings)

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        """The answer form's fields (unbound WTForms fields), by name."""
        return {}

    def read_form(self, shown: Shown, form: FormData) -> Any:
        """The student's response from a submitted form; ``InvalidResponse`` says what is wrong."""
        raise NotImplementedError

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        """The answer form's field data for a response already sent (so it stays visible)."""
        return {}

    # --- grading --------------------------------------------------------------------------------

    def normalise_response(
        self,
        raw: Any,
        options: Sequence[str] | None,
        key: Any = None,
        settings: Mapping[str, Any] | None = None,
    ) -> Any:
        """The response in this kind's shape, or ``InvalidResponse`` saying what is wrong.

        ``options`` are the question's options (a ``TypeError`` if a kind that needs them gets
        None); ``key`` is needed only by kinds whose items live in the key (matching).
        """
        raise NotImplementedError

    def grade(
        self,
        key: Any,
        accepted: Sequence[str],
        response: Any,
        settings: Mapping[str, Any] | None = None,
    ) -> Grade:
        """The grade of a normalised ``response`` against the stored ``key``."""
        if response is None:
            return Grade(0.0, False)
        return Grade.of(self._credit(key, accepted, response, settings or {}))

    def _credit(
        self, key: Any, accepted: Sequence[str], response: Any, settings: Mapping[str, Any]
    ) -> float:
        """The share of the marks the response earns."""
        raise NotImplementedError

    # --- reviewing and counting -----------------------------------------------------------------

    def review_rows(self, question: QuestionData, given: Any) -> list[tuple[str, str, str, bool]]:
        """Rows of a detailed review (item, what was given, what is right, right?); most kinds
        have none."""
        return []

    def tally(
        self, question: QuestionData, answers: Sequence[Any], credits: Sequence[float]
    ) -> Tally:
        """How the stored ``answers`` (None: no answer in time) came out; outcomes by default."""
        outcomes = outcome_counts(credits)
        return Tally(outcome_bars(outcomes), False, outcomes, len(credits))

    # --- the teacher's editor ---------------------------------------------------------------

    def editor_fields(self) -> dict[str, Any]:
        """The editor's fields for the key (unbound WTForms fields), by name, in order."""
        return {}

    def editor_values(self, question: QuestionData) -> dict[str, Any]:
        """The editor's field data for a stored question."""
        return {}

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        """The editor's field data as stored values: ``answer``, ``options``, ``accepted``,
        ``settings``. ``previous`` are the options as stored before (to keep their order)."""
        return {"answer": None, "options": None, "accepted": [], "settings": {}}

    #: Which editor field shows an error about each part of the content.
    error_fields: ClassVar[dict[str, str]] = {}

    # --- templates ------------------------------------------------------------------------------

    def template(self, part: str) -> list[str]:
        """The partial for ``part``: the kind's own, else the default one."""
        return [f"kinds/{self.name}/{part}.html", f"kinds/_default/{part}.html"]


class Registry:
    """The question kinds by name, in the order they were registered.

    The registry owns the list of kinds: the editor, the bank, the reports and the generator's
    check at start-up all read it. ``register`` refuses a second kind of the same name.
    """

    def __init__(self) -> None:
        self._kinds: dict[str, QuestionKind] = {}

    def register(self, kind: QuestionKind | type[QuestionKind]) -> QuestionKind:
        instance = kind() if isinstance(kind, type) else kind
        if instance.name in self._kinds:
            raise RuntimeError(f"Two question kinds are named {instance.name!r}.")
        self._kinds[instance.name] = instance
        return instance

    def unregister(self, name: str) -> None:
        """Take a kind out again (tests that register a kind of their own)."""
        self._kinds.pop(name, None)

    def get(self, name: str) -> QuestionKind:
        try:
            return self._kinds[name]
        except KeyError:
            raise KeyError(f"Unknown question kind {name!r}") from None

    def names(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def labels(self) -> dict[str, str]:
        return {name: kind.label for name, kind in self._kinds.items()}

    def require(self, names: Iterable[str], who: str) -> None:
        """Fail loudly if ``who`` makes a kind nobody registered."""
        missing = [name for name in names if name not in self._kinds]
        if missing:
            raise RuntimeError(f"{who} makes question kinds that are not registered: {missing}.")

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self):
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)
