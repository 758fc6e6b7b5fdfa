"""Issue 10's failure patterns, each an audit check or ranking rule, each tested on sentences of
our own (a made-up harbour town), so the tests say what a teacher would reject and why."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from quizapp.generation import audit, generate
from quizapp.generation.article import analyse
from quizapp.generation.quality import (
    broken_option,
    broken_surface,
    dangling_pronoun,
    in_aside,
    looks_like_person,
    odd_one_out,
    person_shaped,
    quality,
    ruled_out_years,
    two_names,
    unfit_words,
)
from quizapp.generation.stems import Statement, focus
from tests.unit.generated_question import question_on

TOWN = (
    "Port Alder\n\n"
    "Port Alder is a coastal town on the north shore of Lake Merrow. In 1821 the merchant "
    "Thomas Penhale founded the Alder Trading Company in the town. Penhale built the first pier "
    "in 1824, and the company opened a school in 1830. The town council was formed in 1845 "
    "after a long dispute with the county.\n\n"
    "The lighthouse on Gull Point was designed by the engineer Edith Marlow. Marlow also "
    "designed the bridge at Kettleby, which carried the railway across the river. Richard "
    "Penhale, the son of the founder, ran the company until 1870.\n\n"
    "The town has three museums and a public library. About 4,200 people live in Port Alder "
    "today, more than in Kettleby. The fishing fleet of the town once numbered 40 boats.\n"
)

ORDINARY = frozenset({"hospital", "pictures", "general", "town", "company"})


_question = partial(question_on, TOWN, kind="multiple_choice", difficulty=0.4)


# --- pattern 1: options of another type ---


def test_person_shape_tells_people_from_things():
    assert person_shaped("Thomas Penhale", ORDINARY)
    assert person_shaped("Queen Elizabeth II", ORDINARY)
    assert not person_shaped("General Hospital", ORDINARY)  # words the article writes lower-case
    assert not person_shaped("Paramount Pictures", ORDINARY)
    assert not person_shaped("the Blue Network", ORDINARY)
    assert looks_like_person("Edith Marlow", ORDINARY)
    assert not looks_like_person("Kettleby", ORDINARY)  # one word: may be a place
    assert not looks_like_person("NASA", ORDINARY)


def test_audit_rejects_a_place_offered_for_a_person():
    q = _question(
        "In 1821 the merchant",
        stem="In 1821 the merchant _____ founded the Alder Trading Company in the town.",
        options=("Thomas Penhale", "Edith Marlow", "Lake Merrow", "Gull Point"),
        answer="Thomas Penhale",
        answer_type="person",
    )
    assert "option_type" in audit(q, TOWN)
    fine = replace(q, options=("Thomas Penhale", "Edith Marlow", "John Trewin", "Mary Polkin"))
    assert "option_type" not in audit(fine, TOWN)


def test_generated_person_questions_offer_only_people():
    bank = generate(TOWN)
    article = analyse(TOWN)
    from quizapp.generation.quality import lower_words

    ordinary = lower_words(article)
    for q in bank.questions:
        if q.kind == "multiple_choice" and q.answer_type == "person":
            assert all(person_shaped(o, ordinary) for o in q.options), q.options


# --- pattern 2: options the stem rules out, a key that stands apart


def test_key_apart_by_size_or_length():
    assert odd_one_out("8 boats", ["8 boats", "10 boats", "11 boats", "12 boats"])
    assert not odd_one_out("40 boats", ["40 boats", "20 boats", "60 boats", "80 boats"])
    assert odd_one_out("the Alder Trading Company", ["the Alder Trading Company", "X", "Y", "Z"])


def test_a_date_the_stem_states_rules_options_out():
    stem = "The act was passed in April 1970 and took effect on _____."
    assert ruled_out_years(stem, "1971", ["1971", "1966", "1972", "1973"])
    assert not ruled_out_years(stem, "1971", ["1971", "1974", "1972", "1973"])


def test_audit_rejects_odd_one_out():
    q = _question(
        "The fishing fleet",
        stem="The fishing fleet of the town once numbered _____.",
        options=("40 boats", "10 boats", "11 boats", "12 boats"),
        answer="40 boats",
        answer_type="number",
    )
    assert "options_ruled_out" in audit(q, TOWN)


# --- pattern 3: one thing under two names ---


def test_two_names_for_one_thing():
    assert two_names(["Penhale", "Richard Penhale", "Edith Marlow", "John Trewin"])
    assert two_names(["Thomas Penhale", "Richard Penhale", "Edith Marlow", "John Trewin"])
    assert not two_names(["Thomas Penhale", "Edith Marlow", "John Trewin", "Mary Polkin"])


def test_audit_rejects_two_names():
    q = _question(
        "Richard Penhale",
        stem="_____, the son of the founder, ran the company until 1870.",
        options=("Richard Penhale", "Penhale", "Edith Marlow", "John Trewin"),
        answer="Richard Penhale",
        answer_type="person",
    )
    assert "two_names" in audit(q, TOWN)


# --- pattern 4: a broken surface ---


@pytest.mark.parametrize(
    "stem",
    [
        "The pier was ranked #_____ on the coast.",
        "The season ran from 1998 to the _____-02 winter.",
        "Between 8 to _____ boats sailed each day.",
        'The council took the motto "_____.".',
    ],
)
def test_broken_stems(stem):
    assert broken_surface(stem)


def test_sound_stem_and_broken_options():
    assert not broken_surface("Penhale built the first pier in _____.")
    assert broken_option("Suppose I")
    assert broken_option('the "harbour')
    assert not broken_option("the Alder Trading Company")


# --- pattern 5: ambiguous true/false ---


def test_pronoun_with_nothing_to_point_to():
    assert dangling_pronoun("the company grew during his term")
    assert dangling_pronoun("these reforms ended in 1845")
    assert not dangling_pronoun("Thomas Penhale built his pier in 1824")


def test_swap_in_a_side_comparison():
    statement = "about 4,200 people live in Port Alder today, more than in Kettleby"
    assert in_aside(statement, statement.index("Kettleby"))
    assert not in_aside(statement, statement.index("Port Alder"))


def test_audit_rejects_false_statement_made_in_an_aside():
    q = _question(
        "About 4,200 people",
        kind="true_false",
        stem="According to the article, is it true that about 4,200 people live in Port Alder "
        "today, more than in Gull Point?",
        answer=False,
        distractor_origins={"Gull Point": "article"},
    )
    assert "true_false_unclear" in audit(q, TOWN)


# --- pattern 6: not worth asking ---


def test_audit_rejects_opinion_and_trivial_count():
    opinion = _question(
        "The lighthouse on Gull Point",
        kind="true_false",
        stem="According to the article, is it true that the lighthouse on Gull Point is the "
        "most important building?",
        answer=False,
        distractor_origins={"most important": "article"},
    )
    assert "not_worth_asking" in audit(opinion, TOWN)
    count = _question(
        "The town has three museums",
        kind="fill_blank",
        stem="The town has _____ and a public library.",
        answer="three museums",
        answer_type="number",
    )
    assert "not_worth_asking" in audit(count, TOWN)


# --- pattern 7: long stems, unfit words, the set ---


def test_stem_cut_to_the_clause_with_the_blank():
    article = analyse(TOWN)
    sentence = next(s for s in article.sentences if s.text.startswith("Marlow also"))
    stmt = Statement(sentence, sentence.start, sentence.end - 1, False)
    key = article.norm.index("Kettleby", sentence.start)
    short = focus(article.norm, stmt, key, key + len("Kettleby"))
    assert article.norm[short.body_start : short.body_end] == (
        "Marlow also designed the bridge at Kettleby"
    )


def test_unfit_words():
    assert unfit_words("a buxom figurehead")
    assert not unfit_words("a wooden figurehead")


def test_no_matching_and_ordering_on_the_same_items():
    bank = generate(TOWN)
    listed = [
        {str(item if isinstance(item, str) else item[0]) for item in q.answer}
        for q in bank.questions
        if q.kind in {"matching", "ordering"}
    ]
    for a in listed:
        for b in listed:
            assert a is b or len(a & b) < 2


# --- the quality estimate ---


def test_quality_is_lower_for_long_stems_and_true_false():
    short = quality(0.8, "multiple_choice", "Penhale built the first pier in _____.", {})
    long = quality(0.8, "multiple_choice", " ".join(["word"] * 40) + " _____.", {})
    tf = quality(0.8, "true_false", "According to the article, is it true that x?", {})
    assert 0 <= long < short <= 1 and tf < short


def test_every_generated_question_carries_its_quality():
    bank = generate(TOWN)
    assert bank.questions
    for q in bank.questions:
        assert 0 <= q.quality <= 1
        assert q.to_json()["quality"] == q.quality
        assert audit(q, TOWN) == []


def test_key_apart_by_form():
    assert odd_one_out("the harbour", ["the harbour", "pier", "school", "library"])
    assert odd_one_out("Kettleby", ["Kettleby", "the pier", "the school", "the library"])
    assert not odd_one_out("Kettleby", ["Kettleby", "Gull Point", "Port Alder", "Lake Merrow"])


def test_audit_rejects_date_swap_beside_an_order_word():
    q = _question(
        "The town council",
        kind="true_false",
        stem="According to the article, is it true that the town council was formed in 1847 "
        "after a long dispute with the county?",
        answer=False,
        distractor_origins={"1847": "numeric:near-year"},
    )
    assert "true_false_unclear" in audit(q, TOWN)
