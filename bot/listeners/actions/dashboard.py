"""Buttons of the App Home, the digest and goal cards (`home.`, `digest.`, `goal.` action ids).

The Home's buttons reuse the features they stand for: New goal is the interview's
own start button, Check in opens the reminder's Update form, and pausing goes
through the reminder controls.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.core.mrkdwn import escape
from bot.listeners.checkin_answers import author_of
from bot.listeners.commands.digests import upload_goal_chart
from bot.listeners.commands.goal_admin import open_edit
from bot.listeners.home import publish_home, refresh_homes
from bot.listeners.payloads import row_id
from bot.listeners.views.dashboard import subscribe_modal
from bot.people import is_admin
from bot.render.goals import archive_confirm_blocks
from bot.render.refusals import refused_text
from bot.render.reminder_changes import reminder_change_text
from bot.render.reminders import goal_picker, update_form
from bot.services import Services
from bot.services.goal_admin import GoalRow, archive_goal, get_goal, may_change
from bot.services.permissions import Refused
from bot.services.reminder_controls import come_back, pause_all
from bot.services.reminders import checkin_choices, goal_form_items

GONE = "That goal no longer exists."
NOTHING_TO_CHECK_IN = "You have no active goal to check in on. Press *New goal* to set one."


def _ids(body: dict[str, Any]) -> tuple[str, str, str]:
    """(team, user, the pressed button's value)."""
    team = str((body.get("team") or {}).get("id") or body.get("team_id") or "")
    user = str((body.get("user") or {}).get("id") or "")
    action = (body.get("actions") or [{}])[0]
    return team, user, str(action.get("value") or "")


def _tell(client: WebClient, respond: Respond, body: dict[str, Any], text: str) -> None:
    """Answer in place (ephemeral) for a message button, by DM for an App Home button."""
    if body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
    else:
        client.chat_postMessage(channel=_ids(body)[1], text=text)


def register(app: App, services: Services) -> None:
    @app.action("home.checkin")
    def check_in(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team, user, _ = _ids(body)
        choices = checkin_choices(services, team_id=team, user_id=user)
        if not choices:
            _tell(client, respond, body, NOTHING_TO_CHECK_IN)
            return
        if len(choices) > 1:
            client.views_open(trigger_id=body["trigger_id"], view=goal_picker(choices))
            return
        author = author_of(services, client, team, user)
        items = goal_form_items(services, author, choices[0].id)
        if isinstance(items, Refused):
            _tell(client, respond, body, refused_text(items))
            return
        form = update_form(items, answer_to={"goal": choices[0].id})
        client.views_open(trigger_id=body["trigger_id"], view=form)

    @app.action(re.compile(r"^home\.(pause|resume)_reminders$"))
    def pause(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team, user, _ = _ids(body)
        if body["actions"][0]["action_id"] == "home.pause_reminders":
            said = pause_all(services, team_id=team, user_id=user)
        else:
            said = come_back(services, team_id=team, user_id=user)
        _tell(client, respond, body, reminder_change_text(said))
        publish_home(services, client, team, user)

    @app.action(re.compile(r"^home\.page_(prev|next)$"))
    def page(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        team, user, value = _ids(body)
        publish_home(services, client, team, user, page=row_id(value) or 0)

    @app.action("digest.subscribe")
    def open_subscribe(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=subscribe_modal())

    @app.action(re.compile(r"^goal\.edit(_\d+)?$"))
    def edit(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team, user, value = _ids(body)
        goal_id = row_id(value)
        if goal_id is None:
            _tell(client, respond, body, GONE)
            return
        refusal = open_edit(
            services,
            client,
            team_id=team,
            goal_id=goal_id,
            user_id=user,
            trigger_id=str(body.get("trigger_id", "")),
        )
        if refusal:
            _tell(client, respond, body, refusal)

    @app.action("goal.chart")
    def chart(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team, user, value = _ids(body)
        channel = str((body.get("channel") or {}).get("id") or user)
        goal_id = row_id(value)
        said = GONE
        if goal_id is not None:
            said = upload_goal_chart(
                services, client, team_id=team, goal_id=goal_id, channel=channel, user_id=user
            )
        _tell(client, respond, body, said)

    @app.action("goal.archive")
    def ask_archive(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team, user, value = _ids(body)
        goal_id = row_id(value)
        goal = get_goal(services, team_id=team, goal_id=goal_id) if goal_id else None
        if goal is None:
            _tell(client, respond, body, GONE)
            return
        refused = may_change(
            services,
            team_id=team,
            goal_id=goal.id or 0,
            user_id=user,
            is_admin=is_admin(services, client, team, user),
        )
        if refused:
            _tell(client, respond, body, refused_text(refused))
            return
        text, blocks = archive_confirm_blocks(
            GoalRow(goal.id or 0, goal.title, goal.owner_id, goal.state, None)
        )
        respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    @app.action("goal.archive_confirm")
    def archive(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team, user, value = _ids(body)
        goal_id = row_id(value)
        if goal_id is None:
            respond(text=GONE, replace_original=True)
            return
        done = archive_goal(
            services,
            team_id=team,
            goal_id=goal_id,
            user_id=user,
            is_admin=is_admin(services, client, team, user),
        )
        if isinstance(done, Refused):
            respond(text=refused_text(done), replace_original=True)
            return
        respond(
            text=f"Archived “{escape(done.title)}”. Its check-ins are kept.", replace_original=True
        )
        refresh_homes(services, client, team, actor=user, goal_ids=[done.goal_id])

    @app.action("goal.archive_cancel")
    def keep(ack: Ack, respond: Respond) -> None:
        ack()
        respond(text="Kept it: nothing was archived.", replace_original=True)
