"""What a person reads when something failed on the bot's side."""

from __future__ import annotations

SORRY = (
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment."
)
"""Said by the global error handler in place of a traceback."""

# How a person adds the bot to a channel (its display name in manifest.yml).
INVITE_COMMAND = "/invite @checkin-bot"

NOT_IN_PICKED_CHANNEL = (
    f"I'm not in that channel yet. Type {INVITE_COMMAND} there, then submit again."
)
"""A modal's field error (plain text) when the picked channel is one the bot is not in."""


def not_in_channel_text(channel_id: str) -> str:
    """Said instead of "Subscribed" or a team interview when the bot is not in the channel.

    Example:
        >>> not_in_channel_text("C9").startswith("I'm not in <#C9> yet")
        True
    """
    return (
        f"I'm not in <#{channel_id}> yet, so I can't post there. "
        f"Type `{INVITE_COMMAND}` in <#{channel_id}>, then try again."
    )


BUSY = (
    "I'm busy with many requests right now and did nothing with this one. "
    "Please send it again in a minute."
)
"""A slash command's answer when the job queue is full (Slack does not resend commands)."""
