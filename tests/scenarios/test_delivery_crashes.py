"""Real bot processes killed (kill -9) at each step of sending a reminder, on SQLite and
PostgreSQL: the reminder is posted exactly once, and the owner's "41k" in its thread is
recorded once, whoever is left to handle it."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.sandbox import SlackDriver
from bot.scheduling.deliveries import CRASH_AT
from storage.models import CheckIn, Delivery, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to
from tests.scenarios.bot_processes import bot_env, bot_process

LEASE = timedelta(seconds=120)  # the default DELIVERY_LEASE_SECONDS


def tick_process(harness: BotHarness, tmp_path: Path, crash_at: str | None = None) -> str:
    """`checkin-bot tick` at the harness's time; returns its report ('' when it was killed)."""
    env = bot_env(harness)
    if crash_at:
        env[CRASH_AT] = crash_at
    done = subprocess.run(
        [sys.executable, "-m", "bot", "tick"], env=env, cwd=tmp_path, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    if crash_at:
        assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
        return ""
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def reply_41k_twice(harness: BotHarness, tmp_path: Path) -> None:
    """The owner answers in the reminder's thread; Slack delivers the event, then retries it."""
    [reminder] = reminders_to(harness, "U1")
    reply = harness.sandbox.record_user_message(reminder.channel, "U1", "41k", reminder.ts)
    event = {"type": "message", "user": "U1", "text": "41k", "ts": reply.ts,
             "channel": reply.channel, "thread_ts": reminder.ts, "channel_type": "im"}  # fmt: skip
    with bot_process(harness, tmp_path) as bot:
        driver = SlackDriver(harness.sandbox, bot_url=bot.url)
        driver.event(event, event_id="EvCRASH41K")
        harness.sandbox.wait_for(
            lambda: len(harness.sandbox.thread(reminder.channel, reminder.ts)) > 1
        )
        driver.event(event, event_id="EvCRASH41K", retry_num=1)


def assert_one_reminder_and_one_check_in(harness: BotHarness) -> None:
    [reminder] = reminders_to(harness, "U1")
    answers = [m for m in harness.sandbox.thread(reminder.channel, reminder.ts) if m.user != "U1"]
    assert len(answers) == 1 and "catch" not in answers[0].text, answers
    with harness.services.session() as session:
        assert [c.value for c in session.exec(select(CheckIn))] == [41000]
        delivery = session.exec(select(Delivery)).one()
        schedule = session.exec(select(ReminderSchedule)).one()
    assert (delivery.status, delivery.message_ts) == ("sent", reminder.ts)
    assert schedule.next_run_at == MONDAY_10_BUCHAREST + timedelta(days=7)
    assert len(harness.sandbox.calls_to("chat.postMessage")) == 2  # the reminder, the answer


def test_killed_after_the_claim_commits_the_next_replica_sends_it_after_the_lease(
    harness: BotHarness, tmp_path: Path
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)

    tick_process(harness, tmp_path, crash_at="after_claim")
    assert reminders_to(harness, "U1") == []
    assert tick_process(harness, tmp_path).startswith("sent 0 ")  # held: nothing moves
    harness.clock.advance(LEASE + timedelta(seconds=1))
    assert tick_process(harness, tmp_path).startswith("sent 1 ")
    reply_41k_twice(harness, tmp_path)

    assert_one_reminder_and_one_check_in(harness)


@pytest.mark.parametrize("reply_first", [True, False], ids=["reply-first", "takeover-first"])
def test_killed_after_posting_before_marking_it_sent_the_reminder_is_not_posted_again(
    harness: BotHarness, tmp_path: Path, reply_first: bool
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)

    tick_process(harness, tmp_path, crash_at="after_post")
    assert len(reminders_to(harness, "U1")) == 1
    if reply_first:  # the owner answers before any replica takes the claim over
        reply_41k_twice(harness, tmp_path)
    harness.clock.advance(LEASE + timedelta(seconds=1))
    report = tick_process(harness, tmp_path)
    if not reply_first:
        assert report.startswith("sent 1 "), report  # found by its metadata, and bound
        reply_41k_twice(harness, tmp_path)

    assert_one_reminder_and_one_check_in(harness)
