"""Hostile input on every form and JSON endpoint: never a 500, and the database stays consistent.

Every POST route of ``app.url_map`` (and every GET route, with junk query strings) gets random
and hostile values: wrong types, missing and unknown fields, huge values, unknown ids, unicode
junk, JSON bodies where forms are expected. Each request is made as the user who reaches the
deepest code: teacher A for her routes, a joined student for the students' routes. After each
route the database must pass SQLite's integrity and foreign-key checks and the play invariants.

Bounded: ``MAX_EXAMPLES`` per route, no deadline. CSRF is off (as in the other app tests), and the
rate limits are raised so that the requests reach the views.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from quizapp import create_app
from quizapp.extensions import db
from tests.app.test_authz_matrix import World, build_world, join, signed_in
from tests.conftest import settings_for

MAX_EXAMPLES = 25
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is reproducible
    database=None,  # so no .hypothesis folder is left in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HIGH = "100000 per minute"

#: Values that have broken web apps before.
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "2",
    "3.5",
    "1e309",
    "nan",
    "inf",
    "true",
    "false",
    "null",
    "None",
    "[]",
    "{}",
    "9" * 30,
    str(2**63),
    str(2**31),
    "\u00b2",  # a digit to str.isdigit(), not to int()
    "\u0663",  # ARABIC-INDIC DIGIT THREE: int() reads it as 3
    "\uff11",  # FULLWIDTH DIGIT ONE
    "<script>alert(1)</script>",
    "'; DROP TABLE participant; --",
    "\u202eevil\u202c",
    "\u200b\u200d\ufeff",
    "\x00",
    "\ud7ff\ue000\U0010ffff",
    "👩‍🚀" * 50,
    "a" * 5_000,
    "x\r\ny\rz\n",
    "%00%2e%2e/",
    "../../etc/passwd",
    "live",
    "self_paced",
    "approved",
    "rejected",
    "random",
    "up",
    "down",
    "all",
    "1.5",
    "2.0",
    # Edges of time, for date and time fields (a deadline plus a time-zone offset once overflowed).
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "-960",
    "960",
    # Characters that grow when case-folded or NFKC-normalised ("ss", "ffi", 18 letters).
    "\u00df" * 24,
    "\ufdfa" * 3,
]

#: Field names the app's forms use, so that random values reach the validation of real fields.
FIELDS = sorted(
    {
        "email", "password", "confirm", "display_name", "remember", "code", "nickname",
        "question_id", "answer", "picks", "text", "match_0", "match_1", "match_2", "position_0",
        "position_1", "position_2", "title", "status", "show", "question", "action", "kind",
        "stem", "key", "keys", "wrong", "truth", "accepted", "pairs", "order", "approve",
        "source", "mode", "deadline", "stem_on_phones", "time_limit", "scoring_mode", "feedback",
        "shuffle_questions", "shuffle_options", "streak_bonus", "question_ids", "random_article",
        "random_count", "direction", "time_factor", "upload", "tz_offset",
    }
)  # fmt: skip

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet="0123456789", min_size=1, max_size=25),
)
field_values = st.one_of(values, st.lists(values, min_size=2, max_size=4))
forms = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12)),
    field_values,
    max_size=8,
)
json_bodies = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)
    ),
    max_leaves=10,
)


# --- The app, its world, and who asks -------------------------------------------------------------


@pytest.fixture
def fuzz_app(template_database: Path, tmp_path: Path) -> Flask:
    database = tmp_path / "quizapp.sqlite"
    shutil.copyfile(template_database, database)
    limits = {
        f"RATELIMIT_{name}": HIGH
        for name in ("LOGIN", "REGISTER", "JOIN", "ANSWER", "PRACTICE_START", "PRACTICE_ANSWER")
    }
    return create_app(settings_for(database, **limits), instance_path=str(tmp_path))


@pytest.fixture
def fuzz_world(fuzz_app: Flask, make_teacher_for_fuzz) -> tuple[World, dict[str, Any]]:
    world = build_world(fuzz_app, make_teacher_for_fuzz)
    teacher = signed_in(fuzz_app, world.email_a)
    clients = {
        "teacher": teacher,
        "self_paced": join(fuzz_app, world, world.self_paced_id, "Ana"),
        "live": join(fuzz_app, world, world.live_id, "Ben"),
        "anonymous": fuzz_app.test_client(),
    }
    assert teacher.post(f"/host/{world.live_id}/next").status_code == 302  # question 1 is open
    return world, clients


@pytest.fixture
def make_teacher_for_fuzz(fuzz_app: Flask):
    from quizapp.operations.teachers import register_teacher
    from tests.conftest import PASSWORD

    counter = iter(range(1, 1000))

    def make(email: str | None = None, name: str = "Ms Rivera") -> tuple[int, str]:
        email = email or f"fuzz{next(counter)}@school.test"
        with fuzz_app.app_context():
            teacher = register_teacher(email, name, PASSWORD)
            db.session.commit()
            return teacher.id, email

    return make


def client_for(rule, clients: dict[str, Any], world: World, session_id: int | None):
    if rule.rule.startswith(("/teacher/", "/host/")):
        return clients["teacher"]
    if rule.rule.startswith(("/play/", "/live/", "/join")):
        return clients["live" if session_id == world.live_id else "self_paced"]
    return clients["anonymous"]


def real_values(world: World, token: str = "no-such-token") -> dict[str, list[Any]]:
    return {
        "session_id": [world.self_paced_id, world.live_id],
        "participant_id": [1, 2],
        "quiz_id": [world.quiz_id],
        "item_id": world.item_ids,
        "article_id": [world.article_id, 1],
        "question_id": world.question_ids,
        "number": [1, 2],
        "code": list(world.codes.values()),
        "token": [token, "no-such-token"],
        "filename": ["css/app.css"],
        "format_name": [
            "gift",
            "moodle-xml",
            "aiken",
            "qti21",
            "qti30",
            "kahoot-xlsx",
            "wayground-xlsx",
        ],
    }


def url_arguments(rule, world: World, token: str = "no-such-token"):
    """Real ids most of the time (to reach the code behind them), else anything."""
    known = real_values(world, token)
    parts = {}
    for name in sorted(rule.arguments):
        if name in ("code", "token", "filename", "format_name"):
            anything = st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s)
        else:
            anything = st.integers(min_value=0, max_value=2**70)
        parts[name] = st.one_of(st.sampled_from(known[name]), anything)
    return st.fixed_dictionaries(parts)


def rules_with(app: Flask, method: str) -> list:
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if method in rule.methods and rule.endpoint not in ("static", "teacher.logout")
        ),
        key=lambda rule: rule.rule,
    )


def post_rules() -> list[str]:
    return [rule.endpoint for rule in rules_with(probe_app(), "POST")]


def get_rules() -> list[str]:
    return [rule.endpoint for rule in rules_with(probe_app(), "GET")]


_PROBE: list[Flask] = []


def probe_app() -> Flask:
    """An app only to read the URL map at collection time (no database is opened)."""
    if not _PROBE:
        import tempfile

        folder = tempfile.mkdtemp(prefix="quizapp-fuzz-probe-")
        _PROBE.append(
            create_app(
                {"TESTING": True, "SECRET_KEY": "probe", "AUTO_SETUP_DATABASE": False},
                instance_path=folder,
            )
        )
    return _PROBE[0]


def rule_for(app: Flask, endpoint: str):
    return next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)


def header_safe(value: str) -> bool:
    """What a client can put in a header at all (latin-1, no line breaks)."""
    return value.isprintable() and all(ord(ch) < 256 for ch in value)


def check_reply(response, where: str) -> None:
    assert response.status_code < 500, f"{where} → {response.status_code}"
    if response.status_code >= 400 and response.mimetype == "text/html":
        assert "<h1" in response.text or "alert" in response.text, f"{where}: no message"


# --- The database stays consistent ----------------------------------------------------------------


def assert_consistent(app: Flask) -> None:
    with app.app_context():
        connection = db.session.connection()
        if connection.dialect.name == "sqlite":  # PostgreSQL checks its constraints as it writes
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        twice = connection.execute(
            text(
                "SELECT participant_id, session_question_id FROM response "
                "GROUP BY participant_id, session_question_id HAVING count(*) > 1"
            )
        ).all()
        assert twice == []
        crossed = connection.execute(
            text(
                "SELECT r.id FROM response r "
                "JOIN participant p ON p.id = r.participant_id "
                "JOIN session_question q ON q.id = r.session_question_id "
                "WHERE r.session_id != p.session_id OR q.session_id != p.session_id"
            )
        ).all()
        assert crossed == []
        wrong_scores = connection.execute(
            text(
                "SELECT p.id FROM participant p JOIN class_session s ON s.id = p.session_id "
                "WHERE s.mode = 'self_paced' AND p.score != "
                "(SELECT coalesce(sum(points), 0) FROM response WHERE participant_id = p.id)"
            )
        ).all()
        assert wrong_scores == []
        beyond = connection.execute(
            text(
                "SELECT p.id FROM participant p WHERE p.position > "
                "(SELECT count(*) FROM session_question q WHERE q.session_id = p.session_id)"
            )
        ).all()
        assert beyond == []
    assert_strings_fit_their_columns(app)


def assert_strings_fit_their_columns(app: Flask) -> None:
    """No stored text is longer than its column allows.

    SQLite stores any length; PostgreSQL refuses the row with a server error. Checking on SQLite
    finds what would fail there (a nickname whose folded key outgrew its column once did).
    """
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                length = getattr(column.type, "length", None)
                if length is None:
                    continue
                too_long = db.session.execute(
                    select(func.count()).where(func.length(column) > length)
                ).scalar()
                assert too_long == 0, f"{table.name}.{column.name} holds text over {length}"


# --- The tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", post_rules())
def test_hostile_posts_get_a_clear_answer(fuzz_app: Flask, fuzz_world, endpoint: str) -> None:
    """Forms of random fields and values, or a JSON body where a form is expected."""
    world, clients = fuzz_world
    rule = rule_for(fuzz_app, endpoint)

    @FUZZ_SETTINGS
    @given(
        parts=url_arguments(rule, world),
        body=st.one_of(
            forms.map(lambda form: ("form", form)), json_bodies.map(lambda b: ("json", b))
        ),
        wants_json=st.booleans(),
    )
    def post(parts: dict[str, Any], body: tuple[str, Any], wants_json: bool) -> None:
        url = rule.build(parts)[1]
        client = client_for(rule, clients, world, parts.get("session_id"))
        headers = {"Accept": "application/json"} if wants_json else {}
        kind, content = body
        if kind == "form":
            response = client.post(url, data=content, headers=headers)
        else:
            response = client.post(url, json=content, headers=headers)
        check_reply(response, f"POST {url} {kind}={content!r}")
        if wants_json and response.status_code >= 400 and response.mimetype == "application/json":
            assert response.json.get("error"), url

    post()
    assert_consistent(fuzz_app)


@pytest.fixture
def practice_token(fuzz_app: Flask) -> str:
    """A real practice on the built-in article, so ``?practice=`` reaches the code behind it."""
    from quizapp.operations.articles import find_builtin_article
    from quizapp.operations.practice import start_attempt

    with fuzz_app.app_context():
        attempt = start_attempt(find_builtin_article())
        db.session.commit()
        return attempt.token


#: Query parameters the pages read.
QUERY_KEYS = ["article_id", "kind", "status", "show", "next", "page", "q", "practice"]


@pytest.mark.parametrize("endpoint", get_rules())
def test_pages_and_json_endpoints_take_any_ids_and_query(
    fuzz_app: Flask, fuzz_world, practice_token: str, endpoint: str
) -> None:
    world, clients = fuzz_world
    rule = rule_for(fuzz_app, endpoint)

    @FUZZ_SETTINGS
    @given(
        parts=url_arguments(rule, world, practice_token),
        query=st.dictionaries(st.sampled_from(QUERY_KEYS), values, max_size=3),
        # A real practice token half the time: "q" is read only beside one ("²" once crashed).
        practice=st.sampled_from([None, practice_token]),
        etag=st.one_of(st.none(), st.sampled_from(HOSTILE).filter(header_safe)),
    )
    def get(
        parts: dict[str, Any], query: dict[str, Any], practice: str | None, etag: str | None
    ) -> None:
        if practice:
            query = {**query, "practice": practice}
        url = rule.build(parts)[1]
        client = client_for(rule, clients, world, parts.get("session_id"))
        headers = {"If-None-Match": etag} if etag else {}
        response = client.get(url, query_string=query, headers=headers)
        check_reply(response, f"GET {url}?{query!r}")

    get()
    assert_consistent(fuzz_app)


# --- Values at the edges of what a field's type can hold ------------------------------------------

#: Every character ``str.isdigit`` accepts: decimal digits of every script, which ``int`` reads,
#: and superscripts, circled and other digits ("²", "①"), which it refuses.
DIGITS = "".join(ch for ch in map(chr, range(0x110000)) if ch.isdigit())
unicode_numbers = st.text(alphabet=DIGITS, min_size=1, max_size=3)
#: Characters that case folding or NFKC lengthens: "ß" → "ss", "ﬃ" → "ffi", "ﷺ" → 18 letters.
GROWING = "\u00df\ufb03\ufdfa\u0149\u0390a"


def test_practice_question_numbers_take_any_digits(fuzz_app, practice_token: str) -> None:
    """``?practice=<token>&q=…`` on the article page: "²" is a digit to isdigit, not to int."""
    client = fuzz_app.test_client()
    with fuzz_app.app_context():
        from quizapp.models import PracticeAttempt

        article_id = db.session.scalar(
            select(PracticeAttempt.article_id).where(PracticeAttempt.token == practice_token)
        )

    @FUZZ_SETTINGS
    @given(q=st.one_of(unicode_numbers, values))
    def read(q: str) -> None:
        response = client.get(
            f"/articles/{article_id}", query_string={"practice": practice_token, "q": q}
        )
        check_reply(response, f"article page q={q!r}")

    read()


def test_session_deadlines_at_the_edges_of_time(fuzz_app, fuzz_world) -> None:
    """Year 9999 or year 1 with a 16-hour time-zone offset once overflowed (a 500)."""
    from datetime import datetime

    world, clients = fuzz_world
    teacher = clients["teacher"]
    edges = st.sampled_from([datetime.min, datetime.max.replace(second=0, microsecond=0)])

    @FUZZ_SETTINGS
    @given(
        deadline=st.one_of(edges, st.datetimes()),
        offset=st.one_of(st.sampled_from([-960, 960]), st.integers(-960, 960)),
    )
    def open_with(deadline: datetime, offset: int) -> None:
        response = teacher.post(
            f"/teacher/quizzes/{world.quiz_id}/sessions",
            data={
                "mode": "self_paced",
                "deadline": f"{deadline:%Y-%m-%dT%H:%M}".rjust(16, "0"),
                "tz_offset": str(offset),
            },
        )
        check_reply(response, f"deadline {deadline} offset {offset}")

    open_with()
    assert_consistent(fuzz_app)


def test_nicknames_that_grow_when_folded(fuzz_app, fuzz_world) -> None:
    """ "ß" × 24 folds to 48 letters: PostgreSQL refused the row (a 500) for a 40-letter key."""
    world, _ = fuzz_world
    code = world.codes[world.self_paced_id]

    @FUZZ_SETTINGS
    @given(nickname=st.text(alphabet=GROWING, min_size=1, max_size=24))
    def join_as(nickname: str) -> None:
        response = fuzz_app.test_client().post(f"/join/{code}", data={"nickname": nickname})
        check_reply(response, f"nickname {nickname!r}")

    join_as()
    assert_consistent(fuzz_app)


def test_registrations_at_the_same_moment_with_one_email(fuzz_app: Flask) -> None:
    """Twelve sign-ups with one e-mail at once: one account, the others told why (no 500).

    On PostgreSQL both the check and the insert of several requests once raced: the second
    insert met the unique constraint (UniqueViolation, a 500). A real threaded server, so the
    requests overlap in the database as they do in production.
    """
    import threading
    import urllib.error
    import urllib.parse
    import urllib.request

    from werkzeug.serving import make_server

    from tests.conftest import PASSWORD

    server = make_server("127.0.0.1", 0, fuzz_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/teacher/register"
    body = urllib.parse.urlencode(
        {
            "display_name": "Twin",
            "email": "twin@school.test",
            "password": PASSWORD,
            "confirm": PASSWORD,
        }
    ).encode()
    start = threading.Barrier(12)
    statuses: list[int] = []

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def register() -> None:
        start.wait()
        try:
            statuses.append(opener.open(url, data=body, timeout=30).status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=register) for _ in range(12)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.shutdown()
    assert len(statuses) == 12
    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(302) == 1, statuses
    with fuzz_app.app_context():
        from quizapp.models import Teacher

        count = select(func.count(Teacher.id)).where(Teacher.email == "twin@school.test")
        assert db.session.scalar(count) == 1


# --- Regression tests: inputs that once crashed views -------------------------------------------


@pytest.mark.parametrize("question_id", ["\u00b2", "9" * 30])
def test_once_a_crash_odd_digits_as_question_id(fuzz_app, fuzz_world, question_id) -> None:
    world, clients = fuzz_world
    response = clients["self_paced"].post(
        f"/play/{world.self_paced_id}/answer", data={"question_id": question_id}
    )
    assert response.status_code < 500


def test_once_a_crash_odd_digits_as_an_option(fuzz_app, fuzz_world) -> None:
    world, clients = fuzz_world
    student = clients["self_paced"]
    # Move Ana past the fill-in question to the multiple-choice one.
    first = world_question_ids(fuzz_app, world.self_paced_id)
    student.get(f"/play/{world.self_paced_id}")  # shown: its clock runs
    student.post(f"/play/{world.self_paced_id}/answer", data={"question_id": first[0], "text": "x"})
    student.get(f"/play/{world.self_paced_id}")
    response = student.post(
        f"/play/{world.self_paced_id}/answer", data={"question_id": first[1], "answer": "\u00b2"}
    )
    assert response.status_code < 500


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", "/teacher/quizzes/new?article_id=" + "9" * 30, None),
        ("POST", "/teacher/quizzes/new", {"title": "Q", "question_ids": "9" * 30}),
    ],
)
def test_once_a_crash_huge_ids_in_quiz_forms(fuzz_app, fuzz_world, method, url, data) -> None:
    _, clients = fuzz_world
    response = clients["teacher"].open(url, method=method, data=data)
    assert response.status_code < 500


def world_question_ids(app: Flask, session_id: int) -> list[int]:
    from tests.app.test_authz_matrix import session_questions

    return [question_id for question_id, _ in session_questions(app, session_id)]
