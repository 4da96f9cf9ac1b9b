"""Each goal's check-ins summed up in one row, kept up to date in the transaction that
changes them, so a status list of 10,000 goals reads 10,000 rows, not a million.

A row holds what a status needs: the first and the latest check-in, and least-squares
sums over the points a question's trend reads (the first and the latest
`TREND_POINTS`), with x the seconds before the latest check-in so the sums need no
moment to be asked about. Every write of a check-in refreshes its goal's row: ORM
inserts, updates and deletes through the session event below (replies, edits, undo,
commands, forms, API, files, feeds), and bulk inserts by calling `refresh_summaries`
(imports). A goal's removal takes its row with it (a foreign key); a workspace purge
deletes it by `team_id` like every other table.

This module cannot import `storage.models` (which imports it to register the table),
so it reads the check-in table from the shared metadata.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    case,
    cast,
    delete,
    event,
    func,
    inspect,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from storage.columns import decimal_field, utc_field
from storage.types import seconds_between

TREND_POINTS = 100
"""The latest check-ins of a goal its trend and changes are read from (plus its first)."""

_BATCH = 2_000
"""Goals refreshed per statement: a bound parameter each, well under SQLite's limit."""


class GoalSummary(SQLModel, table=True):
    """One goal's check-ins as a status reads them (see the module docstring)."""

    goal_id: int = Field(
        sa_column=Column(Integer, ForeignKey("goal.id", ondelete="CASCADE"), primary_key=True)
    )
    team_id: str = Field(max_length=32, index=True)
    first_at: datetime = utc_field()
    first_value: Decimal = decimal_field()
    last_at: datetime = utc_field()
    last_value: Decimal = decimal_field()
    count: int  # points summed: the first and the latest `TREND_POINTS`
    sum_x: float = Field(sa_type=Float)
    sum_y: float = Field(sa_type=Float)
    sum_xx: float = Field(sa_type=Float)
    sum_xy: float = Field(sa_type=Float)
    one_moment: bool = Field(sa_type=Boolean)  # every summed point shares one time


def refresh_summaries(
    connection: Connection, team_id: str, goal_ids: Collection[int], *, removed: bool = False
) -> None:
    """Work the goals' rows out again from their check-ins, one upsert a batch of goals;
    `removed` (check-ins were deleted or moved away) also drops the rows of goals left
    without any.

    On PostgreSQL each goal's row is locked first (FOR NO KEY UPDATE: check-ins being
    inserted meanwhile only hold KEY SHARE), so two transactions writing check-ins of one
    goal refresh its summary one after the other, the second seeing the first's. SQLite
    lets one writer in at a time already.
    """
    summary = GoalSummary.__table__  # type: ignore[attr-defined]
    goal = SQLModel.metadata.tables["goal"]
    postgresql = connection.dialect.name == "postgresql"
    ordered = sorted(set(goal_ids))
    for start in range(0, len(ordered), _BATCH):
        batch = ordered[start : start + _BATCH]
        if postgresql:
            locked = select(goal.c.id).where(goal.c.id.in_(batch)).order_by(goal.c.id)
            connection.execute(locked.with_for_update(key_share=True))
        dialect_insert = postgresql_insert if postgresql else sqlite_insert
        upsert = dialect_insert(summary).from_select(
            [c.name for c in summary.columns], _summed(connection, team_id, batch)
        )
        updated = {c.name: upsert.excluded[c.name] for c in summary.columns if c.name != "goal_id"}
        connection.execute(upsert.on_conflict_do_update(index_elements=["goal_id"], set_=updated))
        if removed:
            checkin = SQLModel.metadata.tables["checkin"]
            left = select(checkin.c.id).where(checkin.c.goal_id == summary.c.goal_id).exists()
            connection.execute(delete(summary).where(summary.c.goal_id.in_(batch), ~left))


def _summed(connection: Connection, team_id: str, goal_ids: list[int]) -> Any:
    """One row per goal with check-ins, in `GoalSummary`'s column order."""
    checkin = SQLModel.metadata.tables["checkin"]
    order = (checkin.c.at, checkin.c.id)  # storage.models.CHECKIN_ORDER, as Core columns
    partition = checkin.c.goal_id
    # One ordering of each goal's check-ins serves every window: the oldest is the one
    # ranked last from the newest.
    ranked = (
        select(
            checkin.c.goal_id,
            checkin.c.at,
            checkin.c.value,
            func.row_number()
            .over(partition_by=partition, order_by=tuple(c.desc() for c in order))
            .label("newest"),
            func.count().over(partition_by=partition).label("total"),
            func.max(checkin.c.at).over(partition_by=partition).label("last"),
        )
        .where(checkin.c.team_id == team_id, checkin.c.goal_id.in_(goal_ids))
        .subquery()
    )
    x = seconds_between(ranked.c.at, ranked.c.last, connection.dialect.name)
    y = cast(ranked.c.value, Float)
    first, latest = ranked.c.newest == ranked.c.total, ranked.c.newest == 1
    return (
        select(
            ranked.c.goal_id,
            literal(team_id),
            func.max(case((first, ranked.c.at))),
            func.max(case((first, ranked.c.value))),
            func.max(case((latest, ranked.c.at))),
            func.max(case((latest, ranked.c.value))),
            func.count(),
            func.sum(x),
            func.sum(y),
            func.sum(x * x),
            func.sum(x * y),
            func.min(ranked.c.at) == func.max(ranked.c.at),
        )
        .where(or_(ranked.c.newest <= TREND_POINTS, first))
        .group_by(ranked.c.goal_id)
    )


def _flushed(session: Session, _context: Any) -> None:
    """Refresh, inside the flush that wrote them, the summaries of the goals whose check-ins
    it inserted, changed or deleted (and of a goal a check-in moved away from): once per
    flush, in goal order, so two flushes lock the same goals in the same order."""
    checkin = SQLModel.metadata.tables["checkin"]
    changed: dict[str, set[int]] = {}
    removed = False
    for row in (*session.new, *session.dirty, *session.deleted):
        if getattr(row, "__table__", None) is not checkin:
            continue
        former = [g for g in inspect(row).attrs.goal_id.history.deleted if g is not None]
        removed = removed or bool(former) or row in session.deleted
        changed.setdefault(row.team_id, set()).update((row.goal_id, *former))
    for team_id, goal_ids in changed.items():
        refresh_summaries(session.connection(), team_id, goal_ids, removed=removed)


event.listen(Session, "after_flush", _flushed)
