"""Issue 10, pattern 1: every option of a multiple choice is the same kind of thing as the key."""

from quizapp.generation import audit, generate
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
from quizapp.generation.types import GeneratedQuestion, Source


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
Stephenson built the first railway from the town in 1825. Thomas Bewick engraved birds in the
town in 1797.
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


def _key(article, text):
    return next(c for cands in article.candidates for c in cands if c.text == text)


COURT = """The Court

In 1990, the chairman Thomas Murphy gave his post to Daniel Burke. The network was founded
by Leonard Goldenson and Walter Ames in 1985. Queen Elizabeth II opened the new studio in 1953,
and King Harald V of Norway visited it in 1960. Ferris Walton and Mabel Grint ran the studio in
1995.
"""


def test_a_person_without_a_title_never_gets_a_queen_among_the_options():
    article = analyse(COURT)
    options = [t for t, _ in name_distractors(article, _key(article, "Daniel Burke"), 3, 7)]
    assert options and not any(o.startswith(("Queen", "King")) for o in options)
    titled = [t for t, _ in name_distractors(article, _key(article, "Queen Elizabeth II"), 3, 7)]
    assert all(t.startswith(("Queen", "King")) for t in titled)


IRISH_TOWNS = """Settlers

The settlers reached Dublin in 1690. Many families later moved on to Cork, where they built a
church. Others stayed in Limerick and in Galway for a generation.
"""


def test_a_city_gets_cities_of_its_own_country_from_geonames_when_the_article_has_few():
    article = analyse(IRISH_TOWNS)
    key = _key(article, "Cork")
    assert name_type(article, key.text, key.category) == "city"
    options = name_distractors(article, key, 3, 3)
    assert len(options) == 3
    for text, origin in options:
        assert name_type(article, text, "place") == "city", text
        assert origin in {"article", "knowledge:geonames"}


MACHINES = """Machines

A machine could ask for a round trip through all sites in Milan whose length is at most 10 km.
Such problems were studied by Ladner and by Conway, who proved the speed-up theorem.
"""


def test_a_town_name_among_theorems_is_not_taken_for_a_town():
    article = analyse(MACHINES)
    key = _key(article, "Milan")
    assert name_type(article, key.text, key.category) == ""
    assert name_distractors(article, key, 3, 1) == []


#: Plain sentences with nothing to ask about, to reach the generator's minimum length.
FILLER = (
    "\n\nLife in the quarter was quiet for many years. Families worked hard, kept their own "
    "customs and taught their children at home. Most of them were weavers, bakers or "
    "gardeners, and they met every week to talk about the news. Over time their children "
    "married into local families, and the old language slowly fell out of use in daily life.\n"
)

PAIR = """Berlin

In Berlin, the refugees created two new neighbourhoods: Dorotheenstadt and Friedrichstadt.
The refugees also built a French church in the city in 1705, which still stands. Their
pastors preached in French for a hundred years, and their schools taught in French as well.
"""


def test_a_two_name_list_with_no_options_of_its_kind_is_asked_whole_as_a_fill():
    bank = generate(PAIR + FILLER)
    fills = [q for q in bank.questions if q.kind == "fill_blank"]
    pair = [q for q in fills if q.answer == "Dorotheenstadt and Friedrichstadt"]
    assert pair, [q.answer for q in bank.questions]
    assert "Friedrichstadt and Dorotheenstadt" in pair[0].accepted
    assert not any(q.kind == "multiple_select" for q in bank.questions)


def test_a_verb_after_a_number_is_no_unit_of_the_key():
    text = (
        "Treaties\n\nThe treaty has many articles, and each gives the council a duty. Of the "
        "forty members, 15 voted against the budget of the council in 1990, and the council "
        "met 12 times that year. The members argued about the budget every year.\n"
    )
    bank = generate(text + FILLER)
    keys = [str(q.answer) for q in bank.questions if q.kind != "true_false"]
    assert "15" in keys and "15 voted" not in keys
    assert not any("voted" in o for q in bank.questions for o in (q.options or ()))


def test_a_number_labelling_an_article_is_no_key():
    text = (
        "Treaties\n\nThe treaty has many articles, and each gives the council a duty. The "
        "treaty in its article 15 defines the duties of the council, and the council met 12 "
        "times in 1990. The members argued about the budget every year.\n"
    )
    keys = [str(q.answer) for q in generate(text + FILLER).questions if q.kind != "true_false"]
    assert not any(key.startswith("15") for key in keys), keys


def test_the_audit_rejects_a_person_offered_among_cities():
    start = IRISH_TOWNS.index("Many families")
    end = IRISH_TOWNS.index(".", start) + 1
    question = GeneratedQuestion(
        id="q1",
        kind="multiple_choice",
        stem="Many families later moved on to _____, where they built a church.",
        options=("Cork", "Limerick", "Galway", "Thomas Murphy"),
        answer="Cork",
        accepted=("Cork",),
        answer_type="place",
        source=Source(IRISH_TOWNS[start:end], start, end),
        difficulty=0.4,
        rule="test",
    )
    assert "option_kind" in audit(question, IRISH_TOWNS)
    fixed = GeneratedQuestion(
        **{**question.__dict__, "options": ("Cork", "Limerick", "Galway", "Dublin")}
    )
    assert "option_kind" not in audit(fixed, IRISH_TOWNS)


def test_a_list_cut_inside_a_name_gets_no_select_all():
    text = (
        "Boards\n\nTwo bodies of the church joined the coalition: the General Board of Church "
        "and Society, and the Women's Division. The church is large, and its society meets "
        "every year in the spring.\n"
    )
    bank = generate(text + FILLER)
    assert not any(q.kind == "multiple_select" and "Society" in q.answer for q in bank.questions)


def test_a_people_in_the_plural_is_a_group_and_a_storm_is_not():
    text = (
        "Schools\n\nReligious groups running schools include Protestants, Jews and Muslims. "
        "A Protestant school opened in 1900, and a Muslim school in 1950. The city was hit by "
        "Hurricane Frances in 2004, and France sent help.\n"
    )
    article = analyse(text)
    assert name_type(article, "Protestants", "name") == "group"
    assert name_type(article, "Hurricane Frances", "name") != "group"


def test_a_number_the_stem_bounds_gets_options_inside_the_bounds():
    from quizapp.generation.distractors import number_distractors

    text = (
        "Volunteers\n\nAn estimated 16,000 to 35,000 volunteers came to fight. Over 61 per cent "
        "of them were young men, and most of them returned home within a few years.\n"
    )
    article = analyse(text + FILLER)
    numbers = {c.text: c for cands in article.candidates for c in cands if c.category == "number"}
    low = next(c for t, c in numbers.items() if t.startswith("16,000"))
    for seed in range(5):
        for option, _ in number_distractors(article, low, 3, seed):
            assert float(option.split()[0].replace(",", "")) < 35_000, option
    share = next(c for t, c in numbers.items() if "per cent" in t)
    for seed in range(5):
        for option, _ in number_distractors(article, share, 3, seed):
            assert float(option.split()[1]) <= 100, option


def test_a_count_out_of_a_whole_the_stem_states_never_exceeds_it():
    from quizapp.generation.distractors import number_distractors

    text = (
        "Charter\n\nThe charter was adopted in 1989 by 11 of the then 12 member states. The "
        "one that refused signed it only after a change of government some years later.\n"
    )
    article = analyse(text + FILLER)
    key = next(
        c
        for cands in article.candidates
        for c in cands
        if c.category == "number" and c.text == "11"
    )
    for seed in range(6):
        for option, _ in number_distractors(article, key, 3, seed):
            assert float(option) <= 12, option
