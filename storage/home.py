"""What the App Home reads besides goals: whether a person's reminders are paused."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, exists, not_, or_, select
from sqlmodel import Session, col

from storage.models import Member, ReminderSchedule
from storage.repo import scoped_team


def reminders_paused(*, session: Session, team_id: str, user_id: str, now: datetime) -> bool:
    """True when the person is away, or owns reminders and every one of them is paused.

    One statement, however many schedules the person owns.
    """
    team = scoped_team(team_id)
    away = exists().where(
        col(Member.team_id) == team,
        col(Member.user_id) == user_id,
        col(Member.away_until) > now,
    )
    owned = (col(ReminderSchedule.team_id) == team, col(ReminderSchedule.owner_id) == user_id)
    owns_any = exists().where(*owned)
    owns_active = exists().where(*owned, col(ReminderSchedule.active).is_(True))
    return bool(session.scalar(select(or_(away, and_(owns_any, not_(owns_active))))))
