"""People's files in the sandbox, as strict as Slack: `files.info` only for files the bot
can see and only with `files:read`; the private download only with the bot's token."""

from __future__ import annotations

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from bot.sandbox.file_drops import drop_file
from bot.sandbox.uploads import SIGN_IN_PAGE
from bot.slack.client import make_client
from tests.harness import BotHarness

CSV = b"Date,Reach\n2025-11-23,41200\n"


def shared(harness: BotHarness, channel: str = "C1") -> dict:
    return harness.sandbox.share_file(
        user="U1", channel=channel, name="reach.csv", content=CSV, filetype="csv"
    )


def test_files_info_describes_a_file_shared_where_the_bot_is(harness: BotHarness) -> None:
    file = shared(harness)

    info = make_client(harness.services).files_info(file=file["id"])

    assert info["file"]["name"] == "reach.csv" and info["file"]["size"] == len(CSV)
    assert "content" not in info["file"] and "shares" not in info["file"]


def test_files_info_does_not_find_a_file_shared_where_the_bot_is_not(
    harness: BotHarness,
) -> None:
    harness.sandbox.add_channel("C2", "secret", members=["U1"])
    file = shared(harness, "C2")

    with pytest.raises(SlackApiError) as failure:
        make_client(harness.services).files_info(file=file["id"])

    assert failure.value.response["error"] == "file_not_found"


def test_files_info_needs_the_files_read_scope(harness: BotHarness) -> None:
    file = shared(harness)
    harness.sandbox.bot_scopes.discard("files:read")

    with pytest.raises(SlackApiError) as failure:
        make_client(harness.services).files_info(file=file["id"])

    assert failure.value.response["error"] == "missing_scope"
    assert failure.value.response["needed"] == "files:read"


@pytest.mark.parametrize("auth", [None, "Bearer xoxb-stolen", "token xoxb-sandbox"])
def test_the_private_download_without_the_bot_token_is_the_sign_in_page(
    harness: BotHarness, auth: str | None
) -> None:
    file = shared(harness)
    headers = {"Authorization": auth} if auth else {}

    answer = httpx.get(file["url_private_download"], headers=headers, follow_redirects=True)

    assert answer.text == SIGN_IN_PAGE and answer.headers["content-type"].startswith("text/html")


def test_the_private_download_with_the_bot_token_gives_the_bytes(harness: BotHarness) -> None:
    file = shared(harness)
    bearer = {"Authorization": f"Bearer {harness.sandbox.bot_token}"}

    answer = httpx.get(file["url_private_download"], headers=bearer)

    assert (answer.status_code, answer.content) == (200, CSV)


def test_a_dropped_file_is_a_file_share_message_with_its_file(harness: BotHarness) -> None:
    message = drop_file(harness.driver, "U1", ("reach.csv", CSV))

    assert message.files[0]["name"] == "reach.csv"
    assert harness.sandbox.files[message.files[0]["id"]]["content"] == CSV
