"""The replies in reminders' threads, one row each: the version of a reply's text its
check-ins were read from, and whether it was deleted.

Each function is one upsert that also locks the reply's row until the session ends,
so two events about one reply (on two replicas) take turns: on PostgreSQL the second
waits on the row and then sees what the first committed (`ON CONFLICT DO UPDATE`
locks the row even when its `WHERE` leaves it as it is); on SQLite the insert takes
the database's write lock, which serializes them alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Executable
from sqlmodel import Session, col

from storage.models import ReplyMessage
from storage.repo import scoped_team, upsert_insert


@dataclass(frozen=True, slots=True)
class ReplyKey:
    """Which reply: its workspace, channel and ts."""

    team_id: str
    channel_id: str
    message_ts: str


def take_version(*, session: Session, reply: ReplyKey, version: str, now: datetime) -> bool:
    """Make `version` (a Slack ts) the reply's; False when a version as new or newer was
    read before, or the reply was deleted: then there is nothing to apply.

    Slack timestamps have a fixed width (ten digits, a dot, six), so they compare as text.
    """
    key = _key(reply)
    stored = ReplyMessage.__table__.c  # type: ignore[attr-defined]
    statement = (
        upsert_insert(session)(ReplyMessage)
        .values(**key, version=version, updated_at=now)
        .on_conflict_do_update(
            index_elements=list(key),
            set_={"version": version, "updated_at": now},
            where=~stored.deleted & (stored.version.is_(None) | (stored.version < version)),
        )
        .returning(col(ReplyMessage.version))
    )
    return _applied(session, statement)


def mark_deleted(*, session: Session, reply: ReplyKey, now: datetime) -> bool:
    """Mark the reply deleted, for good; False when it was marked before."""
    key = _key(reply)
    stored = ReplyMessage.__table__.c  # type: ignore[attr-defined]
    statement = (
        upsert_insert(session)(ReplyMessage)
        .values(**key, deleted=True, updated_at=now)
        .on_conflict_do_update(
            index_elements=list(key),
            set_={"deleted": True, "updated_at": now},
            where=~stored.deleted,
        )
        .returning(col(ReplyMessage.deleted))
    )
    return _applied(session, statement)


def _key(reply: ReplyKey) -> dict[str, str]:
    team_id = scoped_team(reply.team_id)
    return {"team_id": team_id, "channel_id": reply.channel_id, "message_ts": reply.message_ts}


def _applied(session: Session, statement: Executable) -> bool:
    """Whether the upsert wrote (a row comes back only then)."""
    return session.execute(statement).first() is not None
