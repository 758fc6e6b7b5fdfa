"""SQLite under gevent: writers in one process queue cooperatively instead of waiting in C.

A greenlet that holds SQLite's write lock and yields (here: ``gevent.sleep``; in production a
contended rate-limit lock) must not be stuck behind another greenlet of its own process whose
``BEGIN IMMEDIATE`` blocks the whole process inside SQLite's busy wait. The scene runs in a fresh
interpreter, because gevent's monkey patching must come before everything else is imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import sqlite_only

pytestmark = sqlite_only

SCENE = textwrap.dedent(
    """
    from gevent import monkey
    monkey.patch_all()
    import json, sys, time
    import gevent
    from sqlalchemy import text
    from quizapp import create_app
    from quizapp.extensions import db

    database, instance = sys.argv[1], sys.argv[2]
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "AUTO_SETUP_DATABASE": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        },
        instance_path=instance,
    )
    with app.app_context():
        db.session.execute(text("CREATE TABLE hits (id INTEGER PRIMARY KEY, who TEXT)"))
        db.session.commit()
        db.engine.dispose()
    # A short busy timeout keeps the failing case quick; both writers see the same one.
    from sqlalchemy import event
    with app.app_context():
        @event.listens_for(db.engine, "connect")
        def short(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA busy_timeout=1000")

    outcome = {}

    def writer(who, hold):
        with app.test_request_context("/", method="POST"):
            try:
                db.session.execute(text("INSERT INTO hits (who) VALUES (:w)"), {"w": who})
                gevent.sleep(hold)  # yields while holding the write lock
                db.session.commit()
                outcome[who] = "ok"
            except Exception as error:
                db.session.rollback()
                outcome[who] = str(error).splitlines()[0]

    started = time.monotonic()
    first = gevent.spawn(writer, "first", 0.3)
    gevent.sleep(0.05)
    second = gevent.spawn(writer, "second", 0)
    gevent.joinall([first, second])
    outcome["seconds"] = round(time.monotonic() - started, 2)
    print(json.dumps(outcome))
    """
)


def test_a_second_writer_in_the_same_gevent_process_waits_for_the_first(tmp_path: Path) -> None:
    database = tmp_path / "gevent.sqlite"
    result = subprocess.run(
        [sys.executable, "-c", SCENE, str(database), str(tmp_path / "instance")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["first"] == "ok"
    assert outcome["second"] == "ok"  # without the queue: "database is locked" after 1 s
    assert outcome["seconds"] < 1.0


OTHER_PROCESS_SCENE = textwrap.dedent(
    """
    from gevent import monkey
    monkey.patch_all()
    import json, sqlite3, sys, time
    import gevent
    from sqlalchemy import text
    from quizapp import create_app
    from quizapp.extensions import db

    database, instance = sys.argv[1], sys.argv[2]
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "AUTO_SETUP_DATABASE": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        },
        instance_path=instance,
    )
    with app.app_context():
        db.session.execute(text("CREATE TABLE hits (id INTEGER PRIMARY KEY, who TEXT)"))
        db.session.commit()
    other = sqlite3.connect(database, isolation_level=None)  # another process's writer
    other.execute("BEGIN IMMEDIATE")
    ticks = []

    def ticker():
        for _ in range(40):
            ticks.append(time.monotonic())
            gevent.sleep(0.01)

    def release():
        gevent.sleep(0.3)
        other.execute("ROLLBACK")

    def writer():
        with app.test_request_context("/", method="POST"):
            db.session.execute(text("INSERT INTO hits (who) VALUES ('me')"))
            db.session.commit()

    gevent.joinall([gevent.spawn(ticker), gevent.spawn(release), gevent.spawn(writer)])
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    print(json.dumps({"longest_gap": round(max(gaps), 3)}))
    """
)


def test_waiting_for_another_process_writer_leaves_the_process_serving(tmp_path: Path) -> None:
    """SQLite's busy handler would stop every greenlet for the 0.3 s; our wait pauses one."""
    result = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS_SCENE, str(tmp_path / "g.sqlite"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["longest_gap"] < 0.1
