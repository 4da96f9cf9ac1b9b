"""What a person reads when something failed on the bot's side."""

from __future__ import annotations

from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.render.figures import ENGLISH

SORRY = N_(
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment."
)
"""Said by the global error handler in place of a traceback (see `sorry_text`)."""

# How a person adds the bot to a channel (its display name in manifest.yml).
INVITE_COMMAND = "/invite @checkin-bot"

_NOT_IN_PICKED = N_("I'm not in that channel yet. Type {invite} there, then submit again.")
NOT_IN_PICKED_CHANNEL = _NOT_IN_PICKED.format(invite=INVITE_COMMAND)
"""A modal's field error (plain text) when the picked channel is one the bot is not in."""


def sorry_text(tr: Translator = ENGLISH) -> str:
    """`SORRY` in the person's language."""
    return rtl(tr._(SORRY), tr.lang)


def not_in_picked_channel(tr: Translator = ENGLISH) -> str:
    """`NOT_IN_PICKED_CHANNEL` in the person's language."""
    return rtl(tr._(_NOT_IN_PICKED).format(invite=INVITE_COMMAND), tr.lang)


def not_in_channel_text(channel_id: str, tr: Translator = ENGLISH) -> str:
    """Said instead of "Subscribed" or a team interview when the bot is not in the channel.

    Example:
        >>> not_in_channel_text("C9").startswith("I'm not in <#C9> yet")
        True
    """
    text = tr._(
        "I'm not in <#{channel}> yet, so I can't post there. "
        "Type `{invite}` in <#{channel}>, then try again."
    )
    return rtl(text.format(channel=channel_id, invite=INVITE_COMMAND), tr.lang)


BUSY = (
    "I'm busy with many requests right now and did nothing with this one. "
    "Please send it again in a minute."
)
"""A slash command's answer when the job queue is full (Slack does not resend commands).
English: the queue answers before anything (the person's language) is looked up."""
