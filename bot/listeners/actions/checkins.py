"""The "did you mean …?" buttons of a far-off check-in (`checkin.doubt_` action ids)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.listeners.checkin_answers import outcome_text, refresh_after
from bot.render.checkins import DOUBT_ACTIONS, DOUBT_CANCEL, DOUBT_CANCELLED
from bot.services import Services
from bot.services.checkin_doubts import confirm_values
from bot.slack.actor import Actor


def store(
    ack: Ack, action: dict[str, Any], respond: Respond, services: Services, actor: Actor
) -> None:
    """Store the value the button names; the question is replaced by the answer."""
    ack()
    outcome = confirm_values(services, actor.requester(), str(action.get("value") or ""))
    text, blocks = outcome_text(outcome)
    respond(text=text, blocks=blocks or [], replace_original=True)
    refresh_after(actor, outcome)


def cancel(ack: Ack, respond: Respond) -> None:
    ack()
    respond(text=DOUBT_CANCELLED, replace_original=True)


def register(app: App) -> None:
    for action_id in DOUBT_ACTIONS:
        app.action(action_id)(store)
    app.action(DOUBT_CANCEL)(cancel)
