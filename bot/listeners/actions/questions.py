"""Buttons under a list of matching goals: each answers the status of its goal."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.listeners.payloads import row_id
from bot.render.answers import STATUS_ACTION, answer_blocks, answer_headline
from bot.render.refusals import gone_text
from bot.services import Services
from bot.services.questions.answer import answer_goal_status
from bot.slack.actor import Actor

SHOW_STATUS = re.compile(rf"^{re.escape(STATUS_ACTION)}\.")


def show_goal_status(
    ack: Ack, action: dict[str, Any], respond: Respond, services: Services, actor: Actor
) -> None:
    ack()
    goal_id = row_id(action.get("value"))
    if goal_id is None:
        respond(text=gone_text(actor.tr), replace_original=False)
        return
    answer = answer_goal_status(
        services, team_id=actor.team_id, user_id=actor.user_id, goal_id=goal_id
    )
    tr = actor.tr
    respond(
        text=answer_headline(answer, tr), blocks=answer_blocks(answer, tr), replace_original=False
    )


def register(app: App) -> None:
    app.action(SHOW_STATUS)(show_goal_status)
