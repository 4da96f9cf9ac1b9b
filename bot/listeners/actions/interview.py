"""Buttons of the goal interview (`interview.` action ids)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.listeners.interview_talk import post, show_saved_on_home
from bot.people import user_timezone
from bot.render.interview import ANSWER_ACTION, START_ACTION, parse_button_value
from bot.render.interview_form import OPEN_FORM_ACTION, form_view
from bot.services import Services
from bot.services import interview as service


def register(app: App, services: Services) -> None:
    @app.action(re.compile("^" + re.escape(ANSWER_ACTION) + r"\.\d+$"))
    def answer_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        team_id, user_id, channel_id = _ids(body)
        parsed = parse_button_value(str((body.get("actions") or [{}])[0].get("value") or ""))
        if parsed is None:
            return
        token, text = parsed
        tz = user_timezone(services, client, team_id, user_id)
        view = service.answer(
            services,
            team_id=team_id,
            user_id=user_id,
            text=text,
            tz=tz,
            timezone_of=lambda user: user_timezone(services, client, team_id, user),
            token=token,
        )
        if view is not None:
            thread = (body.get("container") or {}).get("thread_ts")
            if view.channel_id is None and thread:
                view = _in_thread(view, channel_id, str(thread))
            post(client, view, channel_id=channel_id)
            show_saved_on_home(services, client, view, team_id=team_id, user_id=user_id)

    @app.action(OPEN_FORM_ACTION)
    def open_form_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        _, user_id, _ = _ids(body)
        client.views_open(trigger_id=str(body.get("trigger_id", "")), view=form_view(user_id))

    @app.action(START_ACTION)
    def start_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        team_id, user_id, _ = _ids(body)
        tz = user_timezone(services, client, team_id, user_id)
        dm = str(client.conversations_open(users=user_id)["channel"]["id"])
        view = service.begin(services, team_id=team_id, user_id=user_id, tz=tz, channel_id=dm)
        post(client, view, channel_id=dm)


def _ids(body: dict[str, Any]) -> tuple[str, str, str]:
    user = body.get("user") or {}
    team_id = str((body.get("team") or {}).get("id") or user.get("team_id") or "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    return team_id, str(user.get("id") or ""), str(channel or "")


def _in_thread(view: service.InterviewView, channel: str, thread: str) -> service.InterviewView:
    return replace(view, channel_id=channel, thread_ts=thread)
