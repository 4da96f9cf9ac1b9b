"""Replies in a reminder's thread: a new reply checks in (or skips, or snoozes), an edited one
changes its check-ins, a deleted one takes them away.

A reply reads the reminder, its goal, the owner and the goal's check-ins in one query,
and records in the same unit of work.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.core.checkin_reply import Skip, Snooze, Values, parse_reply
from bot.core.parse_error import ParseError
from bot.services import Services
from bot.services.checkin_goals import goal_ref, thread_histories
from bot.services.checkins import (
    Implausible,
    Origin,
    Outcome,
    Postponed,
    Question,
    Recorded,
    Removed,
    Report,
    Unclear,
    first_refusal,
    record_values,
)
from bot.services.permissions import Requester
from bot.services.reminder_controls import skip_once, snooze
from storage import checkins as checkin_store
from storage import repo
from storage.goal_histories import ReminderThread, reminder_thread
from storage.models import CheckIn


def reply_in_thread(
    services: Services, author: Requester, origin: Origin, text: str, *, thread_ts: str
) -> Outcome | None:
    """A reply in a reminder's thread: values, "skip" or "snooze Nd"; None in any other thread.

    One query reads the reminder, its goal, the owner and the check-ins the answer needs.
    """
    with services.session() as session:
        thread = _thread(session, author, origin, thread_ts)
        if thread is None:
            return None
        delivery, histories = thread.delivery, thread_histories(session, thread)
        goals = [h.goal for h in histories]
        reply = parse_reply(text, [goal_ref(g) for g in goals])
        if isinstance(reply, ParseError):
            return Question(Unclear.UNREADABLE, reply.message, reply.example)
        if isinstance(reply, Skip | Snooze):
            refused = first_refusal(goals, author)
            if refused is not None:
                return refused
        if isinstance(reply, Skip):
            return Postponed(skip_once(session, delivery))
        if isinstance(reply, Snooze):
            said = snooze(session, services, delivery, days=reply.days)
            return Postponed(said, tuple(g.id or 0 for g in goals))
        return record_values(session, services, Report(author, origin, reply), histories)


def change_reply(
    services: Services, author: Requester, origin: Origin, text: str, *, thread_ts: str
) -> Outcome | None:
    """An edited reply in a reminder's thread: its check-ins take the new values.

    None when it recorded none (or the thread is not a reminder's).
    """
    with services.session() as session:
        previous = _checkins_of(session, author.team_id, origin)
        thread = _thread(session, author, origin, thread_ts) if previous else None
        if thread is None:
            return None
        histories = thread_histories(session, thread)
        goals = [h.goal for h in histories]
        reply = parse_reply(text, [goal_ref(g) for g in goals])
        if not isinstance(reply, Values):
            if isinstance(reply, ParseError):
                return Question(Unclear.KEPT_EARLIER, reply.message, reply.example)
            return Question(Unclear.KEPT_EARLIER)
        refused = first_refusal(goals, author)
        if refused is not None:
            return refused
        for old in previous:
            session.delete(old)
        session.flush()
        removed = {c.id for c in previous}
        for history in histories:
            history.checkins = [c for c in history.checkins if c.id not in removed]
        # An edit is itself a correction, so a far-off value is not asked about again.
        report = Report(author, origin, reply, confirmed=True)
        recorded = record_values(session, services, report, histories, at=previous[0].at)
        if isinstance(recorded, Implausible):
            session.rollback()  # an impossible value: the earlier check-ins stay
            return recorded
        return Recorded(recorded.answers, updated=True) if isinstance(recorded, Recorded) else None


def remove_reply(services: Services, author: Requester, origin: Origin) -> Removed | None:
    """A deleted reply: its check-ins go too (None when it recorded none)."""
    with services.session() as session:
        previous = _checkins_of(session, author.team_id, origin)
        titles = []
        for old in previous:
            goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=old.goal_id)
            titles.append(goal.title if goal else "a goal")
            session.delete(old)
        return Removed(tuple(titles), tuple(c.goal_id for c in previous)) if previous else None


def _thread(
    session: Session, author: Requester, origin: Origin, thread_ts: str
) -> ReminderThread | None:
    return reminder_thread(
        session=session,
        team_id=author.team_id,
        channel_id=origin.channel_id or "",
        message_ts=thread_ts,
    )


def _checkins_of(session: Session, team_id: str, origin: Origin) -> list[CheckIn]:
    if not origin.channel_id or not origin.message_ts:
        return []
    return checkin_store.checkins_for_message(
        session=session,
        team_id=team_id,
        channel_id=origin.channel_id,
        message_ts=origin.message_ts,
    )
