"""Follow-ups and escalations as scheduled deliveries, claimed like every reminder.

Both hang off a reminder schedule (see `bot.services.nudges` for when they fall due);
their delivery keys are the schedule's, with a period that names what they are, so a
replica, a restart or a retry sends each once. Each looks again when it falls due:
answered meanwhile, nothing goes out; outside the recipient's hours, it waits for
their next morning.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from slack_sdk import WebClient
from sqlmodel import Session

from bot.i18n.catalogue import translator
from bot.render.nudges import escalation_message, follow_up_message
from bot.scheduling.deliveries import Due, NotSent, Sent, post_scheduled
from bot.services import Services
from bot.services.nudges import answered, escalation, manager_of, recipient_hours_start
from bot.services.reminders import reminded_in, why_not_remind
from bot.slack.people import user_language
from storage import repo
from storage.deliveries import ESCALATION_MARK, FOLLOW_UP_MARK
from storage.models import DeliveryKind, Goal, ReminderSchedule
from storage.reminders import due_nudges, get_schedule

log = logging.getLogger("checkin_bot.nudges")


def wait_for_hours(
    session: Session, row: ReminderSchedule, field: str, user_id: str, now: datetime
) -> NotSent | None:
    """Outside `user_id`'s sending hours, the schedule's `field` (`next_run_at` for a reminder,
    `follow_up_at`, `escalate_at`) moves to their next start, a new occurrence of its own, and
    this one is recorded as not sent; None inside them."""
    start = recipient_hours_start(
        session, team_id=row.team_id, user_id=user_id, zone=row.timezone, moment=now
    )
    if start <= now:
        return None
    setattr(row, field, start)
    return NotSent(f"outside the recipient's hours: moved to {start.isoformat()}")


class _NudgeSource:
    """What follow-ups and escalations share: the due query, loading, moving on."""

    kind = DeliveryKind.REMINDER
    mark = ""
    field = ""  # the row's column that says when this nudge falls due

    def __init__(self, services: Services) -> None:
        self.services = services

    def due(self, session: Session, now: datetime, limit: int) -> Sequence[Due]:
        column = getattr(ReminderSchedule, self.field)
        return [
            Due(row.team_id, self.kind, row.id or 0, getattr(row, self.field), mark=self.mark)
            for row in due_nudges(session=session, column=column, now=now, limit=limit)
        ]

    def reschedule(self, session: Session, due: Due, now: datetime) -> None:
        row = get_schedule(session=session, team_id=due.team_id, schedule_id=due.row_id)
        if row is not None and getattr(row, self.field) == due.due_at:
            setattr(row, self.field, None)  # done; a later time (quiet hours) stays

    def on_permanent_failure(
        self, session: Session, due: Due, error: str, client: WebClient, now: datetime
    ) -> None:
        log.warning("%s for schedule %s not sent: %s", self.mark, due.row_id, error)
        self.reschedule(session, due, now)

    def _pending(
        self, session: Session, due: Due, now: datetime
    ) -> tuple[ReminderSchedule, Goal] | NotSent:
        """The row and goal when the nudge is still owed, else why not."""
        row = get_schedule(session=session, team_id=due.team_id, schedule_id=due.row_id)
        if row is None or getattr(row, self.field) != due.due_at:
            return NotSent("moved or answered meanwhile")
        goal = repo.get_goal(session=session, team_id=due.team_id, goal_id=row.goal_id)
        owner = repo.get_member(session=session, team_id=row.team_id, user_id=row.owner_id or "")
        reason = why_not_remind(goal, owner.away_until if owner else None, now)
        if reason is not None or goal is None:
            return NotSent(reason or "the goal was deleted")
        if answered(session, row, goal):
            return NotSent("answered meanwhile")
        return row, goal


class FollowUpSource(_NudgeSource):
    """One follow-up to an unanswered reminder, `Workspace.follow_up_minutes` after it."""

    mark = FOLLOW_UP_MARK
    field = "follow_up_at"

    def send(self, due: Due, *, late: bool, client: WebClient, now: datetime) -> Sent | NotSent:
        with self.services.session() as session:
            pending = self._pending(session, due, now)
            if isinstance(pending, NotSent):
                return pending
            row, goal = pending
            owner = goal.owner_id or row.owner_id or ""
            waiting = wait_for_hours(session, row, self.field, owner, now) if owner else None
            if waiting is not None:
                return waiting
            channel = reminded_in(goal) or owner
            schedule_id, title = row.id or 0, goal.title
        # Asked once the unit of work is over: users.info may write what Slack says.
        tr = translator(user_language(self.services, client, due.team_id, owner))
        text, blocks = follow_up_message(
            schedule_id=schedule_id, title=title, owner_id=owner, in_channel=channel != owner, tr=tr
        )
        return post_scheduled(client, due, channel=channel, text=text, blocks=blocks)


class EscalationSource(_NudgeSource):
    """One DM to the owner's manager (else an admin) per run of missed check-ins."""

    mark = ESCALATION_MARK
    field = "escalate_at"

    def send(self, due: Due, *, late: bool, client: WebClient, now: datetime) -> Sent | NotSent:
        with self.services.session() as session:
            pending = self._pending(session, due, now)
            if isinstance(pending, NotSent):
                return pending
            row, goal = pending
            owner = goal.owner_id or row.owner_id or ""
            manager = manager_of(session, team_id=row.team_id, owner_id=owner)
            if manager is None:
                return NotSent("no manager and no other admin to tell")
            waiting = wait_for_hours(session, row, self.field, manager, now)
            if waiting is not None:
                return waiting
            note = escalation(session, row, goal, now)
        tr = translator(user_language(self.services, client, due.team_id, manager))
        text, blocks = escalation_message(note, tr)  # in the manager's language
        return post_scheduled(client, due, channel=manager, text=text, blocks=blocks)
