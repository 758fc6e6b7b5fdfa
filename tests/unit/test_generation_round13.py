"""Round 13 of issue 10: what the twelfth blind sample showed, pinned with sentences of our own."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from quizapp.generation.article import analyse
from quizapp.generation.candidates import raw_names
from quizapp.generation.checks import (
    _part_of_quoted_title,
    _swapped_inside_quotes,
    _title_in_key,
    check_key_computed_in_stem,
)
from quizapp.generation.distractors import (
    _impossible,
    _said_like_key,
    _title_only,
    year_distractors,
)
from quizapp.generation.nametype import takes_the
from quizapp.generation.quality import (
    POINTING_THIS,
    bracket_beside_blank,
    fragment_key,
    points_back,
)
from quizapp.generation.questions import _chunks, _datable, year_pairs
from quizapp.generation.stems import BLANK as B
from quizapp.generation.stems import starts_with_pronoun
from quizapp.generation.text import normalise
from tests.unit.generated_question import question_on

STRIKE = """The 1905 dock strike

The dock strike began in the port of Carrow in the autumn of 1905. The owners of the quays
refused every demand, and the city council stayed out of it. The strike ended in March 1907,
when the owners agreed to a shorter day. The Carrow Harbour test is still used for tides.
"""


def test_a_name_takes_the_when_its_words_ask_for_it():
    for name in (
        "Kingdom of Prussia",
        "Duke of Apulia",
        "University of Chicago",
        "Polish Republic",
        "Soviet Union",
        "United States",
        "Davidian Revolution",
    ):
        assert takes_the(name), name
    for name in ("Prussia", "Duke William II of Normandy", "Harvard University", "Central Park"):
        assert not takes_the(name), name
    # an ordinary first word before an institution's head: only when the article writes it so
    assert takes_the("National Museum", frozenset({"national"}))
    assert not takes_the("National Museum")
    assert not takes_the("Sever Hall", frozenset({"national"}))


def test_an_option_is_said_with_the_where_the_keys_slot_has_none():
    # the key's own "the" shows the slot is bare: a name that takes "the" gets it
    assert _said_like_key("the Kingdom of Prussia", "Republic of Poland", frozenset()) == (
        "the Republic of Poland"
    )
    # a named key that takes no "the" fills a bare slot as well
    assert _said_like_key("Duke William II of Normandy", "Duke of Apulia", frozenset()) == (
        "the Duke of Apulia"
    )
    # a key that takes "the" written without it stands after the stem's own "the"
    assert _said_like_key("Kingdom of Prussia", "Polish Republic", frozenset()) == (
        "Polish Republic"
    )
    assert _said_like_key("the Kingdom of Prussia", "Denmark", frozenset()) == "Denmark"
    assert _said_like_key("the Kingdom of Prussia", "the Soviet Union", frozenset()) == (
        "the Soviet Union"
    )


def test_a_title_without_a_name_is_no_option_for_a_named_person():
    assert _title_only("Duke of Apulia")
    assert _title_only("the King of France")
    assert not _title_only("Duke William II of Normandy")
    assert not _title_only("King Harold II")


def test_wrong_years_stay_on_the_keys_side_of_the_title_and_the_sentence():
    article = analyse(STRIKE, "The 1905 dock strike")
    sentence = next(s for s in article.sentences if "ended in March 1907" in s.text)
    key = next(c for c in article.candidates[sentence.index] if c.text == "March 1907")
    for seed in range(40):
        options = [text for text, _origin in year_distractors(article, key, 3, seed)]
        assert len(options) == 3
        years = [int(text.split()[-1]) for text in options]
        assert all(year > 1905 for year in years), (seed, options)


def test_such_instead_and_the_same_time_point_to_a_sentence_before():
    assert points_back("When such oxygen sinks became saturated, oxygen escaped.")
    assert POINTING_THIS.search("The council would instead support new rules for 1906.")
    assert POINTING_THIS.search("Several princes arrived in Limassol at the same time.")
    assert not POINTING_THIS.search("The council used stone instead of timber.")
    assert not POINTING_THIS.search("The mill opened at the same time as the harbour.")
    assert not points_back("Harbours such as Carrow and Penwith grew.")


def test_a_blank_inside_a_compound_conversion_gives_the_key_away():
    assert bracket_beside_blank(f"The hulls range up to 1.5 m ({B} 11 in) in width.")
    assert bracket_beside_blank(f"The hulls range up to 1.5 m ({B}) in width.")
    assert not bracket_beside_blank(f"The hulls range up to {B} in width.")


def test_a_name_before_its_noun_leaves_the_the_to_the_noun():
    article = analyse(STRIKE, "The 1905 dock strike")
    sentence = next(s for s in article.sentences if "Harbour test" in s.text)
    (name,) = [raw for raw in raw_names(sentence) if raw.text == "Carrow Harbour"]
    assert name.determiner == ""  # "the _____ test is used", key "Carrow Harbour"


def test_a_name_before_a_verb_keeps_its_the():
    article = analyse("The Normans settled in Apulia in 1030. They built castles.", None)
    (name,) = [raw for raw in raw_names(article.sentences[0]) if raw.text == "Normans"]
    assert name.determiner == "the"


def test_a_unit_letter_after_a_figure_ends_the_sentence():
    article = analyse(
        "Boilers ran near 1500 °C. Nonetheless, the mills kept them. J. R. Hind built the "
        "first. The tank held water at 300 K. Then it cooled.",
        None,
    )
    texts = [s.text for s in article.sentences]
    assert texts[0] == "Boilers ran near 1500 °C."
    assert any(t.startswith("J. R. Hind built") for t in texts)  # initials still join
    assert "The tank held water at 300 K." in texts


def test_some_such_and_all_of_this_need_the_sentence_before():
    assert starts_with_pronoun("Some such as DATAPAC were built with an X.25 interface.")
    assert starts_with_pronoun("Others were sold to the railway.")
    assert not starts_with_pronoun("Some mills such as Carrow were sold.")
    assert points_back("All of this set the stage for the harbour board's role.")
    assert points_back("Because of this the quays were closed.")
    assert not points_back("All of the quays were closed in 1905.")


def test_a_figure_is_never_split_by_the_blank():
    article = analyse(
        "The exchange listed 374 companies with a value of 162 584 mln EUR in 2009. The board "
        "also awards several hundred named prizes annually. A hundred ships were lost.",
        None,
    )
    numbers = [c.text for cands in article.candidates for c in cands if c.category == "number"]
    assert "584 mln" not in numbers and "162" not in numbers
    assert "374 companies" in numbers
    assert not any(n.startswith("hundred") for n in numbers)


def test_scaled_options_stay_possible():
    assert _impossible("60-120%", True)
    assert _impossible("2-2%", True)
    assert not _impossible("20-40%", True)
    assert not _impossible("120 ships", False)
    assert _impossible("9-8 billion years", False)  # a range that runs backwards


def test_a_key_that_arithmetic_gives_is_not_asked():
    text = "Mills\n\nThe number 15 can be factored as 3 · 5 by any miller. The mill had 15 stones."
    article = analyse(text, None)
    asked = question_on(text, "The number 15", stem=f"The number {B} can be factored as 3 · 5.")
    asked = replace(asked, answer="15")
    assert not check_key_computed_in_stem(article, asked)
    fair = replace(asked, stem=f"The mill had {B} stones.")
    assert check_key_computed_in_stem(article, fair)
    stated = replace(
        asked, kind="true_false", stem="Is it true that 9 can be factored as 3 · 5?", answer=False
    )
    assert not check_key_computed_in_stem(article, stated)


def test_a_further_explanation_mark_is_blanked():
    assert normalise("all divisions;[further explanation needed] $340") == (
        "all divisions;" + " " * len("[further explanation needed]") + " $340"
    )


def test_a_matching_item_is_no_subject_and_no_ordinary_word():
    text = (
        "NASA\n\nNASA was founded in 1958 to run the space programme. The European Space Agency "
        "was formed in 1975 from two older bodies. The city of Houston grew with the agency."
    )
    items = [named.text for named, _time in year_pairs(analyse(text, "NASA"))]
    assert items == ["the European Space Agency"]
    assert not _datable("City", frozenset({"city"}))
    assert not _datable("AD", frozenset())
    assert _datable("the Harbour Trust", frozenset({"harbour", "trust"}))


def test_matching_and_ordering_take_their_items_from_one_paragraph_first():
    paragraphs = [0, 1, 1, 1, 2, 3, 3, 3, 3]  # the paragraph of each sentence
    article = _sentences_of_100_chars(paragraphs)
    items = [(f"item {i}", i) for i in range(len(paragraphs))]
    chunks = [[sentence for _label, sentence in chunk] for chunk in _chunks(article, items, 4)]
    assert chunks[:2] == [[1, 2, 3], [5, 6, 7, 8]]  # each answered by its own paragraph
    assert chunks[2:] == []  # two items left over (sentences 0 and 4): too few for a question
    items.append(("item 9", 9))
    article = _sentences_of_100_chars([*paragraphs, 4])
    chunks = [[sentence for _label, sentence in chunk] for chunk in _chunks(article, items, 4)]
    assert chunks[-1] == [0, 4, 9]  # the left-overs from nearby paragraphs, as before


def _sentences_of_100_chars(paragraphs: list[int]) -> SimpleNamespace:
    sentences = [
        SimpleNamespace(paragraph=p, start=100 * i, end=100 * i + 99)
        for i, p in enumerate(paragraphs)
    ]
    return SimpleNamespace(sentences=sentences, text="x" * 100 * len(paragraphs))


def test_a_key_that_is_the_title_is_not_asked_to_type():
    article = analyse("Immune system\n\nImmune systems appear even in the simplest forms of life.")
    assert _title_in_key(article, "Immune systems")
    assert _title_in_key(article, "immune system")
    assert not _title_in_key(article, "adaptive immune systems")
    assert not _title_in_key(article, "the simplest forms")


def test_a_range_written_with_to_is_one_figure():
    article = analyse("Plague\n\nPneumonic plague has a mortality rate of 90 to 95 percent.")
    numbers = [c.text for cands in article.candidates for c in cands if c.category == "number"]
    assert numbers == ["90 to 95 percent"]  # never "_____ to 95 percent" nor "90 to _____"


def test_no_blank_and_no_swap_inside_a_quoted_title():
    assert _part_of_quoted_title(f'The council named him "Warden of {B} and Penwith".')
    assert _part_of_quoted_title(f'The council named him "{B} and Penwith".')
    assert not _part_of_quoted_title(f'The council named him "{B}".')
    assert not _part_of_quoted_title(f"The council named him {B} in 1905.")
    text = 'Titles\n\nThe council named him "Warden of Carrow and Penwith" in 1905.'
    swapped = question_on(
        text,
        "The council named",
        kind="true_false",
        stem='Is it true that the council named him "Warden of Truro and Penwith" in 1905?',
        answer=False,
        distractor_origins={"Truro": "article"},
    )
    assert _swapped_inside_quotes(swapped, swapped.stem)
    plain = replace(
        swapped,
        stem='Is it true that the council named him "Warden of Carrow and Penwith" in 1906?',
        distractor_origins={"1906": "numeric:near-year"},
    )
    assert not _swapped_inside_quotes(plain, plain.stem)


def test_round_15_a_key_cut_before_its_second_noun_and_a_blank_inside_a_conversion():
    assert fragment_key("The Standard Industrial Classification and the newer")
    assert fragment_key("the harbour board and the former")
    assert not fragment_key("the salt and the water")
    assert not fragment_key("the Harbour Board and the Carrow Trust")
    assert bracket_beside_blank(f"The hulls range up to 1.5 m (4 ft {B} in) in width.")
    assert not bracket_beside_blank(f"The hulls (of {B} ships) were wide.")
