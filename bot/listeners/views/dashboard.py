"""Modals of goal management and digests: `goal.edit` and `digest.subscribe`."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core.dates import end_of_day
from bot.core.digest_request import Subscribe, parse_digest_request
from bot.core.mrkdwn import escape
from bot.core.numbers.read import ParsedQuantity, parse_quantity
from bot.core.parse_error import ParseError
from bot.core.values import Unit
from bot.listeners.commands.digests import describe_subscription
from bot.listeners.home import publish_home, refresh_homes
from bot.listeners.payloads import input_text, input_value, row_id
from bot.people import is_admin, user_timezone
from bot.render.goals import EDIT_CALLBACK
from bot.render.refusals import refused_text
from bot.services import Services
from bot.services.digests import channel_timezone, subscribe
from bot.services.goal_admin import GoalEdit, edit_goal, get_goal
from bot.services.permissions import Refused

SUBSCRIBE_CALLBACK = "digest.subscribe"


def subscribe_modal() -> dict[str, Any]:
    """Pick a channel and a schedule (the same words as `/goals digest`)."""
    return {
        "type": "modal",
        "callback_id": SUBSCRIBE_CALLBACK,
        "title": {"type": "plain_text", "text": "Digest for a channel"},
        "submit": {"type": "plain_text", "text": "Subscribe"},
        "blocks": [
            {
                "type": "input",
                "block_id": "channel",
                "label": {"type": "plain_text", "text": "Channel"},
                "element": {"type": "conversations_select", "action_id": "value"},
            },
            {
                "type": "input",
                "block_id": "schedule",
                "label": {"type": "plain_text", "text": "When, and for which goals"},
                "hint": {
                    "type": "plain_text",
                    "text": "e.g. weekly mon 09:00 · monthly 1st 9am · weekly platform instagram",
                },
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "initial_value": "weekly mon 09:00",
                },
            },
        ],
    }


def _value(view: dict[str, Any], block: str) -> dict[str, Any]:
    return input_value(view, block, "value")


def _picked_date(view: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(input_text(_value(view, "deadline"), "selected_date"))
    except ValueError:
        return None


def register(app: App, services: Services) -> None:
    @app.view(SUBSCRIBE_CALLBACK)
    def subscribe_channel(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
    ) -> None:
        team, user = str(body["team"]["id"]), str(body["user"]["id"])
        channel = input_text(_value(view, "channel"), "selected_conversation")
        text = input_text(_value(view, "schedule"), "value")
        if not channel:
            ack(response_action="errors", errors={"channel": "Pick the channel for the digest."})
            return
        request = parse_digest_request(
            text, tz=channel_timezone(services, team_id=team, channel_id=channel)
        )
        if not isinstance(request, Subscribe):
            message = (
                request.message
                if isinstance(request, ParseError)
                else "Say when, e.g. weekly mon 09:00."
            )
            ack(response_action="errors", errors={"schedule": message})
            return
        ack()
        done = subscribe(services, team_id=team, channel_id=channel, user_id=user, request=request)
        client.chat_postMessage(channel=user, text="Subscribed. " + describe_subscription(done))
        publish_home(services, client, team, user)

    @app.view(EDIT_CALLBACK)
    def save_edit(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team, user = str(body["team"]["id"]), str(body["user"]["id"])
        goal_id = row_id(view.get("private_metadata"))
        goal = get_goal(services, team_id=team, goal_id=goal_id) if goal_id else None
        if goal is None:
            ack(response_action="errors", errors={"title": "That goal no longer exists."})
            return
        title = input_text(_value(view, "title"), "value").strip()
        target = parse_quantity(
            input_text(_value(view, "target"), "value"), unit_hint=Unit(goal.unit)
        )
        picked = _picked_date(view)
        errors = {}
        if not title:
            errors["title"] = "A goal needs a title."
        if not isinstance(target, ParsedQuantity):
            errors["target"] = f"{target.message} For example: {target.example}"
        if input_text(_value(view, "deadline"), "selected_date") and picked is None:
            errors["deadline"] = "Pick the deadline from the calendar."
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()
        zone = ZoneInfo(user_timezone(services, client, team, user))
        edit = GoalEdit(
            title=title[:300],
            target=target.quantity.value if isinstance(target, ParsedQuantity) else None,
            deadline=end_of_day(picked, zone) if picked else None,
            owner_id=input_text(_value(view, "owner"), "selected_user") or None,
            channel_id=input_text(_value(view, "channel"), "selected_conversation") or None,
        )
        done = edit_goal(
            services,
            team_id=team,
            goal_id=goal.id or 0,
            user_id=user,
            is_admin=is_admin(services, client, team, user),
            edit=edit,
        )
        text = (
            refused_text(done)
            if isinstance(done, Refused)
            else f"Saved your changes to “{escape(done.title)}”."
        )
        client.chat_postMessage(channel=user, text=text)
        previous_owner = [goal.owner_id] if goal.owner_id else []
        refresh_homes(
            services, client, team, actor=user, goal_ids=[goal.id or 0], also=previous_owner
        )
