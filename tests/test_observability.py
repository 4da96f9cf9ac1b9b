"""Operations: /metrics counts what happened, /readyz knows the schema, logs never leak secrets."""

from __future__ import annotations

import io
import json
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.errors import SlackApiError

from bot.observability import configure_logging
from bot.slack.client import make_client
from bot.slack.http import BackgroundServer, make_wsgi_app
from tests.harness import BotHarness, make_services


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text (0 when absent)."""
    for line in text.splitlines():
        match = re.fullmatch(r"(\w+)(?:\{(.*)\})? (\S+)", line)
        if match and match.group(1) == name:
            found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
            if found == labels:
                return float(match.group(3))
    return 0.0


def test_metrics_count_handled_requests_and_their_latency(harness: BotHarness) -> None:
    before = metric(
        fetch(harness.url + "/metrics")[1], "checkin_events_handled_total", kind="command"
    )

    harness.driver.command("U1", "/goals", "help")
    status, text = fetch(harness.url + "/metrics")

    assert status == 200
    assert metric(text, "checkin_events_handled_total", kind="command") == before + 1
    assert metric(text, "checkin_handler_seconds_count", kind="command") >= 1


def test_metrics_count_slack_api_errors_by_method(harness: BotHarness) -> None:
    before = metric(
        fetch(harness.url + "/metrics")[1],
        "checkin_slack_api_errors_total",
        method="chat.postMessage",
        error="channel_not_found",
    )
    harness.sandbox.fail("chat.postMessage", "channel_not_found")

    with pytest.raises(SlackApiError):
        make_client(harness.services).chat_postMessage(channel="C1", text="hi")

    after = metric(
        fetch(harness.url + "/metrics")[1],
        "checkin_slack_api_errors_total",
        method="chat.postMessage",
        error="channel_not_found",
    )
    assert after == before + 1


def test_readyz_reports_pending_migrations(harness: BotHarness, tmp_path: Path) -> None:
    from bot.clock import FrozenClock
    from storage.db import make_engine

    unmigrated = make_services(
        make_engine(f"sqlite:///{tmp_path}/new.db"), FrozenClock(harness.clock.now())
    )
    with BackgroundServer(make_wsgi_app(harness.app, unmigrated)) as server:
        status, text = fetch(server.url + "/readyz")

    assert (status, text) == (503, "migrations pending\n")
    assert fetch(harness.url + "/readyz") == (200, "ready\n")


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    stream = io.StringIO()
    yield stream
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


def test_logs_are_json_with_workspace_and_request_and_never_hold_secrets(
    harness: BotHarness, captured_logs: io.StringIO
) -> None:
    settings = harness.services.settings
    configure_logging("DEBUG", secrets=[settings.SLACK_SIGNING_SECRET or ""], json_lines=True)
    logging.getLogger().handlers[0].setStream(captured_logs)  # type: ignore[attr-defined]

    harness.driver.command("U1", "/goals", "help")
    logging.getLogger("checkin_bot.test").info(
        "leak attempt %s %s", settings.SLACK_BOT_TOKEN, settings.SLACK_SIGNING_SECRET
    )

    output = captured_logs.getvalue()
    assert output
    assert settings.SLACK_BOT_TOKEN not in output
    assert settings.SLACK_SIGNING_SECRET not in output
    assert "xapp-" not in output
    records = [json.loads(line) for line in output.splitlines()]
    assert any(r["team_id"] == "T0SANDBOX" and r["request_id"] != "-" for r in records)
    assert records[-1]["message"] == "leak attempt [redacted-token] [redacted]"
