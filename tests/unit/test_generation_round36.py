"""Round 36 of issue 10: what the blind judges of round 36 found, pinned with our own
sentences."""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.stems import BLANK as B
from tests.unit.generated_question import notes_text


def test_the_second_half_of_a_contrast_is_not_a_stem():
    """ "...; whereas substances that corrode, such as _____, contained very little." was cut to
    its second half, which says nothing alone (round 36)."""
    from quizapp.generation.stems import focus, statement

    text = notes_text(
        "Wood and coal were thought to hold much phlogiston; whereas metals that rust, such as "
        "iron, held very little. Tin was mined in Cornwall; the mines closed in 1990."
    )
    article = analyse(text)
    for opening, word, whole in (("Wood", "iron", True), ("Tin", "1990", False)):
        sentence = next(s for s in article.sentences if s.text.startswith(opening))
        at = article.norm.index(word)
        cut = focus(article.norm, statement(sentence, is_prose=True), at, at + len(word))
        assert article.norm[cut.body_start :].startswith(opening) is whole


def test_an_interval_or_a_share_with_nothing_to_count_from_points_back():
    """ "Only _____ later, ..." (later than what?) and "Much went for arms purchases" (much of
    what?), round 36."""
    from quizapp.generation.quality import points_back

    assert points_back(f"Only {B} later, the locomotive was used on the railway.")
    assert points_back(f"Much went for arms purchases that {B}.")
    assert not points_back(f"The locomotive was used {B} later than planned.")
    assert not points_back(f"Much of the oil income went to {B}.")


def test_a_ratio_in_words_rules_out_wrong_sizes():
    """ "about two-thirds the size of ... (_____ vs 25 nm)" with key "around 17 nm": only one
    option fits two-thirds of 25 (round 36); read for multiple choice only."""
    from quizapp.generation.checks import ratio_given

    stem = f"Their ribosomes are about two-thirds the size of others ({B} vs 25 nm)."
    assert ratio_given(stem, "around 17 nm", 17)
    assert not ratio_given(stem, "around 17 nm", 17, in_words=False)
    assert not ratio_given(f"Their ribosomes are small ({B} vs 25 nm).", "around 17 nm", 17)


def test_the_size_of_something_is_no_key():
    """ "about two-thirds _____." with key "the size of cytoplasmic ribosomes" (round 36)."""
    from quizapp.generation.phrases import fill_key_shape

    assert not fill_key_shape("the size of cytoplasmic ribosomes")
    assert fill_key_shape("cytoplasmic ribosomes")


def test_peoples_told_apart_by_their_the_are_refused():
    """Keys "Arabs", "Lombards" were the only options without "the" (round 36)."""
    from quizapp.generation.checks import _forms_apart

    keys = ["the Byzantines", "Arabs", "Lombards"]
    options = ("the Armenians", "the Venetians", *keys)
    assert _forms_apart(keys, options)
    assert not _forms_apart(keys, ("Armenians", "the Venetians", *keys))
    agencies = ["NASA", "the Canadian Space Agency"]
    assert not _forms_apart(agencies, ("the Italian Space Agency", *agencies))


def test_a_true_false_statement_that_is_one_subordinate_clause_is_refused():
    """ "is it true that when the group is duplicated?" (a stem cut before its claim)."""
    from quizapp.generation.checks import check_true_false_form
    from quizapp.generation.stems import TF_PREFIX
    from tests.unit.generated_question import question_on

    text = notes_text("Where the river bends, the mill was built in 1790.")

    def stated(body: str):
        return question_on(
            text, "Where the river", kind="true_false", stem=TF_PREFIX + body, answer=True
        )

    assert not check_true_false_form(analyse(text), stated("where the river bends?"))
    assert check_true_false_form(analyse(text), stated("the mill was built in 1790?"))


def test_this_before_a_verb_and_its_object_is_a_pronoun():
    """ "this makes it the largest library" became "the makes it ..." (round 37): "this" before
    a verb and an object pronoun stands for what was said before, so the stem is refused."""
    from quizapp.generation.quality import pointing_out
    from quizapp.generation.stems import definite_for_this

    body = f"According to {B}, this makes it the largest library in the state."
    assert definite_for_this(body) == body
    assert pointing_out(body)
    assert not pointing_out(f"According to {B}, this library is the largest in the state.")
