"""Short chaos runs on real `checkin-bot tick` processes (bench/chaos.py is the long one):
replicas racing while killed at each step of a delivery, the bot's PostgreSQL connections
cut in the middle of a tick, and a stretch of 5xx then 429 from Slack. Whatever happens,
every reminder is in Slack exactly once in the end, and its delivery says so."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import col, select

from bot.scheduling.sources import all_sources
from storage.models import Delivery, DeliveryStatus, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import BotHarness, database_kind
from tests.reminder_helpers import MONDAY_10_BUCHAREST
from tests.scenarios.bot_processes import posts_by_key, run_ticks

LEASE = timedelta(seconds=120)  # the default DELIVERY_LEASE_SECONDS
ROUNDS = 5  # ticks past the lease before everything must be settled

postgres_only = pytest.mark.skipif(
    database_kind() != "postgresql", reason="replicas and pg_terminate_backend need PostgreSQL"
)


def owe_reminders(harness: BotHarness, count: int) -> set[str]:
    """`count` goals of two owners, all reminded on Monday at 10:00 (Bucharest) or a few
    minutes before; the clock is then at 10:00. Returns the delivery keys owed."""
    for number in range(count):
        owner = ("U1", "U2")[number % 2]
        at = time(9, 50 + number % 10)
        make_reminded_goal(harness, owner=owner, tz="Europe/Bucharest", at=at,
                           title=f"Reach {number}k on Instagram")  # fmt: skip
    harness.clock.set(MONDAY_10_BUCHAREST)
    with harness.services.session() as session:
        source, *_ = all_sources(harness.services)
        return {due.key.text for due in source.due(session, harness.clock.now(), 1000)}


def open_work(harness: BotHarness) -> bool:
    """Something is still due, or held by a claim with no outcome yet."""
    now = harness.clock.now()
    with harness.services.session() as session:
        due = session.exec(
            select(ReminderSchedule.id).where(col(ReminderSchedule.next_run_at) <= now)
        )
        unsettled = session.exec(
            select(Delivery.id).where(col(Delivery.status) != DeliveryStatus.SENT)
        )
        return due.first() is not None or unsettled.first() is not None


def settle(harness: BotHarness, tmp_path: Path, replicas: int) -> None:
    """Clean ticks of every replica, each past the lease, until nothing is left to do."""
    for _ in range(ROUNDS):
        if not open_work(harness):
            return
        harness.clock.advance(LEASE + timedelta(seconds=1))
        run_ticks(harness, tmp_path, [None] * replicas)
    assert not open_work(harness), "deliveries still open after the lease ran out five times"


def assert_each_posted_once(harness: BotHarness, owed: set[str]) -> None:
    posted = posts_by_key(harness.sandbox)
    assert dict(posted) == dict.fromkeys(owed, 1)
    with harness.services.session() as session:
        statuses = session.exec(select(Delivery.status)).all()
    assert statuses == [DeliveryStatus.SENT] * len(owed)


@postgres_only
@pytest.mark.parametrize(
    "crashes",
    [("after_claim", "after_post"), ("after_claim", "after_post", "after_mark")],
    ids=["two-replicas", "three-replicas"],
)
def test_replicas_racing_while_killed_at_each_step_post_each_reminder_once(
    harness: BotHarness, tmp_path: Path, crashes: tuple[str, ...]
) -> None:
    owed = owe_reminders(harness, 8)

    killed = run_ticks(harness, tmp_path, crashes)  # each dies at its step, if it gets there
    killed += run_ticks(harness, tmp_path, tuple(reversed(crashes)))  # restarted, killed again
    settle(harness, tmp_path, replicas=len(crashes))

    assert killed >= 2  # the first replica to claim dies, in each round
    assert_each_posted_once(harness, owed)


def database_outage(engine: Engine, stop: threading.Event) -> int:
    """PostgreSQL goes away for the bot until `stop`: its connections to the test database
    are cut (`pg_terminate_backend`) and new ones refused, as in a failover. Returns how
    many connections were cut. Run from the server's `postgres` database, since a
    database cannot refuse the connection that tells it to."""
    name = engine.url.database
    server = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            try:
                cut = connection.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = :name"), {"name": name}
                ).all()  # fmt: skip
                stop.wait()
            finally:
                connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    finally:
        server.dispose()
    return len(cut)


@postgres_only
def test_the_bots_postgresql_connections_cut_mid_tick_every_reminder_is_posted_once(
    harness: BotHarness, tmp_path: Path
) -> None:
    owed = owe_reminders(harness, 8)
    harness.sandbox.slow("chat.postMessage", seconds=0.5, times=8)  # mid-tick: Slack is slow
    stop = threading.Event()

    with ThreadPoolExecutor(2) as pool:
        ticks = pool.submit(run_ticks, harness, tmp_path, [None, None])
        harness.sandbox.wait_for(
            lambda: harness.sandbox.calls_to("chat.postMessage"), timeout=60
        )  # a replica has claimed and is posting: from now on, no connection lives long
        outage = pool.submit(database_outage, harness.engine, stop)
        try:
            ticks.result(timeout=90)
        finally:
            stop.set()
        assert outage.result() > 0
    harness.engine.dispose()  # the harness's own pooled connections were cut too
    settle(harness, tmp_path, replicas=2)

    assert_each_posted_once(harness, owed)


def test_a_stretch_of_5xx_then_429_delays_reminders_but_posts_each_once(
    harness: BotHarness, tmp_path: Path
) -> None:
    owed = owe_reminders(harness, 4)
    harness.sandbox.server_error("chat.postMessage", status=503, times=3)
    harness.sandbox.rate_limit("chat.postMessage", retry_after=1, times=3)

    run_ticks(harness, tmp_path, [None])
    settle(harness, tmp_path, replicas=1)

    answers = [call.status for call in harness.sandbox.calls_to("chat.postMessage")]
    assert answers.count(503) == 3 and answers.count(429) == 3  # the stretch happened
    assert_each_posted_once(harness, owed)
