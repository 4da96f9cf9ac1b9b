"""Scheduled messages carry their delivery key in Slack's message metadata, so Slack itself
can say whether one went out.

A sender can die (or time out) after Slack posted its message and before the database
says so. The next sender looks for the message by its key before posting again, and a
reply in the thread of such a message finds its delivery by the same key.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.metadata import Metadata

from bot.services import Services
from storage.deliveries import DeliveryKey, bind_delivery_message, has_unbound_deliveries

log = logging.getLogger("checkin_bot.slack.delivery_marks")

EVENT_TYPE = "checkin_bot_delivery"
HISTORY_PAGE = 200  # messages per conversations.history call (Slack suggests at most 200)
HISTORY_PAGES = 5  # a busy channel: a thousand messages since the due time is plenty
CLOCK_SLACK = timedelta(minutes=10)  # Slack's clock and ours may disagree a little


def delivery_metadata(key: DeliveryKey) -> Metadata:
    """What a scheduled message carries to be found again.

    Example:
        >>> from storage.models import DeliveryKind
        >>> key = DeliveryKey("T1", DeliveryKind.REMINDER, 7, "2026-11-23T08:00:00+00:00")
        >>> delivery_metadata(key).to_dict()["event_payload"]
        {'key': 'T1/reminder/7/2026-11-23T08:00:00+00:00'}
    """
    return Metadata(event_type=EVENT_TYPE, event_payload={"key": key.text})


def key_of(message: dict[str, Any]) -> DeliveryKey | None:
    """The delivery a message of ours was posted for, from its metadata (None: not one)."""
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != EVENT_TYPE:
        return None
    payload = metadata.get("event_payload")
    return DeliveryKey.parse(payload.get("key")) if isinstance(payload, dict) else None


def conversation_id(client: WebClient, channel: str) -> str:
    """The conversation a post to `channel` lands in: a user id names their DM when posting,
    but reading history needs the DM's own id."""
    if channel.startswith(("U", "W")):
        return str(client.conversations_open(users=channel)["channel"]["id"])
    return channel


def find_posted(
    client: WebClient, channel: str, key: DeliveryKey, since: datetime
) -> tuple[str, str] | None:
    """(channel id, ts) of the message posted for `key` in `channel` since `since`, if any."""
    channel_id = conversation_id(client, channel)
    oldest = f"{(since - CLOCK_SLACK).timestamp():.6f}"
    cursor: str | None = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(
            channel=channel_id,
            oldest=oldest,
            limit=HISTORY_PAGE,
            cursor=cursor,
            include_all_metadata=True,
        )
        for message in page.get("messages") or []:
            if key_of(message) == key:
                return channel_id, str(message["ts"])
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not page.get("has_more") or cursor is None:
            return None
    return None


def thread_parent_key(client: WebClient, channel: str, thread_ts: str) -> DeliveryKey | None:
    """The delivery key of the message that starts a thread (None: not a scheduled one)."""
    page = client.conversations_history(
        channel=channel, latest=thread_ts, inclusive=True, limit=1, include_all_metadata=True
    )
    messages = page.get("messages") or []
    if not messages or messages[0].get("ts") != thread_ts:
        return None
    return key_of(messages[0])


def bind_thread_parent(
    services: Services, client: WebClient, *, team_id: str, channel_id: str, thread_ts: str
) -> bool:
    """A reply in a thread the database knows nothing of: when the thread starts from one of
    our scheduled messages whose sender died before recording it, record it now (True)."""
    with services.session() as session:
        if not has_unbound_deliveries(session=session, team_id=team_id, now=services.now()):
            return False
    try:
        key = thread_parent_key(client, channel_id, thread_ts)
    except SlackApiError as exc:
        log.warning("could not read the start of thread %s: %s", thread_ts, exc.response["error"])
        return False
    if key is None or key.team_id != team_id:
        return False
    with services.session() as session:
        bound = bind_delivery_message(
            session=session,
            key=key,
            channel_id=channel_id,
            message_ts=thread_ts,
            now=services.now(),
        )
    if bound is not None:
        log.info("%s %s found in Slack by a reply in its thread", key.kind, key.row_id)
    return bound is not None
