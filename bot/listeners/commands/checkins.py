"""`/goals checkin`, `/goals undo`, `/goals away` and `/goals back`."""

from __future__ import annotations

from bot.listeners.checkin_answers import outcome_text, refresh_after
from bot.listeners.context import CommandContext
from bot.listeners.home import publish_home
from bot.render.checkins import checkin_usage_text, nothing_to_undo_text, undo_offer_blocks
from bot.render.reminder_changes import reminder_change_text, until_when_text
from bot.services.checkin_undo import undo_offer
from bot.services.checkins import checkin_command
from bot.services.reminder_controls import come_back, go_away


def checkin(ctx: CommandContext) -> None:
    """`/goals checkin <goal> <value> [note]`: answered to the person who typed it."""
    if not ctx.args:
        ctx.reply(checkin_usage_text(ctx.actor.tr))
        return
    author = ctx.actor.requester()
    outcome = checkin_command(ctx.services, author, ctx.args)
    text, blocks = outcome_text(outcome, ctx.actor.tr)
    ctx.reply(text, blocks)
    refresh_after(ctx.actor, outcome)


def undo(ctx: CommandContext) -> None:
    """`/goals undo`: offer to remove the person's last check-in of the past day."""
    offer = undo_offer(ctx.services, ctx.actor.requester())
    if offer is None:
        ctx.reply(nothing_to_undo_text(ctx.actor.tr))
        return
    ctx.reply(*undo_offer_blocks(offer, ctx.actor.tr))


def away(ctx: CommandContext) -> None:
    """`/goals away until Jan 5`: no reminders until then."""
    if not ctx.args:
        ctx.reply(until_when_text(ctx.actor.tr))
        return
    tz = ctx.actor.timezone
    went = go_away(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id, text=ctx.args, tz=tz)
    ctx.reply(reminder_change_text(went, ctx.actor.tr))
    publish_home(ctx.actor)


def back(ctx: CommandContext) -> None:
    """`/goals back`: reminders on again."""
    came = come_back(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id)
    ctx.reply(reminder_change_text(came, ctx.actor.tr))
    publish_home(ctx.actor)
