"""The digest modal (`digest.subscribe`): a channel and a schedule, read as `/goals digest`."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core.digest_request import Subscribe, parse_digest_request
from bot.core.parse_error import ParseError
from bot.listeners.home import publish_home
from bot.listeners.payloads import input_text, input_value
from bot.render.digest_subscriptions import (
    PICK_CHANNEL,
    SAY_WHEN,
    SUBSCRIBE_CALLBACK,
    subscribed_text,
)
from bot.render.errors import NOT_IN_PICKED_CHANNEL
from bot.services import Services
from bot.services.digests import channel_timezone, subscribe
from bot.slack.actor import Actor
from bot.slack.membership import bot_is_in


def subscribe_channel(
    ack: Ack, view: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    team, user = actor.team_id, actor.user_id
    channel = input_text(input_value(view, "channel", "value"), "selected_conversation")
    text = input_text(input_value(view, "schedule", "value"), "value")
    if not channel:
        ack(response_action="errors", errors={"channel": actor.tr._(PICK_CHANNEL)})
        return
    if not bot_is_in(client, channel):
        ack(response_action="errors", errors={"channel": NOT_IN_PICKED_CHANNEL})
        return
    request = parse_digest_request(
        text, tz=channel_timezone(services, team_id=team, channel_id=channel)
    )
    if not isinstance(request, Subscribe):
        message = request.message if isinstance(request, ParseError) else actor.tr._(SAY_WHEN)
        ack(response_action="errors", errors={"schedule": message})
        return
    ack()
    done = subscribe(services, team_id=team, channel_id=channel, user_id=user, request=request)
    client.chat_postMessage(channel=user, text=subscribed_text(done, actor.tr))
    publish_home(actor)


def register(app: App) -> None:
    app.view(SUBSCRIBE_CALLBACK)(subscribe_channel)
