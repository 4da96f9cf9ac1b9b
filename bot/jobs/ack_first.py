"""Acks first: in the one-process default, job threads step aside while the front is flooded.

One interpreter runs one thread's Python at a time. A request to acknowledge queues for
the interpreter behind the job threads at each of the hand-overs between waitress's
threads that it takes, so under a flood the job threads made the slowest acks up to
twice as slow as a bare Bolt app's. Here the front notes when each of Slack's requests
arrives; it is flooded while `burst` of them arrived within `window_seconds`. A job
thread, before each job and each database transaction (`install`), waits while the
front is flooded, at most `patience_seconds` at a time: jobs always move on (a
transaction per `patience_seconds` at worst under a flood that never pauses), and the
bounded queue's "busy" stays rare and honest. Below the flood rate jobs never wait.
Waiting before a transaction, not inside one, a job holds no lock while it waits, so
a form the front answers itself, or a reminder, never waits on a job stepping aside.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.engine import Engine


class AckFirst:
    """When the front's recent requests arrived, and the wait a job thread takes for them."""

    def __init__(
        self,
        *,
        burst: int,
        window_seconds: float,
        patience_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window_seconds = window_seconds
        self.patience_seconds = patience_seconds
        self._clock = clock
        self._arrivals: deque[float] = deque([float("-inf")] * burst, maxlen=burst)
        self._job_thread = threading.local()

    def arrived(self) -> None:
        """The front took one of Slack's requests (called before any work on it)."""
        self._arrivals.append(self._clock())

    def mark_job_thread(self) -> None:
        """The calling thread runs jobs: its `step_aside` waits (other threads' return)."""
        self._job_thread.marked = True

    def install(self, engine: Engine) -> None:
        """Job threads step aside before each transaction they begin on `engine`."""
        event.listen(engine, "begin", self._before_transaction)

    def step_aside(self) -> None:
        """In a job thread: wait while the front is flooded, at most `patience_seconds`."""
        if not getattr(self._job_thread, "marked", False):
            return
        now = self._clock()
        deadline = now + self.patience_seconds
        # The oldest of the last `burst` arrivals leaves the window at `calm_at`.
        while now < (calm_at := min(self._arrivals[0] + self.window_seconds, deadline)):
            time.sleep(calm_at - now)
            now = self._clock()

    def _before_transaction(self, _connection: object) -> None:
        self.step_aside()
