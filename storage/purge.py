"""Housekeeping: a workspace's data, on demand or 30 days after it uninstalled the app,
and the event ids kept for de-duplication once Slack can no longer retry them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from storage.models import ProcessedEvent, Workspace
from storage.oauth import oauth_metadata
from storage.repo import scoped_team

RETENTION = timedelta(days=30)


def purge_workspace(*, session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of one workspace, children first; returns rows deleted per table."""
    scoped_team(team_id)
    deleted: dict[str, int] = {}
    tables = [*reversed(SQLModel.metadata.sorted_tables), *oauth_metadata.sorted_tables]
    for table in tables:
        if "team_id" not in table.columns:
            continue
        result = session.execute(delete(table).where(table.columns["team_id"] == team_id))
        deleted[table.name] = int(getattr(result, "rowcount", 0) or 0)
    return deleted


def expired_workspaces(*, session: Session, now: datetime) -> list[str]:
    """Workspaces that uninstalled the app more than `RETENTION` ago."""
    query = select(Workspace.team_id).where(col(Workspace.uninstalled_at) < now - RETENTION)
    return list(session.exec(query))


def still_expired(*, session: Session, team_id: str, now: datetime) -> bool:
    """Whether the workspace is still past its retention, read under a lock held until the
    session ends: a reinstall committed since `expired_workspaces` read it keeps its data,
    and one that comes meanwhile waits until the purge is done."""
    query = select(Workspace).where(Workspace.team_id == scoped_team(team_id)).with_for_update()
    workspace = session.exec(query.execution_options(populate_existing=True)).first()
    uninstalled = workspace.uninstalled_at if workspace else None
    return uninstalled is not None and uninstalled < now - RETENTION


def welcome_back(*, session: Session, team_id: str) -> bool:
    """Clear a workspace's uninstalled mark (its token works again); False when unmarked."""
    workspace = session.get(Workspace, scoped_team(team_id))
    if workspace is None or workspace.uninstalled_at is None:
        return False
    workspace.uninstalled_at = None
    return True


def forget_events_before(*, session: Session, before: datetime) -> int:
    """Delete the event ids received before `before`, in every workspace; returns how many.

    Slack retries an event for minutes; past that an id only takes room. This is
    housekeeping of the whole table, so, like the tick's due queries, it spans workspaces.
    """
    result = session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.received_at) < before))
    return int(getattr(result, "rowcount", 0) or 0)


def is_serving(*, session: Session, team_id: str) -> bool:
    """False once a workspace has uninstalled the app or revoked its tokens."""
    workspace = session.get(Workspace, scoped_team(team_id))
    return workspace is None or workspace.uninstalled_at is None
