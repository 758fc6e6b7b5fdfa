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
