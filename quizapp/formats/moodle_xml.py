"""Moodle XML, both ways: ``multichoice`` (single or not), ``truefalse``, ``shortanswer``,
``matching``, ``ordering`` (a core type since Moodle 4.4), ``numerical`` and ``category``.

Other question types (essay, cloze, calculated, ...) are skipped, each with its element and a
reason. Texts are written as HTML (escaped plain text); on import HTML is read back as text. The
source sentence travels as ``generalfeedback``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..kinds.shapes import AnswerShape
from .base import Format
from .items import (
    FormatError,
    ImportResult,
    Item,
    display_order,
    html_to_text,
    number_text,
    parse_number,
    text_to_html,
)
from .xmlsafe import parse_xml

TYPES = {
    AnswerShape.ONE_CHOICE: "multichoice",
    AnswerShape.MANY_CHOICES: "multichoice",
    AnswerShape.TRUTH: "truefalse",
    AnswerShape.TEXT: "shortanswer",
    AnswerShape.PAIRS: "matching",
    AnswerShape.SEQUENCE: "ordering",
    AnswerShape.NUMBER: "numerical",
}

# --- writing ------------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, text: str, html: bool = True) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = text_to_html(text) if html else text
    return element


def _answer(parent: ET.Element, fraction: str, text: str, html: bool = True) -> ET.Element:
    answer = ET.SubElement(parent, "answer", {"fraction": fraction, "format": "html"})
    if not html:
        del answer.attrib["format"]
    ET.SubElement(answer, "text").text = text_to_html(text) if html else text
    return answer


def _fraction(percent: float) -> str:
    return f"{percent:.7f}".rstrip("0").rstrip(".")


def question_element(item: Item, number: int) -> ET.Element:
    """One ``<question>`` for ``item``."""
    shape = item.shape
    question = ET.Element("question", {"type": TYPES[shape]})
    name = ET.SubElement(question, "name")
    ET.SubElement(name, "text").text = item.title or f"Q{number}"
    _text(question, "questiontext", item.stem)
    _text(question, "generalfeedback", item.feedback or "")
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "0"
    ET.SubElement(question, "hidden").text = "0"
    if shape in (AnswerShape.ONE_CHOICE, AnswerShape.MANY_CHOICES):
        single = shape == AnswerShape.ONE_CHOICE
        ET.SubElement(question, "single").text = "true" if single else "false"
        ET.SubElement(question, "shuffleanswers").text = "false"
        ET.SubElement(question, "answernumbering").text = "abc"
        keys = [item.answer] if single else list(item.answer)
        right = _fraction(100 / len(keys))
        wrong = "0" if single else _fraction(-100 / len(keys))
        for option in item.options:
            _answer(question, right if option in keys else wrong, option)
    elif shape == AnswerShape.TRUTH:
        _answer(question, "100" if item.answer else "0", "true", html=False)
        _answer(question, "0" if item.answer else "100", "false", html=False)
    elif shape == AnswerShape.TEXT:
        ET.SubElement(question, "usecase").text = "0"
        for text in dict.fromkeys([item.answer, *item.accepted]):
            _answer(question, "100", text, html=False)
    elif shape == AnswerShape.PAIRS:
        ET.SubElement(question, "shuffleanswers").text = "true"
        used = set()
        for left, right in item.answer:
            sub = _text(question, "subquestion", left)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
            used.add(right)
        for extra in item.rights():
            if extra not in used:
                sub = _text(question, "subquestion", "")
                ET.SubElement(ET.SubElement(sub, "answer"), "text").text = extra
    elif shape == AnswerShape.SEQUENCE:
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            ET.SubElement(question, tag).text = value
        for position, text in enumerate(item.answer, 1):
            _answer(question, f"{position}.0000000", text)
    elif shape == AnswerShape.NUMBER:
        answer = _answer(question, "100", number_text(item.answer), html=False)
        ET.SubElement(answer, "tolerance").text = number_text(item.absolute_tolerance())
    return question


def write(items: Sequence[Item], title: str) -> bytes:
    """The items as a Moodle XML ``<quiz>`` in one category named ``title``."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    path = ET.SubElement(category, "category")
    ET.SubElement(path, "text").text = "$course$/top/" + title.replace("/", "//")
    for number, item in enumerate(items, 1):
        quiz.append(question_element(item, number))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"


# --- reading ------------------------------------------------------------------------------------


class _Skip(Exception):
    """This question cannot be imported; the message says why."""


def _read_text(element: ET.Element | None) -> str:
    """The text of a ``<something format=...><text>`` element, as plain text."""
    if element is None:
        return ""
    text_element = element.find("text")
    raw = (text_element.text if text_element is not None else element.text) or ""
    if element.get("format") in ("plain_text", "markdown"):
        return " ".join(raw.split())
    return html_to_text(raw)


def _plain(element: ET.Element | None) -> str:
    """The text of an answer Moodle keeps as plain text (typed answers, numbers, matches)."""
    if element is None:
        return ""
    text_element = element.find("text")
    raw = (text_element.text if text_element is not None else element.text) or ""
    return " ".join(raw.split())


def _fraction_of(answer: ET.Element) -> float:
    value = parse_number(answer.get("fraction", "0"))
    if value is None:
        raise _Skip(f"The fraction {answer.get('fraction')!r} is not a number.")
    return float(value)


def read(data: bytes) -> ImportResult:
    """Every question of a Moodle XML ``<quiz>``; each other type skipped with a reason."""
    root = parse_xml(data, "Moodle XML file")
    if root.tag != "quiz":
        raise FormatError(f"A Moodle XML file starts with <quiz>, not <{root.tag}>.")
    result = ImportResult("moodle-xml")
    for number, question in enumerate(root.findall("question"), 1):
        kind = question.get("type", "")
        if kind == "category":
            continue
        name = _plain(question.find("name"))
        where = f"question {number} ({kind}" + (f" “{name}”)" if name else ")")
        reader = READERS.get(kind)
        if reader is None:
            result.skip(where, f"Moodle's {kind or 'untyped'} questions have no kind here.")
            continue
        try:
            item = reader(question)
        except _Skip as skip:
            result.skip(where, str(skip))
            continue
        item.stem = _read_text(question.find("questiontext"))
        item.feedback = _read_text(question.find("generalfeedback")) or None
        item.title = name or None
        result.add(item, where)
    return result


def read_multichoice(question: ET.Element) -> Item:
    answers = [(_read_text(a), _fraction_of(a)) for a in question.findall("answer")]
    options = [text for text, _ in answers]
    single = (question.findtext("single") or "true").strip().lower() in ("true", "1")
    if single:
        best = [text for text, fraction in answers if fraction >= 100]
        if len(best) != 1:
            raise _Skip("A single-answer question needs exactly one answer at 100%.")
        return Item(AnswerShape.ONE_CHOICE, "", best[0], options=options)
    keys = [text for text, fraction in answers if fraction > 0]
    if not keys:
        raise _Skip("No answer earns marks.")
    return Item(AnswerShape.MANY_CHOICES, "", keys, options=options)


def read_truefalse(question: ET.Element) -> Item:
    for answer in question.findall("answer"):
        text = _plain(answer).lower()
        if _fraction_of(answer) >= 100 and text in ("true", "false"):
            return Item(AnswerShape.TRUTH, "", text == "true")
    raise _Skip("Neither true nor false earns full marks.")


def read_shortanswer(question: ET.Element) -> Item:
    texts = [_plain(a) for a in question.findall("answer") if _fraction_of(a) >= 100]
    texts = [text for text in dict.fromkeys(texts) if text and text != "*"]
    if not texts:
        raise _Skip("No typed answer earns full marks.")
    return Item(AnswerShape.TEXT, "", texts[0], accepted=texts[1:])


def read_matching(question: ET.Element) -> Item:
    pairs, rights = [], []
    for sub in question.findall("subquestion"):
        left = _read_text(sub)
        right = _plain(sub.find("answer"))
        if not right:
            raise _Skip("A pair has no match.")
        rights.append(right)
        if left:
            pairs.append([left, right])
    return Item(AnswerShape.PAIRS, "", pairs, options=list(dict.fromkeys(rights)))


def read_ordering(question: ET.Element) -> Item:
    answers = question.findall("answer")
    order = [_read_text(a) for a in sorted(answers, key=_fraction_of)]
    return Item(AnswerShape.SEQUENCE, "", order, options=display_order(order))


def read_numerical(question: ET.Element) -> Item:
    for answer in question.findall("answer"):
        if _fraction_of(answer) < 100:
            continue
        value = parse_number(_plain(answer))
        tolerance = parse_number(answer.findtext("tolerance") or "0")
        if value is None or tolerance is None:
            raise _Skip("The right answer is not a number.")
        return Item(AnswerShape.NUMBER, "", value, tolerance=abs(tolerance))
    raise _Skip("No number earns full marks.")


READERS = {
    "multichoice": read_multichoice,
    "truefalse": read_truefalse,
    "shortanswer": read_shortanswer,
    "matching": read_matching,
    "ordering": read_ordering,
    "numerical": read_numerical,
}


def sniff(data: bytes) -> bool:
    head = data[:2000].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<quiz" in head


FORMAT = Format(
    name="moodle-xml",
    label="Moodle XML",
    extension="moodle.xml",
    media_type="application/xml",
    shapes=frozenset(TYPES),
    write=write,
    read=read,
    sniff=sniff,
    loses=(
        "the order ordering items are shown in (Moodle shuffles them itself)",
        "a percentage tolerance (written as the same distance in units)",
    ),
)
