"""Round 5, broken surface: a blank keeps whole phrases, a stem reads when filled in with every
option, brackets and quotes pair up, and nothing in the stem points to text it does not show.
Each pattern is an audit check (so it is never emitted) and, where a better question exists, a
repair in building the stem or the key. Tested on sentences of our own (a made-up valley)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from quizapp.generation import audit
from quizapp.generation.article import analyse
from quizapp.generation.candidates import Candidate
from quizapp.generation.lexicon import name_key
from quizapp.generation.quality import (
    doubled_word,
    glued_words,
    pointing_out,
    quality,
    split_phrase,
    unbalanced,
)
from quizapp.generation.questions import (
    fitted_options,
    the_outside,
    unglued,
    whole_phrase,
    with_ordinal,
    without_clause_tail,
)
from quizapp.generation.stems import (
    closed_brackets,
    definite_for_this,
    without_pointing_adverbial,
    without_pointing_tail,
)
from tests.unit.generated_question import question_on

VALLEY = (
    "The Vale of Orm\n\n"
    "The Orm Guild organization built the great mill at Dunmere in 1702, and the mill is "
    "still working. In 1744 the duke sent his 9th Regiment into the vale to end the strike. "
    "The weavers joined the Orm Guild in 1750 and marched to the capital. The river that "
    "once fed the Long Lake\u2014dried up in the drought of 1803 after a hot summer. The "
    "Grey Company traded in wool with the Orm Guild and the Salt Board for decades. The "
    "Salt Board was dissolved by the Vale Council in 1821 after a long dispute. The Vale "
    "Council meets in the old hall at Dunmere. The Dunmere organization grew. The guild "
    "organization kept its records at Dunmere.\n"
)
B = "_____"


_question = partial(question_on, VALLEY, answer_type="organisation")


def _candidate(text: str, category: str = "organisation", nth: int = 0) -> Candidate:
    """A key candidate at the ``nth`` place the valley's normalised text writes ``text``."""
    article = analyse(VALLEY)
    start = -1
    for _ in range(nth + 1):
        start = article.norm.index(text, start + 1)
    sentence = next(s for s in article.sentences if s.start <= start < s.end)
    return Candidate(
        text=text,
        start=start,
        end=start + len(text),
        category=category,
        tag=category,
        canonical=name_key(text),
        sentence=sentence.index,
    )


# --- pattern 2: "the the" when filled in --------------------------------------------------------


def test_doubled_word_sees_the_the_and_of_of():
    stem = f"The weavers joined the {B} in 1750."
    assert doubled_word(stem, "the Salt Board")
    assert doubled_word(f"He was a member of {B} and more.", "of the guild")
    assert not doubled_word(stem, "Salt Board")
    assert not doubled_word(f"The weavers joined {B} in 1750.", "the Salt Board")


def test_audit_checks_every_option_for_a_doubled_article():
    stem = f"The weavers joined the {B} in 1750 and marched to the capital."
    options = ("Orm Guild", "the Salt Board", "Grey Company", "Vale Council")
    q = _question(
        "The weavers joined",
        kind="multiple_choice",
        stem=stem,
        options=options,
        answer="Orm Guild",
        accepted=("Orm Guild",),
    )
    assert "doubled_word" in audit(q, VALLEY)
    clean = _question(
        "The weavers joined",
        kind="multiple_choice",
        stem=stem,
        options=("Orm Guild", "Salt Board", "Grey Company", "Vale Council"),
        answer="Orm Guild",
        accepted=("Orm Guild",),
    )
    assert "doubled_word" not in audit(clean, VALLEY)


def test_fitted_options_drop_the_after_the_stems_the():
    article = analyse(VALLEY)
    key = _candidate("Orm Guild", nth=1)  # "joined the Orm Guild": the stem keeps "the"
    wrong = [("the Salt Board", "article"), ("Grey Company", "article")]
    assert [t for t, _ in fitted_options(article, key, wrong)] == ["Salt Board", "Grey Company"]


def test_fitted_options_give_a_name_the_article_the_text_writes():
    """ "Home Army" lacks the article the stem needs when the key has it."""
    article = analyse(VALLEY)
    key = _candidate("the Orm Guild")  # "joined the Orm Guild": "the" is in the key
    fitted = fitted_options(article, key, [("Salt Board", "article"), ("Grey Company", "x")])
    # "the Salt Board" as the article writes it; "Grey Company" only opens a sentence
    assert [t for t, _ in fitted] == ["the Salt Board", "Grey Company"]


# --- pattern 1: whole phrases -------------------------------------------------------------------


def test_split_phrase_sees_an_era_or_an_ordinal_left_outside_the_blank():
    assert split_phrase(f"By {B} BCE Greek writers had described the city.")
    assert split_phrase(f"In 1744 the duke sent his 9th {B} into the vale.")
    assert split_phrase(f"Clausius stated the Second {B} in 1850.")
    assert not split_phrase(f"In 1744 the duke sent his {B} into the vale.")
    assert not split_phrase(f"The {B} was founded in 1702.")


def test_with_ordinal_takes_the_ordinal_into_the_key():
    article = analyse(VALLEY)
    key = with_ordinal(article, _candidate("Regiment"))
    assert key.text == "9th Regiment"
    assert article.norm[key.start : key.end] == "9th Regiment"


def test_a_key_whose_the_belongs_to_the_noun_after_it_leaves_it_in_the_stem():
    article = analyse(VALLEY)
    key = the_outside(article, _candidate("The Orm Guild"))
    assert key.text == "Orm Guild"
    assert article.norm[key.start : key.end] == "Orm Guild"
    kept = the_outside(article, _candidate("the Vale Council"))  # "... Council in 1821"
    assert kept.text == "the Vale Council"


def test_audit_rejects_a_the_key_before_the_noun_it_belongs_to():
    q = _question(
        "The Orm Guild organization",
        stem=f"{B} organization built the great mill at Dunmere in 1702.",
        answer="The Orm Guild",
        accepted=("The Orm Guild", "Orm Guild"),
    )
    assert "split_phrase" in audit(q, VALLEY)
    fixed = _question(
        "The Orm Guild organization",
        stem=f"The {B} organization built the great mill at Dunmere in 1702.",
        answer="Orm Guild",
        accepted=("Orm Guild",),
    )
    assert "split_phrase" not in audit(fixed, VALLEY)


def test_a_key_does_not_run_over_a_dash_of_the_source():
    article = analyse(VALLEY)
    glued = _candidate("the Long Lake-dried", category="place")
    assert unglued(article, glued).text == "the Long Lake"
    assert glued_words("the Long Lake-dried", frozenset({"lake-dried"}))
    assert not glued_words("the well-known lake", frozenset({"lake-dried"}))
    q = _question(
        "The river that",
        stem=f"The river that once fed {B} up in the drought of 1803.",
        answer="the Long Lake-dried",
        accepted=("the Long Lake-dried",),
        answer_type="place",
    )
    assert "glued_words" in audit(q, VALLEY)


def test_a_key_stops_before_a_clause_after_a_comma():
    cand = _candidate("Orm Guild", nth=2)
    long = replace(cand, text="Orm Guild, and the", end=cand.start + len("Orm Guild, and the"))
    assert without_clause_tail(long).text == "Orm Guild"
    assert without_clause_tail(cand) is cand
    assert whole_phrase(analyse(VALLEY), long).text == "Orm Guild"


# --- pattern 3: brackets and quotes -------------------------------------------------------------


def test_unbalanced_sees_an_open_bracket_or_quote():
    assert unbalanced("The members of the guild (OAPEC proclaimed a ban.")
    assert unbalanced(f"{B}), who in his book offered an account.")
    assert unbalanced(f'Movements such as {B}, "are well known for shelters.')
    assert not unbalanced(f"The members of {B} (OAPEC) proclaimed a ban.")


def test_closed_brackets_cuts_a_bracket_opened_after_the_blank():
    body = f"Movements were inspired by {B} in the 1960s (particularly the book Milestones"
    assert closed_brackets(body) == f"Movements were inspired by {B} in the 1960s"
    before = f"Movements (inspired by {B} in the 1960s"
    assert closed_brackets(before) == before  # the blank is inside: left for the audit


def test_audit_rejects_a_stem_cut_inside_a_bracket():
    q = _question(
        "The Salt Board was",
        stem=f"The Salt Board was dissolved by {B} (after a long dispute.",
        answer="the Vale Council",
        accepted=("the Vale Council", "Vale Council"),
    )
    assert "unbalanced_stem" in audit(q, VALLEY)


# --- pattern 4: references to what the stem does not show ---------------------------------------


def test_pointing_out_sees_the_following_the_latter_and_a_pronoun_this():
    assert pointing_out(f"The article gives the following four timelines for {B}.")
    assert pointing_out(f"The latter was founded by {B}.")
    assert pointing_out(f"The mill was sold and this is who ran it: {B}.")


def test_pointing_out_lets_anchored_references_pass():
    assert not pointing_out(f"The network aired such suspenseful dramas as {B}.")
    assert not pointing_out(f"{B} was the first guild, and now there are many such guilds.")
    assert not pointing_out(f"The guild was founded in {B}; the following year it grew.")
    assert not pointing_out(f"The mill, the school and the {B}, the latter of which grew.")


def test_this_or_such_with_a_noun_lowers_the_estimate_without_failing():
    # "this" + noun is said as "the" when the stem is made; "such" + noun reads as vague
    for stem in (f"In 1750 the weavers of {B} defied this order.", f"{B} tried such a plan."):
        assert not pointing_out(stem)
        assert quality(0.8, "fill_blank", stem, {}) < quality(
            0.8, "fill_blank", stem.replace("this ", "the ").replace("such a", "a"), {}
        )


def test_a_stem_says_the_where_its_sentence_said_this():
    assert definite_for_this(f"This heating and cooling causes {B}.") == (
        f"The heating and cooling causes {B}."
    )
    assert definite_for_this(f"In {B}, these councils met.") == f"In {B}, the councils met."
    assert definite_for_this(f"This is where {B} met.") == f"This is where {B} met."
    assert definite_for_this(f'He called it "this order" in {B}.') == (
        f'He called it "this order" in {B}.'
    )


def test_audit_rejects_a_stem_that_points_out():
    q = _question(
        "The Vale Council meets",
        stem=f"In {B}, the following council met in the old hall at Dunmere.",
        answer="1821",
        accepted=("1821",),
        answer_type="year",
    )
    assert "pointing_out" in audit(q, VALLEY)


def test_pointing_adverbials_are_cut_rather_than_the_question_dropped():
    assert without_pointing_adverbial(f"During this period, {B} grew.") == f"{B} grew."
    assert (
        without_pointing_adverbial(f"The guild won support during this period, from {B}.")
        == f"The guild won support, from {B}."
    )
    assert without_pointing_adverbial(f"Ten years later, in {B}, the mill closed.") == (
        f"In {B}, the mill closed."
    )
    assert without_pointing_adverbial(f"The guild grew in {B}.") == f"The guild grew in {B}."


def test_a_clause_pointing_out_after_the_blank_is_cut():
    body = f"The Vale Council of the guild was formed in {B} to carry out such a merger"
    assert without_pointing_tail(body) == f"The Vale Council of the guild was formed in {B}"
    body = f"{B} is the governing body for weavers and this is who regulates the trade"
    assert without_pointing_tail(body) == f"{B} is the governing body for weavers"
    short = f"It formed in {B} to do such a merger"
    assert without_pointing_tail(short) == short  # too little would be left


# --- repairs of the stem's ends -----------------------------------------------------------------


def test_a_century_key_keeps_its_era():
    from quizapp.generation.candidates import _CENTURY

    assert _CENTURY.search("By the 2nd century BCE writers").group() == "the 2nd century BCE"


def test_stems_open_with_a_figure_or_a_quote():
    from quizapp.generation.checks import _opens_sentence
    from quizapp.generation.quality import broken_surface

    assert _opens_sentence(f"1970 also saw the premiere of {B}.")
    assert _opens_sentence(f'"{B}" is defined as rule by force.')
    assert not _opens_sentence(f"also saw the premiere of {B}.")
    assert broken_surface(f"Following the 9/{B} attacks, he was arrested.")


def test_a_stem_cut_at_a_comma_ends_in_one_full_stop():
    from quizapp.generation.stems import _full_stop

    assert _full_stop(f"Near the original {B},") == f"Near the original {B}."
    assert (
        _full_stop(f"The centre of its {B} Communities.") == f"The centre of its {B} Communities."
    )
