"""The repository API: keyword-only functions, every one scoped to a workspace.

Services call these instead of writing queries, so that no code path can read or
write across workspaces: each function takes `team_id` and refuses an empty one.

Example:
    >>> goal = create_goal(session=s, team_id="T1", goal=GoalCreate(title="Reach 60k"), now=now)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import and_, or_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.core.values import GoalKind, GoalState
from bot.errors import CheckinBotError
from storage.models import (
    CheckIn,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Goal,
    Member,
    ProcessedEvent,
    Workspace,
)
from storage.schemas import CheckInCreate, GoalCreate, GoalUpdate, MemberUpdate


class MissingWorkspace(CheckinBotError, ValueError):
    """A repository call was made without a workspace id."""


def scoped_team(team_id: str) -> str:
    """The workspace id, checked: every storage function calls this first."""
    if not team_id or not isinstance(team_id, str):
        raise MissingWorkspace("every repository call needs the workspace's team_id")
    return team_id


RowT = TypeVar("RowT", Workspace, Member)


def _add_or_find(session: Session, row: RowT, key: tuple[str, ...]) -> RowT:
    """Insert a row keyed by workspace (and person); when another replica inserted the
    same key first, use theirs. The savepoint keeps the caller's transaction usable."""
    try:
        with session.begin_nested():
            session.add(row)
        return row
    except IntegrityError:
        found = session.get(type(row), key)
        if found is None:
            raise
        return found


# --- workspaces and members -------------------------------------------------------------


def ensure_workspace(
    *, session: Session, team_id: str, now: datetime, default_timezone: str = "UTC"
) -> Workspace:
    """The workspace row, created on first sight."""
    workspace = session.get(Workspace, scoped_team(team_id))
    if workspace is None:
        workspace = _add_or_find(
            session,
            Workspace(team_id=team_id, default_timezone=default_timezone, created_at=now),
            (team_id,),
        )
    return workspace


def get_member(*, session: Session, team_id: str, user_id: str) -> Member | None:
    """What we know of a person, or None."""
    return session.get(Member, (scoped_team(team_id), user_id))


def upsert_member(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    now: datetime,
    changes: MemberUpdate | None = None,
) -> Member:
    """Create a person's row, or update it with the fields `changes` sets."""
    member = get_member(session=session, team_id=team_id, user_id=user_id)
    if member is None:
        new = Member(team_id=team_id, user_id=user_id, updated_at=now)
        member = _add_or_find(session, new, (team_id, user_id))
    for name, value in (changes.model_dump(exclude_unset=True) if changes else {}).items():
        setattr(member, name, value)
    member.updated_at = now
    session.flush()
    return member


# --- goals --------------------------------------------------------------------------------


def create_goal(*, session: Session, team_id: str, goal: GoalCreate, now: datetime) -> Goal:
    """Insert a goal; it starts `now` unless `goal.start_at` says otherwise."""
    fields = goal.model_dump(exclude={"start_at"})
    row = Goal(
        team_id=scoped_team(team_id),
        start_at=goal.start_at or now,
        created_at=now,
        updated_at=now,
        **fields,
    )
    session.add(row)
    session.flush()
    return row


def get_goal(*, session: Session, team_id: str, goal_id: int) -> Goal | None:
    """One goal of this workspace, or None (also when the id belongs to another workspace)."""
    goal = session.get(Goal, goal_id)
    return goal if goal is not None and goal.team_id == scoped_team(team_id) else None


def find_goal_by_origin(*, session: Session, team_id: str, origin_key: str) -> Goal | None:
    """The goal created by an interview or import step, if it already ran."""
    query = select(Goal).where(Goal.team_id == scoped_team(team_id), Goal.origin_key == origin_key)
    return session.exec(query).first()


def list_goals(
    *,
    session: Session,
    team_id: str,
    states: Sequence[GoalState] | None = (GoalState.ACTIVE, GoalState.ACHIEVED),
    owner_id: str | None = None,
    kinds: Sequence[GoalKind] | None = None,
) -> list[Goal]:
    """The workspace's goals, oldest first, filtered by state, owner and kind."""
    query = select(Goal).where(Goal.team_id == scoped_team(team_id))
    if states is not None:
        query = query.where(col(Goal.state).in_(states))
    if owner_id is not None:
        query = query.where(Goal.owner_id == owner_id)
    if kinds is not None:
        query = query.where(col(Goal.kind).in_(kinds))
    return list(session.exec(query.order_by(col(Goal.id))))


def update_goal(
    *, session: Session, team_id: str, goal_id: int, changes: GoalUpdate, now: datetime
) -> Goal:
    """Write the fields `changes` sets; raises LookupError when the goal is not in this
    workspace."""
    goal = get_goal(session=session, team_id=team_id, goal_id=goal_id)
    if goal is None:
        raise LookupError(f"goal {goal_id} not found")
    for name, value in changes.model_dump(exclude_unset=True).items():
        setattr(goal, name, value)
    goal.updated_at = now
    session.flush()
    return goal


# --- check-ins -----------------------------------------------------------------------------


def add_checkin(
    *,
    session: Session,
    team_id: str,
    goal_id: int,
    checkin: CheckInCreate,
    now: datetime,
) -> CheckIn:
    """Record a value for a goal of this workspace."""
    if get_goal(session=session, team_id=team_id, goal_id=goal_id) is None:
        raise LookupError(f"goal {goal_id} not found")
    row = CheckIn(
        team_id=team_id, goal_id=goal_id, created_at=now, updated_at=now, **checkin.model_dump()
    )
    session.add(row)
    session.flush()
    return row


def list_checkins(*, session: Session, team_id: str, goal_id: int) -> list[CheckIn]:
    """A goal's check-ins, oldest first."""
    query = (
        select(CheckIn)
        .where(CheckIn.team_id == scoped_team(team_id), CheckIn.goal_id == goal_id)
        .order_by(col(CheckIn.at), col(CheckIn.id))
    )
    return list(session.exec(query))


# --- exactly-once helpers ------------------------------------------------------------------


def record_event_once(*, session: Session, team_id: str, event_id: str, now: datetime) -> bool:
    """Remember a Slack event id; False when it was seen before (a retry or another replica).

    One `INSERT … ON CONFLICT DO NOTHING`: a duplicate neither raises nor spoils the
    caller's transaction, and on PostgreSQL a replica inserting the same id meanwhile
    waits for the first transaction to end, then finds the id taken (or free, when the
    first one rolled back).
    """
    dialect_insert = (
        postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    )
    statement = (
        dialect_insert(ProcessedEvent)
        .values(team_id=scoped_team(team_id), event_id=event_id, received_at=now)
        .on_conflict_do_nothing()
        .returning(col(ProcessedEvent.event_id))  # a row back only when it was inserted
    )
    return session.execute(statement).first() is not None


DELIVERY_ATTEMPTS = 3
"""Claims of one scheduled message after which a failure on a passing error (after the
client's retries) gives it up. A sender that vanished (a crash) before it said how its
try went is not the message's failure: its claim is taken over whatever the count, until
the occurrence is too late to send (the runner then records it as skipped)."""

_KEY_SEPARATOR, _KEY_PARTS = "/", 4


@dataclass(frozen=True, slots=True)
class DeliveryKey:
    """Which scheduled message a delivery is: at most one delivery is claimed per key.

    `row_id` is the ReminderSchedule (kind REMINDER) or DigestSubscription (kind DIGEST)
    the message is sent for; `period` names the occurrence it answers.
    """

    team_id: str
    kind: DeliveryKind
    row_id: int
    period: str

    @property
    def text(self) -> str:
        """The key as one string, carried in the posted message's metadata.

        Example:
            >>> DeliveryKey("T1", DeliveryKind.REMINDER, 7, "2026-11-23T08:00:00+00:00").text
            'T1/reminder/7/2026-11-23T08:00:00+00:00'
        """
        return _KEY_SEPARATOR.join((self.team_id, self.kind, str(self.row_id), self.period))

    @classmethod
    def parse(cls, text: object) -> DeliveryKey | None:
        """The key `text` names, or None when it is not one of ours.

        Example:
            >>> DeliveryKey.parse("T1/digest/3/2026-11-23T07:00:00+00:00").kind
            <DeliveryKind.DIGEST: 'digest'>
            >>> DeliveryKey.parse("T1/poll/3/x") is None
            True
        """
        parts = text.split(_KEY_SEPARATOR, _KEY_PARTS - 1) if isinstance(text, str) else []
        if len(parts) != _KEY_PARTS or not parts[2].isdigit() or not parts[0]:
            return None
        team_id, kind, row_id, period = parts
        if kind not in set(DeliveryKind):
            return None
        return cls(team_id, DeliveryKind(kind), int(row_id), period)


def key_filter(key: DeliveryKey) -> tuple[Any, ...]:
    """The WHERE clauses that find the one delivery of `key`."""
    target = (
        col(Delivery.schedule_id) == key.row_id
        if key.kind is DeliveryKind.REMINDER
        else col(Delivery.subscription_id) == key.row_id
    )
    return (
        col(Delivery.team_id) == scoped_team(key.team_id),
        col(Delivery.kind) == key.kind,
        target,
        col(Delivery.period) == key.period,
    )


def claim_delivery(
    *, session: Session, key: DeliveryKey, claimed_by: str, now: datetime, lease: timedelta
) -> Delivery | None:
    """Claim the right to send one scheduled message for `lease`; None when someone else
    holds it, or it has an outcome already (`delivery_settled` tells which).

    A claim whose send failed on a passing error, or whose lease ran out (its sender
    died or hangs), is taken over while it has tries left. Commit the session right
    after claiming, before sending: the claim must be visible to every other process first.
    """
    delivery = Delivery(
        team_id=scoped_team(key.team_id),
        kind=key.kind,
        schedule_id=key.row_id if key.kind is DeliveryKind.REMINDER else None,
        subscription_id=key.row_id if key.kind is DeliveryKind.DIGEST else None,
        period=key.period,
        claimed_by=claimed_by,
        claimed_at=now,
    )
    try:
        with session.begin_nested():
            session.add(delivery)
        return delivery
    except IntegrityError:
        return _take_over(session, key, claimed_by, now, lease)


def _take_over(
    session: Session, key: DeliveryKey, claimed_by: str, now: datetime, lease: timedelta
) -> Delivery | None:
    """Take over a failed claim that has tries left, or one whose lease ran out.

    One conditional UPDATE, so of two replicas retrying at once exactly one wins (the
    other's UPDATE waits on PostgreSQL's row lock, then no longer matches). `attempts`
    counts every claim, so the taker knows an earlier try may have posted.
    """
    free = or_(
        and_(
            col(Delivery.status) == DeliveryStatus.FAILED,
            col(Delivery.attempts) < DELIVERY_ATTEMPTS,
        ),
        # Its sender died: however often that happened, the message is still owed.
        and_(
            col(Delivery.status) == DeliveryStatus.CLAIMED,
            col(Delivery.claimed_at) < now - lease,
        ),
    )
    taken = session.execute(
        update(Delivery)
        .where(*key_filter(key), free)
        .values(
            status=DeliveryStatus.CLAIMED,
            attempts=col(Delivery.attempts) + 1,
            claimed_by=claimed_by,
            claimed_at=now,
            error=None,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(taken, "rowcount", 0):
        return None
    fresh = select(Delivery).where(*key_filter(key)).execution_options(populate_existing=True)
    return session.exec(fresh).one()  # as the UPDATE left it, not as the session last saw it


def delivery_settled(*, session: Session, key: DeliveryKey) -> bool:
    """True when the occurrence has its final outcome (sent, skipped, failed with no tries
    left), so its schedule may move on; False while it is claimed, live or not (a claim
    whose lease ran out is taken over by the next tick)."""
    found = session.exec(select(Delivery).where(*key_filter(key))).first()
    if found is None or found.status in (DeliveryStatus.SENT, DeliveryStatus.SKIPPED):
        return found is not None
    return found.status is DeliveryStatus.FAILED and found.attempts >= DELIVERY_ATTEMPTS


def get_delivery(*, session: Session, team_id: str, delivery_id: int) -> Delivery | None:
    """A delivery record of this workspace, or None."""
    delivery = session.get(Delivery, delivery_id)
    return delivery if delivery is not None and delivery.team_id == scoped_team(team_id) else None


def find_delivery_by_message(
    *, session: Session, team_id: str, channel_id: str, message_ts: str
) -> Delivery | None:
    """The scheduled message a thread belongs to (a reply in it may be a check-in)."""
    query = select(Delivery).where(
        Delivery.team_id == scoped_team(team_id),
        Delivery.channel_id == channel_id,
        Delivery.message_ts == message_ts,
    )
    return session.exec(query).first()
