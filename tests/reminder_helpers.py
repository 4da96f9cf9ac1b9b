"""Shared steps of reminder and check-in tests: one tick of the delivery runner, and the
reminders it left in a DM."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.scheduling.deliveries import DeliveryRunner, TickReport
from bot.scheduling.reminders import ReminderSource
from bot.slack.client import make_client
from tests.harness import BotHarness

MONDAY_10_BUCHAREST = datetime.fromisoformat("2026-11-23T08:00:00+00:00")


def tick(harness: BotHarness, worker: str = "test") -> TickReport:
    """One pass of the real delivery runner with the reminder source (digests tested apart)."""
    client = make_client(harness.services)
    source = ReminderSource(harness.services)
    runner = DeliveryRunner(harness.services, lambda _team: client, [source], worker=worker)
    return runner.tick()


def reminders_to(harness: BotHarness, user: str) -> list[Any]:
    """The reminders the bot posted in its DM with `user`."""
    return [m for m in harness.dm(user) if m.thread_ts is None and "check in" in m.text]
