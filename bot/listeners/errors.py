"""The one global error handler: log the failure, tell the person plainly, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.render.errors import SORRY

logger = logging.getLogger("checkin_bot.errors")


def tell_the_person(
    error: Exception, body: dict[str, Any], context: BoltContext, client: WebClient
) -> BoltResponse | None:
    logger.exception("listener failed: %s", type(error).__name__, exc_info=error)
    user, channel = context.user_id, context.channel_id
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
