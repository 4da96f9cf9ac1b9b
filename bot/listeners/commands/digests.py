"""`/goals digest ...` (subscribe a channel, stop, status) and `/goals chart <goal>`."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.charts import chart_panels, draw_chart
from bot.core.digest_request import (
    ShowSubscription,
    Subscribe,
    Unsubscribe,
    parse_digest_request,
)
from bot.core.mrkdwn import escape
from bot.core.parse_error import ParseError
from bot.listeners.context import CommandContext
from bot.listeners.home import publish_home
from bot.render.goals import ambiguous_blocks, not_found_text
from bot.services.digests import (
    SubscriptionView,
    channel_timezone,
    subscribe,
    subscription,
    unsubscribe,
)
from bot.services.goal_admin import Ambiguous, NotFound, lookup
from bot.services.tracking import track_goals
from bot.slack.actor import Actor
from storage import repo

log = logging.getLogger("checkin_bot.digests")

START_HINT = "`/goals digest here weekly mon 09:00` starts one."


def describe_subscription(view: SubscriptionView) -> str:
    """E.g. "<#C1> gets the digest every Monday at 09:00 (Europe/Bucharest), all goals."""
    if not view.active:
        return f"<#{view.channel_id}> gets no digest. {START_HINT}"
    text = f"<#{view.channel_id}> gets the digest {view.schedule}, {view.filters}."
    if view.next_run_at is not None:
        epoch = int(view.next_run_at.timestamp())
        fallback = view.next_run_at.strftime("%Y-%m-%d %H:%M UTC")
        text += f" Next one: <!date^{epoch}^{{date_short_pretty}} at {{time}}|{fallback}>."
    return text


def digest_command(ctx: CommandContext) -> None:
    """`/goals digest here weekly mon 09:00 [filters] [zone]`, `/goals digest off`, or status."""
    services, team, channel = ctx.services, ctx.team_id, ctx.channel_id
    tz = channel_timezone(services, team_id=team, channel_id=channel)
    request = parse_digest_request(ctx.args, tz=tz)
    if isinstance(request, ParseError):
        ctx.reply(f"{request.message} For example: `/goals digest {request.example}`.")
        return
    if isinstance(request, ShowSubscription):
        current = subscription(services, team_id=team, channel_id=channel)
        if current is None:
            ctx.reply(f"<#{channel}> gets no digest yet. {START_HINT}")
        else:
            ctx.reply(describe_subscription(current))
        return
    if isinstance(request, Unsubscribe):
        stopped = unsubscribe(services, team_id=team, channel_id=channel)
        ctx.reply(
            f"Done: <#{channel}> gets no more digests."
            if stopped
            else f"<#{channel}> had no digest; nothing changed."
        )
    elif isinstance(request, Subscribe):
        view = subscribe(
            services, team_id=team, channel_id=channel, user_id=ctx.user_id, request=request
        )
        ctx.reply("Subscribed. " + describe_subscription(view))
    publish_home(services, ctx.client, team, ctx.user_id)


def upload_goal_chart(actor: Actor, *, goal_id: int, channel: str) -> str:
    """Draw one goal's chart and upload it to `channel` (or the actor's DM if the bot is not
    there); returns what to tell them."""
    services, client, team_id, user_id = actor.services, actor.client, actor.team_id, actor.user_id
    now = services.now()
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        if goal is None:
            return "That goal no longer exists."
        tracked = track_goals(session=session, team_id=team_id, goals=[goal])
        title = goal.title
    if not tracked:
        return f"“{escape(title)}” has no target or deadline, so there is no plan to chart against."
    png = draw_chart(chart_panels(tracked, now), title=f"{title}: check-ins vs plan")
    upload: dict[str, Any] = {
        "content": png,
        "filename": f"goal-{goal_id}-chart.png",
        "title": f"{title}: check-ins vs plan",
        "alt_txt": f"Check-ins of {title} against the straight line to its target",
    }
    try:
        client.files_upload_v2(channel=channel, **upload)
        return f"Here is the chart of “{escape(title)}”."
    except SlackApiError as exc:
        log.info(
            "chart upload to %s failed (%s); sending it by DM", channel, exc.response.get("error")
        )
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(channel=dm, **upload)
    return (
        f"I can't post in this channel, so I sent the chart of “{escape(title)}” to you directly."
    )


def chart_command(ctx: CommandContext) -> None:
    """`/goals chart <goal>`: a PNG of check-ins against the plan, posted where it was asked."""
    found = lookup(ctx.services, team_id=ctx.team_id, query=ctx.args)
    if isinstance(found, NotFound):
        ctx.reply(not_found_text(found))
        return
    if isinstance(found, Ambiguous):
        ctx.reply(*ambiguous_blocks(found.candidates, "chart"))
        return
    ctx.reply(upload_goal_chart(ctx.actor, goal_id=found.goal.goal_id, channel=ctx.channel_id))
