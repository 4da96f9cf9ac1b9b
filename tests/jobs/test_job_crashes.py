"""A job's way killed (kill -9) at each step, with real processes on PostgreSQL: the ack
front in the middle of a group INSERT, a worker that has claimed a job and changed nothing
yet, a worker that has answered but not yet marked the job done. Each event is answered
exactly once: none lost, none doubled.

Each moment is made certain through the database, not by a hook in the bot: the test holds
a lock that the process's next write waits on, kills the process once that write waits,
and then ends its orphaned backend or lets it go on (PostgreSQL notices a vanished client
only when it next answers it, so an orphaned autocommit INSERT commits after all).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.jobs.front import BUSY_STATUS
from bot.jobs.postgres_queue import libpq_url
from bot.render.help import DID_NOT_CATCH
from bot.sandbox import SlackDriver
from storage.models import ProcessedEvent
from tests.harness import BotHarness, database_kind
from tests.jobs.test_front import dm_event
from tests.scenarios.bot_processes import bot_process, worker_process

pytestmark = pytest.mark.skipif(
    database_kind() != "postgresql", reason="the job queue lives in PostgreSQL"
)

ACKED = 4  # events the front acknowledged before the kill
SENT = 16  # events sent at once while its INSERT waits: none may be acknowledged
HELD = 2  # jobs a worker holds when it is killed: one batch of its JOB_WORKERS
JOBS = {"JOB_QUEUE": "postgres", "JOB_WORKERS": "2", "JOB_HEARTBEAT_SECONDS": "1"}
POLL_SECONDS = 0.05
DEADLINE_SECONDS = 30


def wait_while_running(
    process: subprocess.Popen[bytes], predicate: Callable[[], Any], what: str
) -> Any:
    """Poll `predicate` until it holds; the short wait between polls notices a process that
    died meanwhile."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not (result := predicate()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        try:
            code = process.wait(timeout=POLL_SECONDS)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the process ended ({code}) before {what}")
    return result


def deliver(driver: SlackDriver, event: dict[str, Any], event_id: str, retry: int | None) -> int:
    """Slack's delivery of one event: the HTTP status, or 0 when no answer came."""
    try:
        return driver.event(event, event_id=event_id, retry_num=retry).status
    except OSError:  # refused or cut off: Slack counts it as failed and resends it
        return 0


def waiting_on(holder: psycopg.Connection[Any], besides: Sequence[int] = ()) -> list[int]:
    """The backends (but `besides`) waiting on a lock `holder` holds (read from pg_locks:
    pg_stat_activity would show what it showed first in `holder`'s transaction)."""
    rows = holder.execute(
        "SELECT DISTINCT pid FROM pg_locks WHERE NOT granted"
        " AND %s = ANY(pg_blocking_pids(pid)) AND NOT pid = ANY(%s)",
        (holder.info.backend_pid, list(besides)),
    )
    return [int(pid) for (pid,) in rows]


def end_backends(holder: psycopg.Connection[Any], pids: list[int]) -> None:
    """End them as PostgreSQL would on its own once it noticed their clients were gone."""
    holder.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,))


def jobs_in_queue(dsn: str) -> int:
    with psycopg.connect(dsn) as connection:
        row = connection.execute("SELECT count(*) FROM pgqueuer").fetchone()
        return int(row[0]) if row else 0


def answers(harness: BotHarness, users: list[str]) -> dict[str, list[str]]:
    return {user: [m.text for m in harness.dm(user)] for user in users}


@contextmanager
def people_writing(
    harness: BotHarness, count: int
) -> Iterator[tuple[list[str], dict[str, Any], str]]:
    """`count` people, the "hello" DM each wrote (event id -> event, not yet sent), and the
    queue's DSN; the queue is emptied afterwards for the next test."""
    users = [f"UF{n:02d}" for n in range(count)]
    for user in users:
        harness.sandbox.add_user(user, name=user.lower())
    events = {f"EvCRASH{n:03d}": dm_event(harness, user, "hello") for n, user in enumerate(users)}
    dsn = libpq_url(harness.engine.url.render_as_string(hide_password=False))
    try:
        yield users, events, dsn
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute("DELETE FROM pgqueuer")


@pytest.mark.parametrize("orphan", ["commits", "is ended"])
def test_a_front_killed_mid_insert_acked_none_of_it_and_each_event_is_answered_once(
    harness: BotHarness, tmp_path: Path, orphan: str
) -> None:
    with people_writing(harness, ACKED + SENT) as (users, events, dsn):
        acked, unacked = list(events)[:ACKED], list(events)[ACKED:]
        with bot_process(harness, tmp_path, settings=JOBS) as doomed:
            driver = SlackDriver(harness.sandbox, bot_url=doomed.url)
            for event_id in acked:  # queued; no worker runs yet
                assert deliver(driver, events[event_id], event_id, None) == 200
            with psycopg.connect(dsn) as holder, ThreadPoolExecutor(SENT) as slack:
                holder.execute("LOCK TABLE pgqueuer IN EXCLUSIVE MODE")  # reads pass, writes wait
                sent = [slack.submit(deliver, driver, events[e], e, None) for e in unacked]
                alone = wait_while_running(
                    doomed.process, lambda: waiting_on(holder), "the first INSERT waited"
                )
                # It fails (its events are answered "busy"); what gathered meanwhile goes next.
                end_backends(holder, alone)
                group = wait_while_running(
                    doomed.process,
                    lambda: waiting_on(holder, besides=alone),
                    "the group INSERT waited",
                )
                wait_while_running(  # so Slack has the "busy" before the kill
                    doomed.process, lambda: any(s.done() for s in sent), "busy was answered"
                )
                doomed.process.kill()
                doomed.process.wait(10)
                statuses = [s.result() for s in sent]
                assert BUSY_STATUS in statuses and 200 not in statuses  # none acknowledged
                if orphan == "is ended":
                    end_backends(holder, group)
                holder.rollback()
                # Waits until the orphaned INSERT's transaction is over, either way.
                holder.execute("LOCK TABLE pgqueuer IN EXCLUSIVE MODE")
                holder.rollback()
        orphaned = jobs_in_queue(dsn) - ACKED
        assert orphaned > 0 if orphan == "commits" else orphaned == 0

        with worker_process(harness, tmp_path, settings=JOBS) as worker:
            wait_while_running(worker, lambda: jobs_in_queue(dsn) == 0, "the queue was drained")
            answered = {user for user in users if harness.dm(user)}
            assert answered >= set(users[:ACKED])  # every job acknowledged before the kill ran
            assert len(answered) == ACKED + orphaned  # and those committed after all
            with bot_process(harness, tmp_path, settings=JOBS) as front:
                driver = SlackDriver(harness.sandbox, bot_url=front.url)
                with ThreadPoolExecutor(SENT) as slack:  # Slack's first retry of each
                    resent = [slack.submit(deliver, driver, events[e], e, 1) for e in unacked]
                    assert [r.result() for r in resent] == [200] * SENT
                wait_while_running(worker, lambda: jobs_in_queue(dsn) == 0, "the retries ran")
        assert answers(harness, users) == {user: [DID_NOT_CATCH] for user in users}


@pytest.mark.parametrize("step", ["claimed", "answered"])
def test_a_worker_killed_at_each_step_of_a_job_loses_and_doubles_no_answer(
    harness: BotHarness, tmp_path: Path, step: str
) -> None:
    """Killed with its jobs claimed and nothing changed yet (waiting to record the event,
    which `@once` does with the job's first change), or with them answered and not yet
    marked done (that mark waits on the queue's log): either way they are run again once
    their heartbeat is stale, and each event is answered once."""
    with (
        people_writing(harness, HELD) as (users, events, dsn),
        bot_process(harness, tmp_path, settings=JOBS) as front,
    ):
        driver = SlackDriver(harness.sandbox, bot_url=front.url)
        for event_id, event in events.items():
            assert deliver(driver, event, event_id, None) == 200
        with psycopg.connect(dsn) as claims, psycopg.connect(dsn) as marks:
            claims.execute(f"LOCK TABLE {ProcessedEvent.__tablename__} IN EXCLUSIVE MODE")
            with worker_process(harness, tmp_path, settings=JOBS) as doomed:
                wait_while_running(
                    doomed, lambda: len(waiting_on(claims)) == HELD, "the jobs were claimed"
                )
                holder = claims
                if step == "answered":
                    marks.execute("LOCK TABLE pgqueuer_log IN EXCLUSIVE MODE")  # "done" waits
                    claims.rollback()  # the jobs go on and answer
                    harness.sandbox.wait_for(
                        lambda: all(answers(harness, users).values()), timeout=DEADLINE_SECONDS
                    )
                    holder = marks
                orphans = wait_while_running(
                    doomed, lambda: waiting_on(holder), f"the worker waited, {step}"
                )
                doomed.kill()
                doomed.wait(10)
            end_backends(holder, orphans)
            holder.rollback()
        assert jobs_in_queue(dsn) == HELD  # none marked done
        expected = [DID_NOT_CATCH] if step == "answered" else []
        assert answers(harness, users) == {user: expected for user in users}
        with worker_process(harness, tmp_path, settings=JOBS) as worker:  # takes them once stale
            wait_while_running(worker, lambda: jobs_in_queue(dsn) == 0, "the jobs were rerun")
        assert answers(harness, users) == {user: [DID_NOT_CATCH] for user in users}
