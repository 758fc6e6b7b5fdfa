"""Issue 10, round 2: the patterns the second blind judging found, each an audit check or a
generation rule, each tested on sentences of our own (a made-up river valley)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from quizapp.generation import audit, generate
from quizapp.generation.article import analyse
from quizapp.generation.checks import category_of
from quizapp.generation.quality import fragment_stem, points_back, splits_compound, whole_sentence
from quizapp.generation.questions import (
    Builder,
    blank_questions,
    shown,
    trimmed_term,
    typed_options,
    unsplit_number,
    whole_name,
)
from quizapp.generation.stems import Statement, cloze, focus, statement, strip_connectives
from tests.unit.generated_question import question_on

VALLEY = (
    "The Orrin Valley\n\n"
    "The Orrin Valley lies 60 kilometres (37 mi) from the port of Calder. The mill at Brannock "
    "was built by the engineer Agnes Tulloch in 1791. The weavers of the valley used natural "
    "dyes and hand looms to make tartan cloth. A flood destroyed the bridge at Brannock in "
    "1829, and the mill closed in 1836.\n\n"
    "The Valley Society runs the Brannock museum, the Calder museum and the Orrin museum. The "
    "river fair is held in Calder each year in 1850 style. The valley school opened in 1861, "
    "and the railway reached Calder in 1864. The railway brought coal to the mills of the "
    "valley, which were then converted to steam.\n"
)


_question = partial(question_on, VALLEY, difficulty=0.5)


def _candidate(article, text: str):
    for cands in article.candidates:
        for cand in cands:
            if cand.text == text:
                return cand
    raise AssertionError(text)


# --- 1. no multiple choice with options harvested for a common-noun key ---


def test_term_keys_get_no_harvested_options():
    bank = generate(VALLEY)
    for q in bank.questions:
        if q.kind in {"multiple_choice", "multiple_select"}:
            assert q.answer_type != "term" or not str(q.answer)[:1].islower(), q


def test_typed_options_only_for_typed_keys():
    article = analyse(VALLEY)
    assert not typed_options(_candidate(article, "natural dyes"))
    assert typed_options(_candidate(article, "Agnes Tulloch"))


def test_audit_rejects_harvested_term_options():
    q = _question(
        "The weavers",
        kind="multiple_choice",
        stem="The weavers of the valley used _____ and hand looms to make tartan cloth.",
        options=("natural dyes", "the port", "steam", "coal"),
        answer="natural dyes",
        distractor_origins={"the port": "article", "steam": "article", "coal": "article"},
    )
    assert "harvested_term_options" in audit(q, VALLEY)


# --- 2. a bracket beside the blank gives the key away ---


def test_cloze_drops_the_bracket_beside_the_blank():
    article = analyse(VALLEY)
    sentence = article.sentences[0]
    stmt = Statement(sentence, sentence.start, sentence.end - 1, False)
    start = VALLEY.index("60 kilometres")
    stem = cloze(article.norm, stmt, start, start + len("60 kilometres"))
    assert stem == "The Orrin Valley lies _____ from the port of Calder."


def test_audit_rejects_a_bracket_beside_the_blank():
    q = _question(
        "The Orrin Valley lies",
        stem="The Orrin Valley lies _____ (37 mi) from the port of Calder.",
        answer="60 kilometres",
        answer_type="number",
    )
    assert "bracket_beside_blank" in audit(q, VALLEY)
    fine = replace(q, stem="The Orrin Valley lies _____ from the port of Calder.")
    assert "bracket_beside_blank" not in audit(fine, VALLEY)


# --- 3. the blank does not cut a compound ---


def test_blank_splitting_a_compound():
    nouns = frozenset({"pair", "genome"})
    assert splits_compound("It has a _____ pair genome.", "150,000 base", nouns)
    assert splits_compound("He stated Newton's First _____ in class.", "Law", nouns)
    assert not splits_compound("It has a genome of _____ pairs.", "150,000 base", nouns)


def test_number_key_stops_before_the_compound_it_opens():
    text = (
        "Teachers\n\nThe bureau estimates that there are 1.4 million elementary school teachers "
        "in the country. The school year of the country starts in the autumn.\n"
    )
    article = analyse(text)
    start = text.index("1.4 million")
    key = replace(
        _candidate_at(article, start),
        text="1.4 million elementary",
        end=start + len("1.4 million elementary"),
    )
    assert unsplit_number(article, key).text == "1.4 million"


def test_name_key_takes_in_the_capitalised_words_before_it():
    text = (
        "Sunday\n\nIn 1836 the church basement was excavated to make room for a Sunday School "
        "with ten rooms. The Sunday School opened in 1837 with forty pupils.\n"
    )
    article = analyse(text)
    start = text.index("School")
    key = replace(
        _candidate_at(article, text.index("1836")),
        text="School",
        start=start,
        end=start + len("School"),
        category="name",
    )
    assert whole_name(article, key).text == "Sunday School"


def _candidate_at(article, start: int):
    for cands in article.candidates:
        for cand in cands:
            if cand.start == start:
                return cand
    raise AssertionError(start)


def test_long_term_key_is_trimmed_to_a_typeable_blank():
    article = analyse(VALLEY)
    key = replace(_candidate(article, "natural dyes"), text="many natural dyes")
    key = replace(key, start=key.end - len("many natural dyes"))
    trimmed = trimmed_term(article, key)
    assert trimmed is not None and trimmed.text in {"natural dyes", "dyes"}


# --- 4. a stem needs a clause outside its blank ---


def test_fragment_stems():
    assert fragment_stem("On October 6, 1829, _____.")
    assert fragment_stem("The Valley Society's _____.")
    assert fragment_stem("The Brannock mill has _____.")
    assert not fragment_stem("The mill at Brannock was built by the engineer _____ in 1791.")


def test_focus_keeps_the_main_verb_after_a_relative_clause():
    text = (
        "Looms\n\nThe valley's hand looms, which were used by many families, gave way to power "
        "looms after the railway came to the valley.\n"
    )
    article = analyse(text)
    stmt = statement(article.sentences[0])
    start = text.index("hand looms")
    short = focus(article.norm, stmt, start, start + len("hand looms"))
    assert "gave way to power looms" in article.norm[short.body_start : short.body_end]


# --- 5. source text cleaned: dashes, references to the sentence before ---


def test_dash_shown_as_a_dash():
    text = (
        "Weaving\n\nThe weavers of the Orrin Valley made tartan cloth\u2014the finest in the "
        "county\u2014on hand looms until 1836. The mill at Brannock was built by Agnes Tulloch "
        "in 1791 for the weavers.\n\n" + VALLEY.split("\n\n", 1)[1]
    )
    article = analyse(text)
    assert "cloth\u2014the" in shown(article) and len(shown(article)) == len(article.norm)
    stems = " ".join(q.stem for q in generate(text).questions)
    assert "cloth\u2014the" in stems and "cloth-the" not in stems


def test_openers_that_point_back():
    assert points_back("Shortly thereafter the mill closed in _____.")
    assert points_back("Still _____, being weavers, kept their looms.")
    assert points_back("The valley rejected these risks in _____.")
    assert not points_back("The mill at Brannock closed in _____.")
    text = "Shortly thereafter, the mill closed in 1836 after the flood."
    assert text[strip_connectives(text) :].startswith("the mill")


def test_audit_rejects_a_stem_that_points_back():
    q = _question(
        "A flood destroyed",
        stem="Also _____ destroyed the bridge at Brannock in 1829.",
        answer="A flood",
    )
    assert "points_back" in audit(q, VALLEY)


# --- 6. true/false: no whole sentence marked true, no false swap of another type ---


def test_whole_sentence_marked_true():
    sentence = "The weavers of the valley used natural dyes and hand looms to make tartan cloth."
    assert whole_sentence(sentence.rstrip("."), sentence)
    assert not whole_sentence("the mill closed in 1836", "A flood destroyed the bridge.")


def test_audit_rejects_a_whole_sentence_marked_true():
    q = _question(
        "The weavers",
        kind="true_false",
        stem="According to the article, is it true that the weavers of the valley used natural "
        "dyes and hand looms to make tartan cloth?",
        answer=True,
        accepted=(),
    )
    assert "not_worth_asking" in audit(q, VALLEY)


def test_audit_rejects_a_false_swap_of_another_category():
    article = analyse(VALLEY)
    assert category_of(article, "the Valley Society") == "organisation"
    q = _question(
        "The mill at Brannock",
        kind="true_false",
        stem="According to the article, is it true that the mill at the Valley Society was built "
        "by the engineer Agnes Tulloch in 1791?",
        answer=False,
        accepted=(),
        distractor_origins={"the Valley Society": "article"},
    )
    assert "option_type" in audit(q, VALLEY)  # an organisation swapped in for a place
    same_kind = replace(
        q,
        stem=q.stem.replace("the Valley Society", "Calder"),
        distractor_origins={"Calder": "article"},
    )
    assert "option_type" not in audit(same_kind, VALLEY)


def test_audit_rejects_a_year_swap_in_a_yearly_event():
    q = _question(
        "The river fair",
        kind="true_false",
        stem="According to the article, is it true that the river fair is held in Calder each "
        "year in 1855 style?",
        answer=False,
        accepted=(),
        distractor_origins={"1855": "numeric:near-year"},
    )
    assert "true_false_unclear" in audit(q, VALLEY)


def test_blank_questions_on_a_list_of_terms_are_fill_ins():
    article = analyse(VALLEY)
    builder = Builder(article, "test")
    sentence = article.sentences[3]
    stmt = statement(sentence)
    kinds = {
        d.question.kind
        for cand in article.candidates[3]
        for d in blank_questions(builder, stmt, cand)
        if cand.category == "term"
    }
    assert "multiple_choice" not in kinds
