"""Round 6 of issue 10: what the sixth blind sample showed, pinned with sentences of our own."""

from __future__ import annotations

from quizapp.generation import generate
from quizapp.generation.article import analyse
from quizapp.generation.checks import failed_checks, passes_checks
from quizapp.generation.generator import _drafts
from quizapp.generation.quality import dangling_pronoun, pointing_out, this_as_pronoun
from quizapp.generation.questions import _uneven_figures
from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import definite_for_this, strip_connectives

MILLS = """The Mills of Dunmere

The first water mill at Dunmere ground about 40 sacks of grain a week in 1790. A new wheel built
by Thomas Penhale in 1812 raised this to 90 sacks a week. Thus a single mill could feed the whole
valley of the Tamar for the first time. The guild of millers met every spring in the old hall at
Lostwithiel. Like the weavers, their members paid a fee of two shillings a year to the guild.

The Great Flood of 1847 destroyed four of the seven mills on the river. The engineer Mary Trewin
rebuilt the weir at Lostwithiel in 1851, and the mill at Dunmere reopened in 1853 with an iron wheel
made in Bristol. By 1880 steam mills at Plymouth and Truro were grinding more grain than the whole
valley, and the last water mill closed in 1902.
"""


def test_this_as_a_pronoun_is_neither_said_as_the_nor_let_through():
    stem = f"A new wheel built by Thomas Penhale in {B} raised this to 90 sacks a week."
    assert definite_for_this(stem) == stem  # never "raised the to 90 sacks"
    assert this_as_pronoun("this to") and this_as_pronoun("these in")
    assert not this_as_pronoun("this wheel") and not this_as_pronoun("these other mills")
    assert pointing_out(stem)
    assert definite_for_this(f"In {B}, this wheel raised it.") == f"In {B}, the wheel raised it."


def test_no_generated_stem_reads_the_followed_by_a_function_word():
    bank = generate(MILLS)
    assert bank.questions
    for question in bank.questions:
        assert " the to " not in question.stem and "raised the " not in question.stem


def test_a_connective_without_its_comma_is_stripped_too():
    text = "Thus a single mill could feed the whole valley."
    assert text[strip_connectives(text) :] == "a single mill could feed the whole valley."
    text = "Therefore the guild met every spring."
    assert text[strip_connectives(text) :] == "the guild met every spring."
    untouched = "Thomas Penhale built a wheel."
    assert strip_connectives(untouched) == 0


def test_a_pronoun_after_an_opening_comparison_points_out_of_the_statement():
    assert dangling_pronoun("Like the weavers, their members paid a fee of two shillings.")
    assert dangling_pronoun(
        "According to the article, is it true that unlike the weavers, they paid no fee?"
    )
    assert not dangling_pronoun("The weavers paid a fee, and their guild met in spring.")


SURVEY = """The Harbour Survey

In March 2011, the scientific journal Harbour Medicine published a paper by a team from Falmouth
who studied the fever of 1832 in the port. The historian Edith Carne argued that the fever came
on ships from Lisbon. The surgeon Walter Borlase wrote about the quarantine of the harbour in 1835.
The physician Jane Polwhele described the hospital at Penryn in 1841. The engineer Samuel Tonkin
built the new drains of the port in 1848, and the fever never came back.

The weekly newspaper Penryn Packet reported every case of the fever between 1832 and 1834. Its
editor Richard Lanyon printed the names of the dead each Saturday, and the paper sold more copies
in those years than in any other.
"""


def test_a_name_after_a_class_noun_of_things_is_no_person_whatever_its_verb():
    names = {
        c.text: c.category for cands in analyse(SURVEY).candidates for c in cands if not c.is_phrase
    }
    assert names["Harbour Medicine"] != "person"
    assert names["Edith Carne"] == "person"
    for question in generate(SURVEY).questions:
        if question.answer == "Harbour Medicine" and question.options:
            assert not {"Edith Carne", "Walter Borlase", "Jane Polwhele"} & set(question.options)


def test_a_list_of_figures_in_different_forms_is_never_a_select_all_question():
    assert _uneven_figures(_items("The two wards held 40 beds and 65 in 1840."))
    assert not _uneven_figures(_items("The two wards held 40 beds and 65 beds in 1840."))
    assert not _uneven_figures(_items("The port had 40 ships and 65 boats in 1840."))
    text = SURVEY + "\nThe two wards of the hospital held 40 and 65 beds in the winter of 1849.\n"
    for question in generate(text).questions:
        if question.kind == "multiple_select":
            assert not any(ch.isdigit() for key in question.answer for ch in key)


def test_between_two_figures_is_one_range_not_a_list():
    figures = [
        c
        for cands in analyse("Wards\n\nThe wards held between 40 and 65 beds in 1840.\n").candidates
        for c in cands
        if c.answer_type == "number"
    ]
    assert figures and all(c.list_id is None for c in figures)


def _items(sentence: str) -> list:
    """The figures of a one-sentence text's list."""
    article = analyse("Wards\n\n" + sentence + "\n")
    found = [c for cands in article.candidates for c in cands if c.list_id is not None]
    assert len(found) == 2, found
    return found


def test_a_pair_of_names_with_glosses_in_brackets_is_not_one_key_to_type():
    text = SURVEY + (
        "\nThe new hospital was run by a joint venture of Cornwall Water (a public company) and"
        " Penryn Builders (a private firm) from 1851.\n"
    )
    for question in generate(text).questions:
        assert "(" not in str(question.answer), question


def test_the_short_cut_check_agrees_with_the_full_audit_on_every_draft():
    article = analyse(SURVEY)
    drafts = _drafts(article, "test")
    verdicts = [passes_checks(article, d.question) for d in drafts]
    assert verdicts == [not failed_checks(article, d.question) for d in drafts]
    assert True in verdicts and False in verdicts  # both ways are exercised


def test_a_sentence_opening_with_whereas_is_no_statement_of_its_own():
    text = SURVEY + (
        "\nWhereas the older wards, such as the one at Penryn, had only 40 beds in 1832.\n"
    )
    for question in generate(text).questions:
        assert "Whereas" not in question.stem and "whereas the older" not in question.stem
