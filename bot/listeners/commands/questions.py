"""`/goals ask <question>`: the answer, shown only to the person who asked."""

from __future__ import annotations

from bot.listeners.context import CommandContext
from bot.render.answers import answer_blocks, answer_headline
from bot.services.questions.answer import answer_question


def ask(ctx: CommandContext) -> None:
    text = ctx.args or "what can you answer?"
    answer = answer_question(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id, text=text)
    tr = ctx.actor.tr
    ctx.reply(answer_headline(answer, tr), answer_blocks(answer, tr))
