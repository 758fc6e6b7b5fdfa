"""Junk a teacher must never see: ungrammatical or vague options, near-synonym distractors,
lopsided true/false, vague fill-in keys and subject blanks. Each rule on hand-made inputs, and
each as an ``audit`` check."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from quizapp.generation import audit, generate
from quizapp.generation.article import analyse
from quizapp.generation.checks import failed_checks
from quizapp.generation.generator import _drafts
from quizapp.generation.phrases import fill_key_shape, generic_fault, noun_phrase_fault
from quizapp.generation.ranking import MIN_FALSE
from quizapp.generation.stems import TF_PREFIX
from quizapp.generation.types import GeneratedQuestion, Source
from quizapp.generation.wordclass import article_word_roles

BUILTIN = (Path(__file__).resolve().parents[2] / "quizapp" / "builtin_article.txt").read_text(
    encoding="utf-8"
)

TEXT = """Coral Reefs

Coral reefs are built by colonies of tiny animals called polyps. They hope to protect the reefs,
and scientists can monitor bleaching from satellites. Reefs foster biodiversity across warm
seas. Governments forge agreements on fishing, and the distant islands promise to revolutionize
tourism. Rising temperatures cause coral bleaching, and ocean acidification weakens skeletons.
"""


@pytest.fixture(scope="module")
def bank():
    return generate(BUILTIN)


def _term_options(bank):
    for q in bank.questions:
        if q.kind in {"multiple_choice", "multiple_select"} and q.answer_type == "term":
            yield q, [o for o in q.options if o[:1].islower() or o.startswith(("The ", "the "))]


# --- 1. options are clean noun phrases ---


def test_article_verbs_learnt_from_context():
    verbs, nouns = article_word_roles(TEXT)
    assert {"hope", "monitor", "revolutionize"} <= verbs  # "They hope", "can monitor", "to ..."
    assert "reefs" in nouns


@pytest.mark.parametrize(
    "phrase",
    [
        "the distant islands promise",  # ends in a verb (plural + verb: a clause)
        "governments forge agreements",  # a clause
        "foster biodiversity",  # a bare verb the article uses as one
        "the accelerate technological development",
        "revolutionize tourism",  # a verb by its ending
        "the reliable spacecraft capable",  # ends in a postpositive adjective
        "peaceful",  # a lone adjective
    ],
)
def test_verb_forms_make_no_noun_phrase(phrase):
    verbs, nouns = article_word_roles(TEXT + " They foster trust. We accelerate change.")
    assert noun_phrase_fault(phrase, verbs, nouns) is not None


@pytest.mark.parametrize(
    "phrase", ["coral bleaching", "ocean acidification", "the warm seas", "tiny animals"]
)
def test_clean_noun_phrases_pass(phrase):
    verbs, nouns = article_word_roles(TEXT)
    assert noun_phrase_fault(phrase, verbs, nouns) is None


def test_a_phrase_ending_in_an_article_verb_is_refused():
    verbs, nouns = article_word_roles("Scientists can survey reefs. The reef survey began.")
    assert noun_phrase_fault("the reef survey", verbs, nouns) == "ends in a verb"


def test_builtin_options_are_noun_phrases(bank):
    junk = {
        "distant galaxies promise",
        "accelerate technological development",
        "foster collaboration",
        "countries forge connections",
        "outer space",
    }
    for q, options in _term_options(bank):
        lowered = {o.lower().removeprefix("the ") for o in options}
        assert not lowered & junk, q.options


def test_options_share_determiner_style(bank):
    for q in bank.questions:
        if q.kind == "multiple_choice" and q.answer_type == "term":
            firsts = {o.split(" ", 1)[0].lower() in {"the", "a", "an"} for o in q.options}
            assert len(firsts) == 1, q.options
            capital = any(o.startswith("The ") for o in q.options)
            assert not capital or str(q.answer).startswith("The "), q.options


# --- 2. no near-synonym distractors on the key's head noun ---


def test_no_distractor_on_the_keys_head_noun(bank):
    for q, options in _term_options(bank):
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        heads = {k.split()[-1].lower() for k in keys}
        for option in options:
            if option not in keys:
                assert option.split()[-1].lower() not in heads, q.options


# --- 3. no generic options ---


@pytest.mark.parametrize(
    "option", ["hope", "look", "future", "knowledge", "resources", "diverse range", "the future"]
)
def test_generic_options_refused(option):
    assert generic_fault(option) is not None


@pytest.mark.parametrize("option", ["astrobiology", "climate change", "telemedicine"])
def test_specific_options_pass(option):
    assert generic_fault(option) is None


def test_no_generic_option_in_builtin_bank(bank):
    for _q, options in _term_options(bank):
        assert all(generic_fault(o) is None for o in options)


# --- 4. true_false balance and form ---


def test_true_false_share_and_balance(bank):
    """At most a fifth of the bank; false statements as many as the article allows up to
    ``MIN_FALSE`` (only those that pass the checks count), and never far fewer than true ones,
    so that "true" is not a safe guess."""
    answers = Counter(q.answer for q in bank.questions if q.kind == "true_false")
    total = sum(answers.values())
    assert total <= 0.2 * len(bank.questions) + 1
    article = analyse(BUILTIN, None)
    good_false = [
        d
        for d in _drafts(article, bank.generator)
        if d.question.kind == "true_false"
        and d.question.answer is False
        and not failed_checks(article, d.question)
    ]
    assert good_false
    assert answers[False] >= min(MIN_FALSE, len(good_false))
    assert abs(answers[True] - answers[False]) <= 2


def test_true_false_statements_read_well(bank):
    for q in bank.questions:
        if q.kind == "true_false":
            body = q.stem[len(TF_PREFIX) :]
            assert q.stem.endswith("?") and not q.stem.endswith(".?")
            first = body.split()[0]
            assert first[0].islower() or first.isupper() or first not in {"The", "In", "A"}


def test_true_false_check_catches_bad_capitals():
    good = _mc()
    q = replace(
        good,
        kind="true_false",
        stem=TF_PREFIX + "The " + SENTENCE.rstrip(".") + ".?",
        options=None,
        answer=True,
        accepted=(),
    )
    assert "true_false_form" in audit(q, BUILTIN)


# --- 5. fill_blank keys are typeable ---


@pytest.mark.parametrize(
    "key",
    [
        "a profound historical significance",
        "The future of international collaboration",
        "the role of space exploration",
        "diverse range",
    ],
)
def test_vague_fill_keys_refused(key):
    assert not fill_key_shape(key)


@pytest.mark.parametrize("key", ["climate change", "anti-satellite weapons", "the cell wall"])
def test_specific_fill_keys_pass(key):
    assert fill_key_shape(key)


def test_fill_blank_keys_in_bank(bank):
    for q in bank.questions:
        if q.kind == "fill_blank":
            assert audit(q, BUILTIN) == []
            bare = q.answer.removeprefix("the ").removeprefix("The ")
            assert bare.lower() in {a.lower() for a in q.accepted}


# --- 6. no long phrase blanked at the start ---


def test_no_subject_blank_for_long_phrases(bank):
    for q in bank.questions:
        # A common-noun phrase ("the space race"), not a name with its article ("the Cold War").
        bare = re.sub(r"^(?:the|a|an) ", "", str(q.answer), flags=re.IGNORECASE)
        common = bare[:1].islower()
        if q.kind in {"fill_blank", "multiple_choice"} and q.answer_type == "term" and common:
            assert not (q.stem.startswith("_____") and len(str(q.answer).split()) >= 3)


# --- the audit checks ---

SENTENCE = (
    "Furthermore, international collaboration in space fosters cultural exchange and mutual "
    "understanding among nations, transcending geopolitical boundaries and promoting peaceful "
    "cooperation."
)


def _mc() -> GeneratedQuestion:
    start = BUILTIN.index(SENTENCE)
    return GeneratedQuestion(
        id="qjunk",
        kind="multiple_choice",
        stem=SENTENCE.removeprefix("Furthermore, i")
        .replace("cultural exchange", "_____")
        .join(["I", ""]),
        options=("cultural exchange", "job creation", "climate change", "skill development"),
        answer="cultural exchange",
        accepted=("cultural exchange",),
        answer_type="term",
        source=Source(SENTENCE, start, start + len(SENTENCE)),
        difficulty=0.4,
        rule="mc.term",
    )


def test_hand_made_good_term_question_passes():
    assert audit(_mc(), BUILTIN) == []


@pytest.mark.parametrize(
    ("check", "options"),
    [
        (
            "option_not_noun_phrase",
            ("cultural exchange", "countries forge connections", "climate change", "job creation"),
        ),
        ("generic_option", ("cultural exchange", "hope", "climate change", "job creation")),
        (
            "determiner_mismatch",
            ("cultural exchange", "the job creation", "climate change", "skill development"),
        ),
        (
            "distractor_same_head",
            ("cultural exchange", "knowledge exchange", "climate change", "job creation"),
        ),
    ],
)
def test_audit_catches_junk_options(check, options):
    assert check in audit(replace(_mc(), options=options), BUILTIN)


def test_audit_catches_vague_fill_and_subject_blank():
    sentence = next(s for s in BUILTIN.split(". ") if "has long captivated" in s)
    start = BUILTIN.index(sentence)
    key = sentence.split(" has ")[0]
    q = replace(
        _mc(),
        kind="fill_blank",
        stem="_____ has" + sentence.split(" has", 1)[1] + ".",
        options=None,
        answer=key + " today",
        accepted=(key + " today",),
        source=Source(sentence, start, start + len(sentence)),
    )
    failed = audit(q, BUILTIN)
    assert "vague_fill_key" in failed or "blank_subject" in failed
