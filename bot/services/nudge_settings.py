"""The nudge settings people change: follow-ups and escalation for the workspace (admins),
reminder times for a goal or for all of one's goals, one's manager and one's quiet hours.

Each returns a `NudgeAnswer` value; `bot.render.nudges` writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.core.cadence import Cadence
from bot.core.cadence.several import parse_times
from bot.core.numbers.read import parse_quantity
from bot.core.parse_error import ParseError
from bot.core.quiet_hours import parse_sending_hours, sending_hours
from bot.core.values import GoalState, Unit
from bot.services import Services
from bot.services.goal_admin import Found, lookup
from bot.services.permissions import Refusal, Refused, Requester, can_change, refusal
from bot.services.schedules import set_goal_times
from storage import repo
from storage.models import Goal
from storage.reminders import get_goal_schedule, schedules_of_owner
from storage.schemas import MemberUpdate

MIN_FOLLOW_UP, MAX_FOLLOW_UP = 10, 24 * 60  # minutes after the reminder
MAX_ESCALATE_AFTER = 20  # missed check-ins in a row
_MENTION = re.compile(r"^<@([A-Z0-9]+)(?:\|[^>]*)?>$")
_GOAL_NUMBER = re.compile(r"^#(\d{1,9})\s+(.+)$", re.DOTALL)
_OFF = frozenset({"off", "none", "no", "never", "0"})


class Said(StrEnum):
    """What a nudge setting command did; `bot.render.nudges` has the words."""

    FOLLOW_UP = "follow_up"  # `minutes` (None: off)
    ESCALATE = "escalate"  # `count` (0: off)
    ADMINS_ONLY = "admins_only"
    TIMES = "times"  # `count` goals now reminded at `times`
    NO_GOAL = "no_goal"  # "#N" names no goal of the workspace
    MANAGER = "manager"  # `user` (None: none, so an admin hears)
    MANAGER_SELF = "manager_self"
    QUIET = "quiet"  # `hours`, `zone`
    UNREADABLE = "unreadable"  # `problem`, `example`


@dataclass(frozen=True, slots=True)
class NudgeAnswer:
    """What changed (or why nothing did)."""

    said: Said
    minutes: int | None = None
    count: int = 0
    times: tuple[Cadence, ...] = ()  # described in the reader's language when rendered
    user: str | None = None
    hours: str = ""
    zone: str = ""
    problem: str = ""
    example: str = ""
    next_at: datetime | None = None


def _unreadable(error: ParseError) -> NudgeAnswer:
    return NudgeAnswer(Said.UNREADABLE, problem=error.message, example=error.example)


def set_follow_up(services: Services, by: Requester, text: str) -> NudgeAnswer:
    """`/goals remind follow-up 4h` (or `off`): the workspace's follow-up delay."""
    words = text.strip().lower()
    minutes: int | None = None
    if words not in _OFF:
        read = parse_quantity(words, unit_hint=Unit.DURATION)
        if isinstance(read, ParseError) or read.rest or read.quantity.unit is not Unit.DURATION:
            return _unreadable(ParseError("Say how long after the reminder.", "follow-up 4h"))
        minutes = int(read.quantity.value // 60)
        if not MIN_FOLLOW_UP <= minutes <= MAX_FOLLOW_UP:
            return _unreadable(
                ParseError("A follow-up comes 10 minutes to 24 hours after.", "follow-up 4h")
            )
    if not by.is_admin:
        return NudgeAnswer(Said.ADMINS_ONLY)
    with services.session() as session:
        workspace = repo.ensure_workspace(session=session, team_id=by.team_id, now=services.now())
        workspace.follow_up_minutes = minutes
    return NudgeAnswer(Said.FOLLOW_UP, minutes=minutes)


def set_escalation(services: Services, by: Requester, text: str) -> NudgeAnswer:
    """`/goals remind escalate 3` (or `off`): after how many missed check-ins a manager hears."""
    words = text.strip().lower()
    count = 0 if words in _OFF else int(words) if words.isdigit() else -1
    if not 0 <= count <= MAX_ESCALATE_AFTER:
        return _unreadable(
            ParseError(
                f"Say a number of missed check-ins, 1 to {MAX_ESCALATE_AFTER}.", "escalate 2"
            )
        )
    if not by.is_admin:
        return NudgeAnswer(Said.ADMINS_ONLY)
    with services.session() as session:
        workspace = repo.ensure_workspace(session=session, team_id=by.team_id, now=services.now())
        workspace.escalate_after = count
    return NudgeAnswer(Said.ESCALATE, count=count)


def set_times(services: Services, by: Requester, text: str, *, tz: str) -> NudgeAnswer | Refused:
    """`/goals remind #3 mon 10:00 and thu 16:00` for one goal, or without `#3` for every
    running goal the person owns; in each schedule's time zone (else the person's)."""
    named = _GOAL_NUMBER.match(text.strip())
    cadences = parse_times(named.group(2) if named else text, tz=tz)
    if isinstance(cadences, ParseError):
        return _unreadable(cadences)
    goal_id: int | None = None
    if named:
        found = lookup(services, team_id=by.team_id, query=f"#{named.group(1)}")
        if not isinstance(found, Found):
            return NudgeAnswer(Said.NO_GOAL)
        goal_id = found.goal.goal_id
    now = services.now()
    with services.session() as session:
        goals = _goals_to_retime(session, by, goal_id)
        if isinstance(goals, Refused):
            return goals
        nexts = [_retime(session, goal, cadences, now) for goal in goals]
    return NudgeAnswer(
        Said.TIMES,
        count=len(goals),
        times=cadences,
        next_at=min((n for n in nexts if n is not None), default=None),
        zone=tz,
    )


def _goals_to_retime(session: Session, by: Requester, goal_id: int | None) -> list[Goal] | Refused:
    if goal_id is not None:
        goal = repo.get_goal(session=session, team_id=by.team_id, goal_id=goal_id)
        if goal is None:
            return Refused(Refusal.GOAL_GONE)
        return [goal] if can_change(goal, by) else refusal(goal)
    rows = schedules_of_owner(session=session, team_id=by.team_id, owner_id=by.user_id)
    goals = [repo.get_goal(session=session, team_id=by.team_id, goal_id=r.goal_id) for r in rows]
    return [g for g in goals if g is not None and g.state == GoalState.ACTIVE]


def _retime(
    session: Session, goal: Goal, cadences: tuple[Cadence, ...], now: datetime
) -> datetime | None:
    """The goal's reminders at these times, in its schedule's zone; a pause stays a pause."""
    row = get_goal_schedule(session=session, team_id=goal.team_id, goal_id=goal.id or 0)
    zone = row.timezone if row else cadences[0].tz
    paused = (row.active, row.paused_reason) if row else (True, None)
    owner = (row.owner_id if row else None) or goal.owner_id
    local = [replace(c, tz=zone) for c in cadences]
    row = set_goal_times(session=session, goal=goal, owner_id=owner, cadences=local, now=now)
    row.active, row.paused_reason = paused
    return row.next_run_at if row.active else None


def set_manager(services: Services, *, team_id: str, user_id: str, text: str) -> NudgeAnswer:
    """`/goals manager @ana` (or `off`, or nothing to see who it is)."""
    words = text.strip()
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if not words:
            return NudgeAnswer(Said.MANAGER, user=member.manager_id if member else None)
        found = _MENTION.match(words)
        if words.lower() in _OFF:
            manager = None
        elif found is None:
            return _unreadable(ParseError("Name your manager with an @-mention.", "manager @ana"))
        else:
            manager = found.group(1)
        if manager == user_id:
            return NudgeAnswer(Said.MANAGER_SELF)
        repo.upsert_member(
            session=session,
            team_id=team_id,
            user_id=user_id,
            now=services.now(),
            changes=MemberUpdate(manager_id=manager),
        )
    return NudgeAnswer(Said.MANAGER, user=manager)


def set_quiet_hours(
    services: Services, *, team_id: str, user_id: str, text: str, tz: str
) -> NudgeAnswer:
    """`/goals quiet 08:00-20:00` (or nothing to see them; `default` for the default)."""
    words = text.strip().lower()
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if not words:
            shown = sending_hours(member.quiet_hours if member else None)
            return NudgeAnswer(Said.QUIET, hours=shown.text, zone=tz)
        if words == "default":
            stored = None
        else:
            read = parse_sending_hours(words)
            if isinstance(read, ParseError):
                return _unreadable(read)
            stored = read.text
        repo.upsert_member(
            session=session,
            team_id=team_id,
            user_id=user_id,
            now=services.now(),
            changes=MemberUpdate(quiet_hours=stored),
        )
    return NudgeAnswer(Said.QUIET, hours=sending_hours(stored).text, zone=tz)
