"""Reminders: the delivery source that asks each goal's owner for a check-in on schedule.

A reminder names the goal, its last value and when it was given, what the plan
expects by now, and how to answer (reply in the thread). It goes to the owner's DM,
or to the goal's channel for a team goal. Goals that are achieved, archived or past
their deadline stop reminding; an owner away until a date is skipped until then;
a permanent Slack error pauses the schedule and tells the owner (or an admin) why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.core.dates import format_date
from bot.core.goal_lookup import GoalRef
from bot.core.mrkdwn import escape
from bot.core.numbers.write import round_estimate
from bot.core.progress import expected_value
from bot.core.values import GoalKind, GoalState
from bot.scheduling.deliveries import Due, NotSent, Sent
from bot.services import Services
from bot.services.checkins import (
    Author,
    Refused,
    asked_goals,
    goal_ref,
    owner_zone,
    reminder_goal,
    show_value,
)
from bot.services.permissions import can_change, refusal
from bot.services.reminder_controls import schedule_of
from bot.services.schedules import advance
from bot.slack.errors import CHANNEL_ERRORS
from bot.slack.people import user_timezone
from storage import checkins as checkin_store
from storage import repo
from storage.models import Delivery, DeliveryKind, Goal, ReminderSchedule
from storage.reminders import admin_ids, due_schedules, get_schedule
from storage.schemas import clipped

log = logging.getLogger("checkin_bot.reminders")

WHY_SLACK_REFUSED: dict[str, str] = {
    "channel_not_found": "the goal's channel no longer exists, or I can't see it",
    "not_in_channel": "I am not a member of the goal's channel",
    "is_archived": "the goal's channel is archived",
    "account_inactive": "the owner's Slack account is deactivated",
    "user_not_found": "the owner is no longer in this workspace",
    "user_disabled": "the owner's Slack account is disabled",
    "cannot_dm_bot": "Slack does not let me message the owner",
    "messages_tab_disabled": "the owner turned off messages from apps",
}


@dataclass(frozen=True, slots=True)
class ReminderItem:
    """One goal the reminder asks about (an objective asks about each key result)."""

    goal: GoalRef
    last: str | None  # "41,200 on 16 Nov 2026"
    expected: str | None  # "45,000"
    baseline: str | None = None  # "40,000": where the goal started, before any check-in


@dataclass(frozen=True, slots=True)
class ReminderView:
    """What a reminder says; `bot.blocks.reminders` turns it into Block Kit."""

    schedule_id: int
    title: str
    items: tuple[ReminderItem, ...]
    owner_id: str | None
    in_channel: bool  # a team goal: posted in its channel, the owner mentioned
    late_from: str | None  # the local time it was due, when it is sent late


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
        in_channel=bool(goal.channel_id),
        late_from=f"{due_local:%H:%M}" if late and due_local else None,
    )


def reminder_for_form(
    services: Services, author: Author, delivery: Delivery
) -> ReminderView | Refused:
    """What the Update form asks about, for someone allowed to check in on the goal."""
    with services.session() as session:
        goal = reminder_goal(session, delivery)
        row = schedule_of(session, delivery)
        if goal is None or row is None:
            return Refused("This reminder's goal is gone.")
        if not can_change(goal, author.user_id, is_admin=author.is_admin):
            return Refused(refusal(goal))
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
    services: Services, author: Author, goal_id: int
) -> tuple[ReminderItem, ...] | Refused:
    """What the Update form asks about for one goal, for someone allowed to check in on it."""
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=goal_id)
        if goal is None or goal.state != GoalState.ACTIVE:
            return Refused("That goal is no longer active, so there is nothing to check in on.")
        if not can_change(goal, author.user_id, is_admin=author.is_admin):
            return Refused(refusal(goal))
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
    if not (goal.channel_id or goal.owner_id):
        return "the goal has no owner and no channel"
    return None


class ReminderSource:
    """The `DueSource` of check-in reminders (see `bot.scheduling.deliveries`)."""

    kind = DeliveryKind.REMINDER

    def __init__(
        self,
        services: Services,
        render: Callable[[ReminderView], tuple[str, list[dict[str, object]]]],
    ) -> None:
        self.services = services
        self.render = render  # view -> (notification text, blocks)

    def due(self, session: Session, now: datetime, limit: int) -> Sequence[Due]:
        return [
            Due(row.team_id, self.kind, row.id or 0, row.next_run_at)
            for row in due_schedules(session=session, now=now, limit=limit)
            if row.next_run_at is not None
        ]

    def send(self, due: Due, *, late: bool, client: WebClient, now: datetime) -> Sent | NotSent:
        with self.services.session() as session:
            row, goal = self._load(session, due)
            if row is None:
                return NotSent("the schedule was deleted")
            reason = why_not_remind(goal, self._away_until(session, row), now)
            if reason is not None or goal is None:
                return NotSent(reason or "the goal was deleted")
            owner = goal.owner_id or row.owner_id
            view = build_reminder(session, row, goal, now, late=late)
            channel = goal.channel_id or owner or ""
        if owner:
            self._follow_owner_timezone(due, client, owner)
        text, blocks = self.render(view)
        answer = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        return Sent(str(answer["channel"]), str(answer["ts"]))

    def reschedule(self, session: Session, due: Due, now: datetime) -> None:
        row, goal = self._load(session, due)
        if row is None:
            return
        if goal is None or goal.state != GoalState.ACTIVE or _past_deadline(goal, now):
            row.active = False
            row.paused_reason = why_not_remind(goal, None, now)
            return
        after = max(now, due.due_at)
        away = self._away_until(session, row)
        if away is not None and away > after:
            after = away
        if row.next_run_at is not None and row.next_run_at > due.due_at:
            return  # moved already (snoozed, or advanced by another replica)
        advance(row, after=after)

    def on_permanent_failure(
        self, session: Session, due: Due, error: str, client: WebClient, now: datetime
    ) -> None:
        row, goal = self._load(session, due)
        if row is None:
            return
        why = WHY_SLACK_REFUSED.get(error, f"Slack answered {error}")
        reason = clipped(ReminderSchedule, "paused_reason", f"{error}: {why}")
        row.active, row.paused_reason, row.updated_at = False, reason, now
        title = goal.title if goal else "a goal"
        owner = (goal.owner_id if goal else None) or row.owner_id
        told = [owner] if owner and error in CHANNEL_ERRORS else []
        told += admin_ids(session=session, team_id=due.team_id)
        message = (
            f"I couldn't send the check-in reminder for “{escape(title)}”: {why}. "
            "I paused its reminders instead of trying again and again. "
            "Fix that, then type `/goals back` to turn them on again."
        )
        for user in told:
            try:
                client.chat_postMessage(channel=user, text=message)
                return
            except SlackApiError as exc:
                log.warning("could not tell %s about %s: %s", user, error, exc.response["error"])
        log.error("reminder %s paused (%s) and nobody could be told", due.row_id, error)

    def _load(self, session: Session, due: Due) -> tuple[ReminderSchedule | None, Goal | None]:
        row = get_schedule(session=session, team_id=due.team_id, schedule_id=due.row_id)
        if row is None:
            return None, None
        return row, repo.get_goal(session=session, team_id=due.team_id, goal_id=row.goal_id)

    @staticmethod
    def _away_until(session: Session, row: ReminderSchedule) -> datetime | None:
        if not row.owner_id:
            return None
        member = repo.get_member(session=session, team_id=row.team_id, user_id=row.owner_id)
        return member.away_until if member else None

    def _follow_owner_timezone(self, due: Due, client: WebClient, owner: str) -> None:
        """The owner moved (Slack says another zone): later reminders follow their clock."""
        zone = user_timezone(self.services, client, due.team_id, owner)
        with self.services.session() as session:
            row = get_schedule(session=session, team_id=due.team_id, schedule_id=due.row_id)
            if row is not None and row.timezone != zone:
                log.info("schedule %s follows its owner to %s", row.id, zone)
                row.timezone = zone


def _item(session: Session, goal: Goal, now: datetime, zone: ZoneInfo) -> ReminderItem:
    latest = checkin_store.latest_checkin(
        session=session, team_id=goal.team_id, goal_id=goal.id or 0
    )
    last = (
        f"{show_value(goal, latest.value)} on {format_date(latest.at.astimezone(zone).date())}"
        if latest is not None
        else None
    )
    expected = None
    if goal.target is not None and goal.deadline is not None and goal.baseline is not None:
        planned = expected_value(goal.baseline, goal.target, goal.start_at, goal.deadline, now)
        expected = show_value(goal, round_estimate(planned, goal.unit))
    baseline = show_value(goal, goal.baseline) if goal.baseline is not None else None
    return ReminderItem(goal_ref(goal), last, expected, baseline)


def _past_deadline(goal: Goal, now: datetime) -> bool:
    return goal.deadline is not None and goal.deadline < now
