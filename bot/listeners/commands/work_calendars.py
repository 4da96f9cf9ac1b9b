"""`/goals workweek`, `/goals holidays`, `/goals dayoff` and `/goals workdays`."""

from __future__ import annotations

from bot.listeners.commands.goal_admin import one_goal
from bot.listeners.context import CommandContext
from bot.render.refusals import refused_text
from bot.render.work_calendars import calendar_change_text, plan_workdays_text, workdays_usage_text
from bot.services.permissions import Refused
from bot.services.work_calendars import Setting, change_calendar, plan_by_workdays

SWITCH = {"on": True, "off": False, "yes": True, "no": False}


def workweek(ctx: CommandContext) -> None:
    """`/goals workweek sun-thu` (yours) or `/goals workweek workspace mon-fri` (everyone's)."""
    _change(ctx, Setting.WORKWEEK)


def holidays(ctx: CommandContext) -> None:
    """`/goals holidays IR`: that country's public holidays are days off."""
    _change(ctx, Setting.HOLIDAYS)


def day_off(ctx: CommandContext) -> None:
    """`/goals dayoff move|skip`: what a reminder due on a day off does."""
    _change(ctx, Setting.DAY_OFF_RULE)


def workdays(ctx: CommandContext) -> None:
    """`/goals workdays #3 on|off`: the goal's plan counts working days only, or every day."""
    query, _, switch = ctx.args.rpartition(" ")
    on = SWITCH.get(switch.casefold())
    if on is None or not query.strip():
        ctx.reply(workdays_usage_text(ctx.actor.tr))
        return
    row = one_goal(ctx, "workdays", query)
    if row is None:
        return
    kept = plan_by_workdays(ctx.services, ctx.actor.requester(), goal_id=row.goal_id, on=on)
    if isinstance(kept, Refused):
        ctx.reply(refused_text(kept, ctx.actor.tr))
        return
    ctx.reply(plan_workdays_text(kept, row.number, ctx.actor.tr))


def _change(ctx: CommandContext, setting: Setting) -> None:
    change = change_calendar(ctx.services, ctx.actor.requester(), setting, ctx.args)
    ctx.reply(calendar_change_text(change, ctx.actor.tr))
