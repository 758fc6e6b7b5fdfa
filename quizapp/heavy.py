"""Heavy, pure work (generating an article's questions) at a lower CPU priority.

Generating a 500 KB article's questions takes seconds of CPU. Run in the web worker itself, three
at once on a two-core server leave the students' answers fighting for the cores: in the issue's
measurement, answers went from 10 ms to seconds. So the work runs in a forked child process
whose priority is lowered (``nice``): the worker only waits for it, and whenever a request of
anyone else needs the CPU, the kernel gives it first. The child touches no database or socket:
it computes and sends back its result (or the exception it raised), then exits.

Where ``fork`` does not exist (Windows), or with ``GENERATION_NICENESS = 0``, the work runs in
the process itself, as before.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


def run_niced(niceness: int, function: Callable[..., Result], *args: object) -> Result:
    """``function(*args)`` in a forked child process ``niceness`` steps less urgent; its result.

    The result (the generator's frozen dataclasses) comes back pickled through a pipe; an
    exception the function raises is raised here.
    """
    if niceness <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        return function(*args)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def work() -> None:
        os.nice(niceness)
        try:
            outcome: tuple[bool, object] = (True, function(*args))
        except Exception as error:
            outcome = (False, error)
        sending.send(outcome)

    child = context.Process(target=work, daemon=True)
    child.start()
    sending.close()
    try:
        succeeded, value = receiving.recv()  # before join: a big result must not fill the pipe
    except EOFError:
        raise RuntimeError("The process generating the questions stopped unexpectedly.") from None
    finally:
        receiving.close()
        child.join()
    if not succeeded:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]
