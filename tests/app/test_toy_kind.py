"""A kind registered here, and nowhere else, goes through the whole app.

Writing it by hand, the bank's review, a quiz, self-paced play, a live game, the public practice,
grading and the report: if any module outside ``quizapp/kinds/`` branched on kind names, this
kind would fail somewhere along the way. It uses the default template partials only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from wtforms import StringField

from quizapp.extensions import db
from quizapp.kinds import REGISTRY, AnswerShape, InvalidKey, InvalidResponse, QuestionKind, Shown
from quizapp.models import Article, ClassSession, PracticeAttempt, Question, Response
from quizapp.operations.practice import add_attempt, new_token
from tests.app.test_teacher_articles import owned_article
from tests.factories import make_session


class Palindrome(QuestionKind):
    """The student types a word that reads the same both ways and starts with the key's letter.

    Grading: full credit for a palindrome starting with the key (a letter), half credit for a
    palindrome starting with another letter, nothing otherwise.
    """

    name = "palindrome"
    label = "Palindrome"
    shape = AnswerShape.TEXT
    has_options = False
    about = "Students type a palindrome starting with a letter."
    hint = "Type a word that reads the same backwards."
    error_fields: ClassVar[dict[str, str]] = {"answer": "letter"}

    def check_key(self, answer, options, accepted, settings):
        letter = str(answer or "").strip().lower()
        if len(letter) != 1 or not letter.isalpha():
            raise InvalidKey("Give one letter.")
        return letter, None, [], {}

    def shown(self, question, seed, shuffle=True) -> Shown:
        return Shown()

    def answer_fields(self, shown: Shown) -> dict[str, Any]:
        return {"word": StringField("Your palindrome")}

    def read_form(self, shown: Shown, form) -> str:
        word = str(form.get("word") or "").strip()
        if not word:
            raise InvalidResponse("Type a word first.")
        return word

    def form_values(self, shown: Shown, response: Any) -> dict[str, Any]:
        return {"word": response}

    def normalise_response(self, raw, options, key=None, settings=None) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise InvalidResponse("The answer must be a word.")
        return raw.strip().lower()

    def _credit(self, key, accepted, response, settings) -> float:
        if response != response[::-1]:
            return 0.0
        return 1.0 if response.startswith(key) else 0.5

    def editor_fields(self) -> dict[str, Any]:
        return {"letter": StringField("First letter")}

    def editor_values(self, question) -> dict[str, Any]:
        return {"letter": question.answer}

    def from_editor(self, data: Mapping[str, Any], previous: Sequence[str]) -> dict[str, Any]:
        return {"answer": data.get("letter"), "options": None, "accepted": [], "settings": {}}


@pytest.fixture
def palindrome() -> Iterator[QuestionKind]:
    kind = REGISTRY.register(Palindrome)
    yield kind
    REGISTRY.unregister(kind.name)


def joined(app: Flask, session_id: int, nickname: str) -> FlaskClient:
    client = app.test_client()
    with app.app_context():
        code = db.session.get(ClassSession, session_id).join_code
    assert client.post(f"/join/{code}", data={"nickname": nickname}).status_code == 302
    return client


def test_a_kind_registered_in_a_test_goes_through_the_whole_app(
    app: Flask, teacher_client: FlaskClient, palindrome: QuestionKind
) -> None:
    # Writing it by hand: the kind's editor fields, its own check of the key.
    article_id = owned_article(app, teacher_client)
    url = f"/teacher/articles/{article_id}/questions/new"
    choose = teacher_client.get(url).get_data(as_text=True)
    assert "Palindrome" in choose and "Students type a palindrome" in choose
    page = teacher_client.get(f"{url}?kind=palindrome").get_data(as_text=True)
    assert "First letter" in page
    refused = teacher_client.post(
        f"{url}?kind=palindrome", data={"source": "0", "stem": "A palindrome?", "letter": "42"}
    )
    assert refused.status_code == 400 and "Give one letter." in refused.get_data(as_text=True)
    added = teacher_client.post(
        f"{url}?kind=palindrome",
        data={"source": "0", "stem": "Name a palindrome starting with R.", "letter": "R"},
    )
    assert added.status_code == 302, added.get_data(as_text=True)

    # Review: the bank groups it under its label and shows the key.
    bank = teacher_client.get(f"/teacher/articles/{article_id}/questions").get_data(as_text=True)
    assert "Name a palindrome starting with R." in bank and 'id="kind-palindrome"' in bank
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.kind == "palindrome"))
        assert question.answer == "r" and question.status == "approved"
        question_id = question.id
        edit = teacher_client.get(f"/teacher/questions/{question_id}/edit")
        assert 'value="r"' in edit.get_data(as_text=True)

        # A quiz of it, played at the student's own pace.
        session = make_session(teacher_client.teacher_id, questions=[question])
        session_id = session.id
        sq_id = session.questions[0].id
    ana = joined(app, session_id, "Ana")
    play = ana.get(f"/play/{session_id}").get_data(as_text=True)
    assert "Your palindrome" in play and "reads the same backwards" in play
    empty = ana.post(f"/play/{session_id}/answer", data={"question_id": sq_id, "word": ""})
    assert empty.status_code == 400 and "Type a word first." in empty.get_data(as_text=True)
    sent = ana.post(f"/play/{session_id}/answer", data={"question_id": sq_id, "word": "Racecar"})
    assert sent.status_code == 302
    feedback = ana.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Right!" in feedback

    # Grading: the kind's rule, partial credit included.
    ben = joined(app, session_id, "Ben")
    ben.get(f"/play/{session_id}")  # the question's clock starts when it is shown
    ben.post(f"/play/{session_id}/answer", data={"question_id": sq_id, "word": "level"})
    with app.app_context():
        credits = sorted(r.credit for r in db.session.scalars(select(Response)))
    assert credits == [0.5, 1.0]

    # The report and its CSV show it like any kind.
    report = teacher_client.get(f"/teacher/sessions/{session_id}/report").get_data(as_text=True)
    assert "Palindrome" in report and "Partly right" in report
    csv = teacher_client.get(f"/teacher/sessions/{session_id}/responses.csv").get_data(as_text=True)
    assert "racecar" in csv and "palindrome" in csv

    # A live game: the phone gets the kind's field, the projector the room's outcomes.
    with app.app_context():
        question = db.session.get(Question, question_id)
        game_id = make_session(teacher_client.teacher_id, mode="live", questions=[question]).id
    cleo = joined(app, game_id, "Cleo")
    assert teacher_client.post(f"/host/{game_id}/next").status_code == 302
    stage = cleo.get(f"/live/{game_id}/stage").get_data(as_text=True)
    assert "Your palindrome" in stage
    with app.app_context():
        live_question = db.session.get(ClassSession, game_id).questions[0].id
    answered = cleo.post(
        f"/live/{game_id}/answer", data={"question_id": live_question, "word": "rotor"}
    )
    assert answered.status_code == 302
    host = teacher_client.get(f"/host/{game_id}/stage").get_data(as_text=True)
    assert "1 right" in host  # everybody answered: the question closed itself

    # The public practice.
    with app.app_context():
        db.session.get(Article, article_id).is_public = True
        token = new_token()
        add_attempt(article_id, token, [question_id], parent=None, now=None)
        db.session.commit()
    visitor = app.test_client()
    practice = visitor.get(f"/practice/{token}").get_data(as_text=True)
    assert "Your palindrome" in practice
    done = visitor.post(
        f"/practice/{token}/answer", data={"question_id": str(question_id), "word": "noon"}
    )
    assert done.status_code == 303, done.get_data(as_text=True)
    assert "Partly right" in visitor.get(done.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        attempt = db.session.scalar(select(PracticeAttempt).where(PracticeAttempt.token == token))
        assert [a.credit for a in attempt.answers] == [0.5]
