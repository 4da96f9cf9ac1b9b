"""Reminders: what each goal's owner is asked at a check-in, as values.

A reminder names the goal, its last value and when it was given, what the plan
expects by now, and how to answer (reply in the thread). Goals that are achieved,
archived or past their deadline stop reminding; an owner away until a date is
skipped until then. `bot.scheduling.reminders` posts them on schedule and
`bot.render.reminders` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.dates import format_date
from bot.core.goal_lookup import GoalRef
from bot.core.numbers.write import round_estimate
from bot.core.plan import expected_value
from bot.core.values import GoalKind, GoalState, Quantity
from bot.services import Services
from bot.services.checkin_goals import asked_goals, goal_ref, owner_zone, reminder_goal
from bot.services.permissions import Refusal, Refused, Requester, can_change, refusal
from bot.services.reminder_controls import schedule_of
from bot.services.tracking import plan_calendar
from storage import checkins as checkin_store
from storage import repo
from storage.models import Delivery, Goal, ReminderSchedule


@dataclass(frozen=True, slots=True)
class ReminderItem:
    """One goal the reminder asks about (an objective asks about each key result)."""

    goal: GoalRef
    last: Quantity | None  # the latest check-in's value
    last_on: date | None  # the day of the latest check-in, in the schedule's time zone
    expected: Quantity | None  # what the plan expects by now
    baseline: Quantity | None = None  # where the goal started, before any check-in


@dataclass(frozen=True, slots=True)
class ReminderView:
    """What a reminder says; `bot.render.reminders` turns it into Block Kit."""

    schedule_id: int
    title: str
    items: tuple[ReminderItem, ...]
    owner_id: str | None
    in_channel: bool  # a team goal: posted in its channel, the owner mentioned
    late_from: time | None  # the local time it was due, when it is sent late


def build_reminder(
    session: Session, row: ReminderSchedule, goal: Goal, now: datetime, *, late: bool
) -> ReminderView:
    """The reminder for `goal` at `now`, in the schedule's time zone."""
    zone = ZoneInfo(row.timezone)
    asked = asked_goals(session, goal)
    due_local = row.next_run_at.astimezone(zone) if row.next_run_at else None
    return ReminderView(
        schedule_id=row.id or 0,
        title=goal.title,
        items=tuple(_item(session, g, now, zone) for g in asked),
        owner_id=goal.owner_id or row.owner_id,
        in_channel=reminded_in(goal) == goal.channel_id,
        late_from=due_local.time() if late and due_local else None,
    )


def reminder_for_form(
    services: Services, author: Requester, delivery: Delivery
) -> ReminderView | Refused:
    """What the Update form asks about, for someone allowed to check in on the goal."""
    with services.session() as session:
        goal = reminder_goal(session, delivery)
        row = schedule_of(session, delivery)
        if goal is None or row is None:
            return Refused(Refusal.REMINDER_GOAL_GONE)
        if not can_change(goal, author):
            return refusal(goal)
        return build_reminder(session, row, goal, services.now(), late=False)


def checkin_choices(services: Services, *, team_id: str, user_id: str) -> tuple[GoalRef, ...]:
    """The goals a person checks in on from the App Home: their own active goals.

    An objective stands for its key results (its form asks for each), so key
    results appear alone only when their objective belongs to someone else.
    """
    with services.session() as session:
        mine = [
            g
            for g in repo.list_goals(session=session, team_id=team_id, states=(GoalState.ACTIVE,))
            if g.owner_id == user_id
        ]
    objectives = {g.id for g in mine if g.kind == GoalKind.OBJECTIVE}
    return tuple(
        goal_ref(g)
        for g in mine
        if not (g.kind == GoalKind.KEY_RESULT and g.objective_id in objectives)
    )


def goal_form_items(
    services: Services, author: Requester, goal_id: int
) -> tuple[ReminderItem, ...] | Refused:
    """What the Update form asks about for one goal, for someone allowed to check in on it."""
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=goal_id)
        if goal is None or goal.state != GoalState.ACTIVE:
            return Refused(Refusal.GOAL_NOT_ACTIVE)
        if not can_change(goal, author):
            return refusal(goal)
        zone = owner_zone(session, services, goal)
        now = services.now()
        return tuple(_item(session, g, now, zone) for g in asked_goals(session, goal))


def why_not_remind(goal: Goal | None, away_until: datetime | None, now: datetime) -> str | None:
    """Why a due reminder is not sent, or None when it should be.

    Example:
        >>> why_not_remind(Goal(title="g", team_id="T", state="achieved"), None, now)
        'the goal is achieved'
    """
    if goal is None:
        return "the goal was deleted"
    if goal.state != GoalState.ACTIVE:
        return f"the goal is {goal.state}"
    if goal.deadline is not None and goal.deadline < now:
        return "the goal's deadline has passed"
    if away_until is not None and away_until > now:
        return f"the owner is away until {format_date(away_until.date())}"
    if reminded_in(goal) is None:
        return "the goal has no owner and no channel"
    return None


def reminded_in(goal: Goal) -> str | None:
    """Where a goal's reminders go: a team goal's channel; else the owner (their DM), even
    when the goal names a channel, which then only gets its digest.

    Example:
        >>> reminded_in(Goal(title="g", team_id="T", owner_id="U1", channel_id="C1"))
        'U1'
    """
    if goal.team and goal.channel_id:
        return goal.channel_id
    return goal.owner_id or goal.channel_id


def _item(session: Session, goal: Goal, now: datetime, zone: ZoneInfo) -> ReminderItem:
    unit = goal.unit

    def quantity(value: Decimal) -> Quantity:
        return Quantity(value, unit, goal.currency)

    latest = checkin_store.latest_checkin(
        session=session, team_id=goal.team_id, goal_id=goal.id or 0
    )
    expected = None
    if goal.target is not None and goal.deadline is not None and goal.baseline is not None:
        planned = expected_value(
            goal.baseline,
            goal.target,
            goal.start_at,
            goal.deadline,
            now,
            calendar=plan_calendar(goal),
        )
        expected = quantity(round_estimate(planned, unit))
    return ReminderItem(
        goal=goal_ref(goal),
        last=quantity(latest.value) if latest is not None else None,
        last_on=latest.at.astimezone(zone).date() if latest is not None else None,
        expected=expected,
        baseline=quantity(goal.baseline) if goal.baseline is not None else None,
    )


def finished_reason(goal: Goal | None, now: datetime) -> str | None:
    """The code stored as a schedule's paused reason when its goal stops reminding for good.

    Example:
        >>> finished_reason(Goal(title="g", team_id="T", state="achieved"), now)
        'goal_achieved'
    """
    if goal is None:
        return "goal_deleted"
    if goal.state != GoalState.ACTIVE:
        return f"goal_{goal.state}"
    if _past_deadline(goal, now):
        return "deadline_passed"
    return None


def _past_deadline(goal: Goal, now: datetime) -> bool:
    return goal.deadline is not None and goal.deadline < now
