"""What the bot logs as it starts: nothing an operator would take for a problem."""

from __future__ import annotations

import logging

import pytest

from bot.slack.app import create_app
from tests.harness import BotHarness


def test_a_bot_token_in_the_environment_starts_without_a_warning(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Bolt reads SLACK_BOT_TOKEN by itself and warned that our client (with that very
    # token) wins over it, at every start of `run` and `worker`.
    monkeypatch.setenv("SLACK_BOT_TOKEN", harness.sandbox.bot_token)
    with caplog.at_level(logging.INFO):
        create_app(harness.services)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
