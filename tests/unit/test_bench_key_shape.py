"""The generation benchmark's key shapes (``--by-shape``): which facts people ask about."""

import pytest

from benchmarks.bench_generation import key_shape


@pytest.mark.parametrize(
    ("key", "shape"),
    [
        ("1849", "date"),
        ("the 1970s", "date"),
        ("the mid-1960s", "date"),
        ("September 3, 1958", "date"),
        ("March 2015", "date"),
        ("the 16th century", "date"),
        ("around 1700", "date"),
        ("20,000 inhabitants", "figure"),
        ("$465 million", "figure"),
        ("3550 hours", "figure"),
        ("the Ottoman Empire", "name"),
        ("Maria Skłodowska-Curie", "name"),
        ("political agenda", "phrase"),
        ("the phlogiston theory", "phrase"),
    ],
)
def test_a_key_is_a_date_a_figure_a_name_or_a_phrase(key, shape):
    assert key_shape(key) == shape
