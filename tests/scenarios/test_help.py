"""`/goals help` end to end, in HTTP mode and in Socket Mode, through the sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.harness import BotHarness


@pytest.fixture(params=["http", "socket"])
def any_mode(request: pytest.FixtureRequest, db: Engine) -> Iterator[BotHarness]:
    with BotHarness(db, socket_mode=request.param == "socket") as running:
        yield running
        assert running.sandbox.problems == []


def test_help_lists_what_the_bot_can_do(any_mode: BotHarness) -> None:
    any_mode.driver.command("U1", "/goals", "help")

    reply = any_mode.sandbox.wait_for(lambda: any_mode.sandbox.ephemerals("U1"))[-1]
    text = "\n".join(str(b) for b in reply.blocks)
    assert "/goals help" in text
    assert "SMART" in reply.text


def test_empty_goals_command_shows_help(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "")

    assert "/goals help" in str(harness.last_reply("U1").blocks)


def test_unknown_subcommand_points_to_help(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "frobnicate <!channel> now")

    reply = harness.last_reply("U1")
    assert "I don't know `/goals frobnicate`" in reply.text
    assert "<!channel>" not in reply.text


def test_help_is_private_to_the_person_who_asked(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "help", channel="C1")

    assert harness.sandbox.channel_messages("C1") == []
    assert harness.sandbox.ephemerals("U1")


def test_dm_the_bot_cannot_read_gets_a_pointer_to_help(harness: BotHarness) -> None:
    harness.driver.message("U1", "🤷‍♀️")

    assert "/goals help" in harness.dm("U1")[-1].text


def test_app_home_shows_what_the_bot_can_do(harness: BotHarness) -> None:
    harness.driver.open_home("U1")

    assert "/goals help" in str(harness.sandbox.home_views["U1"]["blocks"])
