"""The Update form (`checkin.update`) and its goal picker (`checkin.pick`).

A form opened from a reminder is answered in the reminder's thread; one opened
from the App Home is answered by direct message.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core.checkin_reply import Confidence
from bot.listeners.checkin_answers import (
    answer_in_thread,
    outcome_text,
    refresh_after,
)
from bot.listeners.payloads import input_text, input_value, private_metadata, row_id
from bot.render.checkins import PICK_ONE_GOAL
from bot.render.common import field_problem
from bot.render.refusals import refused_text
from bot.render.reminders import PICK_CALLBACK, UPDATE_CALLBACK, update_form
from bot.services import Services
from bot.services.checkin_goals import reminder_thread
from bot.services.checkins import FormAnswer, checkin_from_form
from bot.services.permissions import Refused
from bot.services.reminders import goal_form_items
from bot.slack.actor import Actor
from storage.models import Delivery


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


def submit_update(
    ack: Ack,
    view: dict[str, Any],
    client: WebClient,
    services: Services,
    actor: Actor,
) -> None:
    """The Update form: field errors, or the check-in answered where the form was opened."""
    metadata = private_metadata(view)
    team_id, user = actor.team_id, actor.user_id
    channel, thread = str(metadata.get("channel", "")), str(metadata.get("thread", ""))
    asked: Delivery | int | None = (
        int(metadata["goal"])
        if str(metadata.get("goal", "")).isdigit()
        else reminder_thread(services, team_id=team_id, channel_id=channel, thread_ts=thread)
    )
    if asked is None:
        ack()
        return
    numbers, note, confidence = _typed(view)
    outcome = checkin_from_form(
        services, actor.requester(), asked, FormAnswer(numbers, note, confidence)
    )
    if isinstance(outcome, dict):
        ack(
            response_action="errors",
            errors={
                f"value:{goal_id}": field_problem(why, actor.tr) for goal_id, why in outcome.items()
            },
        )
        return
    ack()
    if isinstance(asked, Delivery):
        answer_in_thread(
            client, outcome, channel_id=channel, thread_ts=thread, user_id=user, tr=actor.tr
        )
    else:
        text, blocks = outcome_text(outcome, actor.tr)
        client.chat_postMessage(channel=user, text=text, blocks=blocks)
    refresh_after(actor, outcome)


def pick_goal(ack: Ack, view: dict[str, Any], services: Services, actor: Actor) -> None:
    """The goal picker in front of the Update form: the form for the chosen goal."""
    values = (view.get("state") or {}).get("values") or {}
    chosen = ((values.get("goal") or {}).get("goal") or {}).get("selected_option") or {}
    goal_id = str(chosen.get("value") or "")
    if not goal_id.isdigit():
        ack(response_action="errors", errors={"goal": actor.tr._(PICK_ONE_GOAL)})
        return
    items = goal_form_items(services, actor.requester(), int(goal_id))
    if isinstance(items, Refused):
        ack(response_action="errors", errors={"goal": refused_text(items, actor.tr)})
        return
    ack(response_action="update", view=update_form(items, answer_to={"goal": int(goal_id)}))


def register(app: App) -> None:
    app.view(UPDATE_CALLBACK)(submit_update)
    app.view(PICK_CALLBACK)(pick_goal)
