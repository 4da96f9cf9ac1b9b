"""The one global error handler: log the failure, tell the person plainly, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n.catalogue import Translator
from bot.render.errors import sorry_text
from bot.render.figures import ENGLISH
from bot.slack.errors import PERMANENT_ERRORS

logger = logging.getLogger("checkin_bot.errors")


def tell_the_person(
    error: Exception, body: dict[str, Any], context: BoltContext, client: WebClient
) -> BoltResponse | None:
    if isinstance(error, SlackApiError) and _unreachable(error):
        # Slack refused to reach that person or place (a payload naming a user who is not
        # there, a channel closed to the bot): not our bug, so one line, no traceback.
        logger.warning("listener could not answer: %s", error.response.get("error"))
    else:
        logger.exception("listener failed: %s", type(error).__name__, exc_info=error)
    user, channel = context.user_id, context.channel_id
    if body and body.get("type") == "view_submission":
        return BoltResponse(
            status=200,
            body={"response_action": "errors", "errors": {}},
        )
    sorry = sorry_text(_their_translator(context))
    told = False
    if user and channel:
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=sorry)
            told = True
        except SlackApiError:
            logger.warning("could not tell %s about the failure with an ephemeral", user)
    # A command's or a button's response URL reaches the person even in a channel the bot
    # is not in, where the ephemeral fails.
    if not told and context.respond is not None:
        context.respond(text=sorry, response_type="ephemeral", replace_original=False)
        told = True
    if told and body.get("type") != "event_callback":
        # The person knows: a 500 would only add Slack's own error to a command or a click.
        # Events still get one, so that Slack delivers them again.
        return BoltResponse(status=200, body="")
    return None


def _their_translator(context: BoltContext) -> Translator:
    """The person's language, else English: finding it may fail for the same reason the
    listener did (the database or Slack unreachable), and the apology must still go out."""
    actor = context.get("actor")
    try:
        return actor.tr if actor is not None else ENGLISH
    except Exception:  # any failure: say sorry in English
        logger.warning("could not find the person's language for the apology")
        return ENGLISH


def _unreachable(error: SlackApiError) -> bool:
    return error.response.get("error") in PERMANENT_ERRORS | {"user_not_in_channel"}


def register(app: App) -> None:
    app.error(tell_the_person)
