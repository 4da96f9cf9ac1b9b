"""The goal form's submission (`interview.form`): field errors, or the review in the DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core.interview.form import FormField
from bot.listeners.interview_talk import post
from bot.render.errors import NOT_IN_PICKED_CHANNEL
from bot.render.interview_form import FORM_CALLBACK, form_answers, form_errors
from bot.services import Services
from bot.services import interview as service
from bot.slack.actor import Actor
from bot.slack.membership import bot_is_in


def submit_form(
    ack: Ack, view: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    values = (view.get("state") or {}).get("values") or {}
    answers = form_answers(values)
    if answers.channel and not bot_is_in(client, answers.channel):
        ack(response_action="errors", errors={FormField.CHANNEL.value: NOT_IN_PICKED_CHANNEL})
        return
    dm = str(client.conversations_open(users=actor.user_id)["channel"]["id"])
    who = service.Interviewee(actor.team_id, actor.user_id, actor.timezone, actor.language)
    outcome = service.submit_form(services, who, answers=answers, channel_id=dm)
    if outcome.view is None:
        ack(response_action="errors", errors=form_errors(outcome.problems))
        return
    ack()
    post(client, outcome.view, channel_id=dm)


def register(app: App) -> None:
    app.view(FORM_CALLBACK)(submit_form)
