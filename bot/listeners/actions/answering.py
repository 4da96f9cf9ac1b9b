"""Answering a button press where it happened: in place for a message, by DM for the App Home."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond

from bot.slack.actor import Actor


def tell(actor: Actor, respond: Respond, body: dict[str, Any], text: str) -> None:
    """Answer in place (ephemeral) for a message button, by DM for an App Home button."""
    if body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
    else:
        actor.client.chat_postMessage(channel=actor.user_id, text=text)
