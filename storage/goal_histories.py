"""Goals with their owner and their check-ins, each set read in one query.

A check-in's answer needs a goal's whole history (the trend reads every point) and
its owner's time zone; a reply in a reminder's thread needs the reminder too. One
joined query brings all of it, instead of a query per goal, owner and list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_
from sqlmodel import Session, col, select

from storage.models import (
    CHECKIN_ORDER,
    CheckIn,
    Delivery,
    DeliveryKind,
    Goal,
    Member,
    ReminderSchedule,
)
from storage.repo import scoped_team


@dataclass
class GoalHistory:
    """A goal, its owner's cached Slack facts (None when unknown) and its check-ins, oldest
    first."""

    goal: Goal
    owner: Member | None
    checkins: list[CheckIn] = field(default_factory=list)


@dataclass(frozen=True)
class ReminderThread:
    """A reminder message and the goal it asked about (None when the goal or its schedule is
    gone)."""

    delivery: Delivery
    goal: GoalHistory | None


_OWNER = and_(col(Member.team_id) == col(Goal.team_id), col(Member.user_id) == col(Goal.owner_id))
_CHECKINS = and_(col(CheckIn.team_id) == col(Goal.team_id), col(CheckIn.goal_id) == col(Goal.id))


def reminder_thread(
    *, session: Session, team_id: str, channel_id: str, message_ts: str
) -> ReminderThread | None:
    """The reminder a thread starts from, with its goal's history; None for any other thread."""
    query = (
        select(Delivery, Goal, Member, CheckIn)
        .outerjoin(
            ReminderSchedule,
            and_(
                col(ReminderSchedule.id) == col(Delivery.schedule_id),
                col(ReminderSchedule.team_id) == col(Delivery.team_id),
            ),
        )
        .outerjoin(
            Goal,
            and_(
                col(Goal.id) == col(ReminderSchedule.goal_id),
                col(Goal.team_id) == col(Delivery.team_id),
            ),
        )
        .outerjoin(Member, _OWNER)
        .outerjoin(CheckIn, _CHECKINS)
        .where(
            col(Delivery.team_id) == scoped_team(team_id),
            col(Delivery.channel_id) == channel_id,
            col(Delivery.message_ts) == message_ts,
        )
        .order_by(col(Delivery.id), *CHECKIN_ORDER)
    )
    rows = session.exec(query).all()
    if not rows:
        return None
    delivery = rows[0][0]
    if delivery.kind != DeliveryKind.REMINDER:
        return None
    rows = [row for row in rows if row[0] is delivery]
    histories = _grouped(row[1:] for row in rows)
    return ReminderThread(delivery, histories[0] if histories else None)


def goal_histories(*, session: Session, team_id: str, goal_ids: Sequence[int]) -> list[GoalHistory]:
    """These goals' histories, by goal id."""
    if not goal_ids:
        return []
    return _histories(session, team_id, col(Goal.id).in_(list(goal_ids)))


def key_result_histories(*, session: Session, team_id: str, objective_id: int) -> list[GoalHistory]:
    """The histories of an objective's active key results, oldest goal first."""
    return _histories(
        session, team_id, col(Goal.objective_id) == objective_id, col(Goal.state) == "active"
    )


def _histories(session: Session, team_id: str, *where: Any) -> list[GoalHistory]:
    query = (
        select(Goal, Member, CheckIn)
        .outerjoin(Member, _OWNER)
        .outerjoin(CheckIn, _CHECKINS)
        .where(col(Goal.team_id) == scoped_team(team_id), *where)
        .order_by(col(Goal.id), *CHECKIN_ORDER)
    )
    return _grouped(session.exec(query).all())


def _grouped(rows: Any) -> list[GoalHistory]:
    """(goal, owner, check-in) rows, one per check-in, as one history per goal."""
    found: dict[int, GoalHistory] = {}
    for goal, owner, checkin in rows:
        if goal is None:
            continue
        history = found.setdefault(goal.id, GoalHistory(goal, owner))
        if checkin is not None:
            history.checkins.append(checkin)
    return list(found.values())
