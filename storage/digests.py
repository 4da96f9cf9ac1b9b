"""Digest subscriptions: which channels get a digest, when, and for which goals.

Keyword-only, workspace-scoped like `storage.repo`. A channel has at most one
row; unsubscribing keeps the row (inactive) so that a goal naming the channel
does not subscribe it again by default.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists
from sqlmodel import Session, col, select

from storage.cadences import store_cadence
from storage.models import DigestSubscription, Goal
from storage.repo import scoped_team
from storage.schemas import SubscriptionChanges


def get_subscription(
    *, session: Session, team_id: str, channel_id: str
) -> DigestSubscription | None:
    """The channel's subscription row (active or not), or None."""
    query = select(DigestSubscription).where(
        DigestSubscription.team_id == scoped_team(team_id),
        DigestSubscription.channel_id == channel_id,
    )
    return session.exec(query).first()


def get_subscription_by_id(
    *, session: Session, team_id: str, subscription_id: int
) -> DigestSubscription | None:
    """One subscription of this workspace by its id, or None."""
    row = session.get(DigestSubscription, subscription_id)
    return row if row is not None and row.team_id == scoped_team(team_id) else None


def due_subscriptions(*, session: Session, now: datetime, limit: int) -> list[DigestSubscription]:
    """Active subscriptions whose digest has fallen due, oldest first, across workspaces.

    Not scoped to a workspace on purpose, like `storage.reminders.due_schedules`: the
    scheduler serves them all, through the (active, next_run_at) index.
    """
    query = (
        select(DigestSubscription)
        .where(col(DigestSubscription.active), col(DigestSubscription.next_run_at) <= now)
        .order_by(col(DigestSubscription.next_run_at), col(DigestSubscription.id))
        .limit(limit)
    )
    return list(session.exec(query))


def save_subscription(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    now: datetime,
    changes: SubscriptionChanges,
) -> DigestSubscription:
    """Create or update the channel's subscription with the fields `changes` sets."""
    row = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
    if row is None:
        row = DigestSubscription(team_id=team_id, channel_id=channel_id, created_at=now)
        session.add(row)
    if changes.cadence is not None:
        store_cadence(row, changes.cadence)
    for name, value in changes.model_dump(exclude_unset=True).items():
        setattr(row, name, value)
    row.updated_at = now
    session.flush()
    return row


def list_subscriptions(*, session: Session, team_id: str) -> list[DigestSubscription]:
    """The workspace's active subscriptions, oldest first."""
    query = (
        select(DigestSubscription)
        .where(DigestSubscription.team_id == scoped_team(team_id), col(DigestSubscription.active))
        .order_by(col(DigestSubscription.id))
    )
    return list(session.exec(query))


def unsubscribed_goal_channels(*, session: Session, limit: int) -> list[tuple[str, str]]:
    """(team, channel) pairs named by an active goal that have no subscription row yet.

    Across workspaces on purpose: the scheduler adopts them all, each into its own team.
    """
    has_row = exists().where(
        col(DigestSubscription.team_id) == col(Goal.team_id),
        col(DigestSubscription.channel_id) == col(Goal.channel_id),
    )
    query = (
        select(Goal.team_id, Goal.channel_id)
        .where(Goal.state == "active", col(Goal.channel_id).is_not(None), ~has_row)
        .distinct()
        .limit(limit)
    )
    return [(team, channel) for team, channel in session.exec(query) if channel]
