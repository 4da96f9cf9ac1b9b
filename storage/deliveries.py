"""Deliveries whose message is in Slack but not yet in the database: a sender that died
after posting. A reply in such a message's thread finds it by the key in its metadata."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from storage.models import Delivery, DeliveryStatus
from storage.repo import DeliveryKey, key_filter, scoped_team

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
