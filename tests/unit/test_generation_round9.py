"""Round 9 of issue 10: what the eighth blind sample showed, pinned with sentences of our own."""

from __future__ import annotations

from functools import partial

from quizapp.generation import generate
from quizapp.generation.article import analyse
from quizapp.generation.checks import failed_checks
from quizapp.generation.quality import broken_surface, doubled_word
from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import (
    named_in_full,
    starts_with_pronoun,
    statement,
    without_pointing_tail,
)
from quizapp.generation.text import normalise
from tests.unit.generated_question import question_on

LIGHTHOUSE = """The Lighthouses of Carn

The first lighthouse at Carn was lit in 1822 by the harbour board of Penwith. Later it was
rebuilt in granite after a storm in 1859. Finally it was fitted with an electric lamp in 1921.

Three keepers served the light at any time. All three lived in cottages beside the tower, and
each kept a log of ships. All three keepers were paid by the board. Both were replaced when the
lamp became automatic.

The lamp was carried to the tower by the restored Victoria steamer, which the board had bought
from a Welsh company.
"""

_question = partial(question_on, LIGHTHOUSE)


def test_a_pronoun_behind_an_opening_adverb_needs_the_sentence_before():
    assert starts_with_pronoun("Finally it was fitted with an electric lamp in 1921.")
    assert starts_with_pronoun("Later they moved the lamp to the new tower.")
    assert not starts_with_pronoun("Finally the board fitted an electric lamp in 1921.")
    assert not starts_with_pronoun("Usually the keepers lived in cottages.")
    article = analyse(LIGHTHOUSE)
    by_opening = {" ".join(s.text.split())[:16]: s for s in article.sentences}
    assert statement(by_opening["Finally it was f"]) is None
    assert statement(by_opening["The first lighth"]) is not None


def test_a_bare_count_needs_the_things_counted():
    assert starts_with_pronoun("All three lived in cottages beside the tower.")
    assert starts_with_pronoun("Both were replaced when the lamp became automatic.")
    assert not starts_with_pronoun("All three keepers were paid by the board.")
    stems = [q.stem for q in generate(LIGHTHOUSE).questions]
    assert not any(s.startswith(("All three lived", "Both were", "Finally it")) for s in stems)


def test_a_determiner_before_an_adjective_governs_the_blank():
    stem = f"The lamp was carried to the tower by the restored {B}."
    assert doubled_word(stem, "the Victoria steamer")
    assert doubled_word(stem, "a Welsh ship")
    assert not doubled_word(stem, "Victoria steamer")
    assert not doubled_word(f"The lamp was carried to the tower by {B}.", "the Victoria steamer")
    question = _question(
        "The lamp was",
        kind="multiple_choice",
        stem=stem,
        options=("Victoria steamer", "the Cornish lugger", "Penwith tug", "Mount's Bay ferry"),
        answer="Victoria steamer",
    )
    assert "doubled_word" in failed_checks(analyse(LIGHTHOUSE), question)


def test_a_bare_and_inside_a_phrase_is_no_place_to_cut():
    long_tail = (
        f"{B} and the storms of 1859 destroyed much of what existed in the way of the granite "
        "and timber remains of this early light."
    )
    assert without_pointing_tail(long_tail) == long_tail  # not "... of the granite"
    joined = f"The light was lit by {B} for the harbour pilots and this is who paid the keepers."
    assert without_pointing_tail(joined) == f"The light was lit by {B} for the harbour pilots"


CONJECTURE = """Open Problems

Goldbach's conjecture says that every even number above two is a sum of two primes. The
conjecture has been checked by computer for all numbers up to four quintillion. The side of the
table that holds even numbers is coloured red.

A steam turbine condenses its working fluid after each pass. By condensing the fluid, the pump
needs only a small part of the turbine's power. Welders first burned acetylene with compressed
O
2 in 1901, and the method spread quickly.
"""


def test_a_formula_subscript_on_its_own_line_is_put_back():
    text = normalise("burned acetylene with compressed O\n2 in 1901. The USA\n2 million")
    assert "compressed O2 in 1901" in " ".join(text.split())
    assert "USA\n2 million" in text  # not an element's symbol: left alone
    stems = [q.stem for q in generate(CONJECTURE).questions]
    assert not any(s.rstrip().endswith("O.") or " O 2" in s for s in stems)


def test_a_power_of_ten_that_lost_its_exponent_does_not_read():
    assert broken_surface(f"It was verified for all numbers up to 2 · 1017 by {B}.")
    assert not broken_surface(f"It was verified for all numbers up to 2,000 by {B}.")


TURBINE = """Steam Turbines

The steam turbine industry grew quickly after 1900. A turbine passes a working fluid through
rings of blades. By condensing the fluid, the plant needs only a small part of the turbine's
power for its pump. In 1910 the industry had sales of forty million pounds.

Parsons's conjecture was that blades of many small rings would waste less steam. Engineers
tested the conjecture at Newcastle in 1894, and the Royal Navy ordered turbines for its fast
destroyers soon after. Ship owners followed, because a turbine ran more smoothly than an engine
with pistons and needed less room below deck. By 1920 most large liners crossed the Atlantic
with turbines, and power stations across Britain used them to drive their generators.
"""


def test_a_definite_reference_is_named_as_the_paragraph_first_named_it():
    before = "The construction industry is large. Goldbach's conjecture is old. "
    assert named_in_full(f"In 2014 the industry earned {B}.", before) == (
        f"In 2014 the construction industry earned {B}."
    )
    assert named_in_full(f"The conjecture holds up to {B}.", before) == (
        f"Goldbach's conjecture holds up to {B}."
    )
    assert named_in_full(f"The ratio is {B}.", "The ratio is a number. ") == f"The ratio is {B}."
    assert named_in_full(f"The side of the table is {B}.", "the left side. ") == (
        f"The side of the table is {B}."  # "of the table" says which side
    )
    assert named_in_full(f"By using the fluid, {B} works.", "by using fluid. ") == (
        f"By using the fluid, {B} works."  # no determiner before "using": not one noun phrase
    )
    two = "The European population fell. The postincident population grew. "
    assert named_in_full(f"The population was {B}.", two) == f"The population was {B}."
    described = "Eliot turned the college into a modern research university. "
    assert named_in_full(f"{B} led the university.", described) == f"{B} led the university."
    quoted = f'The committee said "the engine is {B}".'
    assert named_in_full(quoted, "The Corliss engine won. ") == quoted
    stems = [q.stem for q in generate(TURBINE).questions]
    assert any("the steam turbine industry" in s or "the working fluid" in s for s in stems)
    assert not any(s.startswith("By condensing the fluid") for s in stems)


def test_a_picture_at_the_right_is_no_statement_either():
    picture = "The image at the right shows the tower in 1859."
    text = LIGHTHOUSE.replace("Three keepers served", f"{picture} Three keepers served")
    article = analyse(text)
    by_opening = {" ".join(s.text.split())[:16]: s for s in article.sentences}
    assert statement(by_opening["The image at the"]) is None
    assert statement(by_opening["Three keepers se"]) is not None
