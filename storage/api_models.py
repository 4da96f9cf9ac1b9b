"""The REST API's tables: its tokens and the requests made with an idempotency key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.columns import utc_field


class ApiToken(SQLModel, table=True):
    """A workspace's key to the REST API (`/goals token new`); it acts as the person who made it.

    Only the SHA-256 of the token is kept: the token is 256 random bits, so a fast hash
    is enough (nothing to guess), and a lookup by hash needs no per-row salt. `prefix` is
    the token's first characters, shown in lists so people can tell their tokens apart.
    """

    __table_args__ = (UniqueConstraint("token_hash"), Index(None, "team_id", "revoked_at"))

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    label: str = Field(default="", max_length=100)
    prefix: str = Field(max_length=16)
    token_hash: str = Field(max_length=64)
    created_by: str = Field(max_length=32)
    created_at: datetime = utc_field()
    last_used_at: datetime | None = utc_field(default=None)
    revoked_at: datetime | None = utc_field(default=None)
    revoked_by: str | None = Field(default=None, max_length=32)


class ApiRequest(SQLModel, table=True):
    """An API request made with an `Idempotency-Key`, and the answer it got.

    Written in the same transaction as the check-in it stored, so a retry (or a second
    request racing the first) finds the key taken and gets the first answer back;
    `request_hash` tells a retry from a different request reusing the key. Kept a day,
    like Slack's event ids (`bot.scheduling.scheduler.forget_old_events`).
    """

    __table_args__ = (Index(None, "created_at"),)

    team_id: str = Field(primary_key=True, max_length=32)
    idempotency_key: str = Field(primary_key=True, max_length=255)
    request_hash: str = Field(max_length=64)
    status: int
    response: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = utc_field()
