"""The one global error handler: log the failure, tell the person plainly, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

logger = logging.getLogger("checkin_bot.errors")

SORRY = (
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment."
)


def _who_and_where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    user = (
        body.get("user_id")
        or (body.get("user") or {}).get("id")
        or (body.get("event") or {}).get("user")
    )
    channel = (
        body.get("channel_id")
        or (body.get("channel") or {}).get("id")
        or (body.get("event") or {}).get("channel")
    )
    return user, channel


def tell_the_person(
    error: Exception, body: dict[str, Any], client: WebClient
) -> BoltResponse | None:
    logger.exception("listener failed: %s", type(error).__name__, exc_info=error)
    user, channel = _who_and_where(body or {})
    if body and body.get("type") == "view_submission":
        return BoltResponse(
            status=200,
            body={"response_action": "errors", "errors": {}},
        )
    if user and channel:
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=SORRY)
        except SlackApiError:
            logger.warning("could not tell %s about the failure", user)
    return None


def register(app: App) -> None:
    app.error(tell_the_person)
