"""Issue 14's second round of hardening: what an attack on the running app found.

Sessions that outlive sign-out, guessable passwords, look-alike nicknames, quiz bombing, pages a
browser may store, files others may read, and live state that answered anyone.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from flask import Flask

from quizapp import create_app
from tests.conftest import PASSWORD, login, settings_for, sqlite_only

# --- Signing out ends the sign-in on the server (item 6) ----------------------------------------


def signed_in_as(app: Flask, email: str, *, remember: bool = False):
    client = app.test_client()
    data = {"email": email, "password": PASSWORD, **({"remember": "y"} if remember else {})}
    assert client.post("/teacher/login", data=data).status_code == 302
    return client


def opens_dashboard(client) -> bool:
    response = client.get("/teacher/")
    return response.status_code == 200


def with_cookie(app: Flask, name: str, value: str):
    """A fresh browser holding only a copy of one cookie."""
    client = app.test_client()
    client.set_cookie(name, value)
    return client


def test_a_copied_session_cookie_dies_at_sign_out(app: Flask, make_teacher) -> None:
    _, email = make_teacher()
    teacher = signed_in_as(app, email)
    copied = teacher.get_cookie("session").value
    assert opens_dashboard(with_cookie(app, "session", copied))
    assert teacher.post("/teacher/logout").status_code == 302
    assert not opens_dashboard(with_cookie(app, "session", copied))


def test_a_remember_me_cookie_dies_at_sign_out(app: Flask, make_teacher) -> None:
    _, email = make_teacher()
    teacher = signed_in_as(app, email, remember=True)
    remembered = teacher.get_cookie("remember_token").value
    assert opens_dashboard(with_cookie(app, "remember_token", remembered))
    teacher.post("/teacher/logout")
    assert not opens_dashboard(with_cookie(app, "remember_token", remembered))


def test_signing_out_one_browser_leaves_the_others(app: Flask, make_teacher) -> None:
    _, email = make_teacher()
    laptop, phone = signed_in_as(app, email), signed_in_as(app, email)
    laptop.post("/teacher/logout")
    assert not opens_dashboard(laptop)
    assert opens_dashboard(phone)


def test_sign_out_everywhere(app: Flask, make_teacher) -> None:
    _, email = make_teacher()
    _, other_email = make_teacher()
    laptop, phone = signed_in_as(app, email), signed_in_as(app, email, remember=True)
    remembered = phone.get_cookie("remember_token").value
    colleague = signed_in_as(app, other_email)
    assert laptop.get("/teacher/account").status_code == 200
    response = laptop.post("/teacher/account/sign-out-everywhere", follow_redirects=True)
    assert "signed out everywhere (2 sign-ins ended)" in response.get_data(as_text=True)
    assert not opens_dashboard(laptop)
    assert not opens_dashboard(phone)
    assert not opens_dashboard(with_cookie(app, "remember_token", remembered))
    assert opens_dashboard(colleague)


def change_password(client, current: str, new: str):
    return client.post(
        "/teacher/account/password",
        data={"current": current, "password": new, "confirm": new},
    )


def test_a_new_password_signs_out_every_other_browser(app: Flask, make_teacher) -> None:
    _, email = make_teacher()
    laptop, phone = signed_in_as(app, email), signed_in_as(app, email, remember=True)
    remembered = phone.get_cookie("remember_token").value
    assert change_password(laptop, PASSWORD, "quince lantern orbit").status_code == 302
    assert opens_dashboard(laptop)
    assert not opens_dashboard(phone)
    assert not opens_dashboard(with_cookie(app, "remember_token", remembered))
    assert login(app.test_client(), email).status_code == 400
    assert login(app.test_client(), email, "quince lantern orbit").status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        ("wrong password!", "quince lantern orbit", "That is not your current password."),
        (PASSWORD, "password12", "This password is too easy to guess."),
        (PASSWORD, "short", "at least 10"),
    ],
)
def test_a_password_change_is_refused_with_a_reason(
    app: Flask, make_teacher, current, new, message
) -> None:
    _, email = make_teacher()
    laptop, phone = signed_in_as(app, email), signed_in_as(app, email)
    response = change_password(laptop, current, new)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert opens_dashboard(laptop) and opens_dashboard(phone)


def test_sign_ins_from_before_the_upgrade_must_sign_in_again(app: Flask, make_teacher) -> None:
    """A cookie naming only the teacher's id (as before sign-ins were recorded) opens nothing."""
    teacher_id, _ = make_teacher()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher_id)
        session["_fresh"] = True
    assert not opens_dashboard(client)


# --- Passwords (item 10) ------------------------------------------------------------------------


def register(client, password: str, email: str = "ana.rivera@school.test"):
    return client.post(
        "/teacher/register",
        data={
            "display_name": "Ana Rivera",
            "email": email,
            "password": password,
            "confirm": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaa", "Repeats like"),
        ("1234567890", "common password"),
        ("password12", "common password"),
        ("ana.rivera2", "too easy to guess"),  # the account's own e-mail
    ],
)
def test_guessable_passwords_are_refused_with_the_reason(client, password, why) -> None:
    response = register(client, password)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This password is too easy to guess." in page
    assert why in page


def test_a_hard_password_is_accepted(client) -> None:
    assert register(client, "plum harbour ledger").status_code == 302


# --- Pages a browser may keep (Small) -----------------------------------------------------------


def test_teacher_pages_are_never_stored(teacher_client) -> None:
    for path in ["/teacher/", "/teacher/articles", "/teacher/quizzes", "/"]:
        response = teacher_client.get(path)
        assert response.status_code == 200, path
        assert response.headers.get("Cache-Control") == "no-store", path


def test_sign_in_page_is_never_stored(client) -> None:
    assert client.get("/teacher/login").headers.get("Cache-Control") == "no-store"


def test_static_files_stay_cacheable(teacher_client) -> None:
    response = teacher_client.get("/static/css/app.css")
    assert response.headers.get("Cache-Control") != "no-store"


# --- Files others may read (Small) --------------------------------------------------------------


def others_bits(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode) & 0o077


@sqlite_only
def test_a_new_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "fresh" / "quizapp.sqlite"
    database.parent.mkdir()
    app = create_app(settings_for(database), instance_path=str(database.parent))
    assert app.test_client().get("/").status_code == 200
    assert database.exists()
    assert others_bits(database) == 0
    for extra in ("-wal", "-shm"):
        sidecar = Path(f"{database}{extra}")
        if sidecar.exists():
            assert others_bits(sidecar) == 0, extra


@sqlite_only
def test_backups_are_readable_by_their_owner_only(app: Flask, runner, tmp_path: Path) -> None:
    path = tmp_path / "backup.sqlite"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert others_bits(path) == 0
