"""Students answer while a teacher generates big articles: does heavy work slow or fail others?

The scenario of issue 14, item 2: one teacher posts three ~490 KB articles at once (question
generation takes seconds of CPU each) while ten students play a self-paced quiz, another teacher
signs in now and then, and students load their question pages. Before the fix, generation ran
inside the request's write transaction: SQLite's write lock was held for seconds, answers took
p50 2.6 s (p95 7.8 s), and answers, play pages, a sign-in and the upload itself failed with 500
("database is locked").

What is measured, against real gunicorn workers on 127.0.0.1 (SQLite in a temporary instance
folder, production settings but plain HTTP):

* **Errors**: every response with a 5xx status (or a client exception), by endpoint. Target: 0.
* **Student answers** (``POST /play/<id>/answer``): latency p50 / p95 / max while the articles
  are being generated. Target: p95 < 500 ms.
* The uploads: status and time each took; the quota messages, if a run asks for more articles
  than the per-account quota allows.

The students answer a quiz of multiple-choice, true/false and fill-in questions of the built-in
article, one question every 0.2–0.6 s, for the whole time the uploads run (the quiz is long
enough). Articles are built from the SQuAD paragraphs in ``../shared/eval`` (or, without them,
from the built-in article with numbered paragraphs), each one different.

    .venv/bin/python benchmarks/generation_load.py
    .venv/bin/python benchmarks/generation_load.py --workers 4 --students 10 --articles 3 --kb 490
    .venv/bin/python benchmarks/generation_load.py --code-from /path/to/an/older/checkout

``--code-from`` runs the servers (and the set-up) with another checkout's ``quizapp`` package,
to measure the code before a change with the same client. The last line printed is one JSON
object. The client shares the machine's cores with the servers; other work on the machine skews
the figures.
"""

from __future__ import annotations

import argparse
import glob
import http.cookiejar
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT.parent / "shared" / "eval"
PASSWORD = "correct horse battery staple 42"
HIGH = "100000 per minute"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


# --- Set-up: run in a subprocess with the servers' own code -----------------------------------


def set_up(instance: str) -> dict:
    """A teacher, a second teacher, a long self-paced quiz of the built-in article, open."""
    from quizapp import create_app
    from quizapp.extensions import db
    from quizapp.models import Question, Quiz, QuizItem
    from quizapp.operations.articles import find_builtin_article
    from quizapp.operations.sessions import open_session
    from quizapp.operations.teachers import register_teacher

    app = create_app({"TESTING": False}, instance_path=instance)
    with app.app_context():
        owner = register_teacher("uploader@school.test", "Uploader", PASSWORD)
        register_teacher("visitor@school.test", "Visitor", PASSWORD)
        kinds = ("multiple_choice", "true_false", "fill_blank")
        questions: list[Question] = [
            q for q in find_builtin_article().questions if q.kind in kinds
        ][:40]
        for question in questions:
            question.status = "approved"
        quiz = Quiz(owner_id=owner.id, title="Load", time_limit=None, scoring_mode="accuracy")
        quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(questions)]
        db.session.add(quiz)
        db.session.flush()
        session = open_session(quiz, "self_paced")
        db.session.commit()
        result = {"session_id": session.id, "code": session.join_code, "questions": len(questions)}
        db.engine.dispose()
    return result


# --- Articles ------------------------------------------------------------------------------------


def paragraphs() -> list[str]:
    found = []
    for path in sorted(glob.glob(str(SQUAD / "squad-*" / "*.json"))):
        with open(path, encoding="utf-8") as handle:
            found += [p["text"] for p in json.load(handle)["paragraphs"]]
    if found:
        return found
    text = (ROOT / "quizapp" / "builtin_article.txt").read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if len(p) > 200]


def articles(count: int, size: int) -> list[str]:
    """``count`` different texts of about ``size`` bytes each."""
    pool = paragraphs()
    texts = []
    for number in range(count):
        rng = random.Random(number)
        chosen = [f"Collected readings, part {number + 1}"]
        total = len(chosen[0])
        while total < size:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            total += len(paragraph.encode("utf-8")) + 2
        texts.append("\n\n".join(chosen)[:size])
    return texts


# --- HTTP ----------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser: its own cookies, no automatic redirects; records every status."""

    def __init__(self, base: str, log: Log) -> None:
        self.base = base
        self.log = log
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(self, name: str, path: str, data: dict | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        except OSError as error:
            status, text = 599, str(error)
        elapsed = time.perf_counter() - started
        self.log.record(name, status, elapsed)
        return status, text, elapsed

    def csrf(self, path: str) -> str:
        _, page, _ = self.request("form page", path)
        found = CSRF.search(page)
        return found.group(1) if found else ""


class Log:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = {}
        self.times: dict[str, list[float]] = {}

    def record(self, name: str, status: int, elapsed: float) -> None:
        with self.lock:
            self.statuses.setdefault(name, Counter())[status] += 1
            self.times.setdefault(name, []).append(elapsed)

    def errors(self) -> dict[str, int]:
        return {
            name: sum(n for status, n in counts.items() if status >= 500)
            for name, counts in self.statuses.items()
            if any(status >= 500 for status in counts)
        }


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- The actors ----------------------------------------------------------------------------------


QUESTION_ID = re.compile(r'name="question_id"[^>]*value="(\d+)"')
ANSWER_VALUE = re.compile(r'name="answer"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="answer"')


def student(base: str, log: Log, ctx: dict, number: int, stop: threading.Event, answers: list):
    client = Client(base, log)
    code, session_id = ctx["code"], ctx["session_id"]
    token = client.csrf(f"/join/{code}")
    status, _, _ = client.request(
        "join", f"/join/{code}", {"nickname": f"Student {number}", "csrf_token": token}
    )
    if status != 302:
        return
    rng = random.Random(number)
    while not stop.is_set():
        status, page, _ = client.request("play page", f"/play/{session_id}")
        if status != 200:
            return  # finished (a redirect to the end page) or failed (counted)
        question = QUESTION_ID.search(page)
        token = CSRF.search(page)
        if not question:
            return
        data = {"question_id": question.group(1), "csrf_token": token.group(1) if token else ""}
        if 'name="text"' in page:
            data["text"] = "Mars"
        else:
            value = ANSWER_VALUE.search(page)
            data["answer"] = (value.group(1) or value.group(2)) if value else "true"
        time.sleep(rng.uniform(0.2, 0.6))
        started = time.time()
        status, _, elapsed = client.request("answer", f"/play/{session_id}/answer", data)
        answers.append((started, elapsed, status))


def sign_in(client: Client, email: str) -> int:
    token = client.csrf("/teacher/login")
    status, _, _ = client.request(
        "sign in", "/teacher/login", {"email": email, "password": PASSWORD, "csrf_token": token}
    )
    return status


def visitor(base: str, log: Log, stop: threading.Event) -> None:
    """Another teacher signing in every second or so, then opening the dashboard."""
    while not stop.is_set():
        client = Client(base, log)
        sign_in(client, "visitor@school.test")
        client.request("dashboard", "/teacher/")
        time.sleep(1.0)


def uploader(base: str, log: Log, text: str, title: str, results: list) -> None:
    client = Client(base, log)
    sign_in(client, "uploader@school.test")
    token = client.csrf("/teacher/articles/new")
    started = time.time()
    status, page, elapsed = client.request(
        "article upload",
        "/teacher/articles/new",
        {"title": title, "text": text, "csrf_token": token},
    )
    message = ""
    if status != 302:
        found = re.search(r'role="alert"[^>]*>(.*?)</', page, re.S) or re.search(
            r'class="field-error[^"]*"[^>]*>(.*?)</', page, re.S
        )
        message = re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else page[:200]
    results.append(
        {"status": status, "seconds": round(elapsed, 2), "start": started, "note": message}
    )


# --- Servers -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/join", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the servers did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--kb", type=int, default=490, help="size of each article, in KB")
    parser.add_argument("--code-from", help="a checkout whose quizapp package the servers run")
    parser.add_argument("--set-up", help=argparse.SUPPRESS)  # internal: the set-up subprocess
    args = parser.parse_args()
    if args.set_up:
        print(json.dumps(set_up(args.set_up)))
        return

    instance = tempfile.mkdtemp(prefix="quizapp-genload-")
    env = {
        **os.environ,
        "QUIZAPP_INSTANCE_PATH": instance,
        "QUIZAPP_ENV": "production",
        "SECRET_KEY": "generation-load-benchmark-secret",
        "QUIZAPP_SECURE_COOKIES": "0",  # plain HTTP on loopback
        **{f"QUIZAPP_RATELIMIT_{name}": HIGH for name in ("LOGIN", "REGISTER", "JOIN", "ANSWER")},
    }
    env.pop("DATABASE_URL", None)
    if args.code_from:
        env["PYTHONPATH"] = str(Path(args.code_from).resolve())
    python = sys.executable
    gunicorn = str(Path(python).with_name("gunicorn"))
    server = None
    try:
        made = subprocess.run(
            [python, __file__, "--set-up", instance],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=args.code_from or ROOT,
        )
        ctx = json.loads(made.stdout.strip().splitlines()[-1])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [gunicorn, "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
             "--timeout", "120", "quizapp:create_app()"],
            env=env,
            cwd=args.code_from or ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(instance) / "gunicorn.log", "w"),  # noqa: SIM115
        )  # fmt: skip
        wait_until_up(base)
        texts = articles(args.articles, args.kb * 1000)
        log = Log()
        stop = threading.Event()
        answers: list = []
        uploads: list = []
        actors = [
            threading.Thread(target=student, args=(base, log, ctx, n, stop, answers))
            for n in range(args.students)
        ]
        actors.append(threading.Thread(target=visitor, args=(base, log, stop)))
        for actor in actors:
            actor.start()
        time.sleep(3)  # students are answering: the quiet baseline
        quiet_until = time.time()
        senders = [
            threading.Thread(target=uploader, args=(base, log, text, f"Readings {i}", uploads))
            for i, text in enumerate(texts)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        busy_until = time.time()
        time.sleep(2)
        stop.set()
        for actor in actors:
            actor.join(timeout=120)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    during = [e for start, e, _ in answers if quiet_until <= start <= busy_until]
    before = [e for start, e, _ in answers if start < quiet_until]
    errors = log.errors()
    report = {
        "workers": args.workers,
        "students": args.students,
        "articles": args.articles,
        "article_kb": args.kb,
        "code": args.code_from or str(ROOT),
        "answers_during_generation": len(during),
        "answer_p50_ms": round(percentile(during, 0.5) * 1000),
        "answer_p95_ms": round(percentile(during, 0.95) * 1000),
        "answer_max_ms": round(max(during, default=0.0) * 1000),
        "answer_p50_ms_before": round(percentile(before, 0.5) * 1000),
        "errors_5xx": sum(errors.values()),
        "errors_by_endpoint": errors,
        "uploads": [{k: v for k, v in u.items() if k != "start"} for u in uploads],
        "generation_window_s": round(busy_until - quiet_until, 1),
    }
    print(f"Generation window: {report['generation_window_s']} s; uploads:")
    for upload in report["uploads"]:
        note = f" ({upload['note']})" if upload["note"] else ""
        print(f"  {upload['status']} in {upload['seconds']} s{note}")
    print(
        f"Student answers while generating: {len(during)}, p50 {report['answer_p50_ms']} ms, "
        f"p95 {report['answer_p95_ms']} ms, max {report['answer_max_ms']} ms "
        f"(before the uploads: p50 {report['answer_p50_ms_before']} ms)"
    )
    print("Statuses by endpoint:")
    for name, counts in sorted(log.statuses.items()):
        times = log.times[name]
        print(
            f"  {name:15} {dict(sorted(counts.items()))}"
            f"  p50 {percentile(times, 0.5) * 1000:.0f} ms"
            f"  p95 {percentile(times, 0.95) * 1000:.0f} ms"
        )
    print(f"5xx responses: {report['errors_5xx']} {errors or ''}")
    print(json.dumps(report))
    shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
