"""Messages that belong to the goal interview: "new goal" in a DM, and its answers."""

from __future__ import annotations

import re

from bot.core.interview.follow_up import mentioned_channel
from bot.core.interview.sentence import reads_like_a_wish
from bot.core.interview.words import START
from bot.core.wording import normalise
from bot.listeners.context import MessageContext
from bot.listeners.interview_talk import post, show_saved_on_home
from bot.listeners.messages.questions import say_the_answer
from bot.render.errors import not_in_channel_text
from bot.render.interview import wish_blocks, wish_offer
from bot.services import interview as service
from bot.slack.membership import bot_is_in

# "yeni hedef: …", "هدف جدید: …": the start words in any language, then what is said.
_STATED = re.compile(r"^\s*(?P<start>[^:,;.\n-]{1,40}?)\s*[:,;.-]\s*(?P<said>\S.*)$", re.DOTALL)
_TEAM_START = {"new team goal": False, "new goal for the team": False, "team goal": False,
               "new team okr": True, "new okr for the team": True}  # fmt: skip


def interview_reply(ctx: MessageContext) -> bool:
    """Take the message if it starts an interview or answers the one in progress here."""
    if not ctx.user_id:
        return False
    wanted = normalise(ctx.text[:40])
    stated = _STATED.match(ctx.text)  # "new goal: grow our followers from 400 to 480"
    if stated and normalise(stated["start"]) not in START:
        stated = None
    if ctx.is_direct and not ctx.thread_ts and (wanted in START or stated):
        okr = START[normalise(stated["start"])] if stated else START[wanted]
        who = _interviewee(ctx)
        where = service.InterviewPlace(ctx.channel_id)
        said = stated["said"] if stated else ""
        started = service.begin(ctx.services, who, where, okr=okr, said=said)
        post(ctx.client, started, channel_id=ctx.channel_id)
        return True
    if ctx.is_mention and wanted in _TEAM_START:
        _start_team_interview(ctx, okr=_TEAM_START[wanted])
        return True
    if not interview_here(ctx):
        return False
    picked = mentioned_channel(ctx.text, anywhere=True)
    if picked and picked != ctx.channel_id and not bot_is_in(ctx.client, picked):
        # A digest channel the bot is not in would fail at the first digest: say so now.
        ctx.say(not_in_channel_text(picked, ctx.actor.tr))
        return True
    who = _interviewee(ctx)
    view = service.answer(ctx.services, who, ctx.text, timezone_of=ctx.actor.timezone_of)
    if view is None:
        return False
    if view.note is not None and view.note.note is service.Note.QUESTION:
        say_the_answer(ctx)  # as a DM question is answered; then the step is asked again
    post(ctx.client, view, channel_id=ctx.channel_id)
    show_saved_on_home(ctx.actor, view)
    return True


def _interviewee(ctx: MessageContext) -> service.Interviewee:
    """The person answering, in their time zone and language."""
    return service.Interviewee(ctx.team_id, ctx.user_id, ctx.actor.timezone, ctx.actor.language)


def interview_here(ctx: MessageContext) -> bool:
    """Whether the person has an interview in progress in this conversation (and thread)."""
    channel, thread = service.place(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id)
    return channel == ctx.channel_id and (thread is None or thread == ctx.thread_ts)


def _start_team_interview(ctx: MessageContext, *, okr: bool) -> None:
    """A team goal asked for by mention runs in the mention's thread and belongs to its channel."""
    who = _interviewee(ctx)
    where = service.InterviewPlace(
        ctx.channel_id, thread_ts=ctx.thread_ts or ctx.ts, here_channel=ctx.channel_id
    )
    started = service.begin(ctx.services, who, where, okr=okr)
    post(ctx.client, started, channel_id=ctx.channel_id)


def wish_to_goal(ctx: MessageContext) -> bool:
    """A DM that reads like a wish ("I want more people to know about our pizzeria") is
    offered as the start of a goal, not answered as a question about goals."""
    if not (ctx.is_direct and not ctx.thread_ts and reads_like_a_wish(ctx.text)):
        return False
    tr = ctx.actor.tr
    ctx.say(wish_offer(tr), wish_blocks(ctx.text, tr))
    return True
