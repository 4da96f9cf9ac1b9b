"""What callers hand the repository to create or change rows: typed, checked, clipped.

A schema names every column a caller may set, so a misspelt field fails where it is
written instead of vanishing into `**fields`, and words of a closed set arrive as
their StrEnum ("instagram" becomes `PlatformKey.INSTAGRAM`; "Instagram" is refused).
Text longer than its column is clipped to the column's length, read from the model.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlmodel import SQLModel

from bot.core.cadence import Cadence
from bot.core.checkin_reply import Confidence
from bot.core.kpis import MetricKey
from bot.core.period import Period
from bot.core.platforms import PlatformKey
from bot.core.values import Category, CheckInSource, Direction, GoalKind, GoalState, Unit
from storage.models import CheckIn, DigestSubscription, Goal, InterviewState, Member


def column_limit(model: type[SQLModel], field: str) -> int | None:
    """The longest text `model.field` holds, from its column type; None when unbounded.

    Example:
        >>> column_limit(Goal, "title")
        300
    """
    column = model.__table__.c.get(field)  # type: ignore[attr-defined]
    return getattr(column.type, "length", None) if column is not None else None


def clipped(model: type[SQLModel], field: str, text: str) -> str:
    """`text` cut to the length of `model.field`'s column, so storing it never fails.

    Example:
        >>> clipped(Goal, "currency", "EURO")
        'EUR'
    """
    limit = column_limit(model, field)
    return text if limit is None else text[:limit]


class _Row(BaseModel):
    """Fields of one table; text values are clipped to that table's columns."""

    model_config = ConfigDict(extra="forbid")
    table: ClassVar[type[SQLModel]]  # the table whose columns these fields are

    @model_validator(mode="before")
    @classmethod
    def _clip_text(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        return {
            name: clipped(cls.table, name, value) if isinstance(value, str) else value
            for name, value in values.items()
        }


class GoalCreate(_Row):
    """A new goal. `start_at` None means "from now"."""

    table: ClassVar[type[SQLModel]] = Goal
    title: str
    kind: GoalKind = GoalKind.GOAL
    external_id: str | None = None
    origin_key: str | None = None
    objective_id: int | None = None
    why: str = ""
    category: Category | None = None
    metric: MetricKey | None = None
    metric_name: str = ""
    platform: PlatformKey | None = None
    unit: Unit = Unit.COUNT
    currency: str | None = None
    direction: Direction = Direction.INCREASE
    baseline: Decimal | None = None
    target: Decimal | None = None
    period: Period | None = None  # what the target is counted over; None: in total
    start_at: datetime | None = None
    deadline: datetime | None = None
    owner_id: str | None = None
    channel_id: str | None = None
    team: bool = False  # a team goal, reminded in `channel_id`
    contributors: list[str] = Field(default_factory=list)
    state: GoalState = GoalState.ACTIVE
    created_by: str | None = None


class GoalUpdate(_Row):
    """Changes to a goal: only the fields given are written (None included, when given)."""

    table: ClassVar[type[SQLModel]] = Goal
    title: str | None = None
    target: Decimal | None = None
    period: Period | None = None
    deadline: datetime | None = None
    owner_id: str | None = None
    channel_id: str | None = None
    state: GoalState | None = None


class CheckInCreate(_Row):
    """A value reported for a goal at a moment, with who said it and where."""

    table: ClassVar[type[SQLModel]] = CheckIn
    value: Decimal
    at: datetime
    note: str = ""
    author_id: str | None = None
    confidence: Confidence | None = None
    source: CheckInSource = CheckInSource.COMMAND
    channel_id: str | None = None
    message_ts: str | None = None


class MemberUpdate(_Row):
    """What is learnt about a person: only the fields given are written."""

    table: ClassVar[type[SQLModel]] = Member
    timezone: str | None = None
    is_admin: bool | None = None
    away_until: datetime | None = None
    quiet_hours: str | None = None
    manager_id: str | None = None
    language: str | None = None
    slack_locale: str | None = None


class SubscriptionChanges(_Row):
    """What a channel's digest subscription becomes: only the fields given are written.

    `cadence`, when given, is when it is sent: it is stored across several columns.
    """

    table: ClassVar[type[SQLModel]] = DigestSubscription
    cadence: Cadence | None = Field(default=None, exclude=True)
    filter_category: Category | None = None
    filter_platform: PlatformKey | None = None
    filter_owner: str | None = None
    next_run_at: datetime | None = None
    active: bool | None = None
    created_by: str | None = None
    language: str | None = None


class InterviewProgress(_Row):
    """Where a person's interview has got to, and until when it waits for an answer.

    The place it runs (channel, thread) is written only when the interview is created.
    """

    table: ClassVar[type[SQLModel]] = InterviewState
    step: str
    data: dict[str, Any]
    expires_at: datetime
    channel_id: str | None = None
    thread_ts: str | None = None
