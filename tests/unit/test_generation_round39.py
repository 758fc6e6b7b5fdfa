"""Fit-split reading 39 of issue 10 (and the source slips of rounds 36 and 38): what the blind
judges found, pinned with our own sentences."""

from __future__ import annotations

import pytest

from quizapp.generation.article import analyse
from quizapp.generation.stems import BLANK as B
from tests.unit.generated_question import notes_text


@pytest.mark.parametrize(
    "stem",
    [
        f"The only {B} that can considered like it is the inner system.",
        f"There are lot of small ponds in {B}.",
        f"The starting pay of a nurse is {B}.a.",
        f"The line is being rebuilt under a plan called 'Metro: {B}.'.",
        f"Fairness is recognised one of the principles of the law by {B}.",
        f"It is not clear, however that the view holds in {B} schools.",
        f"Council elections, take place every {B}.",
        f"One old studio remains in the town; It has been converted to {B}.",
    ],
)
def test_slips_of_the_source_make_a_stem_that_does_not_read(stem):
    from quizapp.generation.quality import broken_surface

    assert broken_surface(stem)


@pytest.mark.parametrize(
    "stem",
    [
        f"The only {B} that can be considered like it is the inner system.",
        f"Costs may exceed {B} in a dry year.",
        f"There are a lot of small ponds in {B}.",
        f"The starting pay of a nurse is {B} a year.",
        f"Fairness is considered one of the principles of the law by {B}.",
        f"It is not clear, however, that the view holds in {B} schools.",
        f"Council elections take place every {B}.",
        f"In 1990, {B} was elected mayor.",
        f"One old studio remains in the town; it has been converted to {B}.",
    ],
)
def test_the_same_stems_written_well_read(stem):
    from quizapp.generation.quality import broken_surface

    assert not broken_surface(stem)


def test_a_group_named_only_before_is_no_subject():
    """ "The couple left for the Far East _____ later", "the group announced that ..." (which
    couple, which group?); a group the clause names itself, or one it does not rest on, stays."""
    from quizapp.generation.quality import pointing_noun

    assert pointing_noun(f"The couple left for the Far East {B} later.")
    assert pointing_noun(f"In {B}, the group proclaimed itself a state.")
    assert not pointing_noun(f"The group of islands was sold in {B}.")
    assert not pointing_noun(f"The pistons within the group are set at {B} degrees.")


def test_a_true_false_statement_that_is_one_time_clause_is_refused():
    """ "is it true that when the double expansion group is duplicated?" (round 36); a fill in
    the blank may still open with "When", whose main clause people ask about."""
    from quizapp.generation.quality import subordinate_only

    assert subordinate_only("when the second engine is started?", statement=True)
    assert not subordinate_only("when the second engine is started, the first stops?", True)
    assert not subordinate_only(f"When {B} took office the war ended.")


def test_an_adjective_after_a_number_is_no_unit():
    """ "more than _____ film studios" with key "30 silent": the blank cut "silent film
    studios" (fit-split reading 39)."""
    text = notes_text(
        "More than 30 silent film studios opened in the town. The town lost 40 percent of its "
        "shops in 1950."
    )
    keys = {c.text for cands in analyse(text).candidates for c in cands if c.category == "number"}
    assert "30" in keys and "30 silent" not in keys
    assert "40 percent" in keys


def test_a_city_far_larger_than_the_key_is_no_wrong_option():
    """Sydney offered among "the regional cities of Geelong, Ballarat and Bendigo", Edinburgh
    among Newcastle's suburbs (fit-split reading 39)."""
    from quizapp.generation.distractors import _outsized
    from quizapp.generation.places import gazetteer

    places = gazetteer()
    assert _outsized(places["Ballarat"], "Sydney")
    assert _outsized(places["Gosforth"], "Edinburgh")
    assert not _outsized(places["Ballarat"], "Warrnambool")
    assert not _outsized(places["Sydney"], "Melbourne")


def test_a_date_that_is_a_bound_is_not_swapped_for_a_false_statement():
    """ "prior to October 2005" made "prior to October 2002" may still be true (fit-split
    reading 39); a date that times an event is swapped."""
    from quizapp.generation.questions import Builder, true_false_questions
    from quizapp.generation.stems import statement

    def swapped(opening: str) -> list:
        text = notes_text(
            f"{opening} October 2005, three news channels were shown on the cable service."
        )
        article = analyse(text)
        index = next(i for i, s in enumerate(article.sentences) if "2005" in s.text)
        stmt = statement(article.sentences[index], is_prose=True)
        drafts = true_false_questions(Builder(article, "test"), stmt, article.candidates[index])
        return [d for d in drafts if d.question.answer is False and "2005" not in d.question.stem]

    assert not swapped("Prior to")
    assert swapped("In")


def test_a_role_given_after_a_name_is_the_persons_role():
    """ "Christian Whiton, an official in the administration, ..." and "Leonard Goldenson, the
    president of ABC": wrong options must share the role, or the key is asked to fill in
    (fit-split reading 39 offered thinkers for a government official)."""
    from quizapp.generation.distractors import person_roles
    from quizapp.generation.lexicon import name_key

    text = notes_text(
        "Leonard Goldenson, the president of the network, bought the studio in 1953. "
        "The studio was sold in 1960 to Arthur Miller."
    )
    roles = person_roles(analyse(text))
    assert roles.get(name_key("Leonard Goldenson")) == "president"
    assert name_key("Arthur Miller") not in roles


def test_a_true_false_statement_whose_its_points_before_it_is_refused():
    """ "is it true that among its icons are Newcastle Brown Ale?" (its = the city, named in an
    earlier sentence; fit-split reading 39)."""
    from quizapp.generation.checks import check_true_false_clear
    from quizapp.generation.stems import TF_PREFIX
    from tests.unit.generated_question import question_on

    text = notes_text("Among its famous sights is the Tyne Bridge, opened in 1928.")

    def clear(body: str) -> bool:
        question = question_on(
            text, "Among its", kind="true_false", stem=TF_PREFIX + body, answer=True
        )
        return check_true_false_clear(analyse(text), question)

    assert not clear("among its famous sights is the Tyne Bridge?")
    assert clear("Newcastle and its famous sights draw many visitors?")


def test_vague_openings_and_pointing_quotes_are_refused():
    """Round 39 and fit-split reading 40: "Detailed statistical investigation has not
    suggested ..." (a phrase capitalised only by its place, led by a vague modifier), "many of
    these "_____" have shut down" (these what?), "Due to ... along _____." (no main clause)."""
    from quizapp.generation.candidates import Candidate
    from quizapp.generation.quality import points_back, subordinate_only
    from quizapp.generation.questions import _vague_opening

    def term(text: str) -> Candidate:
        return Candidate(text, 0, len(text), "term", "", text.lower(), 0)

    assert _vague_opening(term("Detailed statistical investigation"))
    assert not _vague_opening(term("Innate immune systems"))
    assert not _vague_opening(term("Detailed Maps Ltd"))
    assert points_back(f'Since the 1970s, many of these "{B}" have shut down.')
    assert not points_back(f'Since the 1970s, many "{B}" have shut down.')
    assert subordinate_only(f"Due to rising traffic in towns along {B}.")
    assert not subordinate_only(f"Due to rising traffic, the road along {B} was widened.")


def test_an_apposition_gives_a_role_a_name_before_would_not():
    """ "Christian Whiton, an official in the administration": thinkers were offered for a
    government official (fit-split reading 40); "official" before a name is an adjective."""
    from quizapp.generation.distractors import person_roles
    from quizapp.generation.lexicon import name_key

    text = notes_text(
        "Christian Whiton, an official in the Bush administration, wrote the plan in 2004. "
        "The plan was praised in 2005 by Arthur Miller."
    )
    assert person_roles(analyse(text)).get(name_key("Christian Whiton")) == "official"


def test_a_wrong_option_named_after_something_else_in_the_stem_is_ruled_out():
    """ "four men attending _____ for every woman studying at Radcliffe" offered "the Radcliffe
    Institute" (round 39); a word the key shares, the title's words and words for a kind of
    place ("Avenue") are no clue."""
    from quizapp.generation.quality import ruled_out_by_name

    stem = f"About four men attended {B} for every woman studying at Radcliffe."
    key = "Harvard College"
    assert ruled_out_by_name(stem, key, ["the Radcliffe Institute", "Yale University", key])
    assert not ruled_out_by_name(stem, key, ["Yale University", "Brown University", key])
    # the title's words are no clue only when the key has one too (round 41: Harvard's own
    # schools offered as Harvard's rival)
    assert ruled_out_by_name(stem, key, ["the Radcliffe Institute", key], title="Radcliffe")
    women = f"About four women attended {B} for every man studying at Harvard College."
    radcliffe = "Radcliffe College"
    options = ["the Radcliffe Institute", "Harvard Radcliffe Hall", radcliffe]
    assert not ruled_out_by_name(women, radcliffe, options, title="Harvard and Radcliffe")
    street = f"The block of West End Avenue was renamed {B} in 2006."
    assert not ruled_out_by_name(street, "Peter Jennings Way", ["Columbus Avenue", "Wall Street"])
    harvard = f"Harvard's men attended {B} for every woman."
    assert not ruled_out_by_name(harvard, key, ["the Harvard Business School", key])


def test_a_key_running_into_the_verb_of_a_reflexive_is_refused():
    """ "in which _____ themselves off" with key "infected cells seal" (round 39)."""
    from quizapp.generation.quality import verb_tail_key

    stem = f"In the first response, {B} themselves off and die."
    assert verb_tail_key(stem, "infected cells seal")
    assert not verb_tail_key(f"In the first response, {B} seal themselves off.", "cells")


def test_select_all_options_that_run_into_the_word_after_the_blank_are_refused():
    """ "instruct _____ students" with "7,200 undergraduates" (round 40); "_____ have powers"
    or "_____ residing in" read on from any option."""
    from quizapp.generation.quality import options_run_on

    numbers = ["5,400 undergraduates", "7,200 undergraduates", "14,000 graduate"]
    assert options_run_on(f"The staff instruct {B} students.", numbers)
    assert not options_run_on(f"There were {B} residing in the town.", numbers)
    assert not options_run_on(f"The staff instruct {B}.", numbers)
    bodies = ["the European Parliament", "the Council"]
    assert not options_run_on(f"{B} have powers of amendment.", bodies)
