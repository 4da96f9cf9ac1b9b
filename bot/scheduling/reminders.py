"""Reminders as a scheduled delivery: due schedules, posted to the owner or the goal's channel.

`ReminderSource` plugs into the shared `DeliveryRunner` (claims, lateness, permanent
errors). What a reminder says is decided by `bot.services.reminders` and written by
`bot.render.reminders`; this module only finds what is due, posts it and moves the
schedule on. A permanent Slack error pauses the schedule (its error code kept as the
reason) and tells the owner, or an admin, why.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.core.dates import format_date
from bot.core.languages import language_for
from bot.core.quiet_hours import SendingHours, sending_hours
from bot.i18n.catalogue import translator
from bot.render.reminders import reminder_message, reminder_paused_text
from bot.scheduling.deliveries import Due, NotSent, Sent, post_scheduled
from bot.scheduling.nudges import wait_for_hours
from bot.services import Services
from bot.services.nudges import note_reminder_sent
from bot.services.reminders import build_reminder, finished_reason, reminded_in, why_not_remind
from bot.services.schedules import advance, occurrence_answered
from bot.slack.errors import CHANNEL_ERRORS
from bot.slack.out_of_office import out_of_office, status_of
from bot.slack.people import user_language, user_timezone
from storage import repo
from storage.deliveries import delivery_sent
from storage.models import DeliveryKind, Goal, ReminderSchedule
from storage.reminders import admin_ids, due_schedules, get_schedule

log = logging.getLogger("checkin_bot.reminders")


class ReminderSource:
    """The `DueSource` of check-in reminders (see `bot.scheduling.deliveries`)."""

    kind = DeliveryKind.REMINDER

    def __init__(self, services: Services) -> None:
        self.services = services

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
            reason = why_not_remind(goal, self._away_until(session, row, now), now)
            if reason is not None or goal is None:
                return NotSent(reason or "the goal was deleted")
            owner = goal.owner_id or row.owner_id
            waiting = wait_for_hours(session, row, "next_run_at", owner, now) if owner else None
            if waiting is not None:
                return waiting
            view = build_reminder(session, row, goal, now, late=late)
            channel = reminded_in(goal) or owner or ""
        if owner and (away := self._out_of_office(due, client, owner)) is not None:
            return away
        if owner:
            self._follow_owner_timezone(due, client, owner)
        # In the owner's language, even in a channel: they are the one asked to answer.
        lang = (
            user_language(self.services, client, due.team_id, owner)
            if owner
            else self.services.settings.DEFAULT_LANGUAGE
        )
        text, blocks = reminder_message(view, translator(lang))
        return post_scheduled(client, due, channel=channel, text=text, blocks=blocks)

    def reschedule(self, session: Session, due: Due, now: datetime) -> None:
        row, goal = self._load(session, due)
        if row is None:
            return
        finished = finished_reason(goal, now)
        if finished is not None:
            row.active, row.paused_reason = False, finished
            return
        if delivery_sent(session=session, key=due.key):
            note_reminder_sent(session, row, goal, due_at=due.due_at)
        after = max(now, due.due_at)
        away = self._away_until(session, row, now)
        if away is not None and away > after:
            after = away
        if row.next_run_at is not None and row.next_run_at > due.due_at:
            return  # moved already (snoozed, or advanced by another replica)

        def owner_hours() -> SendingHours:
            owner = repo.get_member(
                session=session, team_id=row.team_id, user_id=row.owner_id or ""
            )
            return sending_hours(owner.quiet_hours if owner else None)

        advance(session, row, after=after, sent=occurrence_answered(row, due.due_at, owner_hours))

    def on_permanent_failure(
        self, session: Session, due: Due, error: str, client: WebClient, now: datetime
    ) -> None:
        row, goal = self._load(session, due)
        if row is None:
            return
        # The error code is the reason: it is rendered in words when it is shown.
        row.active, row.paused_reason, row.updated_at = False, error, now
        owner = (goal.owner_id if goal else None) or row.owner_id
        told = [owner] if owner and error in CHANNEL_ERRORS else []
        told += admin_ids(session=session, team_id=due.team_id)
        for user in told:
            lang = self._known_language(session, due.team_id, user)
            message = reminder_paused_text(goal.title if goal else None, error, translator(lang))
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

    def _known_language(self, session: Session, team_id: str, user_id: str) -> str:
        """The person's language from what is cached: Slack is not asked (users.info would
        write its answer) while the runner's unit of work holds the database."""
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        return language_for(
            chosen=member.language if member else None,
            slack_locale=member.slack_locale if member else None,
            default=self.services.settings.DEFAULT_LANGUAGE,
        )

    @staticmethod
    def _away_until(session: Session, row: ReminderSchedule, now: datetime) -> datetime | None:
        """The later end of `/goals away` and of an out-of-office status with an expiry."""
        if not row.owner_id:
            return None
        member = repo.get_member(session=session, team_id=row.team_id, user_id=row.owner_id)
        status = status_of(member, now)
        ends = [t for t in (member.away_until if member else None, status and status.until) if t]
        return max(ends) if ends else None

    def _out_of_office(self, due: Due, client: WebClient, owner: str) -> NotSent | None:
        """The owner's Slack status says out of office: nothing now, and the schedule moves
        past its expiry (without one, the next reminder reads the status again)."""
        away = out_of_office(self.services, client, due.team_id, owner)
        if away is None:
            return None
        if away.until is None:
            return NotSent("the owner is out of office (Slack status)")
        return NotSent(f"the owner is out of office until {format_date(away.until.date())}")

    def _follow_owner_timezone(self, due: Due, client: WebClient, owner: str) -> None:
        """The owner moved (Slack says another zone): later reminders follow their clock."""
        zone = user_timezone(self.services, client, due.team_id, owner)
        with self.services.session() as session:
            row = get_schedule(session=session, team_id=due.team_id, schedule_id=due.row_id)
            if row is not None and row.timezone != zone:
                log.info("schedule %s follows its owner to %s", row.id, zone)
                row.timezone = zone
