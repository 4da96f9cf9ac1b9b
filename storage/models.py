"""Every table of checkin-bot, in one place (the REST API's two live in
`storage.api_models` and are re-exported here). Every row carries its workspace (`team_id`).

Schema changes go through Alembic (`storage/migrations`); `tests/test_migrations.py`
fails when these models and the migrations drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel, col

from bot.core.cadence import CadenceKind
from bot.core.checkin_reply import Confidence
from bot.core.kpis import MetricKey
from bot.core.period import Period
from bot.core.platforms import PlatformKey
from bot.core.values import (
    FROM_FILES,
    Category,
    CheckInSource,
    Direction,
    GoalKind,
    GoalState,
    Unit,
)
from storage.api_models import ApiRequest as ApiRequest
from storage.api_models import ApiToken as ApiToken
from storage.columns import decimal_field, enum_field, owned_by, utc_field
from storage.summaries import GoalSummary as GoalSummary


class Workspace(SQLModel, table=True):
    """A Slack workspace the bot serves."""

    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    bot_user_id: str | None = Field(default=None, max_length=32)
    default_timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = utc_field()
    uninstalled_at: datetime | None = utc_field(default=None)
    # The last goal number handed out here; see storage.repo.reserve_goal_numbers.
    last_goal_number: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Days off for everyone here (a person's own override these); see bot.core.workdays.
    workweek: str | None = Field(default=None, max_length=40)  # "sun-thu"; None: every day
    holiday_country: str | None = Field(default=None, max_length=8)  # "IR"; None: no holidays
    day_off_rule: str | None = Field(default=None, max_length=8)  # "move" (None) or "skip"
    # Nudges (`/goals remind follow-up`, `/goals remind escalate`): minutes after a reminder
    # that an unanswered one is followed up (None: never), and how many missed check-ins in
    # a row tell the owner's manager (0: never).
    follow_up_minutes: int | None = None
    escalate_after: int = Field(default=2, sa_column_kwargs={"server_default": "2"})


class Member(SQLModel, table=True):
    """What we know of a person in a workspace: time zone, admin flag, time away."""

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    timezone: str | None = Field(default=None, max_length=64)
    is_admin: bool = False
    away_until: datetime | None = utc_field(default=None)
    # "08:00-20:00" local: nothing is sent outside it (None: the default, see bot.core.quiet_hours).
    quiet_hours: str | None = Field(default=None, max_length=11)
    manager_id: str | None = Field(default=None, max_length=32)  # told when check-ins stop
    updated_at: datetime = utc_field()
    # The person's own days off; None follows the workspace's.
    workweek: str | None = Field(default=None, max_length=40)
    holiday_country: str | None = Field(default=None, max_length=8)
    day_off_rule: str | None = Field(default=None, max_length=8)
    # Out of office by their Slack status, as last read (bot.slack.out_of_office):
    # `status_until` is the status's expiry (None: none set); read again after a while.
    status_away: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    status_until: datetime | None = utc_field(default=None)
    status_checked_at: datetime | None = utc_field(default=None)
    # The language replies are written in (`/goals language fa`; None: not chosen), and the
    # `locale` Slack last gave for them ("fa-IR"); see bot.i18n.choice.
    language: str | None = Field(default=None, max_length=8)
    slack_locale: str | None = Field(default=None, max_length=16)


class Goal(SQLModel, table=True):
    """A SMART goal, an OKR objective, or one key result under an objective."""

    __table_args__ = (
        UniqueConstraint("team_id", "external_id"),
        UniqueConstraint("team_id", "origin_key"),
        UniqueConstraint("team_id", "number"),
        Index(None, "team_id", "state"),
        Index(None, "team_id", "owner_id"),
        Index(None, "team_id", "metric", "platform"),  # questions name goals by these
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    # What people see and type as "#3": counted per workspace from 1; `id` stays internal.
    number: int = 0
    external_id: str | None = Field(default=None, max_length=200)
    # What created this goal (e.g. "interview:<id>"): a retried confirmation finds it again.
    origin_key: str | None = Field(default=None, max_length=200)
    kind: GoalKind = enum_field(GoalKind, 16, default=GoalKind.GOAL)
    objective_id: int | None = owned_by("goal")
    title: str = Field(max_length=300)
    why: str = Field(default="", max_length=1000)
    category: Category | None = enum_field(Category, 32, default=None)
    # A catalogue metric, CUSTOM for one named only in `metric_name`, None for an objective.
    metric: MetricKey | None = enum_field(MetricKey, 100, default=None)
    metric_name: str = Field(default="", max_length=200)  # as shown: the catalogue's or custom
    platform: PlatformKey | None = enum_field(PlatformKey, 100, default=None)
    unit: Unit = enum_field(Unit, 16, default=Unit.COUNT)
    currency: str | None = Field(default=None, max_length=3)
    direction: Direction = enum_field(Direction, 16, default=Direction.INCREASE)
    baseline: Decimal | None = decimal_field(default=None)
    target: Decimal | None = decimal_field(default=None)
    # What a flow metric's target is counted over ("50k a month"); None: in total, or a level.
    period: Period | None = enum_field(Period, 16, default=None)
    start_at: datetime = utc_field()
    deadline: datetime | None = utc_field(default=None)
    owner_id: str | None = Field(default=None, max_length=32)
    channel_id: str | None = Field(default=None, max_length=32)
    # A team goal belongs to `channel_id` and is reminded there; a personal goal's
    # `channel_id` only gets its digest, and its reminders go to the owner.
    team: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    contributors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    state: GoalState = enum_field(GoalState, 16, default=GoalState.ACTIVE)
    # Its plan counts working days only, by this calendar ("sun-thu IR Asia/Tehran", see
    # bot.core.workdays.calendar_spec); None: every day counts.
    plan_workdays: str | None = Field(default=None, max_length=120)
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = utc_field()
    updated_at: datetime = utc_field()


class CheckIn(SQLModel, table=True):
    """One reported value of a goal at a moment, with who said it and where.

    A reply in a reminder's thread holds at most one check-in per goal it names: the
    unique key (team, channel, message ts, goal) makes its message, edits and retries
    set that row rather than add one. Commands and forms (no message) are not keyed.
    A file or feed stores a day's value at that day's noon: a partial unique index holds
    one such value per goal and instant, so two saves racing (two replicas, a repeated
    click) cannot both store it; the loser's insert fails and it reads again.
    """

    __tablename__ = "checkin"
    __table_args__ = (
        Index(None, "team_id", "goal_id", "at"),
        UniqueConstraint("team_id", "channel_id", "message_ts", "goal_id"),
        Index(
            "uq_checkin_team_id_goal_id_at_from_files",
            "team_id",
            "goal_id",
            "at",
            unique=True,
            sqlite_where=Column("source", String).in_([s.value for s in FROM_FILES]),
            postgresql_where=Column("source", String).in_([s.value for s in FROM_FILES]),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    goal_id: int = owned_by("goal", optional=False)
    value: Decimal = decimal_field()
    note: str = Field(default="", max_length=3000)
    author_id: str | None = Field(default=None, max_length=32)
    at: datetime = utc_field()
    confidence: Confidence | None = enum_field(Confidence, 16, default=None)
    source: CheckInSource = enum_field(CheckInSource, 16, default=CheckInSource.COMMAND)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    created_at: datetime = utc_field()
    updated_at: datetime = utc_field()


class ReplyMessage(SQLModel, table=True):
    """A person's reply in a reminder's thread, as its check-ins last read it.

    Slack may deliver a reply, its edits and its deletion in any order, and repeat
    any of them. Every one of those events locks this row first, then applies only
    what is newer than `version` (the ts of the text read: the message's own, or its
    last edit's); `deleted` keeps a deleted reply from coming back.
    """

    team_id: str = Field(primary_key=True, max_length=32)
    channel_id: str = Field(primary_key=True, max_length=32)
    message_ts: str = Field(primary_key=True, max_length=32)
    version: str | None = Field(default=None, max_length=32)
    deleted: bool = False
    updated_at: datetime = utc_field()


CHECKIN_ORDER = (col(CheckIn.at), col(CheckIn.id))
"""The one order of a goal's check-ins: by time, then as stored; the last is its "latest".

Two check-ins at the same instant are told apart by insertion order, so every view
(lists, answers, digests, the App Home, reminders) names the same one latest.
"""


class ReminderSchedule(SQLModel, table=True):
    """When a goal's owner is asked for a check-in; the source of truth for the scheduler."""

    __table_args__ = (
        UniqueConstraint("team_id", "goal_id"),
        Index(None, "active", "next_run_at"),
        Index(None, "follow_up_at"),
        Index(None, "escalate_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    goal_id: int = owned_by("goal", optional=False)
    owner_id: str | None = Field(default=None, max_length=32)
    frequency: CadenceKind = enum_field(CadenceKind, 16, default=CadenceKind.WEEKLY)
    weekdays: str = Field(default="0", max_length=20)  # "0,3" = Monday and Thursday
    interval_weeks: int = 1
    day_of_month: int | None = None
    local_time: str = Field(default="10:00", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    anchor_date: date | None = None
    next_run_at: datetime | None = utc_field(default=None)
    active: bool = True
    paused_reason: str | None = Field(default=None, max_length=300)
    snoozed_until: datetime | None = utc_field(default=None)
    # More times besides the cadence above ("mon 10:00 and thu 16:00"): JSON cadences,
    # read and written by storage.cadences.
    more_times: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    # Nudges (bot.services.nudges): the last reminder sent and not yet answered, the missed
    # ones in a row since `streak_since`, and when a follow-up or an escalation falls due.
    reminded_at: datetime | None = utc_field(default=None)
    missed: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    streak_since: datetime | None = utc_field(default=None)
    follow_up_at: datetime | None = utc_field(default=None)
    escalate_at: datetime | None = utc_field(default=None)
    created_at: datetime = utc_field()
    updated_at: datetime = utc_field()


class DigestSubscription(SQLModel, table=True):
    """A channel that receives the weekly or monthly digest, with optional filters."""

    __table_args__ = (
        UniqueConstraint("team_id", "channel_id"),
        Index(None, "active", "next_run_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32)
    # WEEKLY on `weekday` or MONTHLY on `day_of_month`, the two a digest period can be.
    frequency: CadenceKind = enum_field(CadenceKind, 16, default=CadenceKind.WEEKLY)
    weekday: int = 0
    day_of_month: int = 1
    local_time: str = Field(default="09:00", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    filter_category: Category | None = enum_field(Category, 32, default=None)
    filter_platform: PlatformKey | None = enum_field(PlatformKey, 100, default=None)
    filter_owner: str | None = Field(default=None, max_length=32)
    next_run_at: datetime | None = utc_field(default=None)
    active: bool = True
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = utc_field()
    updated_at: datetime = utc_field()
    language: str | None = Field(default=None, max_length=8)  # None: DEFAULT_LANGUAGE


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
    started_at: datetime = utc_field()
    updated_at: datetime = utc_field()
    expires_at: datetime = utc_field()


class ProcessedEvent(SQLModel, table=True):
    """A Slack event already handled; Slack's retries and other replicas skip it."""

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = utc_field()


class DeliveryKind(StrEnum):
    """What a scheduled message is; each kind refers to its own table's row."""

    REMINDER = "reminder"  # to a goal's owner, from a ReminderSchedule
    DIGEST = "digest"  # to a channel, from a DigestSubscription


class DeliveryStatus(StrEnum):
    """Where a claimed delivery stands."""

    CLAIMED = "claimed"
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"


class Delivery(SQLModel, table=True):
    """A message we send on schedule, claimed under a unique key before it is sent.

    The key (team, the schedule or subscription row, period) makes a second sender,
    a restart or a retry find the claim and stand down, so nobody gets the same
    reminder twice. Exactly one of `schedule_id` and `subscription_id` is set, the
    one `kind` names; a partial unique index per kind holds the key, since a plain
    unique constraint would let rows whose other reference is NULL repeat.
    """

    __table_args__ = (
        Index(
            "uq_delivery_team_id_schedule_id_period",
            "team_id",
            "schedule_id",
            "period",
            unique=True,
            sqlite_where=Column("schedule_id").is_not(None),
            postgresql_where=Column("schedule_id").is_not(None),
        ),
        Index(
            "uq_delivery_team_id_subscription_id_period",
            "team_id",
            "subscription_id",
            "period",
            unique=True,
            sqlite_where=Column("subscription_id").is_not(None),
            postgresql_where=Column("subscription_id").is_not(None),
        ),
        CheckConstraint(
            "(kind = 'reminder' AND schedule_id IS NOT NULL AND subscription_id IS NULL)"
            " OR (kind = 'digest' AND subscription_id IS NOT NULL AND schedule_id IS NULL)",
            name="one_target",
        ),
        Index(None, "team_id", "channel_id", "message_ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: DeliveryKind = enum_field(DeliveryKind, 16)
    schedule_id: int | None = owned_by("reminderschedule")
    subscription_id: int | None = owned_by("digestsubscription")
    period: str = Field(max_length=40)  # the due time it answers, ISO UTC
    status: DeliveryStatus = enum_field(DeliveryStatus, 16, default=DeliveryStatus.CLAIMED)
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime = utc_field()
    sent_at: datetime | None = utc_field(default=None)
    channel_id: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    late: bool = False
    error: str | None = Field(default=None, max_length=300)
    attempts: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # every claim
    # Tries that ended in a recorded failure (a crashed sender's is not one), for operators.
    failures: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class GoalFeed(SQLModel, table=True):
    """A CSV URL a goal follows (`/goals feed #3 https://…`): fetched when `next_fetch_at`
    comes, its new rows stored as the goal's check-ins.

    A replica fetches a feed only while it holds its claim (`claimed_until`, a lease), so
    two replicas never fetch and store the same feed at once. `etag` and `last_modified`
    are the server's validators, sent back so an unchanged file costs a 304.
    """

    __table_args__ = (UniqueConstraint("goal_id"), Index(None, "next_fetch_at"))

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    goal_id: int = owned_by("goal", optional=False)
    url: str = Field(max_length=2000)
    created_by: str = Field(max_length=32)
    etag: str | None = Field(default=None, max_length=200)
    last_modified: str | None = Field(default=None, max_length=100)
    next_fetch_at: datetime = utc_field()
    claimed_until: datetime | None = utc_field(default=None)
    last_problem: str = Field(default="", max_length=500)
    created_at: datetime = utc_field()
