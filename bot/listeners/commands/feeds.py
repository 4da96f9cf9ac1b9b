"""`/goals feed #3 <url>`: a goal follows a CSV address; `off` stops it; alone, shows it."""

from __future__ import annotations

from dataclasses import replace

from bot.listeners.commands.goal_admin import one_goal
from bot.listeners.context import CommandContext
from bot.render.feeds import bad_address_text, feed_text, feed_usage_text
from bot.render.refusals import GOAL_GONE, refused_text
from bot.services.feeds import BadAddress, feed_of, follow
from bot.services.permissions import Refused

OFF_WORDS = frozenset({"off", "stop", "none"})


def feed(ctx: CommandContext) -> None:
    words = ctx.args.split()
    tr = ctx.actor.tr
    if not words:
        ctx.reply(feed_usage_text(tr))
        return
    last = words[-1]
    wants = last if "://" in last or last.lower() in OFF_WORDS else ""
    query = " ".join(words[:-1]) if wants else ctx.args
    row = one_goal(replace(ctx, args=query), "feed")
    if row is None:
        return
    every = ctx.services.settings.FEED_INTERVAL_MINUTES
    if not wants:
        state = feed_of(ctx.services, team_id=ctx.team_id, goal_id=row.goal_id)
        ctx.reply(feed_text(state, tr, every_minutes=every, changed=False) if state else GOAL_GONE)
        return
    url = None if wants.lower() in OFF_WORDS else wants.strip("<>")
    done = follow(ctx.services, ctx.actor.requester(), goal_id=row.goal_id, url=url)
    if isinstance(done, BadAddress):
        ctx.reply(bad_address_text(done, tr))
    elif isinstance(done, Refused):
        ctx.reply(refused_text(done, ctx.actor.tr))
    else:
        ctx.reply(feed_text(done, tr, every_minutes=every, changed=True))
