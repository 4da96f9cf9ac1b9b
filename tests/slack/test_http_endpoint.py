"""The HTTP endpoint: Slack's signature is required, retries are handled once, health checks."""

from __future__ import annotations

import socket
import time
import urllib.request
from contextlib import ExitStack
from urllib.parse import urlencode

import pytest

from bot.sandbox.driver import Signing
from tests.harness import BotHarness

FORM = "application/x-www-form-urlencoded"


def help_command(harness: BotHarness) -> bytes:
    return urlencode(
        {
            "team_id": "T0SANDBOX",
            "user_id": "U1",
            "channel_id": "D1",
            "command": "/goals",
            "text": "help",
            "response_url": harness.sandbox.response_url("D1", "U1"),
            "trigger_id": "1.2.3",
        }
    ).encode()


@pytest.mark.parametrize(
    ("signed", "secret", "age_seconds"),
    [
        pytest.param(False, None, 0, id="missing signature"),
        pytest.param(True, "not-the-secret", 0, id="wrong signature"),
        pytest.param(True, None, 301, id="stale: over five minutes old"),
    ],
)
def test_unsigned_or_forged_requests_get_401_and_do_nothing(
    harness: BotHarness, signed: bool, secret: str | None, age_seconds: int
) -> None:
    calls_before = len(harness.sandbox.calls)
    answer = harness.driver.post_signed(
        help_command(harness),
        FORM,
        signing=Signing(
            signed=signed, secret=secret, timestamp=str(int(time.time()) - age_seconds)
        ),
    )

    assert answer.status == 401
    assert harness.sandbox.calls[calls_before:] == []
    assert harness.sandbox.messages == []


def test_a_correctly_signed_request_is_accepted(harness: BotHarness) -> None:
    answer = harness.driver.post_signed(help_command(harness), FORM)

    assert answer.status == 200
    assert "/goals help" in str(harness.last_reply("U1").blocks)


def test_slack_retry_of_the_same_event_is_answered_once(harness: BotHarness) -> None:
    dm = harness.sandbox.im_channel("U1")
    stored = harness.sandbox.record_user_message(dm, "U1", "hello?", None)
    event = {
        "type": "message",
        "user": "U1",
        "text": stored.text,
        "ts": stored.ts,
        "channel": dm,
        "channel_type": "im",
        "event_ts": stored.ts,
    }

    first = harness.driver.event(event, event_id="Ev0RETRY")
    retry = harness.driver.event(event, event_id="Ev0RETRY", retry_num=1)

    assert (first.status, retry.status) == (200, 200)
    assert len(harness.dm("U1")) == 1


def test_health_check_answers_without_slack(harness: BotHarness) -> None:
    with urllib.request.urlopen(harness.url + "/healthz", timeout=5) as response:
        assert response.status == 200
    with urllib.request.urlopen(harness.url + "/readyz", timeout=5) as response:
        assert response.read() == b"ready\n"


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"payload=%7Bbroken", b"\xff\xfe\x00"],
    ids=["broken json", "broken payload", "binary"],
)
def test_malformed_signed_bodies_never_cause_a_server_error(
    harness: BotHarness, body: bytes
) -> None:
    content_type = "application/json" if body.startswith(b"{") else FORM
    answer = harness.driver.post_signed(body, content_type)

    assert answer.status < 500


def test_oversized_body_is_refused_with_413(harness: BotHarness) -> None:
    host, port = harness.url.removeprefix("http://").split(":")
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n"
        "Content-Length: 5000000\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(head.encode() + b"{" + b" " * 1000)
        status_line = connection.makefile("rb").readline()

    assert b" 413 " in status_line


def test_slow_clients_do_not_crowd_out_health_checks_or_slack(harness: BotHarness) -> None:
    """200 clients that send half a header and wait (as one sending a byte a second
    would) still leave room for /healthz and Slack's signed commands."""
    host, port = harness.url.removeprefix("http://").split(":")
    with ExitStack() as stack:
        for _ in range(200):
            slow = stack.enter_context(socket.create_connection((host, int(port)), timeout=5))
            slow.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nX-Slow: a")

        with urllib.request.urlopen(harness.url + "/healthz", timeout=5) as response:
            assert response.status == 200
        answer = harness.driver.post_signed(help_command(harness), FORM)

    assert answer.status == 200
    assert "/goals help" in str(harness.last_reply("U1").blocks)
