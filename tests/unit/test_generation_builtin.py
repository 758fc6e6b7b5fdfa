"""The built-in article: the facts a teacher expects to be asked, and the bank's basic promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.generation import GENERATOR, KINDS, audit, generate

ARTICLE = Path(__file__).resolve().parents[2] / "quizapp" / "builtin_article.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bank(text):
    return generate(text)


def _keys(question) -> list[str]:
    answer = question.answer
    if question.kind in {"multiple_choice", "fill_blank"}:
        return [answer]
    if question.kind in {"multiple_select", "ordering"}:
        return list(answer)
    if question.kind == "matching":
        return [item for pair in answer for item in pair]
    return []


def asked(bank, key: str, *, in_source: str, kind: str | None = None) -> bool:
    """Some question whose source holds ``in_source`` has ``key`` as (one of) its key(s)."""
    for q in bank.questions:
        if kind and q.kind != kind:
            continue
        if in_source.lower() in q.source.sentence.lower() and any(
            key.lower() in k.lower() for k in _keys(q)
        ):
            return True
    return False


def test_title_and_sections(bank):
    assert bank.title.startswith("Advancing together")
    headings = [s.heading for s in bank.sections]
    assert "Historical Significance of International Space Collaboration" in headings


def test_count_and_kinds(bank):
    assert len({q.id for q in bank.questions}) == len(bank.questions) >= 35
    kinds = {q.kind for q in bank.questions}
    assert kinds <= set(KINDS)
    assert len(kinds) >= 5


@pytest.mark.parametrize(
    ("key", "source"),
    [
        ("1969", "Apollo 11 moon landing"),
        ("Apollo 11", "moon landing in 1969"),
        ("1975", "Apollo-Soyuz Test Project"),
        ("the European Space Agency", "Hubble Space Telescope"),
        ("the Italian Space Agency", "Cassini-Huygens"),
        ("the Canadian Space Agency", "James Webb Space Telescope"),
        ("Ariane", "cost-sharing"),
        ("anti-satellite weapons", "space debris"),
    ],
)
def test_fact_asked(bank, key, source):
    assert asked(bank, key, in_source=source), f"no question with key {key!r} on {source!r}"


def test_iss_partners_multiple_select(bank):
    wanted = {"the United States", "Russia", "Europe", "Japan", "Canada"}
    found = [
        q
        for q in bank.questions
        if q.kind == "multiple_select" and "International Space Station" in q.source.sentence
    ]
    assert found and set(found[0].answer) == wanted
    assert set(found[0].answer) < set(found[0].options)


def test_hubble_agencies(bank):
    assert asked(bank, "NASA", in_source="Hubble") or asked(
        bank, "the European Space Agency", in_source="Hubble"
    )


def test_cassini_saturn_and_partners(bank):
    cassini = [q for q in bank.questions if "Cassini-Huygens" in q.source.sentence]
    assert cassini
    keys = {k for q in cassini for k in _keys(q)}
    assert keys & {"NASA", "ESA", "the Italian Space Agency", "Saturn"}


def test_artemis_moon(bank):
    assert any(
        asked(bank, key, in_source="return humans to the Moon")
        for key in ("the Moon", "Artemis", "NASA")
    )


def test_icy_moons(bank):
    assert asked(bank, "Europa", in_source="icy moons") or asked(
        bank, "Enceladus", in_source="icy moons"
    )


def test_private_companies(bank):
    assert any(
        asked(bank, name, in_source="private space companies")
        for name in ("SpaceX", "Blue Origin", "Virgin Galactic")
    )


def test_every_question_passes_audit(bank, text):
    for q in bank.questions:
        assert audit(q, text) == [], (q.stem, audit(q, text))


def test_sources_slice_the_original(bank, text):
    for q in bank.questions:
        assert text[q.source.start : q.source.end] == q.source.sentence


def test_deterministic(text, bank):
    again = generate(text)
    assert [q.to_json() for q in again.questions] == [q.to_json() for q in bank.questions]
    assert again.generator == GENERATOR
    assert all(q.id.startswith("q") and len(q.id) == 13 for q in bank.questions)


def test_key_position_varies(bank):
    positions = {q.options.index(q.answer) for q in bank.questions if q.kind == "multiple_choice"}
    assert len(positions) >= 3


def test_json_shape(bank):
    data = bank.to_json()
    assert data["article"]["sha256"] == bank.sha256
    assert len(data["questions"]) == len(bank.questions)


def test_title_drops_trailing_full_stop(bank):
    assert (
        bank.title
        == "Advancing together: the future of international collaboration among space agencies"
    )
