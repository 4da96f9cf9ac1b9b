"""The in-process job queue (the default): worker threads in this process.

It and the PostgreSQL queue (bot/jobs/postgres_queue.py) are both bounded (the front
answers "busy" past `JOB_QUEUE_LIMIT` waiting jobs), put the urgent first (a person
waiting on a command or a click), and take a delivery only once while it waits (Slack's
retry of an event still queued is acknowledged and dropped; one already handled is
stopped by `@once` in the worker).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable

from bot.jobs.ack_first import AckFirst
from bot.jobs.job import Job
from bot.observability import QUEUE_DEPTH

logger = logging.getLogger("checkin_bot.jobs")


class InProcessQueue:
    """Jobs for `workers` threads in this process, at most `limit` waiting."""

    def __init__(
        self,
        handle: Callable[[Job], None],
        *,
        workers: int,
        limit: int,
        ack_first: AckFirst | None = None,
    ) -> None:
        self._handle = handle
        self._ack_first = ack_first
        self._jobs: queue.PriorityQueue[tuple[int, int, Job | None]] = queue.PriorityQueue(limit)
        self._order = itertools.count()
        self._waiting: set[str] = set()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._work, name=f"job-worker-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()
        QUEUE_DEPTH.set_function(self.depth)

    def put(self, job: Job) -> bool:
        key = job.key
        with self._lock:
            if key is not None and key in self._waiting:
                return True  # a resend of a job not yet done: that job will do
            try:
                self._jobs.put_nowait((0 if job.urgent else 1, next(self._order), job))
            except queue.Full:
                return False
            if key is not None:
                self._waiting.add(key)
        return True

    def depth(self) -> int:
        return self._jobs.qsize()

    def join(self) -> None:
        """Wait until every job put so far is done (tests, and a graceful stop)."""
        self._jobs.join()

    def close(self) -> None:
        for _ in self._threads:
            self._jobs.put((2, next(self._order), None))  # after every waiting job
        for thread in self._threads:
            thread.join(30)

    def _work(self) -> None:
        if self._ack_first is not None:
            self._ack_first.mark_job_thread()
        while True:
            _, _, job = self._jobs.get()
            try:
                if job is None:
                    return
                if self._ack_first is not None:
                    self._ack_first.step_aside()
                self._handle(job)
            except Exception:  # a worker thread outlives any one job
                logger.exception("a job failed")
            finally:
                if job is not None and job.key is not None:
                    with self._lock:
                        self._waiting.discard(job.key)
                self._jobs.task_done()
