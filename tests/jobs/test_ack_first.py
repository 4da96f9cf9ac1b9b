"""Acks first: job threads wait while the front is flooded, never for long, and not below it."""

from __future__ import annotations

import itertools
import threading
from urllib.request import urlopen

from sqlalchemy import Engine, text

from bot.jobs.ack_first import AckFirst
from bot.jobs.job import Job
from bot.jobs.queues import InProcessQueue
from bot.sandbox import SlackDriver
from bot.slack.http import BackgroundServer, make_wsgi_app
from storage.db import make_engine
from tests.harness import BotHarness

FOREVER = 3600.0
WINDOW = 0.01  # what a job thread sleeps between looks at a clock that stands still


class StillClock:
    """A clock moved by hand, which tells when someone looks at it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.looked = threading.Event()

    def __call__(self) -> float:
        self.looked.set()
        return self.now


def flooded(clock: StillClock) -> AckFirst:
    """An AckFirst whose front took its burst of requests just now."""
    ack_first = AckFirst(burst=3, window_seconds=WINDOW, patience_seconds=FOREVER, clock=clock)
    for _ in range(3):
        ack_first.arrived()
    clock.looked.clear()
    return ack_first


def test_a_job_waits_while_the_front_is_flooded_and_runs_once_the_flood_passes() -> None:
    clock = StillClock()
    ack_first = flooded(clock)
    done = threading.Event()
    jobs = InProcessQueue(lambda _job: done.set(), workers=2, limit=10, ack_first=ack_first)
    try:
        assert jobs.put(Job(body={"command": "/goals", "text": "help"}, headers={}))
        assert clock.looked.wait(10)  # a job thread took the job and looks at the clock
        assert not done.wait(0.05)
        clock.now = WINDOW  # the burst's first request is out of the window
        assert done.wait(10)
    finally:
        jobs.close()


def test_below_the_flood_rate_a_job_thread_does_not_wait() -> None:
    clock = StillClock()
    ack_first = AckFirst(burst=3, window_seconds=FOREVER, patience_seconds=FOREVER, clock=clock)
    ack_first.arrived()
    ack_first.arrived()  # two requests in the window: not yet a flood
    ack_first.mark_job_thread()
    ack_first.step_aside()  # the clock stands still: a wait here would never end


def test_under_a_flood_that_never_pauses_a_job_waits_no_longer_than_its_patience() -> None:
    tick = 1 / 256  # each look at the clock finds about 4 ms gone (exact in binary)
    ticks = itertools.count(step=tick)
    ack_first = AckFirst(
        burst=3, window_seconds=FOREVER, patience_seconds=2 * tick, clock=lambda: next(ticks)
    )
    for _ in range(3):
        ack_first.arrived()
    ack_first.mark_job_thread()
    ack_first.step_aside()  # returns though the flood goes on
    assert next(ticks) == 6 * tick  # 3 arrivals, the wait's start and 2 looks: patience spent


def test_job_threads_step_aside_before_each_transaction_and_the_front_does_not(db: Engine) -> None:
    engine = make_engine(db.url.render_as_string(hide_password=False))
    clock = StillClock()
    ack_first = flooded(clock)
    ack_first.install(engine)
    answered: list[int] = []

    def job_thread() -> None:
        ack_first.mark_job_thread()
        with engine.connect() as connection:
            answered.append(connection.execute(text("SELECT 1")).scalar_one())

    try:
        thread = threading.Thread(target=job_thread, daemon=True)
        thread.start()
        assert clock.looked.wait(10)
        with engine.connect() as connection:  # the front's own statements never wait
            assert connection.execute(text("SELECT 2")).scalar_one() == 2
        assert answered == []
        clock.now = WINDOW
        thread.join(10)
        assert answered == [1]
    finally:
        engine.dispose()


def test_the_front_tells_of_each_request_from_slack_and_of_nothing_else(
    harness: BotHarness,
) -> None:
    clock = StillClock()
    ack_first = AckFirst(burst=2, window_seconds=FOREVER, patience_seconds=FOREVER, clock=clock)
    wsgi_app = make_wsgi_app(harness.app, harness.services, arrived=ack_first.arrived)
    with BackgroundServer(wsgi_app) as server:
        with urlopen(f"{server.url}/healthz") as health:
            assert health.status == 200
        assert not clock.looked.is_set()  # a health check is not Slack's
        driver = SlackDriver(harness.sandbox, bot_url=server.url)
        assert driver.command("U1", "/goals", "help").status == 200
        assert clock.looked.is_set()


def test_a_flood_that_starts_inside_a_jobs_transaction_lets_it_finish(db: Engine) -> None:
    engine = make_engine(db.url.render_as_string(hide_password=False))
    clock = StillClock()
    ack_first = AckFirst(burst=3, window_seconds=WINDOW, patience_seconds=FOREVER, clock=clock)
    ack_first.install(engine)
    inside, flooding, finished = threading.Event(), threading.Event(), threading.Event()

    def job_thread() -> None:
        ack_first.mark_job_thread()
        with engine.begin() as connection:
            connection.execute(text("SELECT 1"))
            inside.set()
            flooding.wait(10)
            connection.execute(text("SELECT 2"))  # no wait while it may hold locks
        finished.set()

    try:
        threading.Thread(target=job_thread, daemon=True).start()
        assert inside.wait(10)
        for _ in range(3):
            ack_first.arrived()
        flooding.set()
        assert finished.wait(10)
    finally:
        engine.dispose()
