"""Questions asked in a DM or by mentioning the bot: "how are we doing on reach?"."""

from __future__ import annotations

from bot.core.questions import Intent
from bot.listeners.context import MessageContext
from bot.render.answers import answer_blocks, answer_headline
from bot.services.questions.answer import answer_question


def answer_questions(ctx: MessageContext) -> bool:
    """Answer a DM or a mention as a question; leave what it cannot read to `fallback`."""
    if not (ctx.is_direct or ctx.is_mention) or not ctx.text.strip():
        return False
    return say_the_answer(ctx)


def say_the_answer(ctx: MessageContext) -> bool:
    """Answer the message as a question where it was asked; False when it reads as none."""
    answer = answer_question(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id, text=ctx.text)
    if answer.intent is Intent.UNKNOWN:
        return False
    tr = ctx.actor.tr
    ctx.say(answer_headline(answer, tr), answer_blocks(answer, tr), in_thread=ctx.is_mention)
    return True
