"""The digest modal (`digest.subscribe`): a channel and a schedule, read as `/goals digest`."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core.digest_request import Subscribe, parse_digest_request
from bot.core.parse_error import ParseError
from bot.listeners.commands.digests import describe_subscription
from bot.listeners.home import publish_home
from bot.listeners.payloads import input_text, input_value
from bot.services import Services
from bot.services.digests import channel_timezone, subscribe
from bot.slack.actor import Actor

SUBSCRIBE_CALLBACK = "digest.subscribe"


def subscribe_modal() -> dict[str, Any]:
    """Pick a channel and a schedule (the same words as `/goals digest`)."""
    return {
        "type": "modal",
        "callback_id": SUBSCRIBE_CALLBACK,
        "title": {"type": "plain_text", "text": "Digest for a channel"},
        "submit": {"type": "plain_text", "text": "Subscribe"},
        "blocks": [
            {
                "type": "input",
                "block_id": "channel",
                "label": {"type": "plain_text", "text": "Channel"},
                "element": {"type": "conversations_select", "action_id": "value"},
            },
            {
                "type": "input",
                "block_id": "schedule",
                "label": {"type": "plain_text", "text": "When, and for which goals"},
                "hint": {
                    "type": "plain_text",
                    "text": "e.g. weekly mon 09:00 · monthly 1st 9am · weekly platform instagram",
                },
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "initial_value": "weekly mon 09:00",
                },
            },
        ],
    }


def subscribe_channel(
    ack: Ack, view: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    team, user = actor.team_id, actor.user_id
    channel = input_text(input_value(view, "channel", "value"), "selected_conversation")
    text = input_text(input_value(view, "schedule", "value"), "value")
    if not channel:
        ack(response_action="errors", errors={"channel": "Pick the channel for the digest."})
        return
    request = parse_digest_request(
        text, tz=channel_timezone(services, team_id=team, channel_id=channel)
    )
    if not isinstance(request, Subscribe):
        message = (
            request.message
            if isinstance(request, ParseError)
            else "Say when, e.g. weekly mon 09:00."
        )
        ack(response_action="errors", errors={"schedule": message})
        return
    ack()
    done = subscribe(services, team_id=team, channel_id=channel, user_id=user, request=request)
    client.chat_postMessage(channel=user, text="Subscribed. " + describe_subscription(done))
    publish_home(services, client, team, user)


def register(app: App) -> None:
    app.view(SUBSCRIBE_CALLBACK)(subscribe_channel)
