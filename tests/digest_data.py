"""A known team, frozen on Monday 23 Nov 2026 at 09:00 in Bucharest, for digest tests.

Six goals, one of each kind of news a digest carries: a steady gainer, a goal
nobody checked in on for a fortnight, one at risk, one achieved, one without any
check-in (nor baseline), and one close to its target but slipping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlmodel import Session

from bot.core.digest import TrackedGoal
from bot.core.progress import GoalFigures
from bot.core.trend import Point
from bot.core.values import Direction, Unit
from tests.factories import make_checkin, make_goal

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # Monday 09:00 in Bucharest
START = datetime(2026, 11, 1, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 31, tzinfo=UTC)


def day(n: int) -> datetime:
    return datetime(2026, 11, n, 12, tzinfo=UTC)


@dataclass(frozen=True)
class GoalSpec:
    title: str
    owner: str
    baseline: str | None  # None: never recorded, so the first check-in will stand in
    target: str
    checkins: tuple[tuple[int, str], ...]
    unit: Unit = Unit.COUNT
    direction: Direction = Direction.INCREASE
    platform: str | None = None


TEAM_GOALS: tuple[GoalSpec, ...] = (
    GoalSpec(
        "Instagram reach 60k",
        "U1",
        "40000",
        "60000",
        ((10, "44000"), (20, "47000")),
        platform="instagram",
    ),
    GoalSpec(
        "Reply within an hour",
        "U2",
        "7200",
        "3600",
        ((8, "7000"), (12, "6800")),
        unit=Unit.DURATION,
        direction=Direction.DECREASE,
    ),
    GoalSpec("Newsletter sign-ups", "U1", "0", "1000", ((15, "200"), (21, "250"))),
    GoalSpec(
        "YouTube subscribers 5k", "UADMIN", "4000", "5000", ((22, "5100"),), platform="youtube"
    ),
    GoalSpec("TikTok views", "U2", None, "100000", ()),
    GoalSpec(
        "Engagement rate 5%", "UADMIN", "2", "5", ((9, "4.6"), (19, "4.5")), unit=Unit.PERCENT
    ),
)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def tracked(specs: tuple[GoalSpec, ...] = TEAM_GOALS) -> list[TrackedGoal]:
    """The team's goals as the pure digest reads them."""
    return [
        TrackedGoal(
            goal_id=number,
            title=spec.title,
            owner_id=spec.owner,
            figures=GoalFigures(
                _decimal(spec.baseline),
                Decimal(spec.target),
                spec.direction,
                START,
                DEADLINE,
                spec.unit,
            ),
            points=tuple(Point(day(d), Decimal(v)) for d, v in spec.checkins),
        )
        for number, spec in enumerate(specs, start=1)
    ]


def store(
    session: Session, team_id: str, *, channel: str | None = None, now: datetime = NOW
) -> list[int]:
    """Save the team's goals and check-ins; returns the goal ids."""
    ids = []
    for spec in TEAM_GOALS:
        goal = make_goal(
            session,
            team_id=team_id,
            now=START,
            title=spec.title,
            start_at=START,
            deadline=DEADLINE,
            baseline=_decimal(spec.baseline),
            target=Decimal(spec.target),
            unit=spec.unit.value,
            direction=spec.direction.value,
            owner_id=spec.owner,
            created_by=spec.owner,
            platform=spec.platform,
            channel_id=channel,
        )
        for d, value in spec.checkins:
            make_checkin(
                session,
                goal.id or 0,
                Decimal(value),
                at=day(d),
                team_id=team_id,
                author_id=spec.owner,
            )
        ids.append(goal.id or 0)
    return ids
