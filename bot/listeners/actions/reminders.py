"""The reminder's buttons: Update (opens the form), Skip this time, Snooze 1 day, Pause."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.reminders import update_form
from bot.listeners.checkin_answers import answer_in_thread, author_of, refresh_after
from bot.services import Services
from bot.services.checkins import Refused, press_reminder_button, reminder_thread
from bot.services.reminders import reminder_for_form
from storage.models import Delivery

CONTROLS = re.compile(r"^reminder\.(skip|snooze|pause)$")


def _pressed_on(services: Services, body: dict[str, Any]) -> tuple[Delivery | None, str, str]:
    container = body.get("container") or {}
    channel, ts = str(container.get("channel_id") or ""), str(container.get("message_ts") or "")
    team_id = str((body.get("team") or {}).get("id") or "")
    delivery = reminder_thread(services, team_id=team_id, channel_id=channel, thread_ts=ts)
    return delivery, channel, ts


def register(app: App, services: Services) -> None:
    @app.action(CONTROLS)
    def control(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        delivery, channel, ts = _pressed_on(services, body)
        user = str((body.get("user") or {}).get("id") or "")
        if delivery is None:
            return
        author = author_of(services, client, delivery.team_id, user)
        choice = str(action["action_id"]).removeprefix("reminder.")
        outcome = press_reminder_button(services, author, delivery, choice)
        answer_in_thread(client, outcome, channel_id=channel, thread_ts=ts, user_id=user)
        refresh_after(services, client, outcome, team_id=delivery.team_id, actor=user)

    @app.action("reminder.update")
    def open_update(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        delivery, channel, ts = _pressed_on(services, body)
        user = str((body.get("user") or {}).get("id") or "")
        if delivery is None:
            return
        author = author_of(services, client, delivery.team_id, user)
        view = reminder_for_form(services, author, delivery)
        if isinstance(view, Refused):
            answer_in_thread(client, view, channel_id=channel, thread_ts=ts, user_id=user)
            return
        client.views_open(
            trigger_id=body["trigger_id"],
            view=update_form(view.items, answer_to={"channel": channel, "thread": ts}),
        )
