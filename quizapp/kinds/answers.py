"""Matching a typed answer against its key: pure string code, no dependencies.

Students type the same answer many ways ("The Apollo-11 mission", "apollo 11 mission"), so both
sides are brought to one normal form before they are compared, and one typo is forgiven in long
answers. Numbers are never forgiven: "1968" is a different answer from "1969".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Words dropped from the front of an answer: "the Moon" and "Moon" are the same answer.
LEADING_ARTICLES = frozenset({"the", "a", "an"})
#: Answers with fewer letters than this must be typed exactly (after normalising): in a short word
#: one typo may well make another word.
MIN_TYPO_LETTERS = 6

_DIGIT_RUNS = re.compile(r"\d+")


def normalise_answer(text: str) -> str:
    """The form two typed answers are compared in.

    Unicode NFKC (full-width and compatibility forms become plain ones), case-folded, "&" read as
    "and", dashes, slashes and whitespace read as one space, every other character that is not a
    letter, digit or combining mark dropped (so "U.S." is "us" and "O'Neill" is "oneill") except a
    decimal point between digits ("3.5" stays apart from "35"), a leading "the", "a" or "an"
    dropped when more follows.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [_normalise_char(text, index) for index in range(len(text))]
    words = "".join(kept).split()
    if len(words) > 1 and words[0] in LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


def _normalise_char(text: str, index: int) -> str:
    """What the character at ``index`` becomes; it needs its neighbours for decimal points."""
    char = text[index]
    if char == "&":
        return " and "
    if char.isspace() or char == "/" or unicodedata.category(char) == "Pd":
        return " "
    if unicodedata.category(char)[0] in "LNM":
        return char
    between_digits = 0 < index < len(text) - 1 and (
        text[index - 1].isdigit() and text[index + 1].isdigit()
    )
    return char if char == "." and between_digits else ""


def answer_matches(response: str, targets: Iterable[str]) -> bool:
    """Whether a typed response is any of the targets (the key and its accepted variants)."""
    given = normalise_answer(response)
    if not given:
        return False
    for target in targets:
        wanted = normalise_answer(target)
        if wanted and (given == wanted or forgives_typo(given, wanted)):
            return True
    return False


def forgives_typo(given: str, wanted: str) -> bool:
    """Whether ``given`` is ``wanted`` with one typo that we let pass (both normalised).

    Only for answers of at least ``MIN_TYPO_LETTERS`` letters, and the numbers in the answer must
    be the same: "Apolo 11" passes for "Apollo 11", "Apollo 12" does not.
    """
    if sum(char.isalpha() for char in wanted) < MIN_TYPO_LETTERS:
        return False
    if _DIGIT_RUNS.findall(given) != _DIGIT_RUNS.findall(wanted):
        return False
    return within_one_edit(given, wanted)


def within_one_edit(first: str, second: str) -> bool:
    """Whether the strings differ by at most one typo.

    A typo is one character added, dropped or changed (Levenshtein distance 1), or two
    neighbouring characters swapped ("teh"), the commonest slip on a keyboard. Linear time: after
    the common prefix, what is left must agree.
    """
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    short, long = sorted((first, second), key=len)
    index = 0
    while index < len(short) and short[index] == long[index]:
        index += 1
    if len(short) < len(long):
        return short[index:] == long[index + 1 :]
    changed = short[index + 1 :] == long[index + 1 :]
    swapped = short[index : index + 2] == long[index : index + 2][::-1]
    return changed or (swapped and short[index + 2 :] == long[index + 2 :])
