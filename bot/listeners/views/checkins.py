"""The Update form (`checkin.update`): values typed in a modal, answered in the thread."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.reminders import UPDATE_CALLBACK
from bot.core.checkin_reply import Confidence
from bot.listeners.checkin_answers import answer_in_thread, author_of
from bot.services import Services
from bot.services.checkins import checkin_from_form, reminder_thread


def _typed(values: dict[str, Any]) -> tuple[dict[int, str], str, Confidence | None]:
    numbers = {
        int(block_id.split(":", 1)[1]): str((inputs.get("value") or {}).get("value") or "")
        for block_id, inputs in values.items()
        if block_id.startswith("value:") and block_id.split(":", 1)[1].isdigit()
    }
    note = str(((values.get("note") or {}).get("note") or {}).get("value") or "")
    chosen = ((values.get("confidence") or {}).get("confidence") or {}).get("selected_option")
    confidence = Confidence(chosen["value"]) if chosen else None
    return numbers, note, confidence


def register(app: App, services: Services) -> None:
    @app.view(UPDATE_CALLBACK)
    def submit_update(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        metadata = json.loads(view.get("private_metadata") or "{}")
        team_id = str((body.get("team") or {}).get("id") or "")
        user = str((body.get("user") or {}).get("id") or "")
        channel, thread = str(metadata.get("channel", "")), str(metadata.get("thread", ""))
        delivery = reminder_thread(services, team_id=team_id, channel_id=channel, thread_ts=thread)
        if delivery is None:
            ack()
            return
        numbers, note, confidence = _typed((view.get("state") or {}).get("values") or {})
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
