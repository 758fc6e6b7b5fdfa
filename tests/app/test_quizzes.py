"""Building quizzes: choosing approved questions, random picks, ordering, settings, access."""

from __future__ import annotations

import random
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Article, ClassSession, Question, Quiz
from quizapp.operations.articles import find_builtin_article
from quizapp.operations.quizzes import QuizError, move_item, pick_random, remove_item
from tests.conftest import login

SETTINGS = {
    "time_limit": "30",
    "scoring_mode": "speed",
    "feedback": "each",
    "shuffle_options": "y",
}


def approve_builtin(app, leave_pending: int = 3) -> dict[str, list[int]]:
    """Approve the built-in questions but the last ``leave_pending``; returns ids by status."""
    with app.app_context():
        questions = find_builtin_article().questions
        for question in questions[: len(questions) - leave_pending]:
            question.status = "approved"
        db.session.commit()
        ids: dict[str, list[int]] = {"approved": [], "pending": []}
        for question in questions:
            ids[question.status].append(question.id)
        return ids


def create_quiz_via_form(client, question_ids, title="Space agencies", **extra):
    data = {"title": title, "action": "pick", **SETTINGS, **extra}
    data["question_ids"] = [str(qid) for qid in question_ids]
    return client.post("/teacher/quizzes/new", data=data)


def quiz_id_from(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/teacher/quizzes/(\d+)$", response.headers["Location"]).group(1))


def item_state(app, quiz_id):
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        return [(item.id, item.question_id, item.position) for item in quiz.items]


def test_create_quiz_from_approved_questions(app, teacher_client) -> None:
    ids = approve_builtin(app)
    chosen = [ids["approved"][5], ids["approved"][0], ids["approved"][9]]
    response = create_quiz_via_form(teacher_client, chosen, time_limit="", streak_bonus="y")
    quiz_id = quiz_id_from(response)
    assert [(q, p) for _, q, p in item_state(app, quiz_id)] == [
        (chosen[0], 0),
        (chosen[1], 1),
        (chosen[2], 2),
    ]
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert quiz.owner_id == teacher_client.teacher_id
        assert quiz.time_limit is None
        assert quiz.streak_bonus is True
        assert quiz.shuffle_questions is False
    page = teacher_client.get(f"/teacher/quizzes/{quiz_id}").get_data(as_text=True)
    assert 'Move<span class="visually-hidden"> question 3</span> up' in page
    assert teacher_client.get("/teacher/quizzes").status_code == 200


def test_new_quiz_page_lists_only_approved_questions(app, teacher_client) -> None:
    ids = approve_builtin(app)
    with app.app_context():
        article_id = find_builtin_article().id
    page = teacher_client.get(f"/teacher/quizzes/new?article_id={article_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'value="{ids["approved"][0]}"' in html
    assert f'name="question_ids" value="{ids["pending"][0]}"' not in html
    assert teacher_client.get("/teacher/quizzes/new?article_id=9999").status_code == 404


def test_pending_questions_are_refused(app, teacher_client) -> None:
    ids = approve_builtin(app)
    response = create_quiz_via_form(teacher_client, [ids["approved"][0], ids["pending"][0]])
    assert response.status_code == 400
    assert "Only approved questions can go in a quiz" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Quiz.id)) is None


def test_nothing_chosen_and_unknown_ids_are_refused(app, teacher_client) -> None:
    approve_builtin(app)
    empty = create_quiz_via_form(teacher_client, [])
    assert empty.status_code == 400
    assert "Choose at least one question" in empty.get_data(as_text=True)
    garbage = teacher_client.post(
        "/teacher/quizzes/new",
        data={"title": "x", "action": "pick", **SETTINGS, "question_ids": ["abc"]},
    )
    assert garbage.status_code == 400
    unknown = create_quiz_via_form(teacher_client, [999999])
    assert unknown.status_code == 400
    assert "not yours to use" in unknown.get_data(as_text=True)


def test_another_teachers_question_is_refused(app, teacher_client, make_teacher) -> None:
    other_id, _ = make_teacher()
    with app.app_context():
        article = Article(owner_id=other_id, title="Private", body="x", sha256="0" * 64, words=1)
        question = Question(
            article=article,
            kind="true_false",
            stem="Secret?",
            answer=True,
            answer_type="boolean",
            source_sentence="x",
            source_start=0,
            source_end=1,
            rule="teacher",
            status="approved",
        )
        db.session.add(article)
        db.session.commit()
        question_id = question.id
    response = create_quiz_via_form(teacher_client, [question_id])
    assert response.status_code == 400
    assert "not yours to use" in response.get_data(as_text=True)


def test_random_pick_through_the_form_covers_every_kind(app, teacher_client) -> None:
    approve_builtin(app, leave_pending=0)
    with app.app_context():
        kinds = {q.kind for q in find_builtin_article().questions}
    response = teacher_client.post(
        "/teacher/quizzes/new",
        data={
            "title": "Random",
            "action": "random",
            "random_count": str(len(kinds)),
            "random_article": "all",
            **SETTINGS,
        },
    )
    quiz_id = quiz_id_from(response)
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert {item.question.kind for item in quiz.items} == kinds
        assert len(quiz.items) == len(kinds)


def test_random_pick_needs_a_count_and_approved_questions(app, teacher_client) -> None:
    data = {"title": "Random", "action": "random", "random_article": "all", **SETTINGS}
    none_approved = teacher_client.post("/teacher/quizzes/new", data={**data, "random_count": "5"})
    assert none_approved.status_code == 400
    assert "no approved questions" in none_approved.get_data(as_text=True)
    no_count = teacher_client.post("/teacher/quizzes/new", data={**data, "random_count": ""})
    assert no_count.status_code == 400
    assert "how many questions" in no_count.get_data(as_text=True)


def fake_bank(counts: dict[str, int]):
    questions = []
    for kind, count in counts.items():
        for _ in range(count):
            questions.append(SimpleNamespace(id=len(questions) + 1, kind=kind, status="approved"))
    questions.append(SimpleNamespace(id=999, kind="ordering", status="pending"))
    return [SimpleNamespace(questions=questions)]


def test_pick_random_round_robins_across_kinds() -> None:
    bank = fake_bank({"multiple_choice": 20, "true_false": 10, "fill_blank": 3, "matching": 1})
    for seed in range(20):
        picked = pick_random(bank, 4, random.Random(seed))
        assert Counter(q.kind for q in picked) == {
            "multiple_choice": 1,
            "true_false": 1,
            "fill_blank": 1,
            "matching": 1,
        }
    ten = pick_random(bank, 10, random.Random(1))
    assert Counter(q.kind for q in ten) == {
        "multiple_choice": 3,
        "true_false": 3,
        "fill_blank": 3,
        "matching": 1,
    }
    assert len({q.id for q in ten}) == 10
    assert 999 not in {q.id for q in pick_random(bank, 100, random.Random(2))}
    assert len(pick_random(bank, 100, random.Random(2))) == 34
    same = [q.id for q in pick_random(bank, 7, random.Random(42))]
    assert same == [q.id for q in pick_random(bank, 7, random.Random(42))]
    assert pick_random(bank, 0, random.Random(1)) == []


def make_quiz_of(app, client, count: int) -> int:
    ids = approve_builtin(app)
    return quiz_id_from(create_quiz_via_form(client, ids["approved"][:count]))


def assert_dense(state) -> None:
    assert [position for _, _, position in state] == list(range(len(state)))


def test_reorder_with_move_up_and_down(app, teacher_client) -> None:
    quiz_id = make_quiz_of(app, teacher_client, 4)
    before = item_state(app, quiz_id)
    third = before[2][0]
    moved = teacher_client.post(
        f"/teacher/quizzes/{quiz_id}/items/{third}/move", data={"direction": "up"}
    )
    assert moved.status_code == 302
    assert moved.headers["Location"].endswith(f"#item-{third}")
    after = item_state(app, quiz_id)
    assert_dense(after)
    assert [q for _, q, _ in after] == [before[0][1], before[2][1], before[1][1], before[3][1]]

    teacher_client.post(
        f"/teacher/quizzes/{quiz_id}/items/{third}/move", data={"direction": "down"}
    )
    assert item_state(app, quiz_id) == before

    first, last = before[0][0], before[-1][0]
    teacher_client.post(f"/teacher/quizzes/{quiz_id}/items/{first}/move", data={"direction": "up"})
    teacher_client.post(f"/teacher/quizzes/{quiz_id}/items/{last}/move", data={"direction": "down"})
    assert item_state(app, quiz_id) == before

    bad = teacher_client.post(
        f"/teacher/quizzes/{quiz_id}/items/{first}/move", data={"direction": "sideways"}
    )
    assert bad.status_code == 400
    missing = teacher_client.post(
        f"/teacher/quizzes/{quiz_id}/items/999999/move", data={"direction": "up"}
    )
    assert missing.status_code == 404


def test_move_and_remove_operations_keep_positions_dense(app, teacher_client) -> None:
    quiz_id = make_quiz_of(app, teacher_client, 5)
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        ids = [item.id for item in quiz.items]
        assert move_item(quiz, ids[4], -10) == 0
        assert move_item(quiz, ids[0], 2) == 3
        db.session.commit()
        order = [item.id for item in db.session.get(Quiz, quiz_id).items]
        assert order == [ids[4], ids[1], ids[2], ids[0], ids[3]]
        remove_item(quiz, ids[1])
        db.session.commit()
        with pytest.raises(QuizError):
            remove_item(quiz, 123456)
    state = item_state(app, quiz_id)
    assert_dense(state)
    assert [item_id for item_id, _, _ in state] == [ids[4], ids[2], ids[0], ids[3]]


def test_remove_and_add_through_the_pages(app, teacher_client) -> None:
    ids = approve_builtin(app)
    quiz_id = quiz_id_from(create_quiz_via_form(teacher_client, ids["approved"][:3]))
    second = item_state(app, quiz_id)[1][0]
    assert (
        teacher_client.post(f"/teacher/quizzes/{quiz_id}/items/{second}/remove").status_code == 302
    )
    assert_dense(item_state(app, quiz_id))
    assert len(item_state(app, quiz_id)) == 2

    added = teacher_client.post(
        f"/teacher/quizzes/{quiz_id}/questions",
        data={"question_ids": [str(ids["approved"][10]), str(ids["approved"][11])]},
    )
    assert added.status_code == 302
    state = item_state(app, quiz_id)
    assert_dense(state)
    assert [q for _, q, _ in state][-2:] == [ids["approved"][10], ids["approved"][11]]

    pending = teacher_client.post(
        f"/teacher/quizzes/{quiz_id}/questions", data={"question_ids": [str(ids["pending"][0])]}
    )
    assert pending.status_code == 400
    assert "Only approved questions" in pending.get_data(as_text=True)
    nothing = teacher_client.post(f"/teacher/quizzes/{quiz_id}/questions", data={})
    assert nothing.status_code == 400


def test_settings_are_validated(app, teacher_client) -> None:
    ids = approve_builtin(app)
    too_short = create_quiz_via_form(teacher_client, ids["approved"][:2], time_limit="3")
    assert too_short.status_code == 400
    assert "between 5 and 600 seconds" in too_short.get_data(as_text=True)
    bad_mode = create_quiz_via_form(teacher_client, ids["approved"][:2], scoring_mode="luck")
    assert bad_mode.status_code == 400
    no_title = create_quiz_via_form(teacher_client, ids["approved"][:2], title="  ")
    assert no_title.status_code == 400

    quiz_id = quiz_id_from(create_quiz_via_form(teacher_client, ids["approved"][:2]))
    assert teacher_client.get(f"/teacher/quizzes/{quiz_id}/edit").status_code == 200
    edit = {"title": "Renamed", "time_limit": "601", "scoring_mode": "accuracy", "feedback": "end"}
    refused = teacher_client.post(f"/teacher/quizzes/{quiz_id}/edit", data=edit)
    assert refused.status_code == 400
    assert "between 5 and 600 seconds" in refused.get_data(as_text=True)
    saved = teacher_client.post(f"/teacher/quizzes/{quiz_id}/edit", data={**edit, "time_limit": ""})
    assert saved.status_code == 302
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id)
        assert (quiz.title, quiz.time_limit, quiz.scoring_mode, quiz.feedback) == (
            "Renamed",
            None,
            "accuracy",
            "end",
        )
        assert quiz.shuffle_options is False  # an unticked box is off


def test_deleting_a_quiz_keeps_its_sessions(app, teacher_client) -> None:
    quiz_id = make_quiz_of(app, teacher_client, 2)
    assert teacher_client.post(f"/teacher/quizzes/{quiz_id}/sessions").status_code == 302
    deleted = teacher_client.post(f"/teacher/quizzes/{quiz_id}/delete")
    assert deleted.status_code == 302
    with app.app_context():
        assert db.session.get(Quiz, quiz_id) is None
        session = db.session.scalar(select(ClassSession))
        assert session.quiz_id is None
        assert len(session.questions) == 2
    assert teacher_client.get(f"/teacher/quizzes/{quiz_id}").status_code == 404


def test_another_teacher_gets_404(app, client, make_teacher) -> None:
    _, owner_email = make_teacher()
    login(client, owner_email)
    quiz_id = make_quiz_of(app, client, 3)
    item_id = item_state(app, quiz_id)[0][0]
    client.post("/teacher/logout")
    _, other_email = make_teacher()
    login(client, other_email)
    assert client.get(f"/teacher/quizzes/{quiz_id}").status_code == 404
    assert client.get(f"/teacher/quizzes/{quiz_id}/edit").status_code == 404
    assert client.post(f"/teacher/quizzes/{quiz_id}/edit", data={"title": "x"}).status_code == 404
    assert (
        client.post(
            f"/teacher/quizzes/{quiz_id}/items/{item_id}/move", data={"direction": "down"}
        ).status_code
        == 404
    )
    assert client.post(f"/teacher/quizzes/{quiz_id}/items/{item_id}/remove").status_code == 404
    assert client.post(f"/teacher/quizzes/{quiz_id}/questions", data={}).status_code == 404
    assert client.post(f"/teacher/quizzes/{quiz_id}/sessions").status_code == 404
    assert client.post(f"/teacher/quizzes/{quiz_id}/delete").status_code == 404
    assert f'/teacher/quizzes/{quiz_id}"' not in client.get("/teacher/quizzes").get_data(
        as_text=True
    )
    assert len(item_state(app, quiz_id)) == 3


@pytest.mark.parametrize("path", ["/teacher/quizzes", "/teacher/quizzes/new", "/teacher/quizzes/1"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "/teacher/login" in response.headers["Location"]


def test_anonymous_posts_change_nothing(client) -> None:
    response = client.post("/teacher/quizzes/new", data={"title": "x"})
    assert response.status_code == 302
    assert "/teacher/login" in response.headers["Location"]
