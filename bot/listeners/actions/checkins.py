"""The "did you mean …?" buttons of a far-off check-in, and undo's confirmation."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.listeners.checkin_answers import outcome_text, refresh_after
from bot.render.checkins import (
    DOUBT_ACTIONS,
    DOUBT_CANCEL,
    DOUBT_CANCELLED,
    UNDO_CONFIRM,
    UNDO_KEEP,
    UNDO_KEPT,
    nothing_to_undo_text,
    said,
)
from bot.services import Services
from bot.services.checkin_doubts import confirm_values
from bot.services.checkin_undo import undo_checkin
from bot.slack.actor import Actor


def store(
    ack: Ack, action: dict[str, Any], respond: Respond, services: Services, actor: Actor
) -> None:
    """Store the value the button names; the question is replaced by the answer."""
    ack()
    outcome = confirm_values(services, actor.requester(), str(action.get("value") or ""))
    text, blocks = outcome_text(outcome, actor.tr)
    respond(text=text, blocks=blocks or [], replace_original=True)
    refresh_after(actor, outcome)


def cancel(ack: Ack, respond: Respond, actor: Actor) -> None:
    ack()
    respond(text=said(DOUBT_CANCELLED, actor.tr), replace_original=True)


def undo(
    ack: Ack, action: dict[str, Any], respond: Respond, services: Services, actor: Actor
) -> None:
    """Remove the check-in the confirmation names, if it is still the person's last."""
    ack()
    value = str(action.get("value") or "")
    removed = undo_checkin(services, actor.requester(), int(value)) if value.isdigit() else None
    if removed is None:
        respond(text=nothing_to_undo_text(actor.tr), replace_original=True)
        return
    text, _ = outcome_text(removed, actor.tr)
    respond(text=text, replace_original=True)
    refresh_after(actor, removed)


def keep(ack: Ack, respond: Respond, actor: Actor) -> None:
    ack()
    respond(text=said(UNDO_KEPT, actor.tr), replace_original=True)


def register(app: App) -> None:
    for action_id in DOUBT_ACTIONS:
        app.action(action_id)(store)
    app.action(DOUBT_CANCEL)(cancel)
    app.action(UNDO_CONFIRM)(undo)
    app.action(UNDO_KEEP)(keep)
