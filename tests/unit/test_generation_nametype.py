"""Issue 10, pattern 1: every option of a multiple choice is the same kind of thing as the key."""

from quizapp.generation.article import analyse
from quizapp.generation.distractors import name_distractors, name_type
from quizapp.generation.nametype import (
    BODY,
    DOCUMENT,
    EVENT,
    PERIOD,
    PERSON,
    REGION,
    fine_type,
)


def _type(text: str, category: str = "name") -> str:
    return fine_type(text, category, False, frozenset({"church", "commission"}))


def test_fine_types_from_the_names_own_words():
    assert _type("Henry II") == PERSON
    assert _type("King of England") == PERSON
    assert _type("the Treaty of Lisbon") == DOCUMENT
    assert _type("the Six-Day War") == EVENT
    assert _type("the Age of Imperialism") == PERIOD
    assert _type("the European Commission", "organisation") == BODY
    assert _type("North Africa") == REGION


def test_a_common_word_or_a_direction_has_no_type_so_no_options():
    assert _type("Church") == ""
    assert _type("the Commission") == ""
    assert _type("the West", "place") == ""
    assert _type("the Temple", "place") == ""


ARTICLE = """Castles

The castle was built in 1080 by Robert Curthose, the eldest son of William the Conqueror.
Richard Grainger rebuilt the town centre in the 1830s with John Dobson. The engineer George
Stephenson built the first railway from the town. Thomas Bewick engraved birds in the town.
Ships sailed from the town to Hamburg, to Bergen and to Amsterdam.
The Great Fire destroyed the quayside in 1854.
"""


def test_a_person_key_gets_people_only_and_an_untyped_key_gets_none():
    article = analyse(ARTICLE)
    keys = {c.text: c for cands in article.candidates for c in cands}
    key = keys["Richard Grainger"]
    assert name_type(article, key.text, key.category) == PERSON
    options = [text for text, _ in name_distractors(article, key, 3, 1)]
    assert options, "people of the article stand beside a person"
    for option in options:
        assert name_type(article, option, "name") == PERSON, option
        assert option not in {"Hamburg", "Bergen", "Amsterdam"}
