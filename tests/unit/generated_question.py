"""Build a generated question on one sentence of a small test article, for the audit's unit tests.

Each test module writes its own article and sets its own defaults with ``functools.partial``:
``_question = partial(question_on, VALLEY, kind="fill_blank")``; a call overrides any field.
"""

from __future__ import annotations

from quizapp.generation.article import analyse
from quizapp.generation.questions import Draft
from quizapp.generation.types import GeneratedQuestion, Source

#: Sentences with nothing to ask, so a small test article is long enough to be used and its
#: questions come from the sentences a test writes.
FILLER = "The committee met again in the spring and wrote a long report on the matter. "


def notes_text(sentences: str, filler: int = 4) -> str:
    """A small article: a title, ``sentences`` and ``filler`` sentences of ``FILLER``."""
    return f"Notes on the town\n\n{sentences.strip()} {FILLER * filler}\n"


def sentence_source(text: str, opening: str) -> Source:
    """The sentence of ``text`` that opens with ``opening`` (compared with its spaces tidied)."""
    for sentence in analyse(text).sentences:
        if " ".join(sentence.text.split()).startswith(opening):
            return Source(text[sentence.start : sentence.end], sentence.start, sentence.end)
    raise AssertionError(f"no sentence opens with {opening!r}")


def question_on(text: str, opening: str, **fields) -> GeneratedQuestion:
    """A question resting on the sentence that opens with ``opening``; ``fields`` set the rest.

    A fill in the blank with no accepted answers given accepts its key, as generated ones do."""
    question = {
        "id": "qtest",
        "kind": "fill_blank",
        "stem": "",
        "options": None,
        "answer": "",
        "accepted": (),
        "answer_type": "term",
        "source": sentence_source(text, opening),
        "difficulty": 0.3,
        "rule": "test",
        **fields,
    }
    if question["kind"] == "fill_blank" and not question["accepted"]:
        question["accepted"] = (question["answer"],)
    return GeneratedQuestion(**question)


def draft_of(kind: str, answer: object, fact: str, sentence: int = 0, paragraph: int = 0) -> Draft:
    """A ranking draft asking ``fact`` as a question of ``kind``, worth 0.9: its id and stem
    are made of the kind and the fact, so drafts of different facts never count as one."""
    question = GeneratedQuestion(
        id=f"{kind}:{fact}",
        kind=kind,
        stem=f"stem {kind} {fact} _____.",
        options=None,
        answer=answer,
        accepted=(),
        answer_type="term",
        source=Source("s", 0, 1),
        difficulty=0.5,
        rule="test",
    )
    return Draft(question, 0.9, fact, sentence, paragraph, 0.9)
