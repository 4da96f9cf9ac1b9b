"""Which goals a check-in is about: a thread's reminder, its goal, an objective's key results.

Also the time zone their dates are shown in (the owner's).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.goal_lookup import GoalRef
from bot.core.values import GoalKind
from bot.services import Services
from bot.services.reminder_controls import schedule_of
from storage import checkins as checkin_store
from storage import repo
from storage.deliveries import find_delivery_by_message, takes_checkins
from storage.goal_histories import GoalHistory, ReminderThread, key_result_histories
from storage.models import Delivery, DeliveryKind, Goal, Member


def goal_ref(goal: Goal) -> GoalRef:
    """The lookup's view of a stored goal."""
    return GoalRef(
        id=goal.id or 0,
        title=goal.title,
        metric=goal.metric or "",
        metric_name=goal.metric_name,
        platform=goal.platform,
        kind=goal.kind,
        unit=goal.unit,
        number=goal.number,
        state=goal.state,
    )


def reminder_goal(session: Session, delivery: Delivery) -> Goal | None:
    """The goal a reminder was sent for."""
    schedule = schedule_of(session, delivery) if delivery.kind == DeliveryKind.REMINDER else None
    if schedule is None:
        return None
    return repo.get_goal(session=session, team_id=delivery.team_id, goal_id=schedule.goal_id)


def asked_goals(session: Session, goal: Goal | None) -> list[Goal]:
    """The goals a check-in on `goal` asks values for: the goal, or an objective's key results."""
    if goal is None:
        return []
    if goal.kind == GoalKind.OBJECTIVE:
        return checkin_store.key_results(
            session=session, team_id=goal.team_id, objective_id=goal.id or 0
        )
    return [goal]


def thread_goals(session: Session, delivery: Delivery) -> list[Goal]:
    """The goals a reminder asked about: its goal, or the key results of an objective."""
    return asked_goals(session, reminder_goal(session, delivery))


def thread_histories(session: Session, thread: ReminderThread) -> list[GoalHistory]:
    """The histories of the goals a reminder asked about (its goal, or an objective's key
    results)."""
    if thread.goal is None:
        return []
    goal = thread.goal.goal
    if goal.kind == GoalKind.OBJECTIVE:
        return key_result_histories(
            session=session, team_id=goal.team_id, objective_id=goal.id or 0
        )
    return [thread.goal]


def owner_zone(session: Session, services: Services, goal: Goal) -> ZoneInfo:
    """The time zone dates about `goal` are shown in: its owner's, else the workspace's."""
    member = (
        repo.get_member(session=session, team_id=goal.team_id, user_id=goal.owner_id)
        if goal.owner_id
        else None
    )
    return zone_of(member, services)


def zone_of(owner: Member | None, services: Services) -> ZoneInfo:
    """The time zone of a goal's owner (as cached), else the workspace's."""
    return ZoneInfo((owner.timezone if owner else None) or services.settings.DEFAULT_TIMEZONE)


def reminder_thread(
    services: Services, *, team_id: str, channel_id: str, thread_ts: str | None
) -> Delivery | None:
    """The reminder a thread belongs to, or None when it is not a reminder's thread."""
    if not thread_ts:
        return None
    with services.session() as session:
        delivery = find_delivery_by_message(
            session=session, team_id=team_id, channel_id=channel_id, message_ts=thread_ts
        )
        return delivery if delivery is not None and takes_checkins(delivery) else None
