"""The repository API: keyword-only functions, every one scoped to a workspace.

Services call these instead of writing queries, so that no code path can read or
write across workspaces: each function takes `team_id` and refuses an empty one.

Example:
    >>> goal = create_goal(session=s, team_id="T1", goal=GoalCreate(title="Reach 60k"), now=now)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.core.values import GoalKind, GoalState
from bot.errors import CheckinBotError
from storage.models import (
    CHECKIN_ORDER,
    CheckIn,
    Goal,
    Member,
    ProcessedEvent,
    Workspace,
)
from storage.schemas import CheckInCreate, GoalCreate, GoalUpdate, MemberUpdate


class MissingWorkspace(CheckinBotError, ValueError):
    """A repository call was made without a workspace id."""


def scoped_team(team_id: str) -> str:
    """The workspace id, checked: every storage function calls this first."""
    if not team_id or not isinstance(team_id, str):
        raise MissingWorkspace("every repository call needs the workspace's team_id")
    return team_id


RowT = TypeVar("RowT", Workspace, Member)


def _add_or_find(session: Session, row: RowT, key: tuple[str, ...]) -> RowT:
    """Insert a row keyed by workspace (and person); when another replica inserted the
    same key first, use theirs. The savepoint keeps the caller's transaction usable."""
    try:
        with session.begin_nested():
            session.add(row)
        return row
    except IntegrityError:
        found = session.get(type(row), key)
        if found is None:
            raise
        return found


# --- workspaces and members -------------------------------------------------------------


def ensure_workspace(
    *, session: Session, team_id: str, now: datetime, default_timezone: str = "UTC"
) -> Workspace:
    """The workspace row, created on first sight."""
    workspace = session.get(Workspace, scoped_team(team_id))
    if workspace is None:
        workspace = _add_or_find(
            session,
            Workspace(team_id=team_id, default_timezone=default_timezone, created_at=now),
            (team_id,),
        )
    return workspace


def get_member(*, session: Session, team_id: str, user_id: str) -> Member | None:
    """What we know of a person, or None."""
    return session.get(Member, (scoped_team(team_id), user_id))


def upsert_member(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    now: datetime,
    changes: MemberUpdate | None = None,
) -> Member:
    """Create a person's row, or update it with the fields `changes` sets."""
    member = get_member(session=session, team_id=team_id, user_id=user_id)
    if member is None:
        new = Member(team_id=team_id, user_id=user_id, updated_at=now)
        member = _add_or_find(session, new, (team_id, user_id))
    for name, value in (changes.model_dump(exclude_unset=True) if changes else {}).items():
        setattr(member, name, value)
    member.updated_at = now
    session.flush()
    return member


# --- goals --------------------------------------------------------------------------------


def create_goal(*, session: Session, team_id: str, goal: GoalCreate, now: datetime) -> Goal:
    """Insert a goal; it starts `now` unless `goal.start_at` says otherwise."""
    fields = goal.model_dump(exclude={"start_at"})
    ensure_workspace(session=session, team_id=team_id, now=now)
    (number,) = reserve_goal_numbers(session=session, team_id=team_id, count=1)
    row = Goal(
        team_id=scoped_team(team_id),
        number=number,
        start_at=goal.start_at or now,
        created_at=now,
        updated_at=now,
        **fields,
    )
    session.add(row)
    session.flush()
    return row


def reserve_goal_numbers(*, session: Session, team_id: str, count: int) -> range:
    """The next `count` goal numbers of an existing workspace, never handed out twice.

    One UPDATE ... RETURNING on the workspace row: PostgreSQL makes a second replica's
    update wait for the first one's commit and then count on from its value; SQLite lets
    one writer at a time. Numbers of deleted goals are not reused, so an old "#6" never
    names a different goal.
    """
    bump = (
        update(Workspace)
        .where(col(Workspace.team_id) == scoped_team(team_id))
        .values(last_goal_number=col(Workspace.last_goal_number) + count)
        .returning(col(Workspace.last_goal_number))
        .execution_options(synchronize_session=False)
    )
    last = session.execute(bump).scalar_one()
    return range(last - count + 1, last + 1)


def get_goal(*, session: Session, team_id: str, goal_id: int) -> Goal | None:
    """One goal of this workspace, or None (also when the id belongs to another workspace)."""
    goal = session.get(Goal, goal_id)
    return goal if goal is not None and goal.team_id == scoped_team(team_id) else None


def find_goal_by_origin(*, session: Session, team_id: str, origin_key: str) -> Goal | None:
    """The goal created by an interview or import step, if it already ran."""
    query = select(Goal).where(Goal.team_id == scoped_team(team_id), Goal.origin_key == origin_key)
    return session.exec(query).first()


def list_goals(
    *,
    session: Session,
    team_id: str,
    states: Sequence[GoalState] | None = (GoalState.ACTIVE, GoalState.ACHIEVED),
    owner_id: str | None = None,
    kinds: Sequence[GoalKind] | None = None,
) -> list[Goal]:
    """The workspace's goals, oldest first, filtered by state, owner and kind."""
    query = select(Goal).where(Goal.team_id == scoped_team(team_id))
    if states is not None:
        query = query.where(col(Goal.state).in_(states))
    if owner_id is not None:
        query = query.where(Goal.owner_id == owner_id)
    if kinds is not None:
        query = query.where(col(Goal.kind).in_(kinds))
    return list(session.exec(query.order_by(col(Goal.id))))


def update_goal(
    *, session: Session, team_id: str, goal_id: int, changes: GoalUpdate, now: datetime
) -> Goal:
    """Write the fields `changes` sets; raises LookupError when the goal is not in this
    workspace."""
    goal = get_goal(session=session, team_id=team_id, goal_id=goal_id)
    if goal is None:
        raise LookupError(f"goal {goal_id} not found")
    for name, value in changes.model_dump(exclude_unset=True).items():
        setattr(goal, name, value)
    goal.updated_at = now
    session.flush()
    return goal


# --- check-ins -----------------------------------------------------------------------------


def add_checkin(
    *,
    session: Session,
    team_id: str,
    goal_id: int,
    checkin: CheckInCreate,
    now: datetime,
) -> CheckIn:
    """Record a value for a goal of this workspace."""
    if get_goal(session=session, team_id=team_id, goal_id=goal_id) is None:
        raise LookupError(f"goal {goal_id} not found")
    row = CheckIn(
        team_id=team_id, goal_id=goal_id, created_at=now, updated_at=now, **checkin.model_dump()
    )
    session.add(row)
    session.flush()
    return row


def list_checkins(*, session: Session, team_id: str, goal_id: int) -> list[CheckIn]:
    """A goal's check-ins, oldest first."""
    query = (
        select(CheckIn)
        .where(CheckIn.team_id == scoped_team(team_id), CheckIn.goal_id == goal_id)
        .order_by(*CHECKIN_ORDER)
    )
    return list(session.exec(query))


# --- exactly-once helpers ------------------------------------------------------------------


def upsert_insert(session: Session) -> Any:
    """The dialect's `insert`, which has `on_conflict_do_…` (SQLite and PostgreSQL alike)."""
    return postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def record_event_once(*, session: Session, team_id: str, event_id: str, now: datetime) -> bool:
    """Remember a Slack event id; False when it was seen before (a retry or another replica).

    One `INSERT … ON CONFLICT DO NOTHING`: a duplicate neither raises nor spoils the
    caller's transaction, and on PostgreSQL a replica inserting the same id meanwhile
    waits for the first transaction to end, then finds the id taken (or free, when the
    first one rolled back).
    """
    statement = (
        upsert_insert(session)(ProcessedEvent)
        .values(team_id=scoped_team(team_id), event_id=event_id, received_at=now)
        .on_conflict_do_nothing()
        .returning(col(ProcessedEvent.event_id))  # a row back only when it was inserted
    )
    return session.execute(statement).first() is not None
