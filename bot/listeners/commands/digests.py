"""`/goals digest ...` (subscribe a channel, stop, status) and `/goals chart <goal>`."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.charts import chart_panels, chart_words, draw_chart
from bot.core.digest_request import (
    SetDigestLanguage,
    ShowSubscription,
    Subscribe,
    Unsubscribe,
    parse_digest_request,
)
from bot.core.parse_error import ParseError
from bot.listeners.context import CommandContext
from bot.listeners.home import publish_home
from bot.render.digest_subscriptions import (
    describe_subscription,
    no_subscription_text,
    request_problem,
    subscribed_text,
    unsubscribed_text,
)
from bot.render.errors import not_in_channel_text
from bot.render.goals import (
    ambiguous_blocks,
    chart_alt_text,
    chart_posted,
    chart_title,
    no_plan_to_chart,
    not_found_text,
)
from bot.render.languages import digest_language_text, no_digest_for_language_text
from bot.render.refusals import GOAL_GONE
from bot.services.digests import (
    channel_timezone,
    subscribe,
    subscription,
    unsubscribe,
)
from bot.services.goal_admin import Ambiguous, NotFound, lookup
from bot.services.languages import set_digest_language
from bot.services.tracking import track_goals
from bot.slack.actor import Actor
from bot.slack.membership import bot_is_in
from storage import repo

log = logging.getLogger("checkin_bot.digests")


def digest_command(ctx: CommandContext) -> None:
    """`/goals digest here weekly mon 09:00 [filters] [zone]`, `/goals digest off`, or status."""
    services, team, channel = ctx.services, ctx.team_id, ctx.channel_id
    tz = channel_timezone(services, team_id=team, channel_id=channel)
    request = parse_digest_request(ctx.args, tz=tz)
    if isinstance(request, ParseError):
        ctx.reply(request_problem(request, ctx.actor.tr))
        return
    if isinstance(request, SetDigestLanguage):
        _digest_language(ctx, request.language)
        return
    if isinstance(request, ShowSubscription):
        current = subscription(services, team_id=team, channel_id=channel)
        if current is None:
            ctx.reply(no_subscription_text(channel, ctx.actor.tr))
        else:
            ctx.reply(describe_subscription(current, ctx.actor.tr))
        return
    if isinstance(request, Unsubscribe):
        stopped = unsubscribe(services, team_id=team, channel_id=channel)
        ctx.reply(unsubscribed_text(channel, stopped=stopped, tr=ctx.actor.tr))
    elif isinstance(request, Subscribe):
        if not bot_is_in(ctx.client, channel):
            ctx.reply(not_in_channel_text(channel, ctx.actor.tr))
            return
        view = subscribe(
            services, team_id=team, channel_id=channel, user_id=ctx.user_id, request=request
        )
        ctx.reply(subscribed_text(view, ctx.actor.tr))
    publish_home(ctx.actor)


def _digest_language(ctx: CommandContext, language: str | None) -> None:
    team, channel, tr = ctx.team_id, ctx.channel_id, ctx.actor.tr
    if set_digest_language(ctx.services, team_id=team, channel_id=channel, language=language):
        ctx.reply(digest_language_text(tr, channel, language))
    else:
        ctx.reply(no_digest_for_language_text(tr, channel))


def upload_goal_chart(actor: Actor, *, goal_id: int, channel: str) -> str:
    """Draw one goal's chart and upload it to `channel` (or the actor's DM if the bot is not
    there); returns what to tell them."""
    services, client, team_id, user_id = actor.services, actor.client, actor.team_id, actor.user_id
    now = services.now()
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        if goal is None:
            return GOAL_GONE
        tracked = track_goals(session=session, team_id=team_id, goals=[goal])
        title = goal.title
    if not tracked:
        return no_plan_to_chart(title)
    panels = chart_panels(tracked, now, actor.tr)
    png = draw_chart(panels, title=chart_title(title), words=chart_words(actor.tr))
    upload: dict[str, Any] = {
        "content": png,
        "filename": f"goal-{goal_id}-chart.png",
        "title": chart_title(title),
        "alt_txt": chart_alt_text(title),
    }
    try:
        client.files_upload_v2(channel=channel, **upload)
        return chart_posted(title, here=True)
    except SlackApiError as exc:
        log.info(
            "chart upload to %s failed (%s); sending it by DM", channel, exc.response.get("error")
        )
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(channel=dm, **upload)
    return chart_posted(title, here=False)


def chart_command(ctx: CommandContext) -> None:
    """`/goals chart <goal>`: a PNG of check-ins against the plan, posted where it was asked."""
    found = lookup(ctx.services, team_id=ctx.team_id, query=ctx.args)
    if isinstance(found, NotFound):
        ctx.reply(not_found_text(found, ctx.actor.tr))
        return
    if isinstance(found, Ambiguous):
        ctx.reply(*ambiguous_blocks(found.candidates, "chart"))
        return
    ctx.reply(upload_goal_chart(ctx.actor, goal_id=found.goal.goal_id, channel=ctx.channel_id))
