"""The goal edit modal (`goal.edit`): title, target, deadline, owner and channel."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core.dates import end_of_day
from bot.core.numbers.read import ParsedQuantity, parse_quantity
from bot.core.period import read_period
from bot.listeners.home import refresh_homes
from bot.listeners.payloads import input_text, input_value, row_id
from bot.render.common import field_problem
from bot.render.errors import not_in_picked_channel
from bot.render.goals import (
    EDIT_CALLBACK,
    NEEDS_TITLE,
    PICK_DEADLINE,
    saved_text,
)
from bot.render.refusals import gone_text, refused_text
from bot.services import Services
from bot.services.goal_admin import GoalEdit, edit_goal, get_goal
from bot.services.permissions import Refused
from bot.slack.actor import Actor
from bot.slack.membership import bot_is_in


def _value(view: dict[str, Any], block: str) -> dict[str, Any]:
    return input_value(view, block, "value")


def _picked_date(view: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(input_text(_value(view, "deadline"), "selected_date"))
    except ValueError:
        return None


def save_edit(
    ack: Ack, view: dict[str, Any], client: WebClient, services: Services, actor: Actor
) -> None:
    """The edit modal: field errors, or the goal changed and its people's Homes refreshed."""
    team, user = actor.team_id, actor.user_id
    goal_id = row_id(view.get("private_metadata"))
    goal = get_goal(services, team_id=team, goal_id=goal_id) if goal_id else None
    if goal is None:
        ack(response_action="errors", errors={"title": gone_text(actor.tr)})
        return
    title = input_text(_value(view, "title"), "value").strip()
    target_text = input_text(_value(view, "target"), "value")
    target = parse_quantity(target_text, unit_hint=goal.unit)
    picked = _picked_date(view)
    errors = {}
    if not title:
        errors["title"] = actor.tr._(NEEDS_TITLE)
    if not isinstance(target, ParsedQuantity):
        errors["target"] = field_problem(target, actor.tr)
    if input_text(_value(view, "deadline"), "selected_date") and picked is None:
        errors["deadline"] = actor.tr._(PICK_DEADLINE)
    channel = input_text(_value(view, "channel"), "selected_conversation") or None
    if channel and channel != goal.channel_id and not bot_is_in(client, channel):
        errors["channel"] = not_in_picked_channel(actor.tr)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    zone = ZoneInfo(actor.timezone)
    edit = GoalEdit(
        title=title,
        target=target.quantity.value if isinstance(target, ParsedQuantity) else None,
        period=read_period(target_text),
        deadline=end_of_day(picked, zone) if picked else None,
        owner_id=input_text(_value(view, "owner"), "selected_user") or None,
        channel_id=channel,
    )
    by = actor.requester()
    done = edit_goal(services, by, goal_id=goal.id or 0, edit=edit)
    text = (
        refused_text(done, actor.tr)
        if isinstance(done, Refused)
        else saved_text(done.title, actor.tr)
    )
    client.chat_postMessage(channel=user, text=text)
    previous_owner = [goal.owner_id] if goal.owner_id else []
    refresh_homes(actor, goal_ids=[goal.id or 0], also=previous_owner)


def register(app: App) -> None:
    app.view(EDIT_CALLBACK)(save_edit)
