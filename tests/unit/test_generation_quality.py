"""Quality rules, each a test: over the built-in article and two inlined encyclopaedia-like texts.

``audit`` must catch hand-made bad questions (one per check), and every generated question must
pass it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.generation import UnusableText, audit, generate
from quizapp.generation.text import without_marks
from quizapp.generation.types import GeneratedQuestion, Source

BUILTIN = (Path(__file__).resolve().parents[2] / "quizapp" / "builtin_article.txt").read_text(
    encoding="utf-8"
)

RIVERS = """The Rhine

The Rhine is a European river that begins in the Swiss canton of Graubünden in the southeastern
Swiss Alps. It forms part of the Swiss-Austrian border and flows through Germany and the
Netherlands to the North Sea. The river is 1,230 kilometres long. In 1815 the Congress of Vienna
made the Rhine an international waterway, and the Central Commission for Navigation on the Rhine
was set up in the same year.

Since the Roman period the Rhine has been an important trade route. The Romans built forts along
its banks, including Mainz, Cologne and Bonn. In 1926 the Rhine-Main-Danube Canal project began,
and the canal was completed in 1992, linking the North Sea with the Black Sea.

Pollution was a serious problem in the 20th century. After the Sandoz chemical spill near Basel in
1986, the International Commission for the Protection of the Rhine started the Rhine Action
Programme, which aimed to bring salmon back to the river by 2000. Today about 60 million people
live in the Rhine basin, and the river may face lower summer flows as glaciers shrink.
"""

SCIENCE = """Marie Curie

Marie Curie was a Polish and naturalised French physicist and chemist who conducted pioneering
research on radioactivity. She was the first woman to win a Nobel Prize, the first person to win
a Nobel Prize twice, and the only person to win a Nobel Prize in two scientific fields.

Curie was born in Warsaw in 1867. In 1891 she moved to Paris, where she studied at the
University of Paris. Together with Pierre Curie she discovered polonium and radium in 1898.
The Nobel Prize in Physics was awarded to Marie Curie, Pierre Curie and Henri Becquerel in 1903.
Marie Curie received the Nobel Prize in Chemistry in 1911.

During the First World War, Curie developed mobile radiography units, known as petites Curies,
to provide X-ray services to field hospitals. The Radium Institute in Paris opened in 1914 and
became a major centre for research. Curie died in 1934 from aplastic anaemia, which was probably
caused by her long exposure to radiation.
"""

TEXTS = {"builtin": BUILTIN, "rivers": RIVERS, "science": SCIENCE}
PRONOUNS = ("This ", "It ", "They ", "These ", "Those ", "He ", "She ")
CONNECTIVES = ("Moreover,", "Furthermore,", "Additionally,", "However,", "Similarly,")
HEDGES = re.compile(
    r"\b(may|might|could|is expected to|is likely to|promise to|aims to)\b", re.IGNORECASE
)


@pytest.fixture(scope="module", params=sorted(TEXTS))
def case(request):
    text = TEXTS[request.param]
    return text, generate(text)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _keys(q: GeneratedQuestion) -> list[str]:
    if q.kind in {"multiple_choice", "fill_blank"}:
        return [q.answer]
    if q.kind in {"multiple_select", "ordering"}:
        return list(q.answer)
    return []


def test_every_generated_question_passes_audit(case):
    text, bank = case
    assert bank.questions
    for q in bank.questions:
        assert audit(q, text) == [], (q.stem, audit(q, text))


def test_key_is_stated_by_source(case):
    _, bank = case
    for q in bank.questions:
        if q.kind == "ordering":
            continue  # items come from several sentences; audit checks each with its year
        for key in _keys(q):
            assert _flat(key) in _flat(q.source.sentence), (key, q.source.sentence)


def test_true_false_statements(case):
    text, bank = case
    for q in bank.questions:
        if q.kind != "true_false":
            continue
        statement = q.stem.split("is it true that ", 1)[1].rstrip("?").lower()
        if q.answer:
            assert _flat(statement) in _flat(q.source.sentence)
        else:
            assert _flat(statement) not in _flat(text)
            assert all(_flat(s) not in _flat(q.source.sentence) for s in q.distractor_origins)


def test_no_distractor_in_source_sentence(case):
    _, bank = case
    for q in bank.questions:
        if q.kind in {"multiple_choice", "multiple_select"}:
            for option in q.options:
                if option not in _keys(q):
                    assert not re.search(
                        r"\b" + re.escape(option.lower()) + r"\b", q.source.sentence.lower()
                    ), (option, q.source.sentence)


def test_esa_blank_never_offers_co_listed_agencies():
    bank = generate(BUILTIN)
    for q in bank.questions:
        if q.kind == "multiple_choice" and q.answer in {"ESA", "the European Space Agency"}:
            wrong = set(q.options) - {q.answer}
            assert not wrong & {
                "NASA",
                "the Canadian Space Agency",
                "the Italian Space Agency",
            } or ("Canadian" not in q.source.sentence and "Italian" not in q.source.sentence)
            assert "NASA" not in wrong


def test_no_wrong_answer_is_another_example_of_the_same_class():
    """The article calls the Artemis program and the Mars rovers both "collaborative missions
    such as ...": in a blank after "Collaborative missions such as", either is right."""
    bank = generate(BUILTIN)
    asked = [q for q in bank.questions if any("the Mars rovers" in key for key in _keys(q))]
    assert asked  # the fact is asked; as a choice only beside options of its own era
    rovers = [q for q in asked if q.kind in {"multiple_choice", "multiple_select"}]
    for q in rovers:
        wrong = set(q.options) - set(_keys(q))
        assert not wrong & {"the Artemis program", "the Hubble Space Telescope", "Curiosity"}


def test_a_programme_of_today_is_not_offered_among_programmes_of_the_past():
    """Round 27: "NASA's _____, which aims to return humans to the Moon ... a new era" rules
    out Project Mercury, the Gemini and the Apollo programs; a current programme's options are
    current programmes, or it is asked another way."""
    bank = generate(BUILTIN)
    artemis = [q for q in bank.questions if "Artemis program" in " ".join(_keys(q))]
    assert artemis
    past = {"Project Mercury", "Gemini program", "Apollo program", "the Space Shuttle program"}
    for q in artemis:
        assert not set(q.options or ()) & past, q.options


def test_distractors_share_type_and_form(case):
    _, bank = case
    for q in bank.questions:
        if q.kind != "multiple_choice":
            continue
        if re.fullmatch(r"\d{4}", q.answer):
            for option in q.options:
                assert re.fullmatch(r"\d{4}", option)
                assert abs(int(option) - int(q.answer)) <= 15
        names = {o.lower().removeprefix("the ") for o in q.options}
        assert len(names) == 4


def test_no_two_options_name_the_same_thing():
    bank = generate(BUILTIN)
    for q in bank.questions:
        if q.options and q.kind in {"multiple_choice", "multiple_select"}:
            opts = set(q.options)
            assert not ({"ESA", "the European Space Agency"} <= opts)
            assert not ({"ISS", "the International Space Station"} <= opts)


def test_answer_does_not_leak(case):
    _, bank = case
    for q in bank.questions:
        for key in _keys(q):
            if q.kind != "ordering":
                pattern = r"\b" + re.escape(key.lower()) + r"\b"
                assert not re.search(pattern, q.stem.lower()), (key, q.stem)
        if q.kind == "multiple_choice" and q.answer == "the European Space Agency":
            assert "ESA" not in q.stem


def test_no_pronoun_or_connective_start(case):
    _, bank = case
    for q in bank.questions:
        assert not q.stem.startswith(PRONOUNS + CONNECTIVES), q.stem
        body = q.stem.split("is it true that ", 1)[-1]
        assert not body.lower().startswith(tuple(p.lower() for p in PRONOUNS + CONNECTIVES))


def test_hedged_claims_are_attributed(case):
    _, bank = case
    for q in bank.questions:
        if q.kind in {"matching", "ordering"}:
            continue
        if HEDGES.search(q.source.sentence):
            assert (
                q.stem.startswith("According to the article")
                or "According to the article" in q.stem
            )


def test_stems_are_questions_or_one_blank(case):
    _, bank = case
    for q in bank.questions:
        assert q.stem.endswith("?") or q.stem.count("_____") == 1, q.stem
        assert q.stem.count("_____") <= 1
        assert not re.search(r"\ban? _____", q.stem)


def test_no_fact_asked_twice_the_same_way(case):
    _, bank = case
    seen = set()
    for q in bank.questions:
        way = (q.kind, q.stem)
        assert way not in seen
        seen.add(way)


def test_sources_are_verbatim(case):
    text, bank = case
    for q in bank.questions:
        assert text[q.source.start : q.source.end] == q.source.sentence


# --- audit catches hand-made bad questions -----------------------------------------------------

SENTENCE = (
    "Collaborative projects such as the James Webb Space Telescope, a partnership between NASA, "
    "ESA, and the Canadian Space Agency, have pushed the boundaries of observational astronomy, "
    "enabling scientists to peer deeper into the universe than ever before."
)


def _good() -> GeneratedQuestion:
    start = BUILTIN.index(SENTENCE)
    stem = SENTENCE.replace("the Canadian Space Agency", "_____")
    return GeneratedQuestion(
        id="qtest",
        kind="multiple_choice",
        stem=stem,
        options=("the Canadian Space Agency", "Roscosmos", "JAXA", "the Israel Space Agency"),
        answer="the Canadian Space Agency",
        accepted=("the Canadian Space Agency", "Canadian Space Agency"),
        answer_type="organisation",
        source=Source(SENTENCE, start, start + len(SENTENCE)),
        difficulty=0.4,
        rule="mc.organisation",
    )


def test_audit_passes_good_question():
    assert audit(_good(), BUILTIN) == []


@pytest.mark.parametrize(
    ("check", "change"),
    [
        ("key_not_in_source", {"answer": "Roscosmos", "accepted": ("Roscosmos",)}),
        (
            "distractor_true",
            {"options": ("the Canadian Space Agency", "NASA", "JAXA", "Roscosmos")},
        ),
        (
            "leak",
            {"stem": _good().stem.replace("_____", "_____ (the Canadian Space Agency)")},
        ),
        ("pronoun_start", {"stem": "It " + _good().stem[0].lower() + _good().stem[1:]}),
        ("stem_form", {"stem": _good().stem.replace("_____", "_____ and _____")}),
        ("stem_form", {"stem": _good().stem.replace("between NASA", "between a _____ NASA")}),
        (
            "duplicate_option",
            {
                "options": (
                    "the Canadian Space Agency",
                    "Roscosmos",
                    "JAXA",
                    "the Japan Aerospace Exploration Agency",
                )
            },
        ),
        (
            "distractor_form",
            {"options": ("the Canadian Space Agency", "Roscosmos", "JAXA", "Saturn")},
        ),
        ("source_offsets", {"source": Source(SENTENCE, 0, len(SENTENCE))}),
        ("bad_options", {"options": ("the Canadian Space Agency", "Roscosmos")}),
    ],
)
def test_audit_catches(check, change):
    assert check in audit(replace(_good(), **change), BUILTIN)


def test_audit_catches_unmarked_hedge():
    sentence = next(s for s in re.split(r"(?<=\.)\s+", BUILTIN) if "aims to return humans" in s)
    start = BUILTIN.index(sentence)
    q = replace(
        _good(),
        stem=sentence.replace("the Moon", "_____"),
        options=("the Moon", "Europa", "Titan", "Ganymede"),
        answer="the Moon",
        accepted=("the Moon",),
        source=Source(sentence, start, start + len(sentence)),
    )
    assert "hedge_unmarked" in audit(q, BUILTIN)


def test_audit_catches_true_false_that_is_true():
    good = _good()
    q = replace(
        good,
        kind="true_false",
        stem="According to the article, is it true that "
        + SENTENCE[0].lower()
        + SENTENCE[1:-1]
        + "?",
        options=None,
        answer=False,
        accepted=(),
        distractor_origins={"NASA": "article"},
    )
    assert "key_not_in_source" in audit(q, BUILTIN)


# --- odd input ------------------------------------------------------------------------------------

FRENCH = (
    "La coopération spatiale internationale a commencé pendant la guerre froide. Les agences "
    "spatiales européennes travaillent ensemble depuis des décennies. " * 8
)
BULLETS = "\n".join(f"- item number {i} about space agencies and missions" for i in range(40))


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "Space.", FRENCH, BULLETS, "Rocket", "One. Two. Three."],
)
def test_unusable_text_is_refused_clearly(text):
    with pytest.raises(UnusableText) as info:
        generate(text)
    message = str(info.value)
    assert message.endswith(".") and message.count(". ") == 0


def test_markdown_with_headings():
    text = "# The Rhine\n\n## Course\n\n" + RIVERS.split("\n", 2)[2].replace(
        "Since the Roman", "## History\n\nSince the Roman"
    )
    bank = generate(text)
    assert bank.title == "The Rhine"
    assert "History" in {s.heading for s in bank.sections}
    for q in bank.questions:
        assert audit(q, text) == []
        assert not q.source.sentence.startswith("#")


def test_unicode_quotes_and_dashes():
    text = SCIENCE.replace(
        "known as petites Curies", "known as \u201cpetites Curies\u201d"
    ).replace("Pierre Curie she", "Pierre Curie \u2014 her husband \u2014 she")
    bank = generate(text)
    for q in bank.questions:
        assert text[q.source.start : q.source.end] == q.source.sentence
        assert audit(q, text) == []


WIKIPEDIA_PASTE = """Voyager 2

Voyager 2 is a space probe launched by NASA on August 20, 1977, to study the outer planets.[1]
It is the only spacecraft to have visited Uranus and Neptune.[2][3] The probe flew past Jupiter
in 1979 and Saturn in 1981.[4] Its encounter with Uranus came in 1986, and the flyby of Neptune
followed in 1989.[5] As of 2023[update], the probe is more than 130 astronomical units from
Earth.[6]

The mission was managed by the Jet Propulsion Laboratory in Pasadena, California.[7] Engineers
designed the spacecraft to last five years, but it has kept working for more than four
decades.[8][9] Its plutonium power source, a radioisotope thermoelectric generator, loses about
4 watts every year.[10] Scientists expect the instruments to stop working around 2025.[citation
needed]
"""


def test_reference_marks_of_a_wikipedia_paste_are_read_past():
    """Teachers paste Wikipedia with its "[1]" marks: the text is usable, no stem or option
    shows a mark, and every source is still the article's own sentence."""
    bank = generate(WIKIPEDIA_PASTE)
    assert len(bank.questions) >= 4
    for q in bank.questions:
        shown = [q.stem, *(q.options or ()), *(_keys(q))]
        assert not any(re.search(r"\[(?:\d|update|citation)", text) for text in shown), q
        assert "  " not in q.stem and " ," not in q.stem
        assert WIKIPEDIA_PASTE[q.source.start : q.source.end] == q.source.sentence
        assert audit(q, WIKIPEDIA_PASTE) == []


def test_a_note_mark_is_blanked_whatever_its_case():
    """Wikipedia writes explanatory notes as "[Note 4]" or "[note 4]"; neither is a fact to ask."""
    for mark in ("[Note 4]", "[note 4]", "[NB 2]"):
        text = f"The probe was launched in 1977.{mark} It flew past Jupiter."
        assert without_marks(text) == text.replace(mark, " " * len(mark))


MARKDOWN_PASTE = """# Voyager 2

**Voyager 2** is a space probe launched by [NASA](https://www.nasa.gov) on August 20, 1977, to
study the *outer planets*. The probe flew past Jupiter in 1979 and Saturn in 1981. The encounter
with Uranus came in 1986, and the flyby of Neptune followed in 1989. Today the probe is more than
130 astronomical units from Earth.

The Voyager mission was managed by the [Jet Propulsion Laboratory](https://www.jpl.nasa.gov) in
Pasadena, California. Engineers designed the spacecraft to last five years, but it has kept
working for more than four decades. The `RTG` power source, a radioisotope thermoelectric
generator, loses about 4 watts every year. Scientists expect the instruments to stop working
around 2025.
"""


def test_markdown_links_and_emphasis_are_read_as_their_words():
    bank = generate(MARKDOWN_PASTE)
    stems = " ".join(q.stem for q in bank.questions)
    assert "Jet Propulsion Laboratory" in stems + " ".join(map(str, _all_keys(bank)))
    for q in bank.questions:
        shown = " ".join([q.stem, *(q.options or ()), *map(str, _keys(q))])
        assert not re.search(r"\*|`|\]\(|https?:", shown), shown
        assert "the the " not in shown.lower() and "  " not in q.stem
        assert MARKDOWN_PASTE[q.source.start : q.source.end] == q.source.sentence
        assert audit(q, MARKDOWN_PASTE) == []


def _all_keys(bank):
    return [key for q in bank.questions for key in _keys(q)]


def test_normalising_keeps_every_offset():
    from quizapp.generation.text import normalise

    for text in (MARKDOWN_PASTE, WIKIPEDIA_PASTE, BUILTIN, "5 * 3 = 15 and a_b_c [x](y"):
        assert len(normalise(text)) == len(text)
    assert normalise("5 * 3 and snake_case_name") == "5 * 3 and snake_case_name"


def test_very_long_single_line():
    """A whole article pasted as one line (no paragraph breaks) still gives questions whose
    sources are exact slices of it. (Twenty copies of one short text, glued end to start,
    gave nothing but a dating question once those date only events: a repeated text is no
    test of length.)"""
    text = " ".join(f"{BUILTIN} {SCIENCE}".split())
    bank = generate(text)
    assert len(bank.questions) >= 5
    for q in bank.questions:
        assert text[q.source.start : q.source.end] == q.source.sentence
    words = len(text.split())
    assert len(bank.questions) <= 30 * words / 1000


def test_line_without_periods_does_not_crash():
    text = "space agencies and missions " * 200
    with pytest.raises(UnusableText):
        generate(text)
