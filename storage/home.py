"""What the App Home reads and changes beyond goals: a person's reminder schedules."""

from __future__ import annotations

from sqlmodel import Session, select

from storage.models import ReminderSchedule
from storage.repo import scoped_team


def schedules_of_owner(*, session: Session, team_id: str, owner_id: str) -> list[ReminderSchedule]:
    """Every reminder schedule of the goals a person owns, active or paused."""
    query = select(ReminderSchedule).where(
        ReminderSchedule.team_id == scoped_team(team_id), ReminderSchedule.owner_id == owner_id
    )
    return list(session.exec(query))
