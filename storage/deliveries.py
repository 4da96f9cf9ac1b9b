"""Scheduled messages' claims: one claim per delivery key, held as a lease, and the
message it posted; also deliveries whose message is in Slack but not yet in the
database (a sender that died after posting), found again by the key in its metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import Delivery, DeliveryKind, DeliveryStatus
from storage.repo import scoped_team

UNBOUND_MEMORY = timedelta(days=14)  # a reply to a reminder older than this is not looked up


def has_unbound_deliveries(*, session: Session, team_id: str, now: datetime) -> bool:
    """True when a recent claim of this workspace may have posted without saying where
    (claimed or failed, no message recorded): only then is a thread we do not know worth
    asking Slack about."""
    query = select(Delivery.id).where(
        col(Delivery.team_id) == scoped_team(team_id),
        col(Delivery.claimed_at) >= now - UNBOUND_MEMORY,
        col(Delivery.status).in_([DeliveryStatus.CLAIMED, DeliveryStatus.FAILED]),
        col(Delivery.message_ts).is_(None),
    )
    return session.exec(query.limit(1)).first() is not None


def bind_delivery_message(
    *, session: Session, key: DeliveryKey, channel_id: str, message_ts: str, now: datetime
) -> Delivery | None:
    """Record that the message for `key` is in Slack at (channel, ts), found by its metadata;
    None when there is no such claim. A delivery already bound keeps its message."""
    found = session.exec(select(Delivery).where(*key_filter(key))).first()
    if found is not None and found.message_ts is None:
        found.status, found.error = DeliveryStatus.SENT, None
        found.channel_id, found.message_ts, found.sent_at = channel_id, message_ts, now
        session.flush()
    return found


_KEY_SEPARATOR, _KEY_PARTS = "/", 4

FOLLOW_UP_MARK = "~follow-up"
"""Ends the period of a reminder's follow-up (its thread takes check-ins like the reminder's)."""
ESCALATION_MARK = "~escalation"
"""Ends the period of a note to a manager about missed check-ins (its thread takes none)."""


def takes_checkins(delivery: Delivery) -> bool:
    """True when a reply in this delivery's thread may be a check-in: a reminder or its
    follow-up, not a digest nor a note to someone's manager."""
    return delivery.kind == DeliveryKind.REMINDER and not delivery.period.endswith(ESCALATION_MARK)


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
    """Take over a failed claim, or one whose lease ran out.

    One conditional UPDATE, so of two replicas retrying at once exactly one wins (the
    other's UPDATE waits on PostgreSQL's row lock, then no longer matches). `attempts`
    counts every claim, so the taker knows an earlier try may have posted.
    """
    # A failure on a passing error, or a sender that died, however often: the message is
    # still owed until it is too late to send (the runner then records it as skipped).
    free = or_(
        col(Delivery.status) == DeliveryStatus.FAILED,
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
    """True when the occurrence has its final outcome (sent or skipped), so its schedule may
    move on; False while it is claimed, live or not, or failed (a later tick tries again)."""
    found = session.exec(select(Delivery).where(*key_filter(key))).first()
    return found is not None and found.status in (DeliveryStatus.SENT, DeliveryStatus.SKIPPED)


def delivery_sent(*, session: Session, key: DeliveryKey) -> bool:
    """True when the message of `key` is recorded as sent."""
    found = session.exec(select(Delivery.status).where(*key_filter(key))).first()
    return found == DeliveryStatus.SENT


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
