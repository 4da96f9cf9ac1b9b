"""Save and Cancel under what the bot read from an analytics export: Save reads the file
again (the button holds only its id) and stores its new values; the question is replaced
by the answer."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.core.analytics_files import AnalyticsFile, read_analytics_file
from bot.listeners.checkin_answers import outcome_text
from bot.listeners.home import refresh_homes
from bot.render.analytics_files import (
    FILE_CANCEL,
    FILE_SAVE,
    cancelled_text,
    problems_text,
    saved_text,
    trouble_text,
)
from bot.services import Services
from bot.services.analytics_checkins import FileSaved, save_file
from bot.services.checkin_goals import reminder_thread
from bot.slack.actor import Actor
from bot.slack.files import FileTrouble, fetch_shared_file


def save(
    ack: Ack,
    action: dict[str, Any],
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    ack()
    tr = actor.tr
    value = _button_value(str(action.get("value") or ""))
    channel_id = str((body.get("channel") or {}).get("id") or "")
    shared = fetch_shared_file(client, str(value.get("file") or ""))
    if isinstance(shared, FileTrouble):
        respond(text=trouble_text(shared, tr), replace_original=True)
        return
    found = read_analytics_file(shared.content, shared.name)
    if not isinstance(found, AnalyticsFile):
        respond(text=problems_text(found, tr), replace_original=True)
        return
    thread = reminder_thread(
        services, team_id=actor.team_id, channel_id=channel_id, thread_ts=value.get("thread")
    )
    saved = save_file(services, actor.requester(), found, thread)
    if isinstance(saved, FileSaved):
        respond(text=saved_text(saved, tr), replace_original=True)
        refresh_homes(actor, goal_ids=saved.goal_ids)
        return
    text, blocks = outcome_text(saved)
    respond(text=text, blocks=blocks or [], replace_original=True)


def _button_value(text: str) -> dict[str, str]:
    """The file id and thread the Save button holds; {} for anything else (a forged press)."""
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def cancel(ack: Ack, respond: Respond, actor: Actor) -> None:
    ack()
    respond(text=cancelled_text(actor.tr), replace_original=True)


def register(app: App) -> None:
    app.action(FILE_SAVE)(save)
    app.action(FILE_CANCEL)(cancel)
