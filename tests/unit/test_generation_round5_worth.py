"""Round 5, "worth asking": bounded figures, statistics, copied true statements, counts that
their own list gives away, the article's subject and epithets as keys. Each pattern is an audit
check or a ranking rule, tested on sentences of our own (a made-up town)."""

from __future__ import annotations

from functools import partial

from quizapp.generation import audit
from quizapp.generation.article import analyse
from quizapp.generation.priors import key_worth
from quizapp.generation.quality import (
    bounded_blank,
    bounded_figure,
    copied_sentence,
    count_contradicted,
)
from quizapp.generation.questions import Builder, true_false_questions
from quizapp.generation.stems import statement
from tests.unit.generated_question import question_on

TOWN = (
    "Dunmere\n\n"
    "Dunmere is a market town on the river Alde. It was founded by the monk Osric Hale in "
    "1120. Dunmere has three gates: the North Gate, the Mill Gate and the Water Gate. "
    "The harbour handles over 300 ships a year. Dunmere was nicknamed the Salt Queen by "
    "traders. In 1950 there were 4,120 households, 1,300 farms and 212 shops in the town. "
    "In 1951 the town opened its first library.\n\n"
    "The guild hall was built by the mason Ada Wren in 1402. Dunmere hosts a wool fair "
    "every spring, and the fair draws traders from Kelso and Brim. The wool of Brim is sold "
    "in Dunmere every May.\n"
)

TF = "According to the article, is it true that "


_question = partial(question_on, TOWN, kind="true_false", answer=True)


def _key(article, text: str):
    return next(c for cands in article.candidates for c in cands if c.text == text)


# --- pattern 2: a figure that is a bound gets no options and no swap ----------------------------


def test_bound_words_before_in_or_after_the_blank_make_a_bound():
    assert bounded_blank("The harbour handles _____ a year.", "over 300 ships")
    assert bounded_blank("The harbour handles more than _____ a year.", "300 ships")
    assert bounded_blank("The harbour handles _____ or more a year.", "300 ships")
    assert bounded_blank("The harbour handles nearly _____ a year.", "three hundred ships")
    assert not bounded_blank("The harbour handles _____ a year.", "300 ships")
    assert not bounded_blank("The fair draws traders from over _____.", "Kelso")  # no figure
    assert bounded_figure("It has fewer than ", "40 shops")
    assert bounded_figure("licences last as long as ", "ten years")
    assert bounded_figure("7 to ", "15 percent")  # the closing end of a range
    assert not bounded_figure("founded in 1120 to ", "twelve monks")


def test_multiple_choice_on_a_bounded_figure_fails_the_audit():
    stem = "The harbour handles _____ a year."
    bounded = _question(
        "The harbour handles",
        kind="multiple_choice",
        stem=stem,
        options=("over 300 ships", "over 200 ships", "over 450 ships", "over 600 ships"),
        answer="over 300 ships",
        accepted=("over 300 ships",),
        answer_type="number",
        distractor_origins={
            "over 200 ships": "numeric",
            "over 450 ships": "numeric",
            "over 600 ships": "numeric",
        },
    )
    assert "bounded_key" in audit(bounded, TOWN)  # "over 200 ships" is also true
    fill = _question(
        "The harbour handles",
        kind="fill_blank",
        stem=stem,
        answer="over 300 ships",
        accepted=("over 300 ships", "300"),
        answer_type="number",
    )
    assert "bounded_key" not in audit(fill, TOWN)  # asked to fill in instead


def test_false_statement_swapping_a_bound_fails_the_audit():
    swapped = _question(
        "The harbour handles",
        stem=TF + "the harbour handles over 200 ships a year?",
        answer=False,
        distractor_origins={"over 200 ships": "numeric"},
    )
    assert "bounded_key" in audit(swapped, TOWN)  # still true: 300 is over 200
    year = _question(
        "It was founded",
        stem=TF + "Dunmere was founded by the monk Osric Hale in 1150?",
        answer=False,
        distractor_origins={"1150": "numeric:near-year"},
    )
    assert "bounded_key" not in audit(year, TOWN)


def test_true_false_builder_swaps_no_bound_and_no_figure_of_a_statistic():
    article = analyse(TOWN)
    builder = Builder(article, "rules")
    for opening in ("The harbour handles", "In 1950 there were"):
        sentence = next(s for s in article.sentences if s.text.startswith(opening))
        stmt = statement(sentence, is_prose=True)
        drafts = true_false_questions(builder, stmt, article.candidates[sentence.index])
        assert [d.question.answer for d in drafts] == [True], opening


# --- pattern 1: a statistic's figures and date --------------------------------------------------


def test_false_statement_swapping_a_date_of_a_statistic_is_not_worth_asking():
    stem = TF + "in 1960 there were 4,120 households, 1,300 farms and 212 shops in the town?"
    swapped = _question(
        "In 1950 there were",
        stem=stem,
        answer=False,
        distractor_origins={"1960": "numeric:near-year"},
    )
    assert "not_worth_asking" in audit(swapped, TOWN)
    single = _question(
        "In 1951 the town",
        stem=TF + "in 1961 the town opened its first library?",
        answer=False,
        distractor_origins={"1961": "numeric:near-year"},
    )
    assert "not_worth_asking" not in audit(single, TOWN)


def test_date_framing_a_statistic_is_worth_less_than_a_date_that_is_the_point():
    article = analyse(TOWN)
    framing, point = _key(article, "1950"), _key(article, "1951")
    assert key_worth(article, framing) < key_worth(article, point) - 0.1


# --- pattern 3: true statements copied whole, counts their list gives away ----------------------


def test_true_statement_copying_its_sentence_is_not_worth_asking():
    sentence = "Moreover, the guild hall was built by the mason Ada Wren in 1402."
    assert copied_sentence("the guild hall was built by the mason Ada Wren in 1402", sentence)
    assert not copied_sentence(
        "Dunmere hosts a wool fair every spring",
        "Dunmere hosts a wool fair every spring, and the fair draws traders from Kelso and Brim.",
    )
    copied = _question(
        "The guild hall", stem=TF + "the guild hall was built by the mason Ada Wren in 1402?"
    )
    assert "not_worth_asking" in audit(copied, TOWN)
    clause = _question("Dunmere hosts", stem=TF + "Dunmere hosts a wool fair every spring?")
    assert "not_worth_asking" not in audit(clause, TOWN)


def test_count_swapped_before_its_own_list_is_false_on_its_face():
    body = "Dunmere has nine gates: the North Gate, the Mill Gate and the Water Gate"
    assert count_contradicted(body, "nine", 3)
    assert not count_contradicted("the harbour handles nine ships a year", "nine", 3)
    assert not count_contradicted(body, "nine", 300)  # a large figure is no listed count
    assert count_contradicted("Dunmere has nine gates, the North Gate", "nine gates", 2)
    swapped = _question(
        "Dunmere has three gates",
        stem=TF + body + "?",
        answer=False,
        distractor_origins={"nine gates": "numeric"},
    )
    assert "true_false_unclear" in audit(swapped, TOWN)


# --- pattern 4: the article's subject and epithets as keys --------------------------------------


def test_the_article_subject_as_a_key_is_worth_less():
    article = analyse(TOWN)
    retitled = analyse(TOWN.replace("Dunmere\n\n", "Market towns\n\n", 1))
    for opening, name in (("The wool of Brim", "Dunmere"), ("Dunmere is a market", "Dunmere")):
        own = _in_sentence(article, opening, name)
        other = _in_sentence(retitled, opening, name)
        assert key_worth(article, own) < key_worth(retitled, other) - 0.2, opening


def _in_sentence(article, opening: str, text: str):
    index = next(s.index for s in article.sentences if s.text.startswith(opening))
    return next(c for c in article.candidates[index] if c.text == text)


def test_an_epithet_is_worth_less_than_a_name():
    article = analyse(TOWN)
    plain = analyse(TOWN.replace("was nicknamed the Salt Queen", "was ruled by the Salt Queen"))
    epithet = _key(article, "the Salt Queen")
    ruler = _key(plain, "the Salt Queen")
    assert key_worth(article, epithet) < key_worth(plain, ruler) - 0.2
