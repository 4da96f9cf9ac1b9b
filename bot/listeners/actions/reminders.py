"""The reminder's buttons: Update (opens the form), Skip this time, Snooze 1 day, Pause."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.listeners.checkin_answers import answer_in_thread, author_of, refresh_after
from bot.render.reminders import update_form
from bot.services import Services
from bot.services.checkin_goals import reminder_thread
from bot.services.checkins import Author, press_reminder_button
from bot.services.permissions import Refused
from bot.services.reminders import reminder_for_form
from storage.models import Delivery

CONTROLS = re.compile(r"^reminder\.(skip|snooze|pause)$")


def _pressed_on(
    services: Services, client: WebClient, body: dict[str, Any]
) -> tuple[Delivery, Author, str, str] | None:
    """The reminder a button belongs to, who pressed it, and the reminder's channel and ts."""
    container = body.get("container") or {}
    channel, ts = str(container.get("channel_id") or ""), str(container.get("message_ts") or "")
    team_id = str((body.get("team") or {}).get("id") or "")
    delivery = reminder_thread(services, team_id=team_id, channel_id=channel, thread_ts=ts)
    if delivery is None:
        return None
    user = str((body.get("user") or {}).get("id") or "")
    return delivery, author_of(services, client, delivery.team_id, user), channel, ts


def register(app: App, services: Services) -> None:
    @app.action(CONTROLS)
    def control(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        pressed = _pressed_on(services, client, body)
        if pressed is None:
            return
        delivery, author, channel, ts = pressed
        choice = str(action["action_id"]).removeprefix("reminder.")
        outcome = press_reminder_button(services, author, delivery, choice)
        answer_in_thread(client, outcome, channel_id=channel, thread_ts=ts, user_id=author.user_id)
        refresh_after(services, client, outcome, team_id=delivery.team_id, actor=author.user_id)

    @app.action("reminder.update")
    def open_update(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        pressed = _pressed_on(services, client, body)
        if pressed is None:
            return
        delivery, author, channel, ts = pressed
        view = reminder_for_form(services, author, delivery)
        if isinstance(view, Refused):
            answer_in_thread(client, view, channel_id=channel, thread_ts=ts, user_id=author.user_id)
            return
        client.views_open(
            trigger_id=body["trigger_id"],
            view=update_form(view.items, answer_to={"channel": channel, "thread": ts}),
        )
