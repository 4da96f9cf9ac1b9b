"""Time zones and admin flags come from users.info and are cached."""

from __future__ import annotations

from bot.slack.client import make_client
from bot.slack.people import is_admin, user_timezone
from tests.harness import TEAM, BotHarness


def test_the_time_zone_comes_from_slack_and_is_cached(harness: BotHarness) -> None:
    client = make_client(harness.services)

    first = user_timezone(harness.services, client, TEAM, "U2")
    second = user_timezone(harness.services, client, TEAM, "U2")

    assert (first, second) == ("Asia/Tehran", "Asia/Tehran")
    assert len(harness.sandbox.calls_to("users.info")) == 1


def test_an_unknown_person_gets_the_workspace_default(harness: BotHarness) -> None:
    client = make_client(harness.services)

    assert user_timezone(harness.services, client, TEAM, "UNOBODY") == "Europe/Bucharest"


def test_admins_are_recognised(harness: BotHarness) -> None:
    client = make_client(harness.services)

    assert is_admin(harness.services, client, TEAM, "UADMIN")
    assert not is_admin(harness.services, client, TEAM, "U1")
