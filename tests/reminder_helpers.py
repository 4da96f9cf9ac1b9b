"""Shared set-up for reminder and check-in tests: a goal with a schedule, and one tick."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from bot.core.cadence import Cadence, CadenceKind
from bot.scheduling.deliveries import DeliveryRunner, TickReport
from bot.scheduling.reminders import ReminderSource
from bot.services.schedules import set_goal_schedule
from bot.slack.client import make_client
from storage import repo
from storage.schemas import GoalCreate
from tests.harness import TEAM, BotHarness

MONDAY_10_BUCHAREST = datetime.fromisoformat("2026-11-23T08:00:00+00:00")


def make_goal(
    harness: BotHarness,
    *,
    owner: str = "U1",
    tz: str = "Europe/Bucharest",
    weekday: int = 0,
    at: time = time(10, 0),
    **fields: Any,
) -> tuple[int, int]:
    """A reach goal 40,000 -> 60,000 by 31 Dec, reminded weekly; returns (goal id, schedule id)."""
    values: dict[str, Any] = {
        "metric": "reach",
        "metric_name": "reach",
        "platform": "instagram",
        "baseline": Decimal(40000),
        "target": Decimal(60000),
        "start_at": datetime.fromisoformat("2026-11-01T00:00:00+02:00"),
        "deadline": datetime.fromisoformat("2026-12-31T23:59:59+02:00"),
        "owner_id": owner,
        "created_by": owner,
    }
    values.update(fields)
    title = values.pop("title", "Reach 60k on Instagram")
    with harness.services.session() as session:
        goal = repo.create_goal(
            session=session,
            team_id=TEAM,
            now=harness.clock.now(),
            goal=GoalCreate(title=title, **values),
        )
        cadence = Cadence(CadenceKind.WEEKLY, weekdays=(weekday,), at=at, tz=tz)
        row = set_goal_schedule(
            session=session,
            goal=goal,
            owner_id=owner,
            cadence=cadence,
            now=harness.clock.now(),
        )
        return goal.id or 0, row.id or 0


def tick(harness: BotHarness, worker: str = "test") -> TickReport:
    """One pass of the real delivery runner with the reminder source (digests tested apart)."""
    client = make_client(harness.services)
    source = ReminderSource(harness.services)
    runner = DeliveryRunner(harness.services, lambda _team: client, [source], worker=worker)
    return runner.tick()


def reminders_to(harness: BotHarness, user: str) -> list[Any]:
    """The reminders the bot posted in its DM with `user`."""
    return [m for m in harness.dm(user) if m.thread_ts is None and "check in" in m.text]
