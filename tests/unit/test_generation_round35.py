"""Round 35 of issue 10: what the blind judges of round 35 found, pinned with our own
sentences."""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.stems import BLANK as B
from tests.unit.generated_question import notes_text


def test_a_stem_of_there_are_about_says_nothing():
    """ "There are about _____." with key "thirty photosynthetic carotenoids" (round 35)."""
    from quizapp.generation.quality import fragment_stem

    assert fragment_stem(f"There are about {B}.")
    assert fragment_stem(f"There are some {B}.")
    assert not fragment_stem(f"There are about {B} species of carotenoid in plants.")


def test_a_lone_job_or_task_is_no_key():
    """ "An architect normally manages _____" with key "the job": "the project" fits as well."""
    from quizapp.generation.phrases import fill_key_shape

    assert not fill_key_shape("the job")
    assert not fill_key_shape("tasks")
    assert fill_key_shape("the steel frame")


def test_a_list_item_ending_in_ing_is_not_cut_from_the_stem():
    """ "including design-build, partnering and construction management" was cut at
    ", partnering" as if a clause began there, leaving "including _____." (round 35)."""
    from quizapp.generation.stems import focus, statement

    text = notes_text(
        "Several project structures help the owner, including design-build, partnering and "
        "construction management. The team met the owner on Fridays, hoping to finish by May."
    )
    article = analyse(text)
    for opening, kept in (("Several", "construction management"), ("The team", None)):
        sentence = next(s for s in article.sentences if s.text.startswith(opening))
        stmt = statement(sentence, is_prose=True)
        at = article.norm.index("design-build" if kept else "Fridays")
        cut = focus(article.norm, stmt, at, at + 5)
        if kept:
            assert article.norm[cut.body_start : cut.body_end].endswith(kept)
        else:  # a clause after ", hoping" is still cut
            assert "hoping" not in article.norm[cut.body_start : cut.body_end]


def test_a_wrong_angle_is_an_angle_a_reader_knows():
    """ "balanced at _____°" (180) offered 190, 210 and 160 (round 35)."""
    from quizapp.generation.distractors import distractors, seed_of

    text = notes_text(
        "The pistons of the engine were balanced at 180° in the year the mill opened."
    )
    article = analyse(text)
    key = next(c for cands in article.candidates for c in cands if c.text.startswith("180"))
    options = {text for text, _ in distractors(article, key, 3, seed_of("a"))}
    assert len(options) == 3
    assert options <= {"30°", "45°", "60°", "90°", "120°", "135°", "270°", "360°"} | {
        "30",
        "45",
        "60",
        "90",
        "120",
        "135",
        "270",
        "360",
    }


def test_a_wrong_count_the_stem_gives_something_else_is_ruled_out():
    """ "has _____, ... would create a six membraned chloroplast" offered "six membranes"."""
    from quizapp.generation.quality import echoes_stem_figure

    stem = f"Because the cell has {B}, it would be expected to make a six membraned plastid."
    key = "four membranes"
    assert echoes_stem_figure(stem, key, [key, "three membranes", "six membranes"])
    assert not echoes_stem_figure(stem, key, [key, "three membranes", "five membranes"])


def test_the_people_of_the_titles_subject_are_no_key():
    """ "In many cases, _____ also study modern soils" with key "geologists" in an article
    called Geology: the title gives it away (round 35)."""
    from quizapp.generation.questions import topic_people

    sentences = "Many geologists also study modern soils and rivers. Most farmers grow wheat."
    for title, word, given_away in (
        ("Geology", "geologists", True),
        ("Geology", "farmers", False),
        ("Farming", "geologists", False),
    ):
        article = analyse(notes_text(sentences).replace("Notes on the town", title, 1))
        key = next(c for cands in article.candidates for c in cands if c.text == word)
        assert topic_people(article, key) is given_away, (title, word)


def test_two_names_across_two_clauses_are_no_list():
    """ "broken away from the Anglican Church and the Methodist Episcopal Church was not
    founded until 1784" was asked as a select-all on two churches (round 35, fit split)."""
    from quizapp.generation import generate
    from tests.unit.generated_question import FILLER

    def selects(sentence: str) -> list[str]:
        envoys = (
            "The Roman Catholic Church and the Evangelical Lutheran Church sent envoys in 1760."
        )
        text = f"Notes on the town\n\n{envoys} {sentence} {FILLER * 6}\n"
        return [q.stem for q in generate(text).questions if q.kind == "multiple_select"]

    opening = "At this time, Methodists had not yet broken away from the Anglican Church and "
    two_clauses = opening + "the Methodist Episcopal Church was not founded until 1784."
    assert not any("broken away" in stem for stem in selects(two_clauses))
    one_list = opening + "the Methodist Episcopal Church by 1784."
    assert any("broken away" in stem for stem in selects(one_list))


def test_ever_since_at_the_end_points_back():
    """ "_____ has grown ever since." (round 35, fit split): since what?"""
    from quizapp.generation.quality import points_back

    assert points_back(f"{B} has grown ever since.")
    assert not points_back(f"{B} has grown since 1990.")


def test_lost_powers_and_a_bare_participle_break_the_stem():
    """ "T = 7n2 + 15n + _____" lost its superscript; "made available to underprivileged."
    lost its noun (round 35, fit split)."""
    from quizapp.generation.quality import broken_surface

    assert broken_surface(f"If T = 7n2 + 15n + {B}, one writes T = O.")
    assert broken_surface(f"{B} is made available to underprivileged.")
    assert not broken_surface(f"{B} is made available to students in 2007.")
    assert not broken_surface(f"The term {B} also names the frequency of meeting.")
    assert not broken_surface(f"The M25 road opened in {B} near London.")


def test_a_language_gets_languages_as_wrong_options():
    """ "The medium of education is _____" (English) offered "the Chinese" and "Australian"
    (round 35, fit split): a people and an adjective are no language."""
    from quizapp.generation.distractors import distractors, seed_of

    text = notes_text(
        "The medium of education in private schools is English. Pupils came from Swedish, "
        "Irish and Danish towns. The Chinese arrived in 1990, and Australian pupils came in 1991.",
        filler=6,
    )
    article = analyse(text)
    key = next(c for cands in article.candidates for c in cands if c.text == "English")
    for seed in range(6):
        options = {text for text, _ in distractors(article, key, 3, seed_of("l", seed))}
        assert options == {"Irish", "Swedish", "Danish"}
