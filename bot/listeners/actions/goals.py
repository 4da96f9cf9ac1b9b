"""Buttons on goal cards and answers (`goal.` action ids): edit, chart, archive."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.i18n.bidi import rtl
from bot.listeners.actions.answering import tell
from bot.listeners.commands.digests import upload_goal_chart
from bot.listeners.commands.goal_admin import open_edit
from bot.listeners.home import refresh_homes
from bot.listeners.payloads import row_id
from bot.render.goals import KEPT, archive_confirm_blocks, archived_text
from bot.render.refusals import gone_text, refused_text
from bot.services import Services
from bot.services.goal_admin import GoalRow, archive_goal, get_goal, may_change
from bot.services.permissions import Refused
from bot.slack.actor import Actor

EDIT = re.compile(r"^goal\.edit(_\d+)?$")


def edit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, actor: Actor
) -> None:
    ack()
    goal_id = row_id(action.get("value"))
    if goal_id is None:
        tell(actor, respond, body, gone_text(actor.tr))
        return
    refusal = open_edit(actor, goal_id=goal_id, trigger_id=str(body.get("trigger_id", "")))
    if refusal:
        tell(actor, respond, body, refusal)


def chart(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, actor: Actor
) -> None:
    ack()
    channel = str((body.get("channel") or {}).get("id") or actor.user_id)
    goal_id = row_id(action.get("value"))
    said = gone_text(actor.tr)
    if goal_id is not None:
        said = upload_goal_chart(actor, goal_id=goal_id, channel=channel)
    tell(actor, respond, body, said)


def ask_archive(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    """Ask before archiving: the confirmation button does it."""
    ack()
    goal_id = row_id(action.get("value"))
    goal = get_goal(services, team_id=actor.team_id, goal_id=goal_id) if goal_id else None
    if goal is None:
        tell(actor, respond, body, gone_text(actor.tr))
        return
    by = actor.requester()
    refused = may_change(services, by, goal_id=goal.id or 0)
    if refused:
        tell(actor, respond, body, refused_text(refused, actor.tr))
        return
    text, blocks = archive_confirm_blocks(GoalRow.of(goal), actor.tr)
    respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)


def archive(
    ack: Ack,
    action: dict[str, Any],
    respond: Respond,
    services: Services,
    actor: Actor,
) -> None:
    ack()
    goal_id = row_id(action.get("value"))
    if goal_id is None:
        respond(text=gone_text(actor.tr), replace_original=True)
        return
    by = actor.requester()
    done = archive_goal(services, by, goal_id=goal_id)
    if isinstance(done, Refused):
        respond(text=refused_text(done, actor.tr), replace_original=True)
        return
    respond(text=archived_text(done.title, actor.tr), replace_original=True)
    refresh_homes(actor, goal_ids=[done.goal_id])


def keep(ack: Ack, respond: Respond, actor: Actor) -> None:
    ack()
    tr = actor.tr
    respond(text=rtl(tr._(KEPT), tr.lang), replace_original=True)


def register(app: App) -> None:
    app.action(EDIT)(edit)
    app.action("goal.chart")(chart)
    app.action("goal.archive")(ask_archive)
    app.action("goal.archive_confirm")(archive)
    app.action("goal.archive_cancel")(keep)
