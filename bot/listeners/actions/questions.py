"""Buttons under a list of matching goals: each answers the status of its goal."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.blocks.answers import STATUS_ACTION, answer_blocks
from bot.services import Services
from bot.services.questions import answer_goal_status


def register(app: App, services: Services) -> None:
    @app.action(re.compile(rf"^{re.escape(STATUS_ACTION)}\."))
    def show_goal_status(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond
    ) -> None:
        ack()
        value = str(action.get("value", ""))
        if not value.isdigit():
            return
        answer = answer_goal_status(
            services,
            team_id=str((body.get("team") or {}).get("id", "")),
            user_id=str((body.get("user") or {}).get("id", "")),
            goal_id=int(value),
        )
        respond(text=answer.headline, blocks=answer_blocks(answer), replace_original=False)
