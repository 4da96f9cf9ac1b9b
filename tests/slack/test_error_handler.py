"""The global error handler tells the person plainly, where they were, that nothing changed."""

from __future__ import annotations

import pytest

from bot.listeners.commands.goals import SUBCOMMANDS
from bot.listeners.context import CommandContext
from bot.render.errors import SORRY
from tests.harness import BotHarness


def test_a_failing_listener_is_answered_with_an_apology(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: CommandContext) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setitem(SUBCOMMANDS, "help", broken)

    harness.driver.command("U1", "/goals", "help", channel="C1")

    assert harness.sandbox.ephemerals("U1")[-1].text == SORRY


def test_where_the_bot_is_not_the_apology_comes_through_the_response_url(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: CommandContext) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setitem(SUBCOMMANDS, "help", broken)
    harness.sandbox.add_channel("COUT", "elsewhere", members=["U1"])

    answer = harness.driver.command("U1", "/goals", "help", channel="COUT")

    [failed] = harness.sandbox.calls_to("chat.postEphemeral")
    assert failed.response["error"] == "not_in_channel"
    assert harness.sandbox.calls_to("response_url")
    assert harness.sandbox.ephemerals("U1")[-1].text == SORRY
    assert answer.status == 200  # no Slack error on top of the apology
