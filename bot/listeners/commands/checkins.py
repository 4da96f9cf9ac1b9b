"""`/goals checkin`, `/goals undo`, `/goals away` and `/goals back`."""

from __future__ import annotations

from bot.listeners.checkin_answers import outcome_text, refresh_after
from bot.listeners.context import CommandContext
from bot.listeners.home import publish_home
from bot.render.checkins import NOTHING_TO_UNDO, checkin_usage_text, undo_offer_blocks
from bot.render.reminder_changes import UNTIL_WHEN, reminder_change_text
from bot.services.checkin_undo import undo_offer
from bot.services.checkins import checkin_command
from bot.services.reminder_controls import come_back, go_away


def checkin(ctx: CommandContext) -> None:
    """`/goals checkin <goal> <value> [note]`: answered to the person who typed it."""
    if not ctx.args:
        ctx.reply(checkin_usage_text())
        return
    author = ctx.actor.requester()
    outcome = checkin_command(ctx.services, author, ctx.args)
    text, blocks = outcome_text(outcome)
    ctx.reply(text, blocks)
    refresh_after(ctx.actor, outcome)


def undo(ctx: CommandContext) -> None:
    """`/goals undo`: offer to remove the person's last check-in of the past day."""
    offer = undo_offer(ctx.services, ctx.actor.requester())
    if offer is None:
        ctx.reply(NOTHING_TO_UNDO)
        return
    ctx.reply(*undo_offer_blocks(offer))


def away(ctx: CommandContext) -> None:
    """`/goals away until Jan 5`: no reminders until then."""
    if not ctx.args:
        ctx.reply(UNTIL_WHEN)
        return
    tz = ctx.actor.timezone
    went = go_away(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id, text=ctx.args, tz=tz)
    ctx.reply(reminder_change_text(went))
    publish_home(ctx.actor)


def back(ctx: CommandContext) -> None:
    """`/goals back`: reminders on again."""
    ctx.reply(
        reminder_change_text(come_back(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id))
    )
    publish_home(ctx.actor)
