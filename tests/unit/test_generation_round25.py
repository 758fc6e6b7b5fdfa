"""Round 25 of issue 10: what a blind reading of the fit split showed, pinned with our own
sentences."""

from __future__ import annotations

from dataclasses import replace

from quizapp.generation import audit, generate
from quizapp.generation.article import analyse
from quizapp.generation.checks import named_after_key
from quizapp.generation.phrases import noun_phrase_fault
from quizapp.generation.quality import dangling_it
from quizapp.generation.stems import BLANK as B

FILLER = "The committee met again in the spring and wrote a long report on the matter. "


def _keys(text: str) -> set[str]:
    """Every key string of every question generated on ``text`` with some filler."""
    bank = generate(f"Notes on the town\n\n{text} {FILLER * 6}\n")
    keys: set[str] = set()
    for q in bank.questions:
        answers = q.answer if isinstance(q.answer, list) else [q.answer]
        keys.update(str(a) for a in answers)
    return keys


def _candidates(text: str) -> list[str]:
    article = analyse(f"Notes on the town\n\n{text}\n")
    return [c.text for cands in article.candidates for c in cands]


def test_a_greek_title_is_no_name():
    texts = _candidates(
        "The physician wrote a herbal in his native Greek Βοτάνη Ιατρική around the year 70."
    )
    assert not any("Βοτάνη" in text or "Ιατρική" in text for text in texts), texts


def test_a_number_that_labels_an_article_or_a_section_is_no_quantity():
    texts = _candidates("A state may appeal to article 52 exemptions when the market fails.")
    assert not any(text.startswith("52") for text in texts), texts
    counted = _candidates("The state kept 52 exemptions for farmers when the market failed.")
    assert "52 exemptions" in counted


def test_an_adverb_opening_a_sentence_is_no_noun_phrase_to_ask_about():
    assert noun_phrase_fault("Somewhat earlier") is not None
    assert noun_phrase_fault("Meanwhile the surveyors") is not None
    assert noun_phrase_fault("the earlier survey") is None


def test_a_key_before_the_name_it_describes_is_half_a_phrase():
    assert named_after_key(f"{B} Wimmera are the warmest regions.", "The Mallee and upper")
    assert named_after_key(f"importation of {B} Food and Drug rules", "prescription drugs")
    assert named_after_key(f"{B} P is often seen as easy.", "The complexity class")
    # A key that ends in a name, a time expression, or a lone letter after a bare noun stays.
    assert not named_after_key(f"{B} Royal Castle now houses art.", "17th century")
    assert not named_after_key(f"Cells activate {B} D in the skin.", "vitamin")
    assert not named_after_key(f"{B} Bay was settled.", "Port Phillip")
    assert not named_after_key(f"It was built in {B}.", "the upper valley")


def test_the_automatic_checks_refuse_a_key_before_the_name_it_describes():
    text = "The Carse and lower Strathmore are the wettest districts, with rain from the sea."
    full = f"Notes on the town\n\n{text} {FILLER * 6}\n"
    question = next(q for q in generate(full).questions if q.kind == "fill_blank")
    split = replace(
        question, stem=f"{B} Strathmore are the wettest districts.", answer="The Carse and lower"
    )
    assert "split_phrase" in audit(split, full)


def test_its_or_an_acting_it_before_anything_named_points_out_of_the_stem():
    assert dangling_it(f"From 1990 to 1995 it built {B} bridges over the river.")
    assert dangling_it(f"Founded in 1820 as a reading room, its hall was lit by {B}.")
    assert dangling_it(f"In the {B} election—its first—it won most seats.", blank_thing=False)
    assert dangling_it(f"Among its exports are {B}.")


def test_its_with_something_to_point_to_stays():
    assert not dangling_it(f"The harbour and its {B} were rebuilt.")
    assert not dangling_it(f"The header can be short, as it only holds {B}.")
    assert not dangling_it(f"Under its charter with {B}, the Guild still runs the fair.")
    assert not dangling_it(f"As it grew, the town took in {B}.")
    assert not dangling_it(f"It is thought that {B} founded the town.")
    assert not dangling_it(f"It's not clear whether {B} ever lived there.")
    assert not dangling_it(f"Careful study of the moss found {B} in its leaves.")


def test_the_automatic_checks_refuse_a_stem_whose_it_points_out_of_it():
    text = "From 1990 to 1995 the Guild built 14 bridges over the river Sele near the town."
    full = f"Notes on the town\n\n{text} {FILLER * 6}\n"
    question = next(q for q in generate(full).questions if q.kind == "fill_blank")
    dangling = replace(question, stem=f"From 1990 to 1995 it built {B} over the river Sele.")
    assert "dangling_reference" in audit(dangling, full)
    assert "dangling_reference" not in audit(question, full)
