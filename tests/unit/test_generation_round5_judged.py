"""What the round-5 blind judges still flagged: a blank that ends before its noun, "How many"
asked of a figure that counts nothing. Sentences made up for the tests."""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.candidates import Candidate
from quizapp.generation.numeric import _figure, counted
from quizapp.generation.quality import headless_key

B = "_____"
FORGE = (
    "The Harlow cycle is the basic thermodynamic underpinning of the old forge. "
    "The forge used a famous bellows that the smiths repaired every spring. "
    "The smiths were careful workers and sold their tools at the market."
)


def test_a_key_ending_in_an_adjective_before_its_noun_is_a_fragment():
    article = analyse(FORGE)
    stem = f"The Harlow cycle is {B} underpinning of the old forge."
    assert headless_key(article, stem, "the basic thermodynamic")
    assert not headless_key(article, stem, "the basic thermodynamic underpinning")
    # an adjective key followed by a verb or a preposition ends its phrase
    assert not headless_key(article, f"The smiths were {B} and sold their tools.", "careful")
    assert not headless_key(article, f"The bellows was {B} in the forge.", "famous")


def test_how_many_asks_only_of_a_plural_that_is_counted():
    assert counted("seats") and counted("member states") and counted("people")
    assert not counted("pattern") and not counted("glass")
    described = Candidate("2 pattern", 0, 9, "number", "", "2", 0, value=2.0)
    assert _figure(described) is None
    seats = Candidate("37 seats", 0, 8, "number", "", "37", 0, value=37.0)
    assert _figure(seats) == (37, 2, "seats", "How many seats?")
