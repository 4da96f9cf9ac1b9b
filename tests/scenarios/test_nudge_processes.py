"""Follow-ups and escalations from real `checkin-bot tick` processes: replicas racing, and
one killed (kill -9) at each step of a send; every message is in Slack once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST
from tests.scenarios.bot_processes import posts_by_key, run_ticks

LEASE = timedelta(seconds=120)  # the default DELIVERY_LEASE_SECONDS
WEEK = timedelta(days=7)
CRASHES = ["after_claim", "after_post", "after_mark"]


def settle(harness: BotHarness, tmp_path: Path, crash: str) -> None:
    """Two replicas at once, one killed at `crash`; then, once its lease ran out, two more."""
    run_ticks(harness, tmp_path, [crash, None])
    harness.clock.advance(LEASE + timedelta(seconds=1))
    run_ticks(harness, tmp_path, [None, None])


@pytest.mark.parametrize("crash", CRASHES)
def test_replicas_and_crashes_send_each_follow_up_and_escalation_once(
    harness: BotHarness, tmp_path: Path, crash: str
) -> None:
    for who, typed in (
        ("UADMIN", "remind follow-up 2h"),
        ("UADMIN", "remind escalate 1"),
        ("U1", "manager <@U2>"),
    ):
        harness.driver.command(who, "/goals", typed)
    _, schedule_id = make_reminded_goal(harness)

    harness.clock.set(MONDAY_10_BUCHAREST)
    run_ticks(harness, tmp_path, [None, None, None])
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=2))  # the follow-up
    settle(harness, tmp_path, crash)
    harness.clock.set(MONDAY_10_BUCHAREST + WEEK)  # the next reminder, and the escalation
    settle(harness, tmp_path, crash)
    harness.clock.advance(LEASE + timedelta(seconds=1))
    run_ticks(harness, tmp_path, [None])

    first, second = MONDAY_10_BUCHAREST, MONDAY_10_BUCHAREST + WEEK
    key = f"T0SANDBOX/reminder/{schedule_id}/"  # the row's id: not 1 on PostgreSQL
    assert posts_by_key(harness.sandbox) == {
        f"{key}{first.isoformat()}": 1,
        f"{key}{(first + timedelta(hours=2)).isoformat()}~follow-up": 1,
        f"{key}{second.isoformat()}": 1,
        f"{key}{second.isoformat()}~escalation": 1,
    }
    im_u2 = harness.sandbox.im_channel("U2")
    assert [m.channel for m in harness.sandbox.messages if "in a row on “" in m.text] == [im_u2]
