"""`/goals new [okr|team|form]`: start (or resume) the goal interview, or open its form."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from bot.i18n.bidi import rtl
from bot.listeners.context import CommandContext
from bot.listeners.interview_talk import post
from bot.render.errors import not_in_channel_text
from bot.render.interview import INTERVIEW_BY_DM, team_interview_opening
from bot.render.interview_form import form_view
from bot.services import interview as service
from bot.slack.errors import CHANNEL_ERRORS
from bot.slack.membership import bot_is_in


def new_goal(ctx: CommandContext) -> None:
    """Start the interview in a DM; `team` in a channel runs it in a thread there."""
    words = set(ctx.args.casefold().split())
    if "form" in words:
        ctx.client.views_open(trigger_id=ctx.trigger_id, view=form_view(ctx.user_id, ctx.actor.tr))
        return
    tz = ctx.actor.timezone
    in_channel = not ctx.channel_id.startswith("D")
    if "team" in words and in_channel:
        try:
            root = ctx.client.chat_postMessage(
                channel=ctx.channel_id, text=team_interview_opening(ctx.user_id, ctx.actor.tr)
            )
        except SlackApiError as exc:
            if exc.response.get("error") not in CHANNEL_ERRORS:
                raise
            # The response URL works anywhere, even where the bot may not post.
            ctx.reply(not_in_channel_text(ctx.channel_id, ctx.actor.tr))
            return
        thread_ts: str | None = str(root["ts"])
        channel_id = ctx.channel_id
    else:
        opened = ctx.client.conversations_open(users=ctx.user_id)
        channel_id, thread_ts = str(opened["channel"]["id"]), None
    # The channel it was asked from gets the digest by default, if the bot can post there.
    here = in_channel and (thread_ts is not None or bot_is_in(ctx.client, ctx.channel_id))
    who = service.Interviewee(ctx.team_id, ctx.user_id, tz, ctx.actor.language)
    where = service.InterviewPlace(
        channel_id, thread_ts=thread_ts, here_channel=ctx.channel_id if here else None
    )
    view = service.begin(ctx.services, who, where, okr="okr" in words)
    post(ctx.client, view, channel_id=channel_id)
    if in_channel and view.thread_ts is None:
        ctx.reply(rtl(ctx.actor.tr._(INTERVIEW_BY_DM), ctx.actor.language))
