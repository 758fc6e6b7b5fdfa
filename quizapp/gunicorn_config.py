"""gunicorn's settings for production: ``gunicorn --config python:quizapp.gunicorn_config``.

**Slow clients.** gunicorn's default ``sync`` worker serves one connection at a time, from the
first byte of the request to the last byte of the answer: six clients that send their requests
a byte at a time hold six workers, and everyone else waits (32 s was measured, until gunicorn's
timeout killed the workers). The ``gevent`` worker serves each connection on a greenlet, so a
connection that is slow to send costs a little memory, not a worker; up to ``worker_connections``
connections per worker. Behind nginx (the README's set-up) nginx buffers whole requests and
answers anyway, so only complete requests reach gunicorn; this holds when gunicorn is reached
directly too.

**Garbage collection.** A worker's heap is mostly the app itself: about 130,000 objects (Flask's
and SQLAlchemy's machinery, the templates, the generator's word lists) that live as long as the
process. Python's full collections walk every one of them while every request on that worker
waits; in a live game of 2,000 phones a worker made four to eight of them, up to a second each on
a busy machine. Once the app is loaded they are frozen (:func:`freeze_loaded_app`): full
collections walk only what requests made, a fifth as much.

**Rate limits.** Counted in memory, each worker keeps its own counts, so a client gets a limit
once per worker: at start each worker warns about it in production (:func:`post_worker_init`).

Anything here can be overridden on the command line (``--workers 8``) or by ``GUNICORN_CMD_ARGS``.
"""

from __future__ import annotations

import gc
import os
from typing import Any

#: One connection per greenlet: a slow client holds no worker (see above).
worker_class = "gevent"
#: Open connections a worker serves at once, slow ones included.
worker_connections = 4000
#: Connections waiting to be accepted (a whole hall joining at once).
backlog = 4096
#: Two processes per core is gunicorn's usual advice; ``WEB_CONCURRENCY`` or ``--workers`` win.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
#: A worker that stops answering its master this long is restarted.
timeout = 30
#: Workers finish what they are serving for this long when asked to stop.
graceful_timeout = 10
#: Seconds an idle keep-alive connection is held open.
keepalive = 5
#: Request lines and headers beyond these sizes are refused before they reach the app.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190


def post_worker_init(worker: Any) -> None:
    """Once the app is loaded: freeze it for the collector, and warn when its rate limits are
    counted in this process only."""
    freeze_loaded_app()
    app = getattr(worker, "wsgi", None)
    settings = getattr(app, "config", None)
    if settings is None:
        return
    warning = memory_limits_warning(settings, int(worker.cfg.workers))
    if warning:
        worker.log.warning(warning)


def freeze_loaded_app() -> None:
    """Move everything alive now out of the collector's reach (see "Garbage collection" above).

    Collected first, so no garbage is frozen with it. Objects the app makes later are collected
    as usual.
    """
    gc.collect()
    gc.freeze()


def memory_limits_warning(settings: Any, workers: int) -> str | None:
    """What to say when, in production, several workers each count rate limits in memory."""
    from quizapp.config import is_production

    storage = str(settings.get("RATELIMIT_STORAGE_URI") or "memory://")
    enabled = settings.get("RATELIMIT_ENABLED", True)
    if not (is_production(settings) and enabled and workers > 1 and storage.startswith("memory")):
        return None
    return (
        f"Rate limits are counted in memory by each of the {workers} workers, so a client gets "
        f"up to {workers} times every limit (sign-in, registration, joining, answering). Share "
        "the counts: install redis in the venv and set "
        "QUIZAPP_RATELIMIT_STORAGE_URI=redis://HOST:6379/0 (see the README, Deployment)."
    )
