"""Teachers' accounts: register, sign in and out, and where sign-in may send them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Teacher
from tests.conftest import PASSWORD, login, settings_for


def register(client, email="ana@school.test", password=PASSWORD, confirm=None, name="Ana"):
    return client.post(
        "/teacher/register",
        data={
            "display_name": name,
            "email": email,
            "password": password,
            "confirm": confirm or password,
        },
    )


def test_register_signs_in_and_hashes_the_password(app, client) -> None:
    response = register(client, email="  Ana@School.TEST ")
    assert response.status_code == 302
    assert client.get("/teacher/").status_code == 200
    with app.app_context():
        teacher = db.session.scalar(select(Teacher))
        assert teacher.email == "ana@school.test"
        assert teacher.password_hash.startswith("scrypt:")
        assert PASSWORD not in teacher.password_hash


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"password": "short", "confirm": "short"}, "at least 10"),
        ({"confirm": "something else entirely"}, "The passwords differ."),
        ({"email": "not-an-address"}, "Enter an e-mail address"),
        ({"name": ""}, "This field is required."),
    ],
)
def test_register_rejects_bad_input_with_a_message(client, fields, message) -> None:
    response = register(client, **fields)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_one_account_per_address(client, make_teacher) -> None:
    make_teacher("ana@school.test")
    response = register(client, email="ANA@school.test")
    assert response.status_code == 400
    assert "exists already" in response.get_data(as_text=True)


def test_login_failure_does_not_say_which_part_was_wrong(client, make_teacher) -> None:
    make_teacher("ana@school.test")
    wrong_password = login(client, "ana@school.test", "wrong password!")
    unknown_email = login(client, "nobody@school.test")
    assert wrong_password.status_code == unknown_email.status_code == 400
    message = "That e-mail and password do not match an account."
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_email.get_data(as_text=True)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/teacher/?tab=1", "/teacher/?tab=1"),
        ("https://evil.example/", "/teacher/"),
        ("//evil.example/", "/teacher/"),
        ("/\\evil.example", "/teacher/"),
        ("javascript:alert(1)", "/teacher/"),
    ],
)
def test_login_next_stays_on_this_site(client, make_teacher, target, expected) -> None:
    _, email = make_teacher()
    response = client.post(
        "/teacher/login", query_string={"next": target}, data={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_teacher_pages_need_a_sign_in(client) -> None:
    response = client.get("/teacher/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/teacher/login?next=")


def test_logout_is_a_post(teacher_client) -> None:
    assert teacher_client.get("/teacher/logout").status_code == 405
    assert teacher_client.post("/teacher/logout").status_code == 302
    assert teacher_client.get("/teacher/").status_code == 302


def test_forms_need_a_csrf_token(template_database, tmp_path) -> None:
    import shutil

    from quizapp import create_app

    database = tmp_path / "csrf.sqlite"
    shutil.copyfile(template_database, database)
    app = create_app(settings_for(database, WTF_CSRF_ENABLED=True), instance_path=str(tmp_path))
    response = register(app.test_client())
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
