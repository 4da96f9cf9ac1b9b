"""The rows tests start from: goals, check-ins and reminder schedules.

Every factory saves through the repository, so a row is validated the way the bot's own
are, and takes keyword arguments whose defaults a test overrides only where it matters:
what a test spells out is what it depends on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from sqlmodel import Session

from bot.core.cadence import Cadence, CadenceKind
from bot.services.schedules import set_goal_schedule
from storage import repo
from storage.models import CheckIn, Goal, ReminderSchedule
from storage.schemas import CheckInCreate, GoalCreate
from tests.harness import NOW, TEAM, BotHarness

# The goal most scenarios are about: reach on Instagram, 40,000 -> 60,000 in Nov-Dec 2026.
REACH_GOAL: Mapping[str, Any] = MappingProxyType({
    "title": "Reach 60k on Instagram",
    "metric": "reach",
    "metric_name": "reach",
    "platform": "instagram",
    "baseline": Decimal(40000),
    "target": Decimal(60000),
    "start_at": datetime.fromisoformat("2026-11-01T00:00:00+02:00"),
    "deadline": datetime.fromisoformat("2026-12-31T23:59:59+02:00"),
})  # fmt: skip


def make_goal(
    session: Session,
    *,
    team_id: str = TEAM,
    now: datetime = NOW,
    title: str = "Reach 60k",
    **fields: Any,
) -> Goal:
    """A goal of `team_id` created `now`; `fields` are those of `GoalCreate`."""
    goal = GoalCreate(title=title, **fields)
    return repo.create_goal(session=session, team_id=team_id, now=now, goal=goal)


def make_checkin(
    session: Session,
    goal_id: int,
    value: Decimal | int,
    *,
    at: datetime = NOW,
    team_id: str = TEAM,
    now: datetime | None = None,
    **fields: Any,
) -> CheckIn:
    """A value for a goal at `at`, recorded `now` (by default when it was measured);
    `fields` are those of `CheckInCreate`."""
    checkin = CheckInCreate(value=Decimal(value), at=at, **fields)
    return repo.add_checkin(
        session=session, team_id=team_id, goal_id=goal_id, now=now or at, checkin=checkin
    )


def make_schedule(
    session: Session,
    goal: Goal,
    *,
    owner: str | None = "U1",
    weekday: int = 0,
    at: time = time(10, 0),
    tz: str = "Europe/Bucharest",
    now: datetime = NOW,
) -> ReminderSchedule:
    """A weekly reminder of a saved goal to `owner`, on `weekday` (0 is Monday) at `at` in `tz`."""
    cadence = Cadence(CadenceKind.WEEKLY, weekdays=(weekday,), at=at, tz=tz)
    return set_goal_schedule(session=session, goal=goal, owner_id=owner, cadence=cadence, now=now)


def make_reminded_goal(
    harness: BotHarness,
    *,
    owner: str = "U1",
    tz: str = "Europe/Bucharest",
    weekday: int = 0,
    at: time = time(10, 0),
    **fields: Any,
) -> tuple[int, int]:
    """`owner`'s reach goal (`fields` change it) with its weekly reminder, made at the
    harness's time in its workspace; returns (goal id, schedule id). A goal given a
    channel is the channel's team goal unless `team=False` says otherwise."""
    fields.setdefault("team", bool(fields.get("channel_id")))
    now = harness.clock.now()
    with harness.services.session() as session:
        goal = make_goal(
            session, now=now, **{**REACH_GOAL, "owner_id": owner, "created_by": owner, **fields}
        )
        schedule = make_schedule(session, goal, owner=owner, weekday=weekday, at=at, tz=tz, now=now)
        return goal.id or 0, schedule.id or 0
