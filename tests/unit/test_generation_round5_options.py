"""Round 5: options the stem rules out, keys the stem gives away, generic fill-in keys, and a
blank another item of its paragraph would fill. Each pattern is an audit check or a ranking
rule, tested on sentences of our own (a made-up probe, a made-up war, a made-up unit)."""

from __future__ import annotations

from functools import partial

from quizapp.generation import audit
from quizapp.generation.nametype import CELESTIAL, MISSION, ORGANISATION, same_subkind, subkind
from quizapp.generation.phrases import broad_phrase
from quizapp.generation.questions import Draft
from quizapp.generation.ranking import answer_identity, choose
from tests.unit.generated_question import question_on

SPACE = (
    "Probes of the Outer System\n\n"
    "The joint development of Cassini-Huygens by NASA and ESA resulted in the exploration of "
    "Saturn and its moons. The Hubble Space Telescope was launched by NASA in 1990. "
    "The exploration of celestial bodies beyond Earth, including the Moon, Mars and asteroids, "
    "is a key area of focus.\n\n"
    "The Varn Home Army fought in the north in 1944. The oil crisis of 1973 closed the port of "
    "Kelm in October 1973. Engineers of Varn trade in wool and fish. Hugo Brandt, former lead "
    "guitarist of the Varn Rovers, was born in Kelm in 1961. Kelm is nicknamed the Wool Town "
    "by sailors.\n\n"
    "The varnpound is a non-SI unit of force used by the engineers of Kelm. The kelmweight is a "
    "non-SI unit of force used by the sailors of Kelm.\n"
)


_question = partial(question_on, SPACE, kind="multiple_choice", answer_type="name")


# --- pattern 1: options of another sub-kind, a blank that bounds the stem's list ----------------


def test_subkind_tells_telescopes_launchers_and_planets_apart():
    assert subkind("the Hubble Space Telescope", MISSION) == "telescope"
    assert subkind("the Long March rockets", MISSION) == "launcher"
    assert subkind("Cassini-Huygens", MISSION) == "robotic mission"
    assert subkind("Saturn", CELESTIAL) == "planet"
    assert subkind("Europa", CELESTIAL) == "moon"
    assert not same_subkind("Cassini-Huygens", "the Long March rockets", MISSION)
    assert not same_subkind("Earth", "the Andromeda Galaxy", CELESTIAL)
    assert same_subkind("Cassini-Huygens", "Voyager 1", MISSION)
    assert same_subkind("Cassini-Huygens", "Unknown Craft", MISSION)  # cannot tell: allowed


def test_an_army_is_not_offered_among_civil_bodies():
    assert subkind("the Varn Home Army", ORGANISATION) == "armed force"
    assert not same_subkind("the Varn Home Army", "the European Union", ORGANISATION)
    assert same_subkind("the Varn Home Army", "the Red Army", ORGANISATION)


def test_launcher_offered_for_a_probe_fails_the_subkind_check():
    stem = (
        "The joint development of _____ by NASA and ESA resulted in the exploration of Saturn "
        "and its moons."
    )
    bad = _question(
        "The joint development",
        stem=stem,
        options=("Cassini-Huygens", "the Long March rockets", "Voyager 1", "New Horizons"),
        answer="Cassini-Huygens",
    )
    good = _question(
        "The joint development",
        stem=stem,
        options=("Cassini-Huygens", "Juno", "Voyager 1", "New Horizons"),
        answer="Cassini-Huygens",
    )
    assert "option_subkind" in audit(bad, SPACE)
    assert "option_subkind" not in audit(good, SPACE)


def test_no_options_for_a_blank_that_bounds_the_stems_list():
    stem = (
        "The exploration of celestial bodies beyond _____, including the Moon, Mars and "
        "asteroids, is a key area of focus."
    )
    bounded = _question(
        "The exploration of celestial",
        stem=stem,
        options=("Earth", "Saturn", "Venus", "Mercury"),
        answer="Earth",
    )
    assert "bound_blank" in audit(bounded, SPACE)
    item = _question(
        "The exploration of celestial",
        stem=stem.replace("beyond _____, including the Moon", "beyond Earth, including _____"),
        options=("the Moon", "Europa", "Titan", "Ganymede"),
        answer="the Moon",
    )
    assert "bound_blank" not in audit(item, SPACE)


def test_no_people_offered_after_a_role_of_the_blank():
    stem = "Hugo Brandt, former lead guitarist of _____, was born in Kelm in 1961."
    people = _question(
        "Hugo Brandt, former",
        stem=stem,
        options=("the Varn Rovers", "John Smith", "Mary Jones", "Peter Brown"),
        answer="the Varn Rovers",
    )
    bands = _question(
        "Hugo Brandt, former",
        stem=stem,
        options=("the Varn Rovers", "the Kelm Players", "the Grey Sea Band", "the Oster Four"),
        answer="the Varn Rovers",
    )
    assert "role_of_blank" in audit(people, SPACE)
    assert "role_of_blank" not in audit(bands, SPACE)


def test_no_options_for_an_epithet():
    nickname = _question(
        "Kelm is nicknamed",
        stem="Kelm is nicknamed _____ by sailors.",
        options=("the Wool Town", "Tallin", "Oster", "Brim"),
        answer="the Wool Town",
    )
    assert "epithet_options" in audit(nickname, SPACE)
    place = _question(
        "Kelm is nicknamed",
        stem="_____ is nicknamed the Wool Town by sailors.",
        options=("Kelm", "Tallin", "Oster", "Brim"),
        answer="Kelm",
    )
    assert "epithet_options" not in audit(place, SPACE)


# --- pattern 2: a date key whose year the stem shows ----------------------------------------------


def test_date_key_whose_year_the_stem_shows_is_given_away():
    given = _question(
        "The oil crisis of 1973",
        kind="fill_blank",
        stem="The oil crisis of 1973 closed the port of Kelm in _____.",
        answer="October 1973",
        accepted=("October 1973",),
        answer_type="date",
    )
    assert "key_year_in_stem" in audit(given, SPACE)
    hidden = _question(
        "The oil crisis of 1973",
        kind="fill_blank",
        stem="The oil crisis closed the port of Kelm in _____.",
        answer="October 1973",
        accepted=("October 1973",),
        answer_type="date",
    )
    assert "key_year_in_stem" not in audit(hidden, SPACE)


# --- pattern 3: generic fill-in keys, one key asked twice ---------------------------------------


def test_broad_phrases_are_not_fill_in_keys():
    for broad in ("scientific research", "cultural exchanges", "economic benefits", "trade"):
        assert broad_phrase(broad), broad
    for specific in ("satellite imaging", "anti-satellite weapons", "natural selection", "wool"):
        assert not broad_phrase(specific), specific
    fill = _question(
        "Engineers of Varn",
        kind="fill_blank",
        stem="Engineers of Varn _____ in wool and fish.",
        answer="trade",
        accepted=("trade",),
        answer_type="term",
    )
    assert "broad_fill_key" in audit(fill, SPACE)


def _draft(qid: str, answer: str, sentence: int, paragraph: int, fact: str) -> Draft:
    question = _question(
        "Engineers of Varn",
        id=qid,
        kind="fill_blank",
        stem=f"Stem {qid} with a _____ in it.",
        answer=answer,
        accepted=(answer,),
        answer_type="term",
    )
    return Draft(question, 0.9, fact, sentence, paragraph, 0.9)


def test_one_paragraph_never_asks_the_same_key_twice():
    assert answer_identity("cultural exchanges") == answer_identity("the cultural exchange")
    first = _draft("q1", "wool exports", 0, 0, "a")
    again = _draft("q2", "the wool export", 1, 0, "b")
    elsewhere = _draft("q3", "wool exports", 2, 1, "c")
    kept = {d.question.id for d in choose([first, again, elsewhere], 3000, lambda d: True)}
    assert kept == {"q1", "q3"}


# --- pattern 4: a blank another item of the paragraph would fill --------------------------------


def test_fill_in_that_a_rival_of_the_paragraph_fills_is_ambiguous():
    stem = "The _____ is a non-SI unit of force used by the engineers of Kelm."
    fill = _question(
        "The varnpound",
        kind="fill_blank",
        stem=stem,
        answer="varnpound",
        accepted=("varnpound",),
        answer_type="term",
    )
    assert "rival_answer" in audit(fill, SPACE)
    unique = _question(
        "The oil crisis of 1973",
        kind="fill_blank",
        stem="The oil crisis of 1973 closed the _____ of Kelm in October 1973.",
        answer="port",
        accepted=("port",),
        answer_type="term",
    )
    assert "rival_answer" not in audit(unique, SPACE)
