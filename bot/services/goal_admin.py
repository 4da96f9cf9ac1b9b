"""Goal management: list, show, edit and archive goals, with the check-in permissions.

Every goal is seen through the same digest line (bar, value vs target, change,
status) that the digest and App Home show, so the numbers agree everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from bot.core.digest import DigestLine, Period, compose_digest
from bot.core.mrkdwn import quoted
from bot.services import Services
from bot.services.permissions import can_change, refusal
from bot.services.tracking import track_goals
from storage import repo
from storage.models import Goal

_NUMBER = re.compile(r"#?(\d{1,9})")


@dataclass(frozen=True)
class GoalRow:
    """A goal as lists show it: its stored fields and, when it has a plan, its digest line."""

    goal_id: int
    title: str
    owner_id: str | None
    state: str
    line: DigestLine | None


@dataclass(frozen=True)
class Found:
    """The one goal a query named."""

    goal: GoalRow


@dataclass(frozen=True)
class Ambiguous:
    """Several goals fit the query: the person picks one."""

    candidates: tuple[GoalRow, ...]


@dataclass(frozen=True)
class NotFound:
    """No goal fits; the message says so with an example that works."""

    message: str


Lookup = Found | Ambiguous | NotFound


@dataclass(frozen=True)
class Refused:
    """The person may not change this goal; `message` says who can."""

    message: str


@dataclass(frozen=True)
class GoalEdit:
    """The fields the edit modal changes; None leaves a field as it is."""

    title: str | None = None
    target: Decimal | None = None
    deadline: datetime | None = None
    owner_id: str | None = None
    channel_id: str | None = None


def goal_rows(
    session: Session,
    team_id: str,
    now: datetime,
    *,
    states: tuple[str, ...] = ("active", "achieved"),
) -> list[GoalRow]:
    """Every goal of the workspace in `states`, oldest first, each with its digest line."""
    goals = repo.list_goals(session=session, team_id=team_id, states=states)
    tracked = track_goals(session=session, team_id=team_id, goals=goals)
    lines = {
        line.goal_id: line for line in compose_digest(tracked, period=Period.WEEKLY, now=now).lines
    }
    return [GoalRow(g.id or 0, g.title, g.owner_id, g.state, lines.get(g.id or 0)) for g in goals]


def list_goals(services: Services, *, team_id: str) -> list[GoalRow]:
    with services.session() as session:
        return goal_rows(session, team_id, services.now())


def find_goal(query: str, goals: list[GoalRow]) -> Lookup:
    """The goal `query` names: "#3" or "3" (its number), its exact title, or part of it.

    Example:
        >>> find_goal("#2", rows)
        Found(goal=GoalRow(goal_id=2, ...))
    """
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        return NotFound("Name a goal by its number or title, e.g. `#3` or `reach`.")
    number = _NUMBER.fullmatch(wanted)
    if number:
        by_id = [g for g in goals if g.goal_id == int(number.group(1))]
        if by_id:
            return Found(by_id[0])
    exact = [g for g in goals if g.title.casefold() == wanted]
    if len(exact) == 1:
        return Found(exact[0])
    partial = exact or [g for g in goals if wanted in g.title.casefold()]
    if len(partial) == 1:
        return Found(partial[0])
    if partial:
        return Ambiguous(tuple(partial[:10]))
    return NotFound(
        f"I found no goal matching {quoted(query, 40)}. `/goals list` shows them with numbers."
    )


def lookup(services: Services, *, team_id: str, query: str) -> Lookup:
    return find_goal(query, list_goals(services, team_id=team_id))


def may_change(
    services: Services, *, team_id: str, goal_id: int, user_id: str, is_admin: bool
) -> Refused | None:
    """None when `user_id` may edit or archive the goal; else who can."""
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        if goal is None:
            return Refused("That goal no longer exists.")
        return None if can_change(goal, user_id, is_admin=is_admin) else Refused(refusal(goal))


def get_goal(services: Services, *, team_id: str, goal_id: int) -> Goal | None:
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        if goal is not None:
            session.expunge(goal)
        return goal


def archive_goal(
    services: Services, *, team_id: str, goal_id: int, user_id: str, is_admin: bool
) -> GoalRow | Refused:
    """Archive a goal: it leaves digests, lists and App Home; its check-ins are kept."""
    refused = may_change(
        services, team_id=team_id, goal_id=goal_id, user_id=user_id, is_admin=is_admin
    )
    if refused:
        return refused
    with services.session() as session:
        goal = repo.update_goal(
            session=session, team_id=team_id, goal_id=goal_id, now=services.now(), state="archived"
        )
        return GoalRow(goal.id or 0, goal.title, goal.owner_id, goal.state, None)


def edit_goal(
    services: Services, *, team_id: str, goal_id: int, user_id: str, is_admin: bool, edit: GoalEdit
) -> GoalRow | Refused:
    """Change a goal's title, target, deadline, owner or channel (permissions as for check-ins)."""
    refused = may_change(
        services, team_id=team_id, goal_id=goal_id, user_id=user_id, is_admin=is_admin
    )
    if refused:
        return refused
    fields = {name: value for name, value in vars(edit).items() if value is not None}
    with services.session() as session:
        goal = repo.update_goal(
            session=session, team_id=team_id, goal_id=goal_id, now=services.now(), **fields
        )
        return GoalRow(goal.id or 0, goal.title, goal.owner_id, goal.state, None)
