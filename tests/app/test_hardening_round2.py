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
from tests.factories import make_session

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


# --- Look-alike and invisible nicknames (item 8) ------------------------------------------------


@pytest.fixture
def open_game(app: Flask, make_teacher):
    """A live game's join code, from a teacher's quiz."""
    teacher_id, _ = make_teacher()
    with app.app_context():
        return make_session(teacher_id, mode="live").join_code


def join_as(app: Flask, code: str, nickname: str, client=None):
    client = client or app.test_client()
    return client.post(f"/join/{code}", data={"nickname": nickname})


@pytest.mark.parametrize(
    "look_alike",
    [
        "\u0410na",  # Cyrillic capital A
        "\u0430na",  # Cyrillic small a
        "Ana\u3164",  # Hangul filler after the name
        "\u3164Ana",
        "Ana\u2800",  # braille blank
        "A\u034fna",  # combining grapheme joiner
        "A\u200bna",  # zero-width space
        "\uff21na",  # full-width A
        "\U0001d400na",  # mathematical bold A
        "ANA",
    ],
)
def test_a_look_alike_of_a_joined_nickname_is_refused(app, open_game, look_alike) -> None:
    assert join_as(app, open_game, "Ana").status_code == 302
    response = join_as(app, open_game, look_alike)
    assert response.status_code == 409
    assert "already called" in response.get_data(as_text=True)


@pytest.mark.parametrize(("first", "second"), [("Alex", "AIex"), ("Bob", "B0b"), ("Sam1", "Saml")])
def test_letters_and_digits_that_look_alike_are_one_name(app, open_game, first, second) -> None:
    assert join_as(app, open_game, first).status_code == 302
    assert join_as(app, open_game, second).status_code == 409


@pytest.mark.parametrize(
    "blank",
    ["\u3164", "\u3164\u3164\u3164", "\u2800\u2800", "\u034f", "\u115f\u1160", "...", "🙂🙂"],
)
def test_a_nickname_needs_a_visible_letter_or_digit(app, open_game, blank) -> None:
    response = join_as(app, open_game, blank)
    assert response.status_code == 400
    assert "at least one letter or digit" in response.get_data(as_text=True)


def test_different_names_still_join(app, open_game) -> None:
    for name in ["Ana", "Anna", "Zoë", "Zoe 2", "李雷", "Ana María", "🚀 Rocket", "ß" * 20]:
        assert join_as(app, open_game, name).status_code == 302, name


# --- Quiz bombing (item 7) ----------------------------------------------------------------------


@pytest.fixture
def live_game(app: Flask, make_teacher):
    """A live game: (join code, session id, the host's signed-in browser)."""
    teacher_id, email = make_teacher()
    with app.app_context():
        session = make_session(teacher_id, mode="live")
        code, session_id = session.join_code, session.id
    return code, session_id, signed_in_as(app, email)


def test_the_host_locks_the_lobby(app, live_game) -> None:
    code, session_id, host = live_game
    inside = app.test_client()
    assert join_as(app, code, "Ana", inside).status_code == 302
    assert host.post(f"/host/{session_id}/lock", data={"locked": "1"}).status_code == 302
    assert "Locked: nobody new can join" in host.get(f"/host/{session_id}").get_data(as_text=True)

    refused = join_as(app, code, "Ben")
    assert refused.status_code == 403
    assert "locked this game" in refused.get_data(as_text=True)
    assert inside.get(f"/live/{session_id}").status_code == 200  # players inside carry on
    assert join_as(app, code, "Ana again", inside).status_code == 302  # welcome back

    assert host.post(f"/host/{session_id}/lock", data={"locked": "0"}).status_code == 302
    assert join_as(app, code, "Ben").status_code == 302


def test_only_the_host_locks_the_lobby(app, live_game, make_teacher) -> None:
    _, session_id, _ = live_game
    _, other_email = make_teacher()
    other = signed_in_as(app, other_email)
    assert other.post(f"/host/{session_id}/lock", data={"locked": "1"}).status_code == 404
    assert app.test_client().post(f"/host/{session_id}/lock", data={"locked": "1"}).status_code in (
        302,
        401,
    )
    assert (
        app.test_client().post(f"/host/{session_id}/lock", data={"locked": "x"}).status_code != 500
    )


def test_a_game_takes_at_most_max_players(app, live_game) -> None:
    code, _, _ = live_game
    app.config["MAX_PLAYERS"] = 3
    for number in range(3):
        assert join_as(app, code, f"Player {number}").status_code == 302
    full = join_as(app, code, "One too many")
    assert full.status_code == 403
    assert "This game is full" in full.get_data(as_text=True)


def test_the_player_cap_defaults_to_two_thousand(app) -> None:
    assert app.config["MAX_PLAYERS"] == 2000


def test_a_removed_player_cannot_rejoin_from_the_same_browser(app, live_game) -> None:
    code, session_id, host = live_game
    rude = app.test_client()
    assert join_as(app, code, "Rude name", rude).status_code == 302
    with app.app_context():
        from sqlalchemy import select

        from quizapp.extensions import db
        from quizapp.models import Participant

        player = db.session.scalar(select(Participant).where(Participant.nickname == "Rude name"))
    assert host.post(f"/host/{session_id}/players/{player.id}/remove").status_code == 302

    again = join_as(app, code, "Innocent name", rude)
    assert again.status_code == 403
    assert "removed you from this game" in again.get_data(as_text=True)
    typed = rude.post("/join", data={"code": code, "nickname": "Other name"})
    assert typed.status_code == 403
    assert rude.get(f"/live/{session_id}").status_code == 302  # and the old seat is gone
    assert join_as(app, code, "Innocent name").status_code == 302  # another browser may join


def test_a_class_behind_one_address_joins_but_a_flood_does_not(app, live_game) -> None:
    """30 phones behind one school router join within a minute; the 91st new player waits."""
    code, _, _ = live_game
    for number in range(30):
        phone = app.test_client()
        assert phone.get(f"/join/{code}").status_code == 200
        assert join_as(app, code, f"Student {number}", phone).status_code == 302, number
    statuses = [join_as(app, code, f"Bot {number}").status_code for number in range(61)]
    assert statuses[:60] == [302] * 60
    assert statuses[60] == 429


def test_failed_joins_do_not_use_up_the_new_player_limit(app, live_game) -> None:
    code, _, _ = live_game
    assert join_as(app, code, "Ana").status_code == 302
    for _ in range(100):
        assert join_as(app, code, "Ana").status_code == 409  # a taken name: nobody was added
    assert join_as(app, code, "Ben").status_code == 302


# --- Live state for the game's players and host only (Small) ------------------------------------


def live_poll(client, session_id: int, etag: str | None = None):
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(f"/live/{session_id}/state", headers=headers)


def test_strangers_cannot_scan_live_games(app, live_game) -> None:
    _, session_id, _ = live_game
    stranger = app.test_client()
    missing = live_poll(stranger, session_id + 1000)
    for etag in (None, 'W/"1"', 'W/"2"', 'W/"3"'):
        response = live_poll(stranger, session_id, etag)
        assert response.status_code == missing.status_code == 404, etag
        assert b"phase" not in response.data
    assert stranger.get(f"/live/{session_id}/stage").status_code == 404
    assert (
        stranger.get(f"/live/{session_id}").headers["Location"]
        == stranger.get(f"/live/{session_id + 1000}").headers["Location"]
    )


def test_players_and_the_host_follow_the_game(app, live_game, make_teacher) -> None:
    code, session_id, host = live_game
    player = app.test_client()
    join_as(app, code, "Ana", player)
    first = live_poll(player, session_id)
    assert first.status_code == 200 and first.json["phase"] == "lobby"
    assert live_poll(player, session_id, first.headers["ETag"]).status_code == 304
    assert live_poll(host, session_id).status_code == 200
    _, other_email = make_teacher()
    assert live_poll(signed_in_as(app, other_email), session_id).status_code == 404
    other_game_player = app.test_client()
    other_game_player.set_cookie(
        f"quizapp_p{session_id + 1}", player.get_cookie(f"quizapp_p{session_id}").value
    )
    assert live_poll(other_game_player, session_id + 1).status_code == 404


def test_a_removed_player_is_told_and_gets_no_more_state(app, live_game) -> None:
    code, session_id, host = live_game
    player = app.test_client()
    join_as(app, code, "Ana", player)
    etag = live_poll(player, session_id).headers["ETag"]
    with app.app_context():
        from sqlalchemy import select

        from quizapp.extensions import db
        from quizapp.models import Participant

        ana = db.session.scalar(select(Participant).where(Participant.nickname == "Ana"))
    host.post(f"/host/{session_id}/players/{ana.id}/remove")
    assert live_poll(player, session_id, etag).status_code == 403
    assert live_poll(player, session_id).status_code == 403
    gone = player.get(f"/live/{session_id}/stage")
    assert gone.status_code == 403 and "removed you" in gone.get_data(as_text=True)
