"""Buttons under a list of matching goals: each answers the status of its goal."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.listeners.payloads import row_id
from bot.render.answers import STATUS_ACTION, answer_blocks, answer_headline
from bot.services import Services
from bot.services.questions.answer import answer_goal_status


def register(app: App, services: Services) -> None:
    @app.action(re.compile(rf"^{re.escape(STATUS_ACTION)}\."))
    def show_goal_status(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond
    ) -> None:
        ack()
        goal_id = row_id(action.get("value"))
        if goal_id is None:
            respond(text="That goal no longer exists.", replace_original=False)
            return
        answer = answer_goal_status(
            services,
            team_id=str((body.get("team") or {}).get("id", "")),
            user_id=str((body.get("user") or {}).get("id", "")),
            goal_id=goal_id,
        )
        respond(text=answer_headline(answer), blocks=answer_blocks(answer), replace_original=False)
