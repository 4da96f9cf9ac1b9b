"""The goal form's submission (`interview.form`): field errors, or the review in the DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.listeners.interview_talk import post
from bot.people import user_timezone
from bot.render.interview_form import FORM_CALLBACK, form_answers, form_errors
from bot.services import Services
from bot.services import interview as service


def register(app: App, services: Services) -> None:
    @app.view(FORM_CALLBACK)
    def submit_form(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        user = body.get("user") or {}
        user_id = str(user.get("id") or "")
        team_id = str((body.get("team") or {}).get("id") or user.get("team_id") or "")
        values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
        tz = user_timezone(services, client, team_id, user_id)
        dm = str(client.conversations_open(users=user_id)["channel"]["id"])
        outcome = service.submit_form(
            services,
            team_id=team_id,
            user_id=user_id,
            tz=tz,
            answers=form_answers(values),
            channel_id=dm,
        )
        if outcome.view is None:
            ack(response_action="errors", errors=form_errors(outcome.problems))
            return
        ack()
        post(client, outcome.view, channel_id=dm)
