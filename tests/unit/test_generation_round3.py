"""Issue 10, round 3: what is worth asking, stems that stand alone, true/false built on the main
claim, one question per fact. Each pattern is an audit check or a ranking rule, tested on
sentences of our own (a made-up island)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import partial

from quizapp.generation import audit, generate
from quizapp.generation.article import analyse
from quizapp.generation.quality import (
    open_ended,
    swap_in_series,
    unanchored_statement,
)
from quizapp.generation.stems import Statement, focus
from tests.unit.generated_question import draft_of, question_on

ISLE = (
    "The Isle of Varn\n\n"
    "The Isle of Varn lies in the Grey Sea north of Tallin. In 1612 the captain Hugo Brandt "
    "landed on the island with forty settlers. The settlers built the harbour at Kelm in 1620, "
    "and the first church was finished in 1634. The Varn Trading Company was founded by Hugo "
    "Brandt and his brother Otto Brandt in 1641.\n\n"
    "The lighthouse at Kelm was built by the engineer Mara Quist in 1788. The island's wool "
    "was sold in Tallin, Oster and Brim. Ten years later, the company sold the mill to the "
    "council. The governor of the island is chosen by the council, but the king may refuse "
    "the choice. The Varn Assembly was formed in 1845 after a dispute with the crown. Otto "
    "Brandt opened the school in 1650, and the Varn Library was opened in 1662.\n"
)


_question = partial(question_on, ISLE, kind="true_false", answer=True)


TF = "According to the article, is it true that "


# --- true/false: the main claim, a same-type swap, a statement that stands alone ---------------


def test_false_statement_swaps_only_a_typed_value():
    place = _question(
        "The lighthouse at Kelm",
        stem=TF + "the lighthouse at Oster was built by the engineer Mara Quist in 1788?",
        answer=False,
        distractor_origins={"Oster": "article"},
    )
    assert "true_false_unclear" in audit(place, ISLE)  # a place for a place: not typed well
    year = _question(
        "In 1612 the captain",
        stem=TF + "in 1614 the captain Hugo Brandt landed on the island with forty settlers?",
        answer=False,
        distractor_origins={"1614": "numeric:near-year"},
    )
    assert "true_false_unclear" not in audit(year, ISLE)


def test_swap_inside_a_range_or_a_list():
    assert swap_in_series("took first place in the 1979–77 season", "1979")
    assert swap_in_series("wool was sold in Tallin, Brim and Oster", "Brim")
    assert swap_in_series("wool was sold in Kelm, Oster and Brim", "Kelm")
    assert not swap_in_series("the harbour at Kelm was built in 1621", "1621")


def test_statement_with_a_subject_only_the_paragraph_names():
    assert unanchored_statement("the company sold the mill to the council")
    assert unanchored_statement("the transaction was approved in 1943")
    assert not unanchored_statement("the Varn Trading Company was founded in 1641")
    assert not unanchored_statement("the joint venture of Hugo Brandt was founded in 1641")
    q = _question(
        "The governor of the island",
        stem=TF + "the governor of the island is chosen by the council?",
    )
    assert "true_false_unclear" in audit(q, ISLE)


def test_statement_that_stops_before_what_it_announces():
    assert open_ended("the three teachings they saw as the foundation of faith were")
    assert not open_ended("the settlers built the harbour at Kelm in 1620")


def test_long_statement_is_not_asked_either_way():
    long = (
        "the Varn Trading Company was founded by Hugo Brandt and his brother Otto Brandt in "
        "1651, after the settlers had built the harbour at Kelm and the first church of the isle"
    )
    q = _question(
        "The Varn Trading Company",
        stem=TF + long + "?",
        answer=False,
        distractor_origins={"1651": "numeric:near-year"},
    )
    assert "true_false_unclear" in audit(q, ISLE)


def test_time_counted_from_an_event_the_stem_does_not_state():
    q = _question(
        "Ten years later",
        kind="fill_blank",
        stem="Ten years later, the company sold the mill to _____.",
        answer="the council",
        accepted=("the council",),
    )
    assert "points_back" in audit(q, ISLE)


# --- source text cleaned and cut --------------------------------------------------------------


def test_wiki_cleanup_marks_never_reach_a_stem():
    text = ISLE.replace("in 1788.", "in 1788.[when?]")
    text = text.replace("Tallin, Oster", "Tallin[which?], Oster")
    for q in generate(text).questions:
        assert "[" not in q.stem, q.stem


def test_dotted_acronym_does_not_end_a_sentence():
    article = analyse(
        "T\n\nThe settlers founded the V.T.C. Company at Kelm in 1641. The Assembly met in 1845. "
        "Brandt sailed to the U.S. Navy yard in 1650. He then lived in the U.S. The end came."
    )
    assert [s.text for s in article.sentences] == [
        "The settlers founded the V.T.C. Company at Kelm in 1641.",
        "The Assembly met in 1845.",
        "Brandt sailed to the U.S. Navy yard in 1650.",
        "He then lived in the U.S.",
        "The end came.",
    ]


def test_stem_cut_before_but_and_not_inside_a_dashed_aside():
    norm = "The governor of the island is chosen by the council, but the king may refuse it"
    sentence = analyse("T\n\n" + norm + ".").sentences[0]
    stmt = Statement(sentence, sentence.start, sentence.start + len(norm), False)
    at = sentence.text.index("the council")
    short = focus(sentence.text, _shifted(stmt), at, at + len("the council"))
    assert sentence.text[short.body_start : short.body_end].endswith("chosen by the council")
    dashed = "The captain Hugo Brandt – who led forty settlers – landed on Varn in 1612 with them"
    sentence = analyse("T\n\n" + dashed + ".").sentences[0]
    stmt = _shifted(Statement(sentence, sentence.start, sentence.start + len(dashed), False))
    at = sentence.text.index("Hugo")
    short = focus(sentence.text, stmt, at, at + len("Hugo Brandt"))
    assert "landed" in sentence.text[short.body_start : short.body_end]


def _shifted(stmt: Statement) -> Statement:
    """``stmt`` with offsets into its own sentence's text."""
    start = stmt.sentence.start
    return Statement(stmt.sentence, stmt.body_start - start, stmt.body_end - start, stmt.hedged)


# --- the set: one question per fact -------------------------------------------------------------


def test_one_question_per_fact():
    bank = generate(ISLE)
    facts = Counter(
        (q.source.start, str(q.answer))
        for q in bank.questions
        if q.kind in {"multiple_choice", "fill_blank", "numeric"}
    )
    assert all(n == 1 for n in facts.values()), facts


def test_true_false_never_shares_a_sentence_with_another_question():
    bank = generate(ISLE)
    tf = {q.source.start for q in bank.questions if q.kind == "true_false"}
    others = Counter(q.source.start for q in bank.questions if q.kind != "true_false")
    assert not any(others[start] for start in tf)


def test_span_end_is_no_swap():
    assert swap_in_series("from Hugo Brandt to the council, the isle had rulers", "Hugo Brandt")
    assert swap_in_series("from 1612 to 1641 the company ruled", "1641")


# --- given away or pointing out of the stem ----------------------------------------------------


def test_this_standing_for_what_the_stem_does_not_say():
    q = _question(
        "The governor of the island",
        kind="fill_blank",
        stem="_____ does this: the governor of the island is chosen by it.",
        answer="the council",
        accepted=("the council",),
    )
    assert "points_back" in audit(q, ISLE)
    fine = _question(
        "The governor of the island",
        kind="fill_blank",
        stem="The governor of the island is chosen by _____.",
        answer="the council",
        accepted=("the council",),
    )
    assert "points_back" not in audit(fine, ISLE)


def test_year_read_as_a_count_is_not_asked_as_a_number():
    q = _question(
        "In 1612 the captain",
        kind="numeric",
        stem="How many captain? In _____ the captain Hugo Brandt landed on the island.",
        answer=1612,
        answer_type="number",
        settings={"tolerance": 0, "percent": False, "unit": "captain"},
    )
    assert "not_worth_asking" in audit(q, ISLE)


def test_blank_glued_to_a_range_dash():
    from quizapp.generation.quality import broken_surface

    assert broken_surface("The network's troubles spilled into its _____–11 schedule.")


def test_number_key_does_not_take_an_adverb_or_adjective_as_its_unit():
    article = analyse(
        "T\n\nThe company ran 14 main ferry routes to Tallin. Rents rose by 40,000 annually in "
        "the port of Kelm."
    )
    texts = [c.text for cands in article.candidates for c in cands if c.category == "number"]
    assert "14 main" not in texts and "40,000 annually" not in texts


def test_relative_time_is_fine_when_the_stem_dates_it():
    from quizapp.generation.quality import unanchored_time

    assert unanchored_time("Ten years later, the company sold the mill to _____.")
    assert unanchored_time("Last year, _____ of wool were sold.")
    assert not unanchored_time("In 1620 the harbour was built and _____ followed the next year.")
    assert not unanchored_time("In _____ the harbour was built, and the church the next year.")


def test_year_swap_that_contradicts_another_date_is_refused():
    q = _question(
        "Otto Brandt opened",
        stem=TF + "Otto Brandt opened the school in 1670, and the Varn Library was opened in 1662?",
        answer=False,
        distractor_origins={"1670": "numeric:near-year"},
    )
    assert "true_false_unclear" in audit(q, ISLE)
    fine = replace(q, stem=q.stem.replace("1670", "1655"), distractor_origins={"1655": "n"})
    assert "true_false_unclear" not in audit(fine, ISLE)


def test_true_false_keeps_the_capital_of_a_name_the_article_uses():
    from quizapp.generation.stems import true_false_stem

    stem = true_false_stem("Tallin traded wool in 1650", False, frozenset({"tallin"}))
    assert stem.endswith("that Tallin traded wool in 1650?")
    assert true_false_stem("The harbour was built", False).endswith("that the harbour was built?")


# --- the quality estimate -----------------------------------------------------------------------


def test_quality_is_lower_for_an_unanchored_subject_and_capped_for_listed_kinds():
    from quizapp.generation.quality import LISTED_KIND, quality

    anchored = quality(0.7, "fill_blank", "The Varn Library was opened in _____.", {})
    unanchored = quality(0.7, "fill_blank", "The library was opened in _____.", {})
    assert unanchored < anchored
    assert quality(0.9, "ordering", "In which order does the article date these?", {}) == (
        LISTED_KIND
    )


def test_statement_about_most_or_others_of_nothing_named():
    assert unanchored_statement("most are concentrated in the north of the isle")
    assert unanchored_statement("others use the harbour at Kelm")
    assert not unanchored_statement("most of the Varn settlers came from Tallin")


def test_not_only_but_also_is_not_cut_in_half():
    text = "Hugo Brandt not only founded the company in 1641, but also built the harbour at Kelm"
    sentence = analyse("T\n\n" + text + ".").sentences[0]
    stmt = _shifted(Statement(sentence, sentence.start, sentence.start + len(text), False))
    at = sentence.text.index("1641")
    short = focus(sentence.text, stmt, at, at + 4)
    assert sentence.text[short.body_start : short.body_end].endswith("harbour at Kelm")


def test_times_of_day_do_not_end_a_sentence():
    article = analyse("T\n\nThe market opens at 9 a.m. Monday to Saturday in Kelm. It closes at 5.")
    assert article.sentences[0].text == "The market opens at 9 a.m. Monday to Saturday in Kelm."


def test_false_statement_never_swaps_the_articles_own_subject():
    from quizapp.generation.checks import _topic

    text = ISLE + "\nHugo Brandt sailed to Oster in 1630. Hugo Brandt died at Kelm in 1660.\n"
    article = analyse(text)
    cands = [c for found in article.candidates for c in found]
    assert _topic(article, next(c for c in cands if c.text == "Hugo Brandt"))
    assert not _topic(article, next(c for c in cands if c.text == "Mara Quist"))


def test_statement_that_stops_on_a_conjunction():
    assert open_ended("Noble was the principal radio network in the United States and")
    assert open_ended("the company became a competitor when")


def test_duration_settled_by_a_span_in_the_stem():
    q = _question(
        "The Varn Assembly",
        kind="fill_blank",
        stem="The Varn Assembly sat for _____, from 1845 to 1848, after a dispute with the crown.",
        answer="three years",
        accepted=("three years",),
        answer_type="number",
    )
    assert "not_worth_asking" in audit(q, ISLE)


def test_select_all_and_a_question_on_one_of_its_items_are_not_both_kept():
    from quizapp.generation.ranking import _Picker

    picker = _Picker(10, lambda d: True)
    picker.quotas = {0: 10}
    picker.take(draft_of("multiple_select", ["Tallin", "Oster"], "list:1"))
    assert not picker.allows(draft_of("multiple_choice", "Oster", "oster@0"), 10)
    assert picker.allows(draft_of("multiple_choice", "Kelm", "kelm@0"), 10)


def test_true_false_lower_cases_only_ordinary_words():
    from quizapp.generation.stems import true_false_stem

    ordinary = frozenset({"harbour", "wool"})
    assert "that Tallin sold wool?" in true_false_stem(
        "Tallin sold wool", False, frozenset(), ordinary
    )
    assert "that throughout the year" in true_false_stem(
        "Throughout the year wool was sold", False, frozenset(), ordinary
    )


def test_a_kind_the_article_offers_keeps_one_question():
    from quizapp.generation.ranking import _every_kind, _Picker

    picker = _Picker(10, lambda d: True)
    picker.quotas = {0: 10}
    picker.take(draft_of("multiple_choice", "1641", "year:1641@0"))
    numeric = draft_of("numeric", 1641, "year:1641@0")
    assert not picker.allows(numeric, 10)  # one question per fact ...
    _every_kind(picker, [numeric])
    assert picker.per_kind["numeric"] == 1  # ... unless the kind would be missing


def test_blank_that_converts_a_stated_figure():
    q = _question(
        "The lighthouse at Kelm",
        kind="fill_blank",
        stem="The lighthouse at Kelm stands 30 m (_____ ft) above the sea.",
        answer="98",
        accepted=("98",),
        answer_type="number",
    )
    assert "bracket_beside_blank" in audit(q, ISLE)
