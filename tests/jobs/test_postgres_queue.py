"""The PostgreSQL queue's group commit: every put answers only once its job is committed,
each delivery is queued once however many threads put it at the same time."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy import Engine

from bot.jobs.job import Job
from bot.jobs.postgres_queue import PostgresQueue, libpq_url
from bot.jobs.worker import install_queue
from tests.harness import database_kind

pytestmark = pytest.mark.skipif(
    database_kind() != "postgresql", reason="the job queue lives in PostgreSQL"
)

THREADS = 8
EVENTS = 60


def event(n: int) -> Job:
    body = {"type": "event_callback", "event_id": f"Ev{n}", "event": {"type": "message"}}
    return Job(body=body, headers={})


def queued_keys(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as connection:
        rows = connection.execute("SELECT dedupe_key FROM pgqueuer WHERE status = 'queued'")
        return sorted(str(key) for (key,) in rows)


def test_puts_from_many_threads_are_committed_before_they_answer_and_queued_once(
    db: Engine,
) -> None:
    url = db.url.render_as_string(hide_password=False)
    install_queue(url)
    dsn = libpq_url(url)
    queue = PostgresQueue(url, limit=10 * EVENTS)
    seen_after_put: list[bool] = []
    lock = threading.Lock()

    def put(n: int) -> bool:
        job = event(n % EVENTS)  # every event twice: Slack's resend of one still queued
        answer = queue.put(job)
        with psycopg.connect(dsn) as connection:  # another session: only committed rows
            found = connection.execute(
                "SELECT count(*) FROM pgqueuer WHERE dedupe_key = %s", (job.key,)
            ).fetchone()
        with lock:
            seen_after_put.append(found == (1,))
        return answer

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            answers = list(pool.map(put, range(2 * EVENTS)))
        assert all(answers)
        assert all(seen_after_put)  # acknowledged only once it was committed
        assert queued_keys(dsn) == sorted(str(event(n).key) for n in range(EVENTS))
    finally:
        queue.close()
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute("DELETE FROM pgqueuer")
