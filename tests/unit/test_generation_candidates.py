"""Answer candidates keep a quantity or a name whole: a key cut short is a wrong answer."""

from __future__ import annotations

import re

import pytest

from quizapp.generation.article import analyse
from quizapp.generation.distractors import distractors

TEXT = """Plant cells

Each granum can contain anywhere from two to a hundred thylakoids, though grana with
10-20 thylakoids are most common. Plastoglobuli are about 45–60 nanometers across. The price of oil
rose to $40 per barrel in that year. Plants have two main immune responses against disease. The
plague theory was challenged by the British bacteriologist J. F. D. Shrewsbury in 1970.
"""


@pytest.fixture(scope="module")
def article():
    return analyse(TEXT, None)


def _candidate(article, text):
    found = [c for cands in article.candidates for c in cands if c.text == text]
    assert found, f"{text!r} not among {[c.text for cs in article.candidates for c in cs]}"
    return found[0]


# The article's normalised text writes an en dash as a hyphen.
@pytest.mark.parametrize("text", ["10-20 thylakoids", "about 45-60 nanometers", "$40 per barrel"])
def test_ranges_and_rates_are_one_quantity(article, text):
    assert _candidate(article, text).category == "number"


def test_spelled_count_keeps_its_modifiers(article):
    assert _candidate(article, "two main immune responses").category == "number"


def test_initials_belong_to_the_name_of_a_person(article):
    assert _candidate(article, "J. F. D. Shrewsbury").category == "person"


def test_range_distractors_scale_both_ends(article):
    key = _candidate(article, "10-20 thylakoids")
    options = [text for text, _ in distractors(article, key, 3, seed=7)]
    assert len(options) == 3
    for option in options:
        low, high = map(int, re.findall(r"\d+", option))
        assert high == 2 * low and option.endswith(" thylakoids")
