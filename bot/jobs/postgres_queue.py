"""The PostgreSQL job queue: pgqueuer's table in the bot's database, filled by the front.

Its own module so that a bot on SQLite, with the in-process queue, never loads psycopg
(about 9 MB resident).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy.engine import make_url

from bot.jobs.job import Job
from bot.observability import QUEUE_DEPTH

if TYPE_CHECKING:
    from pgqueuer.queries import SyncQueries

logger = logging.getLogger("checkin_bot.jobs")

ENTRYPOINT = "slack"  # the PostgreSQL queue's one kind of job
_DEPTH_READ_EVERY = 0.2  # seconds a counted PostgreSQL queue depth is trusted


def libpq_url(database_url: str) -> str:
    """DATABASE_URL as psycopg takes it (no SQLAlchemy driver name).

    Example:
        >>> libpq_url("postgresql+psycopg://u@db:5432/bot")
        'postgresql://u@db:5432/bot'
    """
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class _Batch:
    """Jobs the front's HTTP threads are waiting to have committed in one INSERT."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self.done = False
        self.committed = False


class PostgresQueue:
    """Jobs in PostgreSQL (pgqueuer's table) for `checkin-bot worker` processes to take.

    Group commit: while one HTTP thread's INSERT is on its way, the jobs of the threads
    arriving meanwhile gather and go in the next INSERT, one transaction (one WAL flush)
    for all of them; each thread answers Slack only once its job is committed.
    """

    def __init__(self, database_url: str, *, limit: int) -> None:
        self._dsn = libpq_url(database_url)
        self._limit = limit
        self._local = threading.local()
        self._connections: list[psycopg.Connection[Any]] = []
        self._depth, self._depth_read_at = 0, float("-inf")
        self._turn = threading.Condition()
        self._open = _Batch()
        self._inserting = False
        QUEUE_DEPTH.set_function(self.depth)

    def _queries(self) -> SyncQueries:
        queries: SyncQueries | None = getattr(self._local, "queries", None)
        if queries is None:
            from pgqueuer.db import SyncPsycopgDriver
            from pgqueuer.queries import SyncQueries

            connection = psycopg.connect(self._dsn, autocommit=True)
            self._connections.append(connection)
            queries = self._local.queries = SyncQueries(SyncPsycopgDriver(connection))
        return queries

    def put(self, job: Job) -> bool:
        try:
            if self.depth() >= self._limit:
                return False
        except psycopg.Error as exc:
            return self._failed(exc)
        with self._turn:
            batch = self._open
            batch.jobs.append(job)
            while self._inserting and not batch.done:
                self._turn.wait()
            if batch.done:  # another thread inserted it with its own
                return batch.committed
            self._inserting, self._open = True, _Batch()
        try:
            batch.committed = self._insert(batch.jobs)
        finally:
            with self._turn:
                self._inserting, batch.done = False, True
                self._turn.notify_all()
        return batch.committed

    def _insert(self, jobs: list[Job]) -> bool:
        try:
            self._queries().enqueue(
                [ENTRYPOINT] * len(jobs),
                [job.to_bytes() for job in jobs],
                [1 if job.urgent else 0 for job in jobs],  # pgqueuer takes the highest first
                dedupe_key=[job.key for job in jobs],
                on_conflict="skip",  # INSERT … ON CONFLICT DO NOTHING: a resend waits once
            )
        except psycopg.Error as exc:
            return self._failed(exc)
        return True

    def _failed(self, exc: psycopg.Error) -> bool:
        logger.warning("could not enqueue (answered busy): %s", exc)
        self._local.queries = None  # a new connection next time
        return False

    def depth(self) -> int:
        """Jobs waiting, as counted at most `_DEPTH_READ_EVERY` seconds ago."""
        if time.monotonic() - self._depth_read_at > _DEPTH_READ_EVERY:
            statistics = self._queries().queue_size()
            self._depth = sum(row.count for row in statistics if row.status == "queued")
            self._depth_read_at = time.monotonic()
        return self._depth

    def close(self) -> None:
        for connection in self._connections:
            connection.close()
