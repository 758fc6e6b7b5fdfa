"""Key worth: the priors that decide which facts are worth a question."""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.priors import key_worth

TEXT = """Harbour history

The harbour was opened in 1852 after a long dispute between the two towns. Its walls were
rebuilt in 1871, 1893, 1911 and 1938 as the ships grew larger. Fishing boats still use the
inner basin every morning.
"""


def _worth(article, text):
    key = next(c for cands in article.candidates for c in cands if c.text == text)
    return key_worth(article, key)


def test_a_year_among_many_is_worth_less_than_a_year_alone():
    article = analyse(TEXT, None)
    alone = _worth(article, "1852")
    assert all(_worth(article, year) < alone - 0.2 for year in ("1871", "1893", "1911", "1938"))


def _worth_in(text, key_text):
    return _worth(analyse(text, None), key_text)


def test_a_name_stated_after_is_or_was_is_worth_more():
    stated = "The old harbour town of the region was Ostmark for many centuries of trade."
    named = "The old harbour town of the region traded with Ostmark for many centuries."
    assert _worth_in(f"Towns\n\n{stated}\n", "Ostmark") > _worth_in(
        f"Towns\n\n{named}\n", "Ostmark"
    )


def test_a_phrase_cut_short_by_a_preposition_is_worth_less():
    cut = "The workers repaired the heavy iron gates of the castle in the long winter."
    whole = "The workers repaired the heavy iron gates, so the castle reopened that winter."
    cut_worth = _worth_in(f"Gates\n\n{cut}\n", "the heavy iron gates")
    assert cut_worth < _worth_in(f"Gates\n\n{whole}\n", "the heavy iron gates")


def test_a_phrase_taking_up_the_paragraphs_opening_is_worth_more():
    second = "Melting glaciers leave behind large moraines of loose rock and gravel."
    about = "Glaciers shape the valleys of high mountains over thousands of years."
    elsewhere = "Rivers shape the valleys of low plains over thousands of years."
    echoed = _worth_in(f"Ice\n\n{about} {second}\n", "Melting glaciers")
    assert echoed > _worth_in(f"Ice\n\n{elsewhere} {second}\n", "Melting glaciers")


def test_every_key_of_a_paragraph_crowded_with_names_is_worth_less():
    sparse = "The museum keeps the original wooden cabinet in its basement."
    names = ", ".join(f"Town{chr(65 + i)}" for i in range(14))
    crowded = f"{sparse} The printers came from {names} and Rome in the same year."
    assert _worth_in(f"Print\n\n{crowded}\n", "the original wooden cabinet") < _worth_in(
        f"Print\n\n{sparse}\n", "the original wooden cabinet"
    )


def test_a_key_in_a_bracketed_aside_is_worth_less():
    aside = "The canal (finished by the engineer Pierre Riquet in Toulouse) carried grain east."
    plain = "The canal was finished by the engineer Pierre Riquet in Toulouse and carried grain."
    assert _worth_in(f"Canal\n\n{aside}\n", "Toulouse") < _worth_in(
        f"Canal\n\n{plain}\n", "Toulouse"
    )
