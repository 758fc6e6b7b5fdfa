"""GIFT, Moodle's plain-text question format, both ways.

Written after Moodle's own reader (question/format/gift/format.php): questions are separated by
blank lines; lines starting with ``//`` are comments; ``$CATEGORY:`` lines name a category;
``::title::`` names a question; ``[html]``, ``[moodle]``, ``[plain]`` and ``[markdown]`` give the
text's format; ``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n`` are escapes. In the answer block:
``=right ~wrong``, ``%50%`` weights, ``#feedback`` per answer, ``####general feedback``,
``{T}``/``{TRUE}``/``{F}``/``{FALSE}``, ``{#1969:1}`` and ``{#1960..1970}`` numbers, and
``=item -> match`` pairs. Text after the answer block makes the block a blank in the stem.

We write every question as ``[html]`` with its texts escaped, so markup characters survive, and
the source sentence as general feedback. Ordering has no GIFT form.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from ..kinds.shapes import AnswerShape
from .base import Format, decode_text
from .items import (
    FormatError,
    ImportResult,
    Item,
    html_to_text,
    number_text,
    parse_number,
)

BLANK = "_____"
#: Turns a raw GIFT fragment into plain text, in the question's text format.
Cleaner = Callable[[str], str]

#: Escaped characters and the private-use placeholders they hide behind while parsing.
_ESCAPES = {"\\": "\ue000", "~": "\ue001", "=": "\ue002", "#": "\ue003", "{": "\ue004",
            "}": "\ue005", ":": "\ue006"}  # fmt: skip
_RESTORE = {placeholder: char for char, placeholder in _ESCAPES.items()}
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_FORMAT_RE = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT_RE = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUTH_RE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)

# --- writing ------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """A text as GIFT ``[html]``: HTML-escaped (so ``->`` and markup stay text), GIFT-escaped."""
    text = html.escape(text, quote=False).replace("%", "&#37;")
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def write(items: Sequence[Item], title: str) -> bytes:
    """The items as a GIFT file, one question per paragraph, under a category named ``title``."""
    lines = [f"// {title} (exported by quizapp)", f"$CATEGORY: {title.replace('/', '//')}", ""]
    for number, item in enumerate(items, 1):
        name = escape(item.title or f"Q{number}")
        lines.append(f"::{name}::[html]{escape(item.stem)}{{")
        lines.extend(answer_lines(item))
        if item.feedback:
            lines.append(f"####{escape(item.feedback)}")
        lines.extend(["}", ""])
    return "\n".join(lines).encode("utf-8")


def answer_lines(item: Item) -> list[str]:
    """The lines inside the answer block of ``item``."""
    shape, answer = item.shape, item.answer
    if shape == AnswerShape.ONE_CHOICE:
        return [("=" if option == answer else "~") + escape(option) for option in item.options]
    if shape == AnswerShape.MANY_CHOICES:
        weight = _weight(100 / len(answer))
        return [
            f"~%{weight if option in answer else '-' + weight}%{escape(option)}"
            for option in item.options
        ]
    if shape == AnswerShape.TRUTH:
        return ["TRUE" if answer else "FALSE"]
    if shape == AnswerShape.TEXT:
        return [f"={escape(text)}" for text in dict.fromkeys([answer, *item.accepted])]
    if shape == AnswerShape.PAIRS:
        lines = [f"={escape(left)} -> {escape(right)}" for left, right in answer]
        used = {right for _, right in answer}
        return lines + [f"= -> {escape(r)}" for r in item.rights() if r not in used]
    if shape == AnswerShape.NUMBER:
        return [f"#{number_text(answer)}:{number_text(item.absolute_tolerance())}"]
    raise ValueError(f"GIFT cannot carry {shape}")  # pragma: no cover - filtered by export


def _weight(percent: float) -> str:
    return f"{percent:.5f}".rstrip("0").rstrip(".")


# --- reading ------------------------------------------------------------------------------------


def read(data: bytes) -> ImportResult:
    """Every question of a GIFT file, and a problem with its line for each one we cannot use."""
    result = ImportResult("gift")
    found = False
    for line_number, block in blocks(decode_text(data)):
        where = f"line {line_number}"
        if block.lstrip().startswith("$CATEGORY:"):
            continue
        found = True
        try:
            item = parse_question(block)
        except _Skip as skip:
            result.skip(where, str(skip))
            continue
        result.add(item, where)
    if not found:
        raise FormatError("The file holds no GIFT questions.")
    return result


def blocks(text: str) -> list[tuple[int, str]]:
    """Each question's text with its first line number; comments dropped."""
    found: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            if current:
                found.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        found.append((start, "\n".join(current)))
    return found


class _Skip(Exception):
    """This question cannot be imported; the message says why."""


def parse_question(block: str) -> Item:
    """One GIFT question as an item, or ``_Skip`` with the reason."""
    text = _ESCAPE_RE.sub(lambda m: "\n" if m[1] == "n" else _ESCAPES[m[1]], block.strip())
    title = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise _Skip("The title is not closed with '::'.")
        title, text = _restore(text[2:end]).strip(), text[end + 2 :].lstrip()
    markup = "moodle"
    if match := _FORMAT_RE.match(text):
        markup, text = match[1].lower(), text[match.end() :]
    start = text.find("{")
    end = text.find("}", start + 1)
    if start < 0 or end < 0:
        raise _Skip("There is no answer block in braces: a description, not a question.")
    before, inside, after = text[:start], text[start + 1 : end], text[end + 1 :]
    stem = before.strip() + (f" {BLANK} {after.strip()}" if after.strip() else "")

    def clean(fragment: str) -> str:
        fragment = _restore(fragment).strip()
        own = markup
        if match := _FORMAT_RE.match(fragment):  # an answer may give its own format
            own, fragment = match[1].lower(), fragment[match.end() :]
        if own in ("plain", "markdown"):
            return " ".join(fragment.split())
        return html_to_text(fragment)

    inside, _, general = inside.partition("####")
    item = parse_answers(inside.strip(), clean)
    item.stem = clean(stem)
    item.title = title
    item.feedback = clean(general) or None
    return item


def _restore(text: str) -> str:
    for placeholder, char in _RESTORE.items():
        text = text.replace(placeholder, char)
    return text


def parse_answers(inside: str, clean: Cleaner) -> Item:
    """The answer block (without general feedback) as an item with an empty stem."""
    if not inside:
        raise _Skip("An essay question (empty answer block) has no key to import.")
    if inside.startswith("#"):
        return parse_number_answers(inside[1:])
    if match := _TRUTH_RE.match(inside):
        return Item(AnswerShape.TRUTH, "", match[1].upper().startswith("T"))
    answers = _split_answers(inside)
    if not answers:
        raise _Skip("The answer block has no answers starting with '=' or '~'.")
    if any("->" in body for mark, body in answers if mark == "="):
        return parse_pairs(answers, clean)
    if any(mark == "~" for mark, _ in answers):
        return parse_choices(answers, clean)
    texts = []
    for _, body in answers:
        weight, body = _weighted(body)
        if weight is None or weight == 100:
            texts.append(clean(body.split("#", 1)[0]))
    texts = [t for t in dict.fromkeys(texts) if t]
    if not texts:
        raise _Skip("No answer is given full marks.")
    return Item(AnswerShape.TEXT, "", texts[0], accepted=texts[1:])


def _split_answers(inside: str) -> list[tuple[str, str]]:
    """``=a ~b`` as [("=", "a"), ("~", "b")]; text before the first mark is an error."""
    parts = re.split(r"([=~])", inside)
    if parts[0].strip():
        raise _Skip(f"Unexpected text in the answer block: {_restore(parts[0]).strip()[:40]!r}.")
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def _weighted(body: str) -> tuple[float | None, str]:
    if match := _WEIGHT_RE.match(body):
        return float(match[1]), body[match.end() :]
    return None, body


def parse_choices(answers: list[tuple[str, str]], clean: Cleaner) -> Item:
    """``=right ~wrong`` (one answer) or ``~%50%a ~%50%b ~%-50%c`` (select all)."""
    options, rights, weights = [], [], []
    for mark, body in answers:
        weight, body = _weighted(body)
        text = clean(body.split("#", 1)[0])
        options.append(text)
        if mark == "=":
            rights.append(text)
        weights.append(weight)
    if rights:
        if len(rights) > 1:
            raise _Skip("More than one answer is marked right with '='.")
        return Item(AnswerShape.ONE_CHOICE, "", rights[0], options=options)
    chosen = [text for text, weight in zip(options, weights, strict=True) if (weight or 0) > 0]
    if not chosen:
        raise _Skip("No answer is marked right ('=' or a positive %weight%).")
    return Item(AnswerShape.MANY_CHOICES, "", chosen, options=options)


def parse_pairs(answers: list[tuple[str, str]], clean: Cleaner) -> Item:
    """``=item -> match`` lines; a line without an item adds a match that fits none."""
    pairs, rights = [], []
    for _, body in answers:
        if "->" not in body:
            raise _Skip("A matching question's answer has no '->'.")
        left, right = (clean(part) for part in body.split("->", 1))
        if not right:
            raise _Skip("A matching pair has nothing after '->'.")
        rights.append(right)
        if left:
            pairs.append([left, right])
    return Item(AnswerShape.PAIRS, "", pairs, options=list(dict.fromkeys(rights)))


def parse_number_answers(inside: str) -> Item:
    """``1969:1``, ``1960..1970``, ``=1969:0 =%50%1969:2``: the first full-marks answer."""
    if "=" in inside:
        candidates = [body for mark, body in _split_answers(inside) if mark == "="]
    else:  # one answer, perhaps followed by wrong answers after "~"
        candidates = [inside.split("~", 1)[0]]
    for candidate in candidates:
        weight, body = _weighted(candidate.strip())
        if weight is not None and weight != 100:
            continue
        body = _restore(body.split("#", 1)[0]).strip()
        if ".." in body:
            low, high = (parse_number(part) for part in body.split("..", 1))
            if low is None or high is None:
                raise _Skip(f"{body!r} is not a range of numbers.")
            middle = (low + high) / 2
            return Item(AnswerShape.NUMBER, "", _tidy(middle), tolerance=_tidy(abs(high - low) / 2))
        value, _, margin = body.partition(":")
        number, tolerance = parse_number(value), parse_number(margin or "0")
        if number is None or tolerance is None:
            raise _Skip(f"{body!r} is not a number with its tolerance.")
        return Item(AnswerShape.NUMBER, "", number, tolerance=abs(tolerance))
    raise _Skip("No numeric answer is given full marks.")


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def sniff(data: bytes) -> bool:
    """GIFT: a brace block after text, and no XML or spreadsheet signature."""
    head = data[:4000].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<", b"PK")):
        return False
    return b"{" in head and b"}" in head


FORMAT = Format(
    name="gift",
    label="GIFT",
    extension="gift.txt",
    media_type="text/plain; charset=utf-8",
    shapes=frozenset(
        {
            AnswerShape.ONE_CHOICE,
            AnswerShape.MANY_CHOICES,
            AnswerShape.TRUTH,
            AnswerShape.TEXT,
            AnswerShape.PAIRS,
            AnswerShape.NUMBER,
        }
    ),
    write=write,
    read=read,
    sniff=sniff,
    loses=(
        "the order options are shown in for matching questions",
        "a percentage tolerance (written as the same distance in units)",
    ),
)
