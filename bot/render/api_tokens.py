"""The words of `/goals token`: a new token (by DM), the list, a revocation, a refusal,
in the person's language (the token itself, ids and commands stay as typed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import day, number
from bot.services.api_tokens import LABEL_LIMIT, NewToken, TokenProblem
from storage.models import ApiToken

_USAGE = N_(
    "`/goals token` lists the workspace's API tokens, `/goals token new [label]` makes one "
    "(sent to you in a DM), `/goals token revoke <id|label>` turns one off."
)

_PROBLEMS = {
    TokenProblem.BAD_LABEL: N_(
        "A label is up to {limit} letters, digits, spaces and `. : - _`, and not only "
        "digits (a number is a token's id). Try `/goals token new zapier`."
    ),
    TokenProblem.LABEL_TAKEN: N_(
        "Another token has that label: choose another, or revoke it first."
    ),
    TokenProblem.NO_SUCH_TOKEN: N_("No token has that id or label. `/goals token` lists them."),
    TokenProblem.SEVERAL: N_("Several tokens have that label: revoke one by its id."),
    TokenProblem.NOT_YOURS: N_(
        "Only the person who made a token or a workspace admin can revoke it."
    ),
}


def token_usage_text(tr: Translator) -> str:
    return rtl(tr._(_USAGE), tr.lang)


def token_problem_text(problem: TokenProblem, tr: Translator) -> str:
    return rtl(tr._(_PROBLEMS[problem]).format(limit=number(LABEL_LIMIT, tr.lang)), tr.lang)


def _name(token: ApiToken, tr: Translator) -> str:
    label = f"“{escape(token.label)}”" if token.label else tr._("(no label)")
    return f"#{token.id} {label}"


def new_token_dm(made: NewToken, tr: Translator) -> str:
    """The DM holding the token: the only time it is shown."""
    head = tr._("Your API token {name}:").format(name=_name(made.row, tr))
    tail = tr._(
        "Keep it secret: it checks in as you. I store only a hash of it, so I can't show it "
        "again; `/goals token revoke {id}` turns it off. "
        "Send it as `Authorization: Bearer <token>`."
    )
    # The secret goes outside the isolates: it must be copied exactly as it is.
    tail = rtl(tail.format(id=made.row.id), tr.lang)
    return f"{rtl(head, tr.lang)}\n```{made.secret}```\n{tail}"


def new_token_reply(made: NewToken, tr: Translator) -> str:
    text = tr._("I sent you API token {name} in a DM. It is shown only there, once.")
    return rtl(text.format(name=_name(made.row, tr)), tr.lang)


def token_list_text(tokens: Sequence[ApiToken], tr: Translator) -> str:
    if not tokens:
        text = tr._("This workspace has no API tokens. `/goals token new [label]` makes one.")
        return rtl(text, tr.lang)
    lines = [tr._("*API tokens*")]
    for token in tokens:
        if token.last_used_at:
            used = tr._("last used {day}").format(day=_day(token.last_used_at.date(), tr))
        else:
            used = tr._("never used")
        line = tr._("• {name} `{prefix}…` made by <@{user}> on {day}, {used}")
        lines.append(
            line.format(
                name=_name(token, tr),
                prefix=token.prefix,
                user=token.created_by,
                day=_day(token.created_at.date(), tr),
                used=used,
            )
        )
    return rtl("\n".join(lines), tr.lang)


def _day(d: date, tr: Translator) -> str:
    """English keeps the ISO date it always showed; other languages their own."""
    return d.isoformat() if tr.lang == "en" else day(d, tr.lang)


def revoked_text(token: ApiToken, tr: Translator) -> str:
    text = tr._("API token {name} is revoked: requests with it now get 401.")
    return rtl(text.format(name=_name(token, tr)), tr.lang)
