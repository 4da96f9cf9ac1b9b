"""One list of permanent Slack errors, and words for each of them."""

from __future__ import annotations

from bot.render.reminders import WHY_SLACK_REFUSED
from bot.slack.errors import CHANNEL_ERRORS, PERMANENT_ERRORS


def test_every_permanent_error_is_explained_to_the_owner() -> None:
    assert set(WHY_SLACK_REFUSED) == PERMANENT_ERRORS
    assert CHANNEL_ERRORS < PERMANENT_ERRORS
