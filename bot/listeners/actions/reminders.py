"""The reminder's buttons: Update (opens the form), Skip this time, Snooze 1 day, Pause."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.listeners.checkin_answers import answer_in_thread, refresh_after
from bot.render.reminders import update_form
from bot.services import Services
from bot.services.checkin_goals import reminder_thread
from bot.services.checkins import press_reminder_button
from bot.services.permissions import Refused
from bot.services.reminders import reminder_for_form
from bot.slack.actor import Actor
from storage.models import Delivery

CONTROLS = re.compile(r"^reminder\.(skip|snooze|pause)$")


def _pressed_on(
    services: Services, actor: Actor, body: dict[str, Any]
) -> tuple[Delivery, str, str] | None:
    """The reminder a button belongs to, with the reminder's channel and ts."""
    container = body.get("container") or {}
    channel, ts = str(container.get("channel_id") or ""), str(container.get("message_ts") or "")
    delivery = reminder_thread(services, team_id=actor.team_id, channel_id=channel, thread_ts=ts)
    return None if delivery is None else (delivery, channel, ts)


def control(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    services: Services,
    actor: Actor,
) -> None:
    """Skip this time, Snooze 1 day or Pause reminders, answered in the reminder's thread."""
    ack()
    pressed = _pressed_on(services, actor, body)
    if pressed is None:
        return
    delivery, channel, ts = pressed
    choice = str(action["action_id"]).removeprefix("reminder.")
    outcome = press_reminder_button(services, actor.requester(), delivery, choice)
    answer_in_thread(
        client, outcome, channel_id=channel, thread_ts=ts, user_id=actor.user_id, tr=actor.tr
    )
    refresh_after(actor, outcome)


def open_update(
    ack: Ack, body: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    """Update: the check-in form for the reminder's goals."""
    ack()
    pressed = _pressed_on(services, actor, body)
    if pressed is None:
        return
    delivery, channel, ts = pressed
    view = reminder_for_form(services, actor.requester(), delivery)
    if isinstance(view, Refused):
        answer_in_thread(
            client, view, channel_id=channel, thread_ts=ts, user_id=actor.user_id, tr=actor.tr
        )
        return
    client.views_open(
        trigger_id=body["trigger_id"],
        view=update_form(view.items, answer_to={"channel": channel, "thread": ts}),
    )


def register(app: App) -> None:
    app.action(CONTROLS)(control)
    app.action("reminder.update")(open_update)
