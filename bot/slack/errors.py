"""Slack errors that no retry will fix: the one list the scheduler and the reminders share."""

from __future__ import annotations

# The channel is gone or closed to the bot: its owner can fix that.
CHANNEL_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived"})

# The person cannot be messaged: only an admin (or the person) can fix that.
PERSON_ERRORS = frozenset(
    {
        "account_inactive",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "messages_tab_disabled",
    }
)

PERMANENT_ERRORS = CHANNEL_ERRORS | PERSON_ERRORS
