"""Numeric (estimation) questions: a year or a quantity of the article, typed as a number.

"In what year? ESA was founded in _____." and "How many member states? ESA has _____ member
states." The blank covers the number only; a quantity's unit stays in the sentence and is shown
beside the answer field. Ranges ("10–20"), rates ("$40 per barrel"), money and numbers in words
larger than a few ("5.5 million") are left to the other kinds: a single number is the answer here.

An exact figure is asked exactly (the kind gives half marks for the next whole number either
side); a figure the article hedges ("about 40 percent", "more than 100") allows 10 % either way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .candidates import Candidate
from .lexicon import ESTIMATE_BEFORE
from .priors import MIN_KEY_WORTH
from .questions import Builder, Draft, _blank_ok, _difficulty, _keeps_case, _worth
from .stems import Statement, cloze

#: Settings of an exact numeric question, and of a hedged one (percent of the key).
EXACT = {"tolerance": 0, "percent": False}
HEDGED = {"tolerance": 10, "percent": True}
#: The number at the start of a quantity and the unit after it.
_QUANTITY = re.compile(r"^(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<rest>\s*%|\s+.*)?$")
_WORD_NUMBER = re.compile(r"^(?P<number>[a-z]+)(?P<rest>\s+.*)$")
_REFUSED = re.compile(r"[–—$£€¥]|\bper\b|\bto\b|-\d|\b(?:million|billion|thousand|trillion)\b")
#: At most this many numeric questions per sentence (one per figure anyway).
PER_SENTENCE = 1


def numeric_questions(builder: Builder, stmt: Statement, keys: list[Candidate]) -> list[Draft]:
    """One numeric question per year or plain quantity of the statement."""
    drafts: list[Draft] = []
    for key in keys:
        draft = _numeric(builder, stmt, key, keys)
        if draft is not None:
            drafts.append(draft)
    return drafts[:PER_SENTENCE]


def _numeric(
    builder: Builder, stmt: Statement, key: Candidate, keys: list[Candidate]
) -> Draft | None:
    article = builder.article
    figure = _figure(key)
    if figure is None or not _blank_ok(article, stmt, key):
        return None
    value, length, unit, lead = figure
    worth = _worth(article, key, stmt)
    if worth < MIN_KEY_WORTH:
        return None
    before = article.norm[max(stmt.body_start, key.start - 20) : key.start]
    settings = dict(HEDGED if ESTIMATE_BEFORE.search(before) else EXACT, unit=unit)
    stem = (
        lead
        + " "
        + cloze(article.norm, stmt, key.start, key.start + length, _keeps_case(stmt, keys))
    )
    question = builder.make(
        kind="numeric",
        rule=f"numeric.{key.category}",
        key_text=key.text,
        stmt=stmt,
        stem=stem,
        options=None,
        answer=value,
        accepted=(),
        answer_type=key.answer_type,
        difficulty=_difficulty("numeric", key, {}, stmt),
        origins={},
    )
    question = replace(question, settings=settings)
    fact = f"{key.canonical}@{stmt.sentence.index}"
    return Draft(question, worth - 0.02, fact, stmt.sentence.index, stmt.sentence.paragraph, worth)


def _figure(key: Candidate) -> tuple[int | float, int, str, str] | None:
    """(value, length of the number in the key's text, unit, the question's lead) or None."""
    if key.value is None:
        return None
    if key.category == "year":
        digits = re.match(r"\d{4}", key.text)
        if digits is None or key.text != digits.group():
            return None  # "1500 BC": not a plain number to type
        return int(digits.group()), 4, "", "In what year?"
    if key.category != "number" or _REFUSED.search(key.text):
        return None
    match = _QUANTITY.match(key.text) or _WORD_NUMBER.match(key.text.lower())
    if match is None:
        return None
    rest = (match.group("rest") or "").strip()
    value = key.value
    number = int(value) if float(value).is_integer() else value
    if rest in ("%", "percent", "per cent"):
        return number, match.end("number"), "%", "What percentage?"
    if not rest or not re.fullmatch(r"[a-z][a-z -]*", rest) or not counted(rest):
        return None
    return number, match.end("number"), rest, f"How many {rest}?"


#: Plurals without an "s" that "How many" may ask about.
_PLURALS = frozenset(
    "people children men women feet teeth mice geese data criteria phenomena species series "
    "sheep fish aircraft personnel staff police cattle deer".split()
)


def counted(unit: str) -> bool:
    """``unit`` names what is counted, in the plural: "How many seats?", never "How many
    pattern?" (the "2" of "a 9 + 2 pattern" describes the pattern, it counts nothing)."""
    last = unit.split()[-1]
    return last in _PLURALS or (last.endswith("s") and not last.endswith("ss"))
