"""`/goals token`, `/goals token new [label]`, `/goals token revoke <id|label>`."""

from __future__ import annotations

from bot.listeners.context import CommandContext
from bot.render.api_tokens import (
    new_token_dm,
    new_token_reply,
    revoked_text,
    token_list_text,
    token_problem_text,
    token_usage_text,
)
from bot.services.api_tokens import TokenProblem, make_token, revoke_token, workspace_tokens


def token_command(ctx: CommandContext) -> None:
    """List, make or revoke the workspace's API tokens."""
    word, _, rest = ctx.args.strip().partition(" ")
    tr = ctx.actor.tr
    match word.casefold():
        case "" | "list":
            ctx.reply(token_list_text(workspace_tokens(ctx.services, ctx.team_id), tr))
        case "new":
            made = make_token(ctx.services, team_id=ctx.team_id, user_id=ctx.user_id, label=rest)
            if isinstance(made, TokenProblem):
                ctx.reply(token_problem_text(made, tr))
                return
            dm = ctx.client.conversations_open(users=ctx.user_id)["channel"]["id"]
            ctx.client.chat_postMessage(channel=dm, text=new_token_dm(made, tr))
            ctx.reply(new_token_reply(made, tr))
        case "revoke" if rest.strip():
            gone = revoke_token(ctx.services, ctx.actor.requester(), rest)
            ctx.reply(
                token_problem_text(gone, tr)
                if isinstance(gone, TokenProblem)
                else revoked_text(gone, tr)
            )
        case _:
            ctx.reply(token_usage_text(tr))
