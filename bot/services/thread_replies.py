"""Replies in a reminder's thread: a new reply checks in (or skips, or snoozes), an edited one
changes its check-ins, a deleted one takes them away.

A reply reads the reminder, its goal, the owner and the goal's check-ins in one query,
and records in the same unit of work. Slack may repeat or reorder a reply's message,
edits and deletion: each applies as "set to" under the reply's row (`ReplyMessage`),
so they end in the same check-ins and one answer per change.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from storage.goal_histories import GoalHistory, ReminderThread, reminder_thread
from storage.models import CheckIn, Delivery
from storage.replies import ReplyKey, mark_deleted, take_version


@dataclass(frozen=True, slots=True)
class ReplyText:
    """One version of a reply: who wrote it, where, its text, and the ts of that text (the
    message's own, or its edit's)."""

    author: Requester
    origin: Origin
    text: str
    version: str


@dataclass(frozen=True, slots=True)
class Unchanged:
    """Nothing to do or say: this version of the reply was read already (a repeat, or an
    older version arriving late), or the reply was deleted."""


def apply_reply(
    services: Services, said: ReplyText, *, thread_ts: str
) -> Outcome | Unchanged | None:
    """A reply in a reminder's thread, new or edited: its check-ins are set to what it
    says (values, or "skip" / "snooze Nd" for a reply that recorded none).

    Only a newer version than the one read before changes anything, so any order or
    repetition of a reply's events ends in the same rows. None in any other thread.
    """
    author, origin = said.author, said.origin
    with services.session() as session:
        thread = _thread(session, author, origin, thread_ts)
        if thread is None:
            return None
        histories = thread_histories(session, thread)
        # Whether the author may check in can ask Slack, and cache the answer in a unit of
        # work of its own: asked before the lock (on SQLite the database's write lock).
        first_refusal([h.goal for h in histories], author)
        if not take_version(
            session=session, reply=_key(author, origin), version=said.version, now=services.now()
        ):
            return Unchanged()
        previous = _checkins_of(session, author.team_id, origin)
        if previous:
            return _change(session, services, said, histories, previous)
        return _first(session, services, said, thread.delivery, histories)


def _first(
    session: Session,
    services: Services,
    said: ReplyText,
    delivery: Delivery,
    histories: list[GoalHistory],
) -> Outcome:
    """A reply that recorded nothing yet: values, "skip" or "snooze Nd"."""
    author = said.author
    goals = [h.goal for h in histories]
    reply = parse_reply(said.text, [goal_ref(g) for g in goals])
    if isinstance(reply, ParseError):
        return Question(Unclear.UNREADABLE, example=reply.example, parsed=reply)
    if isinstance(reply, Skip | Snooze):
        refused = first_refusal(goals, author)
        if refused is not None:
            return refused
    if isinstance(reply, Skip):
        return Postponed(skip_once(session, delivery))
    if isinstance(reply, Snooze):
        change = snooze(session, services, delivery, days=reply.days)
        return Postponed(change, tuple(g.id or 0 for g in goals))
    return record_values(session, services, Report(author, said.origin, reply), histories)


def _change(
    session: Session,
    services: Services,
    said: ReplyText,
    histories: list[GoalHistory],
    previous: list[CheckIn],
) -> Outcome:
    """An edited reply that recorded values: they are replaced by the new ones."""
    goals = [h.goal for h in histories]
    reply = parse_reply(said.text, [goal_ref(g) for g in goals])
    if not isinstance(reply, Values):
        if isinstance(reply, ParseError):
            return Question(Unclear.KEPT_EARLIER, reply.message, reply.example)
        return Question(Unclear.KEPT_EARLIER)
    refused = first_refusal(goals, said.author)
    if refused is not None:
        return refused
    for old in previous:
        session.delete(old)
    session.flush()
    removed = {c.id for c in previous}
    for history in histories:
        history.checkins = [c for c in history.checkins if c.id not in removed]
    # An edit is itself a correction, so a far-off value is not asked about again.
    report = Report(said.author, said.origin, reply, confirmed=True, at=previous[0].at)
    recorded = record_values(session, services, report, histories)
    if isinstance(recorded, Implausible):
        session.rollback()  # an impossible value: the earlier check-ins stay
        return recorded
    return Recorded(recorded.answers, updated=True) if isinstance(recorded, Recorded) else recorded


def remove_reply(
    services: Services, author: Requester, origin: Origin, *, thread_ts: str
) -> Removed | Unchanged | None:
    """A deleted reply: its check-ins go, and no later event about it brings them back.

    None in a thread that is not a reminder's.
    """
    with services.session() as session:
        if _thread(session, author, origin, thread_ts) is None:
            return None
        if not mark_deleted(session=session, reply=_key(author, origin), now=services.now()):
            return Unchanged()
        previous = _checkins_of(session, author.team_id, origin)
        titles = []
        for old in previous:
            goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=old.goal_id)
            titles.append(goal.title if goal else "a goal")
            session.delete(old)
        if not previous:
            return Unchanged()
        return Removed(tuple(titles), tuple(c.goal_id for c in previous))


def _key(author: Requester, origin: Origin) -> ReplyKey:
    return ReplyKey(author.team_id, origin.channel_id or "", origin.message_ts or "")


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
