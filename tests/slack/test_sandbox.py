"""The sandbox itself: Slack's limits enforced, faults on demand, the client's retry behaviour."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackSandbox
from bot.sandbox.limits import block_problems, view_problems
from bot.services import Services
from bot.slack.client import make_client
from tests.harness import BotHarness


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


@pytest.mark.parametrize(
    ("blocks", "surface", "problem"),
    [
        ([section("x")] * 51, "message", "51 blocks in a message (limit 50)"),
        ([section("x")] * 101, "home", "101 blocks in a home (limit 100)"),
        ([section("x" * 3001)], "message", "section text over 3000"),
        (
            [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
            "message",
            "header text over 150",
        ),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}],
            "message",
            "11 fields",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "b"},
                            "action_id": f"a{i}",
                        }
                        for i in range(26)
                    ],
                }
            ],
            "message",
            "26 action elements",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "b" * 76},
                            "action_id": "a",
                        }
                    ],
                }
            ],
            "message",
            "button text over 75",
        ),
        (
            [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}],
            "message",
            "11 context elements",
        ),
    ],
)
def test_limits_catch_what_slack_would_reject(blocks: list, surface: str, problem: str) -> None:
    assert any(problem in p for p in block_problems(blocks, surface))


def test_limits_accept_a_full_but_legal_message() -> None:
    assert block_problems([section("x" * 3000)] * 50, "message") == []


def test_a_modal_title_over_24_characters_is_caught() -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "t" * 25}, "blocks": []}
    assert view_problems(view) == ["view title over 24 characters"]


def test_an_oversized_post_fails_like_slack_and_is_recorded(harness: BotHarness) -> None:
    client = make_client(harness.services)

    with pytest.raises(SlackApiError) as failure:
        client.chat_postMessage(channel="C1", text="x", blocks=[section("x")] * 51)

    assert failure.value.response["error"] == "invalid_blocks"
    assert harness.sandbox.problems
    harness.sandbox.problems.clear()


@pytest.fixture
def client_and_sandbox(harness: BotHarness) -> Iterator[tuple[object, SlackSandbox, Services]]:
    yield make_client(harness.services), harness.sandbox, harness.services


def test_a_429_is_waited_out_and_the_message_sent_once(client_and_sandbox: tuple) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.rate_limit("chat.postMessage", retry_after=1)

    client.chat_postMessage(channel="C1", text="hello")

    assert [c.status for c in sandbox.calls_to("chat.postMessage")] == [429, 200]
    assert [m.text for m in sandbox.channel_messages("C1")] == ["hello"]


def test_a_server_error_is_retried(client_and_sandbox: tuple) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.server_error("users.info", status=503)

    assert client.users_info(user="U1")["user"]["id"] == "U1"
    assert [c.status for c in sandbox.calls_to("users.info")] == [503, 200]


def test_a_post_that_slack_may_have_made_is_not_repeated(client_and_sandbox: tuple) -> None:
    client, sandbox, services = client_and_sandbox
    sandbox.server_error("chat.postMessage", status=503)
    sandbox.slow("chat.postMessage", seconds=1.5)  # done at once, answered too late
    impatient = make_client(services, timeout=1)

    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="first")
    with pytest.raises(TimeoutError):
        impatient.chat_postMessage(channel="C1", text="second")

    assert [c.status for c in sandbox.calls_to("chat.postMessage")] == [503, 200]
    assert [m.text for m in sandbox.channel_messages("C1")] == ["second"]


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "account_inactive"])
def test_a_permanent_error_reaches_the_caller_without_retrying(
    client_and_sandbox: tuple, error: str
) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.fail("chat.postMessage", error)

    with pytest.raises(SlackApiError) as failure:
        client.chat_postMessage(channel="C1", text="hello")

    assert failure.value.response["error"] == error
    assert len(sandbox.calls_to("chat.postMessage")) == 1


def test_a_channel_the_bot_is_not_in_answers_not_in_channel(client_and_sandbox: tuple) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.add_channel("C9", "private-ish", members=["U1"])

    with pytest.raises(SlackApiError) as failure:
        client.chat_postMessage(channel="C9", text="hello")

    assert failure.value.response["error"] == "not_in_channel"


def test_the_three_step_upload_stores_the_file_in_the_channel(client_and_sandbox: tuple) -> None:
    client, sandbox, _ = client_and_sandbox
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100

    client.files_upload_v2(channel="C1", content=png, filename="chart.png", title="Chart")

    methods = [c.method for c in sandbox.calls]
    assert methods[-2:] == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    shared = sandbox.channel_messages("C1")[-1]
    assert shared.files[0]["title"] == "Chart"
    assert sandbox.files[shared.files[0]["id"]]["content"] == png


def test_a_wrong_token_is_refused(harness: BotHarness) -> None:
    from slack_sdk import WebClient

    client = WebClient(token="xoxb-stolen", base_url=harness.sandbox.api_url)

    with pytest.raises(SlackApiError) as failure:
        client.auth_test()

    assert failure.value.response["error"] == "invalid_auth"


def test_users_info_reports_the_time_zone(harness: BotHarness) -> None:
    client = make_client(harness.services)

    assert client.users_info(user="U2")["user"]["tz"] == "Asia/Tehran"


def test_history_is_newest_first_paged_and_shows_metadata_only_when_asked(
    client_and_sandbox: tuple,
) -> None:
    client, _, _ = client_and_sandbox
    tag = {"event_type": "checkin_bot_delivery", "event_payload": {"key": "k"}}
    posted = [
        client.chat_postMessage(channel="C1", text=f"m{n}", metadata=tag)["ts"] for n in range(3)
    ]
    client.chat_postMessage(channel="C1", text="reply", thread_ts=posted[0])

    first = client.conversations_history(channel="C1", limit=2, include_all_metadata=True)
    rest = client.conversations_history(
        channel="C1", limit=2, cursor=first["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in first["messages"]] == ["m2", "m1"]
    assert first["has_more"] and not rest["has_more"]
    assert [m["text"] for m in rest["messages"]] == ["m0"]  # thread replies are not history
    assert first["messages"][0]["metadata"] == tag and "metadata" not in rest["messages"][0]
    parent = client.conversations_history(channel="C1", latest=posted[1], inclusive=True, limit=1)
    assert [m["ts"] for m in parent["messages"]] == [posted[1]]
    newer = client.conversations_history(channel="C1", oldest=posted[1])
    assert [m["ts"] for m in newer["messages"]] == [posted[2]]


def test_history_is_as_strict_as_slack_about_channels_scopes_and_metadata(
    client_and_sandbox: tuple,
) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.add_channel("CSECRET", "secret", members=[sandbox.bot_user_id], private=True)
    sandbox.add_channel("COUT", "elsewhere", members=["U1"])

    def error(method: str, **args: object) -> str:
        with pytest.raises(SlackApiError) as failure:
            client.api_call(method, json=args)
        return str(failure.value.response["error"])

    assert error("conversations.history", channel="CNOPE") == "channel_not_found"
    assert error("conversations.history", channel="COUT") == "not_in_channel"
    sandbox.bot_scopes.discard("groups:history")
    assert error("conversations.history", channel="CSECRET") == "missing_scope"
    bad = {"event_type": "x", "event_payload": "not an object"}
    assert error("chat.postMessage", channel="C1", text="hi", metadata=bad) == (
        "invalid_metadata_format"
    )


def test_the_bot_reaches_only_the_conversations_it_is_in(client_and_sandbox: tuple) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.add_channel("GSECRET", "secret", members=["U1"], private=True)
    sandbox.add_channel("COUT", "elsewhere", members=["U1"])
    between = sandbox.dm_between("U1", "U2")

    def error(method: str, **args: object) -> str:
        with pytest.raises(SlackApiError) as failure:
            client.api_call(method, json=args)
        return str(failure.value.response["error"])

    assert error("chat.postMessage", channel="COUT", text="hi") == "not_in_channel"
    assert error("chat.postMessage", channel="GSECRET", text="hi") == "channel_not_found"
    assert error("chat.postMessage", channel=between, text="hi") == "channel_not_found"
    assert error("chat.postMessage", channel="DNOBODY", text="hi") == "channel_not_found"
    sandbox.invite("GSECRET", sandbox.bot_user_id)
    assert client.chat_postMessage(channel="GSECRET", text="hi")["ok"]
    assert error("chat.postEphemeral", channel="GSECRET", user="U2", text="hi") == (
        "user_not_in_channel"
    )


def test_a_method_needing_a_scope_the_manifest_lacks_is_refused(
    client_and_sandbox: tuple,
) -> None:
    client, _, _ = client_and_sandbox
    posted = client.chat_postMessage(channel="C1", text="hi")

    with pytest.raises(SlackApiError) as tick:
        client.reactions_add(channel="C1", timestamp=posted["ts"], name="white_check_mark")
    with pytest.raises(SlackApiError) as info:
        client.conversations_info(channel="C1")

    assert (tick.value.response["error"], tick.value.response["needed"]) == (
        "missing_scope",
        "reactions:write",
    )
    assert info.value.response["needed"] == "channels:read"
    assert "chat:write" in info.value.response["provided"].split(",")


def test_users_profile_get_gives_the_status_and_is_strict(client_and_sandbox: tuple) -> None:
    client, sandbox, _ = client_and_sandbox
    sandbox.set_status("U1", text="Vacationing", emoji=":palm_tree:", expires=1_800_000_000)

    profile = client.users_profile_get(user="U1")["profile"]
    cleared = client.users_profile_get(user="U2")["profile"]

    assert (profile["status_text"], profile["status_emoji"]) == ("Vacationing", ":palm_tree:")
    assert profile["status_expiration"] == 1_800_000_000
    assert (cleared["status_text"], cleared["status_expiration"]) == ("", 0)
    with pytest.raises(SlackApiError) as unknown:
        client.users_profile_get(user="UNOBODY")
    assert unknown.value.response["error"] == "user_not_found"
    sandbox.bot_scopes.discard("users.profile:read")
    with pytest.raises(SlackApiError) as unscoped:
        client.users_profile_get(user="U1")
    assert unscoped.value.response["needed"] == "users.profile:read"
