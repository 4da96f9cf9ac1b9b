"""Bulk reads and writes behind `checkin-bot import` and `export`.

Imports insert goals in batches (one statement per batch, not per row) and check-ins
by each database's bulk path (`storage.bulk_insert`); exports stream rows in chunks
so a million check-ins never sit in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session, col

from storage.bulk_insert import bulk_insert
from storage.models import CheckIn, Goal
from storage.repo import reserve_goal_numbers, scoped_team
from storage.summaries import refresh_summaries

BATCH_ROWS = 5_000
"""Rows per INSERT batch and per streamed chunk."""


def goal_ids_by_ref(*, session: Session, team_id: str) -> dict[str, int]:
    """External id -> goal id for every goal of the workspace that has an external id."""
    query = select(col(Goal.external_id), col(Goal.id)).where(
        col(Goal.team_id) == scoped_team(team_id), col(Goal.external_id).is_not(None)
    )
    return {str(ref): int(goal_id) for ref, goal_id in session.execute(query)}


def objective_ids_by_title(*, session: Session, team_id: str) -> dict[str, int]:
    """Title -> id of the workspace's OKR objectives (the oldest wins a shared title)."""
    query = (
        select(col(Goal.title), col(Goal.id))
        .where(col(Goal.team_id) == scoped_team(team_id), col(Goal.kind) == "objective")
        .order_by(col(Goal.id).desc())
    )
    return {str(title): int(goal_id) for title, goal_id in session.execute(query)}


def insert_rows(
    *,
    session: Session,
    team_id: str,
    model: type[Goal] | type[CheckIn],
    rows: Sequence[dict[str, Any]],
) -> int:
    """Insert rows of `model` for this workspace: goals in batches of `BATCH_ROWS`, with the
    workspace's next numbers in the order given (its row must exist); check-ins by the
    database's bulk path (`storage.bulk_insert`), ids in the order given. A check-in from a
    file or feed for a goal and moment that holds one already is skipped, as a file's or
    feed's day is everywhere (see `CheckIn`). The number of rows inserted."""
    scoped_team(team_id)
    if any(row["team_id"] != team_id for row in rows):
        raise ValueError("every imported row must belong to the importing workspace")
    if not rows:
        return 0
    if model is Goal:
        numbers = reserve_goal_numbers(session=session, team_id=team_id, count=len(rows))
        numbered = [{**row, "number": number} for row, number in zip(rows, numbers, strict=True)]
        goals = Goal.__table__  # type: ignore[attr-defined]  # Core: no ORM per-row bookkeeping
        for batch in _batches(numbered):
            session.execute(insert(goals), batch)
        return len(rows)
    checkins = CheckIn.__table__  # type: ignore[attr-defined]
    stored = bulk_insert(session=session, table=checkins, rows=rows)
    # Core inserts pass the ORM events by: the goals' summaries are refreshed here, once.
    refresh_summaries(session.connection(), team_id, {row["goal_id"] for row in rows})
    return stored


def _batches(rows: Sequence[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield list(rows[start : start + BATCH_ROWS])


def stream_goals(*, session: Session, team_id: str) -> Iterator[Goal]:
    """Every goal and key result of the workspace (objectives aside), oldest first."""
    query = (
        select(Goal)
        .where(col(Goal.team_id) == scoped_team(team_id), col(Goal.kind) != "objective")
        .order_by(col(Goal.id))
        .execution_options(yield_per=BATCH_ROWS)
    )
    yield from session.scalars(query)


def objective_titles(*, session: Session, team_id: str) -> dict[int, str]:
    """Objective id -> title, for writing which objective a key result belongs to."""
    query = select(col(Goal.id), col(Goal.title)).where(
        col(Goal.team_id) == scoped_team(team_id), col(Goal.kind) == "objective"
    )
    return {int(goal_id): str(title) for goal_id, title in session.execute(query)}


def stream_checkins(
    *, session: Session, team_id: str
) -> Iterator[tuple[int, Decimal, datetime, str | None, str, str]]:
    """(goal id, value, at, author, note, source) of every check-in, by goal then time."""
    query = (
        select(
            col(CheckIn.goal_id),
            col(CheckIn.value),
            col(CheckIn.at),
            col(CheckIn.author_id),
            col(CheckIn.note),
            col(CheckIn.source),
        )
        .where(col(CheckIn.team_id) == scoped_team(team_id))
        .order_by(col(CheckIn.goal_id), col(CheckIn.at), col(CheckIn.id))
        .execution_options(yield_per=BATCH_ROWS)
    )
    for goal_id, value, at, author, note, source in session.execute(query):
        yield int(goal_id), value, at, author, note or "", str(source)
