"""Buttons of the App Home (`home.` action ids and the digest button).

The Home's buttons reuse the features they stand for: New goal is the interview's
own start button, Check in opens the reminder's Update form, and pausing goes
through the reminder controls.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.core.kpis import LANGUAGES
from bot.listeners.actions.answering import tell
from bot.listeners.home import publish_home
from bot.listeners.payloads import row_id
from bot.render.checkins import NOTHING_TO_CHECK_IN
from bot.render.digest_subscriptions import subscribe_modal
from bot.render.home import LANGUAGE_ACTION
from bot.render.languages import language_set_text
from bot.render.refusals import refused_text
from bot.render.reminder_changes import reminder_change_text
from bot.render.reminders import goal_picker, update_form
from bot.services import Services
from bot.services.languages import set_language
from bot.services.permissions import Refused
from bot.services.reminder_controls import come_back, pause_all
from bot.services.reminders import checkin_choices, goal_form_items
from bot.slack.actor import Actor

PAUSE_OR_RESUME = re.compile(r"^home\.(pause|resume)_reminders$")
TURN_PAGE = re.compile(r"^home\.page_(prev|next)$")


def check_in(
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    """Check in: the Update form, after picking a goal if the person has several."""
    ack()
    choices = checkin_choices(services, team_id=actor.team_id, user_id=actor.user_id)
    if not choices:
        tell(actor, respond, body, NOTHING_TO_CHECK_IN)
        return
    if len(choices) > 1:
        client.views_open(trigger_id=body["trigger_id"], view=goal_picker(choices, actor.tr))
        return
    items = goal_form_items(services, actor.requester(), choices[0].id)
    if isinstance(items, Refused):
        tell(actor, respond, body, refused_text(items, actor.tr))
        return
    form = update_form(items, answer_to={"goal": choices[0].id})
    client.views_open(trigger_id=body["trigger_id"], view=form)


def pause_or_resume(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    ack()
    team, user = actor.team_id, actor.user_id
    if action["action_id"] == "home.pause_reminders":
        said = pause_all(services, team_id=team, user_id=user)
    else:
        said = come_back(services, team_id=team, user_id=user)
    tell(actor, respond, body, reminder_change_text(said, actor.tr))
    publish_home(actor)


def turn_page(ack: Ack, action: dict[str, Any], actor: Actor) -> None:
    ack()
    page = row_id(action.get("value")) or 0
    publish_home(actor, page=page)


def choose_language(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    """The Home's language select: remembered as `/goals language xx` would, said in it."""
    ack()
    lang = str((action.get("selected_option") or {}).get("value", ""))
    if lang not in LANGUAGES:
        return
    set_language(services, team_id=actor.team_id, user_id=actor.user_id, language=lang)
    tell(actor, respond, body, language_set_text(lang))
    publish_home(actor)


def open_subscribe(ack: Ack, body: dict[str, Any], client: WebClient, actor: Actor) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=subscribe_modal(actor.tr))


def register(app: App) -> None:
    app.action("home.checkin")(check_in)
    app.action(PAUSE_OR_RESUME)(pause_or_resume)
    app.action(TURN_PAGE)(turn_page)
    app.action("digest.subscribe")(open_subscribe)
    app.action(LANGUAGE_ACTION)(choose_language)
