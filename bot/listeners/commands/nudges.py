"""`/goals remind`, `/goals manager` and `/goals quiet`: when and how people are nudged."""

from __future__ import annotations

from bot.listeners.context import CommandContext
from bot.render.nudges import nudge_answer_text, remind_usage_text
from bot.render.refusals import refused_text
from bot.services.nudge_settings import (
    set_escalation,
    set_follow_up,
    set_manager,
    set_quiet_hours,
    set_times,
)
from bot.services.permissions import Refused


def remind_command(ctx: CommandContext) -> None:
    """`/goals remind follow-up 4h | escalate 2 | [#3] mon 10:00 and thu 16:00`."""
    word, _, rest = ctx.args.partition(" ")
    setting = word.casefold()
    by = ctx.actor.requester()
    if not ctx.args:
        ctx.reply(remind_usage_text(ctx.actor.tr))
        return
    if setting in ("follow-up", "followup", "follow"):
        answer = set_follow_up(ctx.services, by, rest)
    elif setting in ("escalate", "escalation"):
        answer = set_escalation(ctx.services, by, rest)
    else:
        times = set_times(ctx.services, by, ctx.args, tz=ctx.actor.timezone)
        if isinstance(times, Refused):
            ctx.reply(refused_text(times, ctx.actor.tr))
            return
        answer = times
    ctx.reply(nudge_answer_text(answer, ctx.actor.tr))


def manager_command(ctx: CommandContext) -> None:
    """`/goals manager @ana` (or `off`; alone: who it is)."""
    answer = set_manager(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id, text=ctx.args)
    ctx.reply(nudge_answer_text(answer, ctx.actor.tr))


def quiet_command(ctx: CommandContext) -> None:
    """`/goals quiet 08:00-20:00` (or `default`; alone: what they are)."""
    answer = set_quiet_hours(
        ctx.services,
        team_id=ctx.team_id,
        user_id=ctx.user_id,
        text=ctx.args,
        tz=ctx.actor.timezone,
    )
    ctx.reply(nudge_answer_text(answer, ctx.actor.tr))
