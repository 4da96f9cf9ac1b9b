"""Exactly once under races: Save pressed twice at the same moment (two replicas, or a
repeated click), and a feed fetched by two replicas at once, store each value once.

Each racer is held after it has read what the goal holds until the other has read it
too, so both decide the same days are new: only the database's key (one file or feed
value per goal and day) keeps the second from storing them again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import FrozenClock
from bot.sandbox import SlackDriver
from bot.sandbox.file_drops import drop_file
from bot.services import analytics_checkins, feeds
from bot.services.feeds import run_due_feeds
from tests.harness import BotHarness
from tests.scenarios.bot_processes import bot_process
from tests.scenarios.test_analytics_files import META_REACH, ana_has_goals, stored
from tests.scenarios.test_feeds import (  # noqa: F401 (server and team are fixtures)
    SHEET,
    Files,
    server,
    team,
    values,
)

WAIT = 20  # seconds a racer waits for the other at most; a broken race fails, not hangs


def held_after_reading(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> threading.Event:
    """Make `module.name` (a read of what goals hold) wait, on each thread's first call,
    until two threads have read; the event is set when the first has read."""
    read: Callable[..., Any] = getattr(module, name)
    both, first_read, mine = (
        threading.Barrier(2, timeout=WAIT),
        threading.Event(),
        threading.local(),
    )

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)
        if not getattr(mine, "waited", False):
            mine.waited = True
            first_read.set()
            both.wait()
        return found

    monkeypatch.setattr(module, name, read_then_wait)
    return first_read


def test_save_pressed_twice_at_once_stores_each_value_once(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana_has_goals(harness)
    drop_file(harness.driver, "U1", META_REACH)
    preview = harness.last_reply("U1")
    held_after_reading(monkeypatch, analytics_checkins, "_histories")

    with ThreadPoolExecutor(2) as pool:
        presses = list(pool.map(lambda _: harness.driver.click("U1", preview, "Save"), [1, 2]))

    assert [p.status for p in presses] == [200, 200]
    assert len(stored(harness)) == 7
    answers = sorted(c.args["text"] for c in harness.sandbox.calls_to("response_url"))
    assert answers == [
        "Already saved: nothing new in that file (7 values stored before).",
        "Saved 7 values from the file: `#1` Instagram reach 60k (7).",
    ]


def test_save_pressed_on_two_bot_processes_at_once_stores_each_value_once(
    harness: BotHarness, tmp_path: Path
) -> None:
    """Two replicas as they run in production (no hold here: whichever way they interleave)."""
    ana_has_goals(harness)
    drop_file(harness.driver, "U1", META_REACH)
    preview = harness.last_reply("U1")

    with bot_process(harness, tmp_path) as first, bot_process(harness, tmp_path) as second:
        drivers = [SlackDriver(harness.sandbox, bot_url=p.url) for p in (first, second)]
        with ThreadPoolExecutor(2) as pool:
            presses = list(pool.map(lambda d: d.click("U1", preview, "Save"), drivers))
        # A process acknowledges first and answers after: wait for both answers.
        harness.sandbox.wait_for(lambda: len(harness.sandbox.calls_to("response_url")) == 2)

    assert [p.status for p in presses] == [200, 200]
    assert len(stored(harness)) == 7
    answers = sorted(c.args["text"][:14] for c in harness.sandbox.calls_to("response_url"))
    assert answers == ["Already saved:", "Saved 7 values"]


def test_save_pressed_again_later_says_already_saved(harness: BotHarness) -> None:
    ana_has_goals(harness)
    drop_file(harness.driver, "U1", META_REACH)
    preview = harness.last_reply("U1")
    harness.driver.click("U1", preview, "Save")

    harness.driver.click("U1", preview, "Save")  # the same payload again: a retried click

    assert len(stored(harness)) == 7
    assert harness.last_reply("U1").text.startswith("Already saved: nothing new")


@pytest.fixture
def followed(team: BotHarness, server: tuple[str, Files]) -> BotHarness:  # noqa: F811
    team.driver.command("U1", "/goals", f"feed #1 {server[0]}")
    return team


def test_two_replicas_ticking_at_once_fetch_a_feed_once(followed: BotHarness) -> None:
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: run_due_feeds(followed.services), [1, 2]))

    assert sorted(r.fetched for r in reports) == [0, 1]
    assert len(values(followed)) == len(SHEET.splitlines()) - 1


def test_a_fetch_outliving_its_lease_and_the_next_replicas_store_each_day_once(
    followed: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replica A claims the feed and reads; its lease runs out before it stores, so B,
    ticking later, claims and reads too; both then store the same two days."""
    first_read = held_after_reading(monkeypatch, feeds, "goal_histories")
    lease = timedelta(seconds=followed.services.settings.DELIVERY_LEASE_SECONDS)
    later = FrozenClock(followed.clock.now() + lease + timedelta(seconds=1))

    with ThreadPoolExecutor(2) as pool:
        a = pool.submit(run_due_feeds, followed.services)
        assert first_read.wait(WAIT)
        b = pool.submit(run_due_feeds, replace(followed.services, clock=later))
        reports = [a.result(), b.result()]

    assert [r.fetched for r in reports] == [1, 1]  # both fetched: the lease ran out
    assert sorted(r.stored for r in reports) == [0, 2]
    assert len(values(followed)) == 2
    assert [r.failed for r in reports] == [[], []]
