"""Check-in queries beyond the basic repository: by the Slack message they came from."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import CHECKIN_ORDER, CheckIn, Goal
from storage.repo import scoped_team


def checkins_for_message(
    *, session: Session, team_id: str, channel_id: str, message_ts: str
) -> list[CheckIn]:
    """The check-ins a Slack message recorded (one per goal it named)."""
    query = (
        select(CheckIn)
        .where(
            CheckIn.team_id == scoped_team(team_id),
            CheckIn.channel_id == channel_id,
            CheckIn.message_ts == message_ts,
        )
        .order_by(col(CheckIn.id))
    )
    return list(session.exec(query))


def latest_checkin(*, session: Session, team_id: str, goal_id: int) -> CheckIn | None:
    """A goal's newest check-in, or None."""
    query = (
        select(CheckIn)
        .where(CheckIn.team_id == scoped_team(team_id), CheckIn.goal_id == goal_id)
        .order_by(*(c.desc() for c in CHECKIN_ORDER))
        .limit(1)
    )
    return session.exec(query).first()


def recent_checkins(*, session: Session, team_id: str, goal_id: int, limit: int) -> list[CheckIn]:
    """A goal's `limit` newest check-ins, newest first."""
    query = (
        select(CheckIn)
        .where(CheckIn.team_id == scoped_team(team_id), CheckIn.goal_id == goal_id)
        .order_by(*(c.desc() for c in CHECKIN_ORDER))
        .limit(limit)
    )
    return list(session.exec(query))


def last_checkin_by(
    *, session: Session, team_id: str, author_id: str, since: datetime
) -> CheckIn | None:
    """The check-in `author_id` made last (by when it was stored), if made after `since`."""
    query = (
        select(CheckIn)
        .where(
            CheckIn.team_id == scoped_team(team_id),
            CheckIn.author_id == author_id,
            col(CheckIn.created_at) > since,
        )
        .order_by(col(CheckIn.created_at).desc(), col(CheckIn.id).desc())
        .limit(1)
    )
    return session.exec(query).first()


def get_checkin(*, session: Session, team_id: str, checkin_id: int) -> CheckIn | None:
    """One check-in of the workspace by id, or None."""
    checkin = session.get(CheckIn, checkin_id)
    return checkin if checkin is not None and checkin.team_id == scoped_team(team_id) else None


def key_results_of(*, session: Session, team_id: str, objective_ids: list[int]) -> list[Goal]:
    """The active key results under these objectives, oldest first, in one query."""
    query = (
        select(Goal)
        .where(
            Goal.team_id == scoped_team(team_id),
            col(Goal.objective_id).in_(objective_ids),
            Goal.state == "active",
        )
        .order_by(col(Goal.id))
    )
    return list(session.exec(query))


def key_results(*, session: Session, team_id: str, objective_id: int) -> list[Goal]:
    """The active key results under an objective, oldest first."""
    query = (
        select(Goal)
        .where(
            Goal.team_id == scoped_team(team_id),
            Goal.objective_id == objective_id,
            Goal.state == "active",
        )
        .order_by(col(Goal.id))
    )
    return list(session.exec(query))


def checked_in_since(
    *, session: Session, team_id: str, goal_ids: list[int], since: datetime
) -> bool:
    """True when any of these goals got a check-in recorded at or after `since`."""
    query = select(CheckIn.id).where(
        CheckIn.team_id == scoped_team(team_id),
        col(CheckIn.goal_id).in_(goal_ids),
        col(CheckIn.created_at) >= since,
    )
    return session.exec(query.limit(1)).first() is not None
