"""Every table of checkin-bot, in one place. Every row carries its workspace (`team_id`).

Schema changes go through Alembic (`storage/migrations`); `tests/test_migrations.py`
fails when these models and the migrations drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import ExactDecimal, UTCDateTime

# Stable constraint names, so migrations can name what they alter on both databases.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utc(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


def _decimal(**kwargs: Any) -> Any:
    return Field(sa_type=ExactDecimal, **kwargs)


class Workspace(SQLModel, table=True):
    """A Slack workspace the bot serves."""

    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    bot_user_id: str | None = Field(default=None, max_length=32)
    default_timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = _utc()
    uninstalled_at: datetime | None = _utc(default=None)


class Member(SQLModel, table=True):
    """What we know of a person in a workspace: time zone, admin flag, time away."""

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    timezone: str | None = Field(default=None, max_length=64)
    is_admin: bool = False
    away_until: datetime | None = _utc(default=None)
    updated_at: datetime = _utc()


class Goal(SQLModel, table=True):
    """A SMART goal, an OKR objective, or one key result under an objective."""

    __table_args__ = (
        UniqueConstraint("team_id", "external_id"),
        UniqueConstraint("team_id", "origin_key"),
        Index(None, "team_id", "state"),
        Index(None, "team_id", "owner_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    external_id: str | None = Field(default=None, max_length=200)
    # What created this goal (e.g. "interview:<id>"): a retried confirmation finds it again.
    origin_key: str | None = Field(default=None, max_length=200)
    kind: str = Field(default="goal", max_length=16)
    objective_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("goal.id", ondelete="CASCADE"), nullable=True),
    )
    title: str = Field(max_length=300)
    why: str = Field(default="", max_length=1000)
    category: str | None = Field(default=None, max_length=32)
    metric: str = Field(default="", max_length=100)
    metric_name: str = Field(default="", max_length=200)
    platform: str | None = Field(default=None, max_length=100)
    unit: str = Field(default="count", max_length=16)
    currency: str | None = Field(default=None, max_length=3)
    direction: str = Field(default="increase", max_length=16)
    baseline: Decimal | None = _decimal(default=None)
    target: Decimal | None = _decimal(default=None)
    start_at: datetime = _utc()
    deadline: datetime | None = _utc(default=None)
    owner_id: str | None = Field(default=None, max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    contributors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    state: str = Field(default="active", max_length=16)
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class CheckIn(SQLModel, table=True):
    """One reported value of a goal at a moment, with who said it and where."""

    __tablename__ = "checkin"
    __table_args__ = (
        Index(None, "team_id", "goal_id", "at"),
        Index(None, "team_id", "channel_id", "message_ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    goal_id: int = Field(
        sa_column=Column(Integer, ForeignKey("goal.id", ondelete="CASCADE"), nullable=False)
    )
    value: Decimal = _decimal()
    note: str = Field(default="", max_length=3000)
    author_id: str | None = Field(default=None, max_length=32)
    at: datetime = _utc()
    confidence: str | None = Field(default=None, max_length=16)
    source: str = Field(default="command", max_length=16)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class ReminderSchedule(SQLModel, table=True):
    """When a goal's owner is asked for a check-in; the source of truth for the scheduler."""

    __table_args__ = (UniqueConstraint("team_id", "goal_id"), Index(None, "active", "next_run_at"))

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    goal_id: int = Field(
        sa_column=Column(Integer, ForeignKey("goal.id", ondelete="CASCADE"), nullable=False)
    )
    owner_id: str | None = Field(default=None, max_length=32)
    frequency: str = Field(default="weekly", max_length=16)
    weekdays: str = Field(default="0", max_length=20)  # "0,3" = Monday and Thursday
    interval_weeks: int = 1
    day_of_month: int | None = None
    local_time: str = Field(default="10:00", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    anchor_date: date | None = None
    next_run_at: datetime | None = _utc(default=None)
    active: bool = True
    paused_reason: str | None = Field(default=None, max_length=300)
    snoozed_until: datetime | None = _utc(default=None)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class DigestSubscription(SQLModel, table=True):
    """A channel that receives the weekly or monthly digest, with optional filters."""

    __table_args__ = (
        UniqueConstraint("team_id", "channel_id"),
        Index(None, "active", "next_run_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32)
    frequency: str = Field(default="weekly", max_length=16)
    weekday: int = 0
    day_of_month: int = 1
    local_time: str = Field(default="09:00", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    filter_category: str | None = Field(default=None, max_length=32)
    filter_platform: str | None = Field(default=None, max_length=100)
    filter_owner: str | None = Field(default=None, max_length=32)
    next_run_at: datetime | None = _utc(default=None)
    active: bool = True
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class InterviewState(SQLModel, table=True):
    """A goal interview in progress: one per person per workspace, survives restarts."""

    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    user_id: str = Field(max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    thread_ts: str | None = Field(default=None, max_length=32)
    step: str = Field(default="why", max_length=32)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    started_at: datetime = _utc()
    updated_at: datetime = _utc()
    expires_at: datetime = _utc()


class ProcessedEvent(SQLModel, table=True):
    """A Slack event already handled; Slack's retries and other replicas skip it."""

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = _utc()


class Delivery(SQLModel, table=True):
    """A message we send on schedule, claimed under a unique key before it is sent.

    The key (team, kind, target, period) makes a second sender, a restart or a
    retry find the claim and stand down, so nobody gets the same reminder twice.
    """

    __table_args__ = (
        UniqueConstraint("team_id", "kind", "target", "period"),
        Index(None, "team_id", "channel_id", "message_ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)  # "reminder" | "digest"
    target: str = Field(max_length=64)  # e.g. "schedule:12", "channel:C123"
    period: str = Field(max_length=40)  # the due time it answers, ISO UTC
    status: str = Field(default="claimed", max_length=16)  # claimed|sent|skipped|failed
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime = _utc()
    sent_at: datetime | None = _utc(default=None)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    late: bool = False
    error: str | None = Field(default=None, max_length=300)
    attempts: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
