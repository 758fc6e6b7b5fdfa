"""Answer candidates keep a quantity or a name whole: a key cut short is a wrong answer."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from quizapp.generation.article import analyse
from quizapp.generation.distractors import distractors

TEXT = """Plant cells

Each granum can contain anywhere from two to a hundred thylakoids, though grana with
10-20 thylakoids are most common. Plastoglobuli are about 45–60 nanometers across. The price of oil
rose to $40 per barrel in that year. About 40 percent of the probes travel more than
130 astronomical units. Plants have two main immune responses against disease. The
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


@pytest.mark.parametrize("text", ["About 40 percent", "130 astronomical units"])
def test_a_quantity_keeps_its_opening_hedge_and_its_unit(article, text):
    assert _candidate(article, text).category == "number"


def test_a_capitalised_opener_before_a_number_is_no_name(article):
    names = {c.text for cands in article.candidates for c in cands if c.category != "number"}
    assert "40" not in names


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


SPEECHES = """Campus

The speech by Martin Luther King, Jr. drew a large crowd to the old stadium in 1964. Later
speeches by Desmond Tutu and Nelson Mandela filled Harvard Yard in 1970. Crowds also came for
Malala Yousafzai in 1972.
"""


def test_a_fragment_of_a_name_is_no_wrong_answer_for_a_name():
    article = analyse(SPEECHES, None)
    assert "Jr" in {c.text for cands in article.candidates for c in cands}  # in the pool...
    key = _candidate(article, "Martin Luther King")
    for seed in range(12):
        options = [text for text, _ in distractors(article, key, 3, seed)]
        assert options and "Jr" not in options  # ... but never offered
        assert "Harvard Yard" not in options  # a place is no wrong answer for a person


SOLVENTS = """Solvents

Chemists in the laboratory use many organic solvents that contain oxygen, including acetone,
methanol, ethanol, isopropanol, furan, dioxane, pyridine, glycerol, ethyl acetate, formic acid
and acetic acid. Water remains the
most common solvent in living cells. The chemists also use a few solvents without any oxygen,
such as hexane and benzene, to dissolve fats and waxes in the same laboratory.

Acetone was first made by heating lead acetate in the 17th century. Today most acetone comes
from the cumene process, which also yields phenol, and factories in Europe and Asia make several
million tonnes of it every year for plastics, paints and nail polish removers.
"""


def test_a_long_list_is_not_asked_as_one_multiple_select():
    from quizapp.generation import generate
    from quizapp.generation.questions import MAX_SELECT_KEYS

    article = analyse(SOLVENTS, None)
    lists = Counter(c.list_id for cands in article.candidates for c in cands if c.list_id)
    assert max(lists.values()) > MAX_SELECT_KEYS  # the article has such a list ...
    selects = [q for q in generate(SOLVENTS).questions if q.kind == "multiple_select"]
    assert all(2 <= len(q.answer) <= MAX_SELECT_KEYS for q in selects)  # ... never asked whole
