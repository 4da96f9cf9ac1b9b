"""The Update form (`checkin.update`): values typed in a modal, answered in the thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.reminders import UPDATE_CALLBACK
from bot.core.checkin_reply import Confidence
from bot.listeners.checkin_answers import answer_in_thread, author_of
from bot.listeners.payloads import input_text, input_value, private_metadata, row_id
from bot.services import Services
from bot.services.checkins import checkin_from_form, reminder_thread


def _typed(view: dict[str, Any]) -> tuple[dict[int, str], str, Confidence | None]:
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    numbers: dict[int, str] = {}
    for block_id in values if isinstance(values, dict) else ():
        goal_id = row_id(block_id.removeprefix("value:")) if block_id.startswith("value:") else None
        if goal_id is not None:
            numbers[goal_id] = input_text(input_value(view, block_id, "value"), "value")
    note = input_text(input_value(view, "note", "note"), "value")
    chosen = input_value(view, "confidence", "confidence").get("selected_option")
    picked = chosen.get("value") if isinstance(chosen, dict) else None
    confidence = Confidence(picked) if picked in set(Confidence) else None
    return numbers, note, confidence


def register(app: App, services: Services) -> None:
    @app.view(UPDATE_CALLBACK)
    def submit_update(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        metadata = private_metadata(view)
        team_id = str((body.get("team") or {}).get("id") or "")
        user = str((body.get("user") or {}).get("id") or "")
        channel, thread = str(metadata.get("channel", "")), str(metadata.get("thread", ""))
        delivery = reminder_thread(services, team_id=team_id, channel_id=channel, thread_ts=thread)
        if delivery is None:
            ack()
            return
        numbers, note, confidence = _typed(view)
        author = author_of(services, client, team_id, user)
        outcome = checkin_from_form(
            services, author, delivery, numbers, note=note, confidence=confidence
        )
        if isinstance(outcome, dict):
            ack(
                response_action="errors",
                errors={f"value:{goal_id}": text for goal_id, text in outcome.items()},
            )
            return
        ack()
        answer_in_thread(client, outcome, channel_id=channel, thread_ts=thread, user_id=user)
