"""Whether the bot is in a channel a person picked, asked before promising anything there."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.errors import CHANNEL_ERRORS


def bot_is_in(client: WebClient, channel_id: str) -> bool:
    """Whether the bot can post in `channel_id`.

    Asked with one message of history, which the scopes the bot already has allow
    (channels:history, groups:history; conversations.info would need channels:read and
    groups:read): Slack answers `not_in_channel` for a public channel the bot is not in
    and `channel_not_found` for a private one. Other failures are raised.
    """
    try:
        client.conversations_history(channel=channel_id, limit=1)
    except SlackApiError as exc:
        if exc.response.get("error") in CHANNEL_ERRORS:
            return False
        raise
    return True
