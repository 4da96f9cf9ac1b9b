"""Deleting a workspace's data: on demand, or 30 days after it uninstalled the app."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, col, select

from storage.models import Workspace
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


def is_serving(*, session: Session, team_id: str) -> bool:
    """False once a workspace has uninstalled the app or revoked its tokens."""
    workspace = session.get(Workspace, scoped_team(team_id))
    return workspace is None or workspace.uninstalled_at is None
