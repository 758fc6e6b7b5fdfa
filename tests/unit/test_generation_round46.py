"""Rounds 43-46 of issue 10: wrong options from another era, pinned with our own sentences."""

from __future__ import annotations

import re

import pytest

from quizapp.generation import audit
from quizapp.generation.article import analyse
from quizapp.generation.distractors import (
    name_distractors,
    name_eras,
    number_distractors,
    year_distractors,
)
from quizapp.generation.nametype import EVENT, ORGANISATION, SITE, same_subkind, subkind
from quizapp.generation.places import NEAR_KM, NEAR_TOWN_KM, _km, gazetteer, neighbours
from quizapp.generation.quality import (
    broken_surface,
    fragment_stem,
    points_back,
    splits_compound,
    statement_fragment,
)
from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import _titled_name, city_named, named_in_full, true_false_stem
from tests.unit.generated_question import notes_text, question_on

ENGINES = """Engines

Giovanni Branca described a steam turbine in 1629. Thomas Savery built a water pump in 1698.
Thomas Newcomen invented the atmospheric engine around 1712. Denis Papin used a piston in 1690.
John Smeaton improved the engine in 1765. The singer Paula Vane recorded her first album in
1985, and the actor Mark Dell starred in a film in 1992. Oliver Grint wrote the town's song.
"""


def _key(article, text):
    return next(c for cands in article.candidates for c in cands if c.text == text)


def _options(text, key, seed=3):
    article = analyse(text)
    return [t for t, _ in name_distractors(article, _key(article, key), 3, seed)]


def test_the_article_dates_a_name_by_the_sentences_naming_it():
    eras = name_eras(analyse(ENGINES))
    assert eras["thomas savery"] == (1698,)
    assert 1712 in eras["thomas newcomen"]
    assert "oliver grint" not in eras


def test_people_of_another_era_are_no_wrong_options_for_a_dated_key():
    """Round 45, fit readings 46-47: Paul Revere offered for a 1604 treaty, a footballer for an
    1830s architect, a comedian for a 1920s typeface. The stem's date rules them out, so the
    options come from the key's own era."""
    for seed in range(6):
        options = _options(ENGINES, "Giovanni Branca", seed)
        assert len(options) == 3
        assert not {"Paula Vane", "Mark Dell", "Oliver Grint"} & set(options), options


def test_a_dated_key_with_too_few_people_of_its_era_gets_no_options():
    """The question is then asked as a fill-in, not with options a reader rules out by date."""
    article = """Founders

The abbey was founded by Robert Blanc in 1120. The singer Paula Vane recorded her first album
in 1985, and the actor Mark Dell starred in a film in 1992. Oliver Grint wrote the town's song.
"""
    assert _options(article, "Robert Blanc") == []


def test_an_undated_key_keeps_options_of_any_era():
    article = """Songs

Oliver Grint wrote the town's song. Thomas Savery built a water pump in 1698. Thomas Newcomen
invented the atmospheric engine around 1712. Denis Papin used a piston in 1690.
"""
    assert len(_options(article, "Oliver Grint")) == 3


def test_the_era_narrows_as_it_nears_today():
    """1066 and 1192 are one era (the Normans); 1925 and 1977 are not (a comedian for a 1920s
    typeface designer); a decade dates its sentence at its middle."""
    norman = """Normans

William of Apulia fought at Bari in 1066. Roger de Tosny fought in Spain in 1070. Hugh Lupus
took Chester in 1071. Guy de Lusignan acquired Cyprus in 1192.
"""
    assert len(_options(norman, "Guy de Lusignan")) == 3
    modern = """Letters

The typeface was designed by Herbert Bayer in the 1920s. Billy Crystal hosted the show in
1977. Eli Stone was a series of 2008. Daniel Burke left the firm in 1994.
"""
    assert _options(modern, "Herbert Bayer") == []


def test_a_round_year_given_as_rough_gets_round_wrong_years():
    """Fit-split reading 47: "beginning around _____" with 1700 among 1697, 1705 and 1708 is
    the only round year; wrong years go by half-centuries (or decades) instead."""
    article = analyse("""Empires

The Age of Imperialism, a time period beginning around 1700, saw nations colonising. The first
railway opened in 1825 near Darlington. A second line was built about 1840 by the same firm.
""")
    rough = _key(article, "1700")
    for seed in range(6):
        years = [int(t) for t, _ in year_distractors(article, rough, 3, seed)]
        assert len(years) == 3 and all(year % 50 == 0 for year in years), years
    decade = [int(t) for t, _ in year_distractors(article, _key(article, "1840"), 3, 1)]
    assert decade and all(year % 10 == 0 for year in decade), decade
    exact = [int(t) for t, _ in year_distractors(article, _key(article, "1825"), 3, 1)]
    assert any(year % 10 for year in exact), exact  # an exact year keeps near years


def test_a_k_a_does_not_end_a_sentence():
    """Fit-split reading 47: "(the manifesto Milestones, a.k.a. Ma'alim fi-l-Tariq) did,
    however, develop" was cut at "a.k.a." and its stem lost its verb."""
    article = analyse("""Movements

Movements inspired by the final writings of Qutb in the mid-1960s (particularly the manifesto
Milestones, a.k.a. Ma'alim fi-l-Tariq) did, however, develop. By the 1970s, the Brotherhood had
renounced violence.
""")
    assert len(article.sentences) == 2
    assert article.sentences[0].text.endswith("did, however, develop.")


def test_a_title_before_a_name_keeps_its_capital_after_according_to_the_article():
    """Fit-split reading 47: "According to the article, rev. _____, president of ..." """
    assert _titled_name(f"Rev. {B}, president of the taskforce, said he would win.")
    assert _titled_name("General Zia overthrew the regime.")
    assert not _titled_name("The general overthrew the regime.")
    assert not _titled_name("General relativity predicts it.")


@pytest.mark.parametrize(
    ("stem", "fragment"),
    [
        (
            f"Like in other regional organisations such as {B}, or the World Trade Organisation.",
            True,
        ),
        (f"Like in other regional organisations such as {B}.", True),
        (f"Unlike in {B}, trade barriers fell.", False),
        (f"Like most cities, {B} has an elected mayor.", False),
        (f"Like the helicosproidia, they are parasitic and were named by {B}.", False),
    ],
)
def test_a_likeness_without_its_main_clause_is_a_fragment(stem, fragment):
    """Fit-split reading 47: the main clause after "Like in ..." was cut off."""
    assert fragment_stem(stem) is fragment


def test_an_undated_key_sentence_takes_its_era_from_the_sentence_before():
    """Round 43: "The first Warsaw President was _____." follows "In 1695, ..."; a 19th-century
    scientist is no wrong answer for it. The paragraph before does not count."""
    town = """Mayors

Thomas Fell ran the market in 1990. Paula Vane ran the port in 1995. Mark Dell ran the
mill in 1992.

In 1695 the town was given a council. The first mayor was Robert Blanc.
"""
    assert _options(town, "Robert Blanc") == []
    apart = town.replace("council. The first", "council.\n\nThe first")
    assert len(_options(apart, "Robert Blanc")) == 3


@pytest.mark.parametrize(
    ("stem", "points"),
    [
        # fit-split reading 48: "was born here in _____" (where?)
        (f"Andy Taylor, a guitarist, was born here in {B}.", True),
        (f"Here {B} force acts indirectly.", True),
        (f"Rain fell here and there across {B}.", False),
        (f"The Reformer parted company with {B} over grace.", False),
        # fit-split reading 49: "could qualify for such funding without hassle" (which?)
        (f"Non-religious schools could qualify for such funding from {B}.", True),
        (f"An example of such a domain is the {B} integers.", True),
        (f"The result of such interactions was {B}.", True),
        (f"The network hired such talented filmmakers as {B}.", False),
        (f"It was shown in {B} such that the sum is even.", False),
        (f"There is no such thing as {B}.", False),
        # fit-split reading 54: a quote between "these" and its noun; "during that time" (a
        # year elsewhere in the stem is no anchor)
        (f'Since {B}, many of these "segregation academies" have shut down.', True),
        (f"In general, each of these {B} allows the owner to integrate services.", True),
        (f"One of its programs during that time was {B}, which premiered in 2008.", True),
        (f"The town grew fastest at the time of {B}.", False),
    ],
)
def test_words_that_point_out_of_the_stem(stem, points):
    """ "here", "such", "these" and "during that time" rest on a sentence the stem does not
    have; the same words saying what they speak of do not."""
    assert points_back(stem) is points


@pytest.mark.parametrize(
    ("stem", "broken"),
    [
        # fit-split reading 49: "relative to others empires such as _____"
        (f"The British kept strength relative to others empires such as {B}.", True),
        (f"Some left; others stayed in {B}.", False),
        (f"Others have moved to {B} since 1990.", False),
        # fit-split readings 48 and 51: an apposition the source never closed
        (f"{B}, former lead guitarist of Duran Duran was born in 1961.", True),
        (f"In what year? Andy Taylor, former guitarist of Duran Duran was born in {B}.", True),
        (f"{B}, an East Asian cultural festival is also held in October.", True),
        (f"{B}, a Polish general and hero of the war, was born in 1745.", False),
        (f"In London, the company was founded by {B}.", False),
        (f"Usually, the alphabet is taken to be {B}.", False),
        (f"Warsaw, however, was rebuilt by {B}.", False),
        # fit-split readings 50, 53 and 54: "and third of apples"
        (f"Victorian farms produce {B} of Australian pears and third of apples.", True),
        (f"Farms produce {B} of pears and a third of apples.", False),
        (f"Farms produce {B} of pears and half of the apples.", False),
        # fit-split readings 50 and 52: a blank inside a name ("is On _____" with key "the
        # Night of the Fire", "_____ & Sisters")
        (f"The earliest movie filmed in the city is On {B}.", True),
        (f"On {B}, the city was awarded the medal.", False),
        (f"The lows hit by {B} & Sisters led to its end.", True),
    ],
)
def test_slips_of_the_source_and_blanks_inside_a_name_do_not_read(stem, broken):
    """What the fit-split readings 48 to 54 found copied from the source or cut inside a name."""
    assert broken_surface(stem) is broken


def test_a_nationality_or_occupation_before_a_name_is_not_part_of_it():
    """Fit-split reading 48: the key "American Timothy Dexter" marked "Timothy Dexter" wrong;
    "Architect Henry John Klutho" likewise. A company keeps its own first word."""
    article = analyse("""Towns

In the 18th century American Timothy Dexter, an entrepreneur, defied the idiom. Architect
Henry John Klutho rebuilt the city centre. American Airlines flew to the town from 1950.
""")
    names = {c.text for cands in article.candidates for c in cands}
    assert {"Timothy Dexter", "Henry John Klutho", "American Airlines"} <= names
    assert not {"American Timothy Dexter", "Architect Henry John Klutho"} & names


def test_born_here_in_an_article_on_a_city_is_said_as_the_city():
    """Fit-split reading 48: "was born here in _____" in the article on Newcastle. The stem
    names the city; "Wola" of "Żelazowa Wola" is no other city that "here" could mean."""
    before = "Chopin was born in the village of Żelazowa Wola, 60 km away. "
    body = f"Casimir Pulaski, a general, was born here in {B}."
    norm = "Warsaw\n\n" + before + body
    assert (
        city_named(body, before, norm) == f"Casimir Pulaski, a general, was born in Warsaw in {B}."
    )
    elsewhere = "He later lived in Kraków. "
    assert city_named(body, elsewhere, "Warsaw\n\n" + elsewhere + body) == body


def _numbers(text, key, seed=1):
    article = analyse(text)
    return [t for t, _ in number_distractors(article, _key(article, key), 3, seed)]


CENSUS = """Census

There were 149,025 housing units at an average density of 1,427.9 per square mile. For every
100 females age 18 and over, there were 91.3 males. The town had 2.55 people per household.
"""


def test_a_wrong_figure_is_written_as_the_key_is():
    """Fit-split reading 48: "1,427.9" was the only option with a decimal."""
    for seed in range(4):
        options = _numbers(CENSUS, "1,427.9 per square mile", seed)
        assert len(options) == 3
        assert all(re.fullmatch(r"\d,\d{3}\.\d|\d{3}\.\d", o.split()[0]) for o in options), options


def test_a_ratio_to_a_hundred_gets_wrong_ratios_near_it():
    """Fit-split reading 48: "45.6 males" for every 100 females is absurd beside 91.3."""
    for seed in range(4):
        values = [float(o.split()[0]) for o in _numbers(CENSUS, "91.3 males", seed)]
        assert len(values) == 3 and all(75 <= v <= 110 for v in values), values


def test_a_league_is_offered_only_leagues():
    """Fit-split reading 48: "the most successful team in the history of _____" offered "the
    Times Good University Guide" and a college for "the British Basketball League"."""
    assert subkind("the British Basketball League", ORGANISATION) == "league"
    assert not same_subkind(
        "the British Basketball League", "the Times Good University Guide", ORGANISATION
    )
    assert not same_subkind("the Premier League", "University College London", ORGANISATION)
    assert same_subkind("the Premier League", "the Football League", ORGANISATION)
    assert same_subkind("the Core Cities Group", "the Football Association", ORGANISATION)


def test_a_towns_wrong_answers_from_geonames_are_near_it():
    """Round 45: "Harvard has purchased tracts of land in _____, a walk across the Charles
    River from Cambridge" offered Elmira (New York) and Fort Cavazos (Texas) for Allston. A
    town's wrong answers now come from its own part of the country first."""
    places = gazetteer()
    allston = places["Allston"]
    for seed in range(3):
        near = neighbours(allston, seed)[:3]
        assert len(near) == 3
        assert all(_km(allston, other) <= NEAR_TOWN_KM for other in near), near
    cork = places["Cork"]
    assert all(_km(cork, other) <= NEAR_KM for other in neighbours(cork, 1)[:3])


def test_a_saint_stands_only_beside_saints():
    """Fit-split reading 49: "St Cuthbert" offered as an honorary freeman beside King Harald V
    of Norway; "Saint Nicolas" as a patron saint got a prince and a general."""
    article = analyse("""Freemen

Honorary freemen include Bob Geldof, King Harald V of Norway and Alan Shearer. The church of
St Cuthbert stands by the river. Queen Victoria opened the bridge. Sir Charles Parsons built
the turbine. St Nicholas and St Mary are the city's patrons.
""")
    for seed in range(6):
        options = [
            t for t, _ in name_distractors(article, _key(article, "Queen Victoria"), 3, seed)
        ]
        assert not any(o.startswith(("St ", "Saint ")) for o in options), options
    saints = [t for t, _ in name_distractors(article, _key(article, "St Nicholas"), 3, 1)]
    assert all(o.startswith(("St ", "Saint ")) for o in saints), saints


def test_an_organisations_kind_is_the_word_before_its_of():
    """ "the University of Warsaw" is a school, "the Court of Justice of the European Union" a
    court: neither stands beside a parliament or a league."""
    assert subkind("the University of Warsaw", ORGANISATION) == "school"
    assert subkind("the Court of Justice of the European Union", ORGANISATION) == "court"
    assert not same_subkind("the European Parliament", "the Civil Service Tribunal", ORGANISATION)


def test_a_century_year_and_a_dated_month_get_wrong_answers_of_their_own_form():
    """Fit-split reading 50: "By _____" offered 1695, 1697 and 1699 for 1700 (the key the only
    round one), and "February 1872" for a Civil War battle of February 1864."""
    article = analyse("""Refugees

By 1700, one-fifth of the population of Berlin was French speaking. In February 1864 Union
forces left the town and met an army at the Battle of Olustee. The first church opened in 1688.
""")
    years = [int(t) for t, _ in year_distractors(article, _key(article, "1700"), 3, 1)]
    assert len(years) == 3 and all(y % 10 == 0 and 1600 < y < 1700 for y in years), years
    for seed in range(4):
        dates = [t for t, _ in year_distractors(article, _key(article, "February 1864"), 3, seed)]
        assert len(dates) == 3
        assert all(abs(int(d.split()[1]) - 1864) <= 3 for d in dates), dates


def test_a_title_of_one_standing_stands_beside_titles_of_the_same():
    """Fit-split reading 50: "Queen Elizabeth" and "President Wilson" offered among the lords
    Cromer, Curzon and Milner."""
    article = analyse("""Spokesmen

Influential spokesmen included Lord Cromer, Lord Curzon and Lord Milner. Queen Elizabeth
opened the hall. President Wilson visited in 1919. Sir Edward Grey and Lord Salisbury spoke.
""")
    for seed in range(6):
        options = [t for t, _ in name_distractors(article, _key(article, "Lord Cromer"), 3, seed)]
        assert options and all(o.startswith(("Lord", "Sir")) for o in options), options


def test_a_festival_is_offered_only_festivals():
    """Fit-split reading 50: "the Industrial Revolution" and "the English Civil War" for "a
    family oriented weekend festival"."""
    assert subkind("the Ouseburn Festival", EVENT) == "festival"
    assert not same_subkind("the Ouseburn Festival", "the English Civil War", EVENT)
    assert same_subkind("the Ouseburn Festival", "the Newcastle Beer Festival", EVENT)
    assert same_subkind("the Ouseburn Festival", "the Great Fire", EVENT)  # cannot be told


def test_a_library_is_not_offered_beside_a_museum():
    """Round 40: "the Arthur M. Sackler Museum" offered for where a collection of books is
    held ("the Sackler Museum is not a library")."""
    assert not same_subkind("the Harvard-Yenching Library", "the Arthur M. Sackler Museum", SITE)
    assert same_subkind("the Harvard-Yenching Library", "Widener Library", SITE)
    assert same_subkind("the Railway Museum", "the Katyń Museum", SITE)


def test_a_fuller_name_from_a_thing_it_was_based_on_is_another_thing():
    """Fit-split readings 48 and 51: "a game show based on the British program" made "the
    program" ABC renewed into "the British program", which the paragraph does not say."""
    before = "In 1999, ABC premiered Millionaire, a game show based on the British program. "
    body = f"The program became a success, and ABC renewed it in {B}."
    assert named_in_full(body, before) == body
    kept = "In 1999, ABC premiered the British program Millionaire. "
    assert named_in_full(body, kept).startswith("The British program became")


def test_a_quotation_ending_a_statement_loses_its_full_stop_before_the_question_mark():
    """Fit-split reading 52: 'stating, "Wise up or die."?'."""
    stem = true_false_stem('He sent an email stating, "Wise up or die."', keep_case=True)
    assert stem.endswith('stating, "Wise up or die"?')


@pytest.mark.parametrize(
    ("stem", "key", "splits"),
    [
        (
            f"They organized into {B} on Abortion and Sexuality.",
            "the Taskforce of Methodists",
            True,
        ),
        (f"Troops under {B} of Castile arrived.", "Henry III", True),
        (f"The speech was given by {B} on Monday.", "King Harold", False),
        (f"The speech was given by {B} of the committee.", "King Harold", False),
    ],
)
def test_a_blank_inside_a_name_that_runs_on_splits_it(stem, key, splits):
    """Fit-split reading 52: "into _____ on Abortion and Sexuality"."""
    assert splits_compound(stem, key, frozenset()) is splits


STAKE = notes_text(
    "In 1951, Noble held a 58% ownership stake in the network. In 1953, the network was sold."
)


def _false_statement(text, opening, statement):
    """A false true/false statement on the sentence opening with ``opening``, its year (the
    statement's first figure) swapped in."""
    year = re.search(r"\d{4}", statement).group()
    return question_on(
        text,
        opening,
        kind="true_false",
        stem=f"According to the article, is it true that {statement}?",
        answer=False,
        distractor_origins={year: "numeric:near-year"},
    )


def test_a_year_swapped_in_a_lasting_state_is_not_clearly_false():
    """Fit-split reading 53: "in 1942, Noble held a 58% ownership stake" (he held it in 1951;
    the paragraph cannot say he did not in 1942). A swapped year of an event stays."""
    held = _false_statement(STAKE, "In 1951, Noble", "in 1942, Noble held a 58% ownership stake")
    assert "true_false_unclear" in audit(held, STAKE)
    sold = _false_statement(STAKE, "In 1953, the network", "in 1948, the network was sold")
    assert "true_false_unclear" not in audit(sold, STAKE)


def test_an_age_gets_wrong_ages_near_it():
    """Fit-split reading 55: "living alone who was _____ of age or older" offered "98 years"
    and "114 years" for 65."""
    text = """Households

In 2010, 12,344 households had someone living alone who was 65 years of age or older. The war
lasted 30 years.
"""
    for seed in range(4):
        ages = [int(o.split()[0]) for o in _numbers(text, "65 years", seed)]
        assert len(ages) == 3 and all(50 <= a <= 80 for a in ages), ages


def test_a_participle_phrase_cut_off_its_clause_is_no_statement():
    """Fit-split reading 55: "is it true that transforming the 18th century public portico?"."""
    assert statement_fragment("transforming the 18th century public portico")
    assert not statement_fragment("Transforming the portico was costly")
    assert not statement_fragment("transforming the portico cost the town millions")
