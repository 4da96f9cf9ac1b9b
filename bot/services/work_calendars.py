"""Whose days off count: the work week, public holidays and day-off rule of a person,
else of their workspace, and the commands that set them.

`/goals workweek sun-thu`, `/goals holidays IR` and `/goals dayoff skip` set the
person's own; with `workspace` first (`/goals workweek workspace sun-thu`) they set
everyone's default, for admins only. `off` clears a setting. After a change every
running reminder of the people it touches is moved off days off at once, so the
App Home and the next reminder agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.core.cadence.several import next_of_any
from bot.core.mrkdwn import quoted
from bot.core.parse_error import ParseError
from bot.core.workdays import (
    EVERY_DAY,
    DayOffRule,
    WorkCalendar,
    calendar_spec,
    country_code,
    next_working_occurrence,
    parse_workweek,
    workweek_text,
)
from bot.services import Services
from bot.services.permissions import Refusal, Refused, Requester, can_change, refusal
from storage import repo
from storage.cadences import cadence_of, more_cadences_of
from storage.models import Member, ReminderSchedule, Workspace
from storage.work_calendars import get_workspace, running_schedules

CLEAR_WORDS = frozenset({"off", "none", "clear", "reset", "every day", "everyday"})
WORKSPACE_WORDS = frozenset({"workspace", "everyone", "all"})


class Setting(StrEnum):
    """The three things a work calendar is set by; the value is the stored column."""

    WORKWEEK = "workweek"
    HOLIDAYS = "holiday_country"
    DAY_OFF_RULE = "day_off_rule"


class Outcome(StrEnum):
    SET = "set"
    CLEARED = "cleared"
    SHOWN = "shown"  # nothing typed: what holds now
    UNREADABLE = "unreadable"  # `problem` says why
    NOT_ADMIN = "not_admin"  # only admins set the workspace's


@dataclass(frozen=True, slots=True)
class CalendarChange:
    """What a calendar command did, and the calendar that now holds for the person."""

    outcome: Outcome
    setting: Setting
    for_workspace: bool = False
    problem: str = ""
    workweek: str | None = None  # as it now holds for the person (own, else workspace)
    country: str | None = None
    rule: DayOffRule = DayOffRule.MOVE
    moved: int = 0  # running reminders whose next time changed


def calendar_of(
    session: Session, *, team_id: str, user_id: str | None, tz: str
) -> tuple[WorkCalendar, DayOffRule]:
    """The calendar a person's reminders keep to, in `tz`: their own settings, else the
    workspace's, else every day a working day and no holidays."""
    workspace = get_workspace(session=session, team_id=team_id)
    member = repo.get_member(session=session, team_id=team_id, user_id=user_id) if user_id else None
    week = _first(member, workspace, "workweek")
    days = parse_workweek(week) if week else EVERY_DAY
    rule = _first(member, workspace, "day_off_rule")
    return (
        WorkCalendar(
            workweek=days if not isinstance(days, ParseError) else EVERY_DAY,
            country=_first(member, workspace, "holiday_country"),
            tz=tz,
        ),
        DayOffRule(rule) if rule in tuple(DayOffRule) else DayOffRule.MOVE,
    )


def next_run(
    session: Session, row: ReminderSchedule, after: datetime, *, skip_day_of: datetime | None = None
) -> datetime:
    """A schedule's first occurrence (of any of its times) after `after`, kept off its
    owner's days off; `skip_day_of` as in `next_of_any`."""
    calendar, rule = calendar_of(
        session, team_id=row.team_id, user_id=row.owner_id, tz=row.timezone
    )
    return next_of_any(
        [cadence_of(row), *more_cadences_of(row)],
        after,
        skip_day_of=skip_day_of,
        occurrence=lambda cadence, start: next_working_occurrence(cadence, start, calendar, rule),
    )


def change_calendar(
    services: Services, who: Requester, setting: Setting, text: str
) -> CalendarChange:
    """Set, clear or show one calendar setting, the person's own or (admins) the workspace's."""
    words = text.strip()
    first, _, rest = words.partition(" ")
    for_workspace = first.casefold() in WORKSPACE_WORDS
    typed = rest.strip() if for_workspace else words
    if for_workspace and typed and not who.ask_is_admin():
        return CalendarChange(Outcome.NOT_ADMIN, setting, for_workspace=True)
    value = _read(setting, typed)
    if isinstance(value, ParseError):
        return CalendarChange(Outcome.UNREADABLE, setting, for_workspace, problem=value.message)
    now = services.now()
    with services.session() as session:
        outcome = Outcome.SHOWN
        moved = 0
        if typed:
            row = _settings_row(session, who, for_workspace, now)
            setattr(row, setting.value, value)
            session.flush()
            moved = _move_running(session, who, for_workspace, now)
            outcome = Outcome.SET if value is not None else Outcome.CLEARED
        calendar, rule = calendar_of(session, team_id=who.team_id, user_id=who.user_id, tz="UTC")
    return CalendarChange(
        outcome,
        setting,
        for_workspace,
        workweek=workweek_text(calendar.workweek) if calendar.workweek != EVERY_DAY else None,
        country=calendar.country,
        rule=rule,
        moved=moved,
    )


def plan_by_workdays(
    services: Services, who: Requester, *, goal_id: int, on: bool
) -> str | Refused | None:
    """`/goals workdays #3 on`: the goal's plan ("expected by today", pace) counts only its
    owner's working days, by the calendar they have now (kept with the goal); `off`: every
    day counts again. Returns the calendar kept (None when off)."""
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=who.team_id, goal_id=goal_id)
        if goal is None:
            return Refused(Refusal.GOAL_GONE)
        if not can_change(goal, who):
            return refusal(goal)
        owner = goal.owner_id or who.user_id
        member = repo.get_member(session=session, team_id=who.team_id, user_id=owner)
        workspace = repo.ensure_workspace(session=session, team_id=who.team_id, now=services.now())
        tz = (member.timezone if member else None) or workspace.default_timezone
        calendar, _rule = calendar_of(session, team_id=who.team_id, user_id=owner, tz=tz)
        goal.plan_workdays = calendar_spec(calendar) if on else None
        goal.updated_at = services.now()
        return goal.plan_workdays


def _read(setting: Setting, typed: str) -> str | ParseError | None:
    """The stored value for what was typed (None clears); '' (nothing typed) reads as None."""
    if not typed or typed.casefold() in CLEAR_WORDS:
        return None
    match setting:
        case Setting.WORKWEEK:
            days = parse_workweek(typed)
            return days if isinstance(days, ParseError) else workweek_text(days)
        case Setting.HOLIDAYS:
            code = country_code(typed)
            if code is None:
                return ParseError(
                    f"I don't know the public holidays of {quoted(typed, 40)}.",
                    "/goals holidays IR",
                )
            return code
        case Setting.DAY_OFF_RULE:
            if typed.casefold() in tuple(DayOffRule):
                return typed.casefold()
            return ParseError("A reminder due on a day off can move or skip.", "/goals dayoff skip")


def _settings_row(
    session: Session, who: Requester, for_workspace: bool, now: datetime
) -> Workspace | Member:
    if for_workspace:
        return repo.ensure_workspace(session=session, team_id=who.team_id, now=now)
    return repo.upsert_member(session=session, team_id=who.team_id, user_id=who.user_id, now=now)


def _move_running(session: Session, who: Requester, for_workspace: bool, now: datetime) -> int:
    """Recompute the next time of every running reminder the change touches; how many moved.

    A snoozed reminder keeps its snooze; one of a person away starts again after it.
    """
    owner = None if for_workspace else who.user_id
    moved = 0
    for row in running_schedules(session=session, team_id=who.team_id, owner_id=owner):
        if row.snoozed_until is not None and row.snoozed_until > now:
            continue
        after = now
        member = (
            repo.get_member(session=session, team_id=row.team_id, user_id=row.owner_id)
            if row.owner_id
            else None
        )
        if member is not None and member.away_until is not None and member.away_until > after:
            after = member.away_until
        due = next_run(session, row, after)
        if due != row.next_run_at:
            row.next_run_at, row.updated_at = due, now
            moved += 1
    return moved


def _first(member: Member | None, workspace: Workspace | None, name: str) -> str | None:
    """The person's own value, else the workspace's."""
    own = getattr(member, name) if member is not None else None
    return own if own is not None else (getattr(workspace, name) if workspace else None)
