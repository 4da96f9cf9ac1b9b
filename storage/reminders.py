"""Reminder schedule queries: what is due, whose schedules, who to tell when one fails."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from storage.models import Goal, Member, ReminderSchedule, Workspace
from storage.repo import scoped_team


def due_schedules(*, session: Session, now: datetime, limit: int) -> list[ReminderSchedule]:
    """Active schedules whose time has come, oldest first, across every workspace.

    Not scoped to a workspace, like `storage.digests.due_subscriptions`: the
    scheduler serves them all. It reads the (active, next_run_at) index, so its cost
    follows what is due, not how many schedules exist.
    """
    query = (
        select(ReminderSchedule)
        .where(col(ReminderSchedule.active).is_(True), col(ReminderSchedule.next_run_at) <= now)
        .order_by(col(ReminderSchedule.next_run_at), col(ReminderSchedule.id))
        .limit(limit)
    )
    return list(session.exec(query))


def due_nudges(
    *, session: Session, column: Any, now: datetime, limit: int
) -> list[ReminderSchedule]:
    """Active schedules whose follow-up or escalation (`column`, a datetime column of the
    row) has come, oldest first, across every workspace; read through that column's index."""
    query = (
        select(ReminderSchedule)
        .where(col(column) <= now, col(ReminderSchedule.active).is_(True))
        .order_by(col(column), col(ReminderSchedule.id))
        .limit(limit)
    )
    return list(session.exec(query))


def nudge_settings(*, session: Session, team_id: str) -> tuple[int | None, int]:
    """The workspace's follow-up delay in minutes (None: none) and how many missed check-ins
    in a row reach a manager (0: never); the defaults for a workspace without a row."""
    workspace = session.get(Workspace, scoped_team(team_id))
    if workspace is None:
        return None, Workspace.model_fields["escalate_after"].default
    return workspace.follow_up_minutes, workspace.escalate_after


def get_schedule(*, session: Session, team_id: str, schedule_id: int) -> ReminderSchedule | None:
    """One schedule of this workspace, or None."""
    row = session.get(ReminderSchedule, schedule_id)
    return row if row is not None and row.team_id == scoped_team(team_id) else None


def get_goal_schedule(*, session: Session, team_id: str, goal_id: int) -> ReminderSchedule | None:
    """A goal's reminder schedule (one at most), or None."""
    query = select(ReminderSchedule).where(
        ReminderSchedule.team_id == scoped_team(team_id), ReminderSchedule.goal_id == goal_id
    )
    return session.exec(query).first()


def first_reminder_at(*, session: Session, team_id: str, goal_id: int) -> datetime | None:
    """When a goal (or, for an objective, any of its key results) is next reminded, as its
    schedules say: after days off, quiet hours and every other rule that moved them."""
    statement = (
        select(func.min(ReminderSchedule.next_run_at))
        .join(Goal, col(Goal.id) == col(ReminderSchedule.goal_id))
        .where(
            ReminderSchedule.team_id == scoped_team(team_id),
            col(ReminderSchedule.active),
            or_(col(Goal.id) == goal_id, col(Goal.objective_id) == goal_id),
        )
    )
    return session.exec(statement).one()


def schedules_of_owner(*, session: Session, team_id: str, owner_id: str) -> list[ReminderSchedule]:
    """Every reminder schedule a person owns in this workspace."""
    query = select(ReminderSchedule).where(
        ReminderSchedule.team_id == scoped_team(team_id), ReminderSchedule.owner_id == owner_id
    )
    return list(session.exec(query.order_by(col(ReminderSchedule.id))))


def admin_ids(*, session: Session, team_id: str) -> list[str]:
    """The workspace admins the bot knows of (from its `users.info` cache)."""
    query = select(Member.user_id).where(
        Member.team_id == scoped_team(team_id), col(Member.is_admin).is_(True)
    )
    return list(session.exec(query.order_by(col(Member.user_id))))


def mark_answered(row: ReminderSchedule) -> None:
    """The person answered a reminder (skipped, snoozed, paused): no nudge, the streak ends.
    A check-in needs no call: nudges look for one when they fall due."""
    row.reminded_at = row.follow_up_at = row.escalate_at = row.streak_since = None
    row.missed = 0
