"""Live games pushed to phones: one watcher per process, Server-Sent Events to every phone.

A phone holds one long GET open (``/live/<id>/events``, ``text/event-stream``) and is sent the
game's state whenever its version moves. Each process reads the version of the games its phones
watch once per tick (100 ms), on one pooled connection, and wakes every stream of a game that
moved: the database is read ten times a second per process instead of once per phone per poll,
and a change reaches a phone within a tick instead of half a poll interval.

Nothing here is the truth: the watcher keeps only its last reading of each row, which every
process makes for itself, so any number of processes and servers stay correct (the database row
is what they all read). The watcher also closes a question whose time is up, as the polled views
do; closing is a conditional UPDATE, so two processes closing at once close it once.

An open stream costs a greenlet under gunicorn's gevent worker (the production command in the
README) and a thread under the development server. Under workers that serve one request at a
time a stream would hold a whole worker, so push is only offered where it is cheap
(:func:`push_enabled`); the phones poll otherwise, and fall back to polling by themselves when a
stream cannot be opened.
"""

from __future__ import annotations

import json
import logging
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from sqlalchemy.engine import Engine

from .database import write_transaction
from .extensions import db
from .live_phone import facts_for
from .live_poll import as_utc, now_utc
from .models import ClassSession
from .operations.live import GRACE, close_if_due
from .operations.play import utc_now

log = logging.getLogger(__name__)

#: One row per game: its version and phase, and the question on show (id and kind).
STATE_SQL = (
    "SELECT s.version, s.phase, s.current_index, s.question_deadline, s.paused_remaining, "
    "q.id, q.kind FROM class_session s LEFT JOIN session_question q "
    "ON q.session_id = s.id AND q.position = s.current_index "
    "WHERE s.id = {0} AND s.mode = 'live'"
)
#: Seconds between two readings of the watched games.
TICK = 0.1
#: A comment line this often keeps proxies and phones from taking a quiet stream for a dead one.
HEARTBEAT = 15.0
#: A stream ends after about this long (EventSource reconnects by itself, sending its
#: Last-Event-ID): a worker that is asked to stop is not held up by phones for ever.
STREAM_SECONDS = 600.0
#: How long the browser waits before reconnecting a dropped stream (milliseconds).
RETRY_MS = 2000
#: The watcher stops this many seconds after its last stream closed.
IDLE_SECONDS = 30.0


@dataclass(frozen=True)
class GameState:
    """The game's state as the polled ``state`` JSON has it."""

    version: int
    phase: str
    index: int
    question_id: int | None
    kind: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "phase": self.phase,
            "index": self.index,
            "question_id": self.question_id,
            "kind": self.kind,
        }


#: Renders a game's shared stage and the facts of the given participants, inside the app:
#: (session id, participant ids, the site's root URL) → (stage HTML, facts by participant id).
Render = Callable[[int, Collection[int], str], tuple[str, dict[int, dict[str, Any]]]]


@dataclass(frozen=True)
class Snapshot:
    """One version of a game as this process pushes it."""

    state: GameState
    #: The members every phone gets (the state and the stage), as JSON without its braces.
    shared: str
    #: The personal facts of the phones that were listening when it was made.
    facts: dict[int, dict[str, Any]]

    def event(self, facts: dict[str, Any]) -> bytes:
        """One Server-Sent Event; its id lets a reconnecting browser say what it last saw."""
        data = f'{{"me": {json.dumps(facts)}, {self.shared}}}'
        return f"id: {self.state.version}\ndata: {data}\n\n".encode()


class Channel:
    """One game's latest snapshot in this process, and a signal for the streams waiting on it."""

    def __init__(self, snapshot: Snapshot, root_url: str) -> None:
        self.snapshot = snapshot
        self.root_url = root_url
        self.listeners: Counter[int] = Counter()
        self._changed = threading.Event()

    @property
    def version(self) -> int:
        return self.snapshot.state.version

    def publish(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        changed, self._changed = self._changed, threading.Event()
        changed.set()

    def wait(self, seen: int | None, timeout: float) -> Snapshot | None:
        """The snapshot once its version is not ``seen``; None if ``timeout`` passes first."""
        changed = self._changed  # before looking: a publish after this line sets it
        if self.version != seen:
            return self.snapshot
        changed.wait(timeout)
        return self.snapshot if self.version != seen else None


class Watcher:
    """Reads the watched games every tick; when a version moves, renders the stage once and the
    listening phones' facts in one go, and wakes their streams."""

    def __init__(
        self,
        engine: Engine,
        render: Render,
        close_due: Callable[[int], None],
        tick: float = TICK,
    ) -> None:
        self.engine = engine
        self.render = render
        self.close_due = close_due
        self.tick_seconds = tick
        marker = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self.sql = STATE_SQL.format(marker)
        self.channels: dict[int, Channel] = {}
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.stopped = threading.Event()

    def subscribe(self, session_id: int, participant_id: int, root_url: str) -> Channel | None:
        """The game's channel (None if there is no such live game); starts the watcher."""
        with self.lock:
            channel = self.channels.get(session_id)
        if channel is None:
            state, _due = self.read(session_id)
            if state is None:
                return None
            fresh = Channel(self.snapshot(session_id, state, [participant_id], root_url), root_url)
            with self.lock:
                channel = self.channels.setdefault(session_id, fresh)
        with self.lock:
            channel.listeners[participant_id] += 1
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="live-watcher", daemon=True)
                self.thread.start()
        return channel

    def unsubscribe(self, session_id: int, participant_id: int, channel: Channel) -> None:
        with self.lock:
            channel.listeners[participant_id] -= 1
            if channel.listeners[participant_id] <= 0:
                del channel.listeners[participant_id]
            if not channel.listeners and self.channels.get(session_id) is channel:
                del self.channels[session_id]

    def snapshot(
        self, session_id: int, state: GameState, listeners: Collection[int], root_url: str
    ) -> Snapshot:
        stage, facts = self.render(session_id, listeners, root_url)
        shared = json.dumps({**state.as_json(), "stage": stage})[1:-1]
        return Snapshot(state, shared, facts)

    def facts_of(self, session_id: int, participant_id: int, channel: Channel) -> dict[str, Any]:
        """The facts of a phone that joined the stream after the snapshot was made."""
        facts = channel.snapshot.facts.get(participant_id)
        if facts is None:
            _stage, more = self.render(session_id, [participant_id], channel.root_url)
            facts = more.get(participant_id, {"gone": True})
        return facts

    def stop(self) -> None:
        """End the watcher's thread for good (tests; a process that exits needs nothing)."""
        self.stopped.set()
        thread = self.thread
        if thread is not None:
            thread.join()

    def run(self) -> None:
        """Tick until no stream has been open for a while."""
        idle_since = None
        while not self.stopped.wait(self.tick_seconds):  # the tick's pause, unless stopped
            with self.lock:
                watched = list(self.channels)
                if watched:
                    idle_since = None
                elif idle_since is None:
                    idle_since = time.monotonic()
                elif time.monotonic() - idle_since > IDLE_SECONDS:
                    self.thread = None  # under the lock: a new stream starts a new thread
                    return
            try:
                self.tick(watched)
            except Exception:  # a database hiccup must not end pushing for this process
                log.exception("live watcher: reading the games failed")
        with self.lock:
            self.thread = None

    def tick(self, watched: list[int] | None = None) -> None:
        """Read each watched game once; publish what moved, close a question whose time is up."""
        for session_id in list(self.channels) if watched is None else watched:
            state, due = self.read(session_id)
            channel = self.channels.get(session_id)
            if state is None or channel is None:
                continue
            if due:
                self.close_due(session_id)  # the next tick sees (and publishes) the new version
            elif state.version != channel.version:
                with self.lock:
                    listeners = list(channel.listeners)
                channel.publish(self.snapshot(session_id, state, listeners, channel.root_url))

    def read(self, session_id: int) -> tuple[GameState | None, bool]:
        """The game's state, and whether its open question is due to close."""
        connection = self.engine.raw_connection()  # no ORM, no transaction hooks, no lock
        try:
            cursor = connection.cursor()
            cursor.execute(self.sql, (session_id,))
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()
        if row is None:
            return None, False
        version, phase, index, deadline, paused, question_id, kind = row
        state = GameState(int(version), phase, int(index), question_id, kind)
        return state, is_due(phase, deadline, paused)


def is_due(phase: str, deadline: datetime | str | None, paused: Any) -> bool:
    """The open question's time (and the network grace) has run out; see operations.live."""
    if phase != "question" or paused is not None or deadline is None:
        return False
    return now_utc() > as_utc(deadline) + GRACE


def stream(
    watcher: Watcher, session_id: int, participant_id: int, seen: int | None, root_url: str
) -> Iterator[bytes]:
    """One phone's event stream: the game now if it is not at version ``seen``, then each
    change, with a heartbeat comment in quiet spells; ends after about STREAM_SECONDS.

    It subscribes on its first step, so a stream that is never started leaves nothing behind;
    the server closes it when the phone goes away, which unsubscribes it.
    """
    yield f"retry: {RETRY_MS}\n\n".encode()
    channel = watcher.subscribe(session_id, participant_id, root_url)
    if channel is None:
        return
    ends = time.monotonic() + STREAM_SECONDS * random.uniform(0.8, 1.0)
    try:
        while (left := ends - time.monotonic()) > 0:
            snapshot = channel.wait(seen, min(HEARTBEAT, left))
            if snapshot is None:
                yield b": still here\n\n"
                continue
            seen = snapshot.state.version
            facts = snapshot.facts.get(participant_id)
            if facts is None:
                facts = watcher.facts_of(session_id, participant_id, channel)
            yield snapshot.event(facts)
    finally:
        watcher.unsubscribe(session_id, participant_id, channel)


def push_enabled() -> bool:
    """Whether phones are offered a stream: ``LIVE_PUSH`` if set, else under gevent only."""
    setting = current_app.config.get("LIVE_PUSH")
    if setting is not None:
        return bool(setting)
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("socket"))


def init_push(app: Flask, engine: Engine, stage: Callable[[ClassSession], str]) -> None:
    """Give the app its watcher (started by the first stream, in the process that serves it).

    ``stage`` renders a game's shared stage (``play.live.shared_stage``).
    """

    def render(
        session_id: int, participants: Collection[int], root_url: str
    ) -> tuple[str, dict[int, dict[str, Any]]]:
        with app.test_request_context(base_url=root_url):
            session = db.session.get(ClassSession, session_id)
            return stage(session), facts_for(session, participants, utc_now())

    def close_due(session_id: int) -> None:
        with app.app_context(), write_transaction():
            session = db.session.get(ClassSession, session_id)
            if session is not None:
                close_if_due(session, utc_now())

    app.extensions["quizapp.live_watcher"] = Watcher(engine, render, close_due)


def watcher_of(app: Flask) -> Watcher:
    return app.extensions["quizapp.live_watcher"]
