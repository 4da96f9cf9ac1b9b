"""Buttons of the goal interview (`interview.` action ids)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.listeners.interview_talk import post, show_saved_on_home
from bot.render.interview import ANSWER_ACTION, START_ACTION, parse_button_value
from bot.render.interview_form import OPEN_FORM_ACTION, form_view
from bot.services import Services
from bot.services import interview as service
from bot.slack.actor import Actor

ANSWER = re.compile("^" + re.escape(ANSWER_ACTION) + r"\.\d+$")


def answer_button(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    services: Services,
    actor: Actor,
) -> None:
    """A suggested answer pressed: the same as typing it."""
    ack()
    parsed = parse_button_value(str(action.get("value") or ""))
    if parsed is None:
        return
    token, text = parsed
    who = service.Interviewee(actor.team_id, actor.user_id, actor.timezone, actor.language)
    view = service.answer(services, who, text, timezone_of=actor.timezone_of, token=token)
    if view is None:
        return
    thread = (body.get("container") or {}).get("thread_ts")
    channel_id = _channel(body)
    if view.channel_id is None and thread:
        view = replace(view, channel_id=channel_id, thread_ts=str(thread))
    post(client, view, channel_id=channel_id)
    show_saved_on_home(actor, view)


def open_form_button(ack: Ack, body: dict[str, Any], client: WebClient, actor: Actor) -> None:
    ack()
    client.views_open(
        trigger_id=str(body.get("trigger_id", "")), view=form_view(actor.user_id, actor.tr)
    )


def start_button(
    ack: Ack, action: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    """New goal (on the App Home and elsewhere): the interview starts in the person's DM.

    The button offered under a wish carries the wish, which answers the first questions.
    """
    ack()
    value = str(action.get("value") or "")
    dm = str(client.conversations_open(users=actor.user_id)["channel"]["id"])
    who = service.Interviewee(actor.team_id, actor.user_id, actor.timezone, actor.language)
    said = "" if value == "new" else value
    view = service.begin(services, who, service.InterviewPlace(dm), said=said)
    post(client, view, channel_id=dm)


def _channel(body: dict[str, Any]) -> str:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return str(channel or "")


def register(app: App) -> None:
    app.action(ANSWER)(answer_button)
    app.action(OPEN_FORM_ACTION)(open_form_button)
    app.action(START_ACTION)(start_button)
