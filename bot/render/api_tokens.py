"""The words of `/goals token`: a new token (by DM), the list, a revocation, a refusal."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.mrkdwn import escape
from bot.services.api_tokens import LABEL_LIMIT, NewToken, TokenProblem
from storage.models import ApiToken

TOKEN_USAGE = (
    "`/goals token` lists the workspace's API tokens, `/goals token new [label]` makes one "
    "(sent to you in a DM), `/goals token revoke <id|label>` turns one off."
)

_PROBLEMS = {
    TokenProblem.BAD_LABEL: (
        f"A label is up to {LABEL_LIMIT} letters, digits, spaces and . : - _, and not only "
        "digits (a number is a token's id). Try `/goals token new zapier`."
    ),
    TokenProblem.LABEL_TAKEN: "Another token has that label: choose another, or revoke it first.",
    TokenProblem.NO_SUCH_TOKEN: "No token has that id or label. `/goals token` lists them.",
    TokenProblem.SEVERAL: "Several tokens have that label: revoke one by its id.",
    TokenProblem.NOT_YOURS: "Only the person who made a token or a workspace admin can revoke it.",
}


def token_problem_text(problem: TokenProblem) -> str:
    return _PROBLEMS[problem]


def _name(token: ApiToken) -> str:
    label = f"“{escape(token.label)}”" if token.label else "(no label)"
    return f"#{token.id} {label}"


def new_token_dm(made: NewToken) -> str:
    """The DM holding the token: the only time it is shown."""
    return (
        f"Your API token {_name(made.row)}:\n```{made.secret}```\n"
        "Keep it secret: it checks in as you. I store only a hash of it, so I can't show it "
        "again; `/goals token revoke "
        f"{made.row.id}` turns it off. Send it as `Authorization: Bearer <token>`."
    )


def new_token_reply(made: NewToken) -> str:
    return f"I sent you API token {_name(made.row)} in a DM. It is shown only there, once."


def token_list_text(tokens: Sequence[ApiToken]) -> str:
    if not tokens:
        return "This workspace has no API tokens. `/goals token new [label]` makes one."
    lines = ["*API tokens*"]
    for token in tokens:
        used = f"last used {token.last_used_at:%Y-%m-%d}" if token.last_used_at else "never used"
        lines.append(
            f"• {_name(token)} `{token.prefix}…` made by <@{token.created_by}> on "
            f"{token.created_at:%Y-%m-%d}, {used}"
        )
    return "\n".join(lines)


def revoked_text(token: ApiToken) -> str:
    return f"API token {_name(token)} is revoked: requests with it now get 401."
