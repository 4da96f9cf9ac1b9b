"""`/goals language [fa|ro|tr|vi|en|auto]`: the language the bot answers a person in."""

from __future__ import annotations

from bot.core.languages import read_language
from bot.listeners.context import CommandContext
from bot.render.languages import (
    language_cleared_text,
    language_set_text,
    language_shown_text,
    unknown_language_text,
)
from bot.services.languages import chosen_language, set_language

FORGET = frozenset({"auto", "default", "none", "off"})


def language_command(ctx: CommandContext) -> None:
    """Show the person's language, choose one, or forget the choice (`auto`)."""
    typed = ctx.args.strip()
    team, user = ctx.team_id, ctx.user_id
    if not typed:
        chosen = chosen_language(ctx.services, team_id=team, user_id=user)
        ctx.reply(language_shown_text(ctx.actor.tr, chosen))
        return
    if typed.casefold() in FORGET:
        set_language(ctx.services, team_id=team, user_id=user, language=None)
        ctx.reply(language_cleared_text(ctx.actor.tr))
        return
    language = read_language(typed)
    if language is None:
        ctx.reply(unknown_language_text(ctx.actor.tr, typed))
        return
    set_language(ctx.services, team_id=team, user_id=user, language=language)
    ctx.reply(language_set_text(language))
