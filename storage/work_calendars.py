"""Queries behind work calendars: the workspace's settings row, the running schedules a
change of days off moves."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import ReminderSchedule, Workspace
from storage.repo import scoped_team


def get_workspace(*, session: Session, team_id: str) -> Workspace | None:
    """The workspace row, or None before the bot has seen it."""
    return session.get(Workspace, scoped_team(team_id))


def running_schedules(
    *, session: Session, team_id: str, owner_id: str | None = None
) -> list[ReminderSchedule]:
    """The active reminder schedules of a workspace, or of one owner in it, by id."""
    query = select(ReminderSchedule).where(
        ReminderSchedule.team_id == scoped_team(team_id), col(ReminderSchedule.active).is_(True)
    )
    if owner_id is not None:
        query = query.where(ReminderSchedule.owner_id == owner_id)
    return list(session.exec(query.order_by(col(ReminderSchedule.id))))
