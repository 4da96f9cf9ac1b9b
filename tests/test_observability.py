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
from sqlalchemy import Engine, create_engine
from sqlalchemy import event as sqlalchemy_event

from bot.observability import configure_logging
from bot.sandbox.driver import Signing
from bot.slack.client import make_client
from bot.slack.http import BackgroundServer, make_wsgi_app
from tests.harness import BotHarness, make_services


def fetch(url: str, *, token: str | None = None) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=5
        ) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


UNSIGNED = Signing(signed=False)


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


def read_only(engine: Engine) -> Engine:
    """A second engine on the same database whose connections refuse every write."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "sqlite":
        refusing = create_engine(url)
        sqlalchemy_event.listen(
            refusing, "connect", lambda c, _r: c.execute("PRAGMA query_only = ON")
        )
        return refusing
    return create_engine(url, connect_args={"options": "-c default_transaction_read_only=on"})


def test_readyz_is_not_ready_when_the_database_refuses_writes(harness: BotHarness) -> None:
    refusing = read_only(harness.engine)
    services = make_services(refusing, harness.clock)
    with BackgroundServer(make_wsgi_app(harness.app, services)) as server:
        status, text = fetch(server.url + "/readyz")
    refusing.dispose()

    assert (status, text) == (503, "database refuses writes\n")
    assert fetch(harness.url + "/readyz") == (200, "ready\n")


def test_forged_requests_never_grow_the_metrics(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "help")
    before = fetch(harness.url + "/metrics")[1]

    for n in range(300):
        kind = f"kind-{n}-" + "x" * 30
        body = json.dumps({"type": "event_callback", "team_id": "T0SANDBOX",
                           "event": {"type": kind}}).encode()  # fmt: skip
        assert harness.driver.post_signed(body, "application/json", signing=UNSIGNED).status == 401
    harness.driver.event({"type": "made_up_event", "event_ts": "1.0"})  # signed, unknown

    after = fetch(harness.url + "/metrics")[1]
    assert "kind-" not in after and "made_up_event" not in after
    assert len(after) <= len(before) + 2000  # at most the one new "other" series
    # The registry is the process's: earlier tests in this worker may have counted "other".
    counted = [metric(t, "checkin_events_handled_total", kind="other") for t in (before, after)]
    assert counted[1] - counted[0] == 1


def test_a_metrics_token_guards_the_metrics(harness: BotHarness) -> None:
    services = make_services(harness.engine, harness.clock, METRICS_TOKEN="s3cret-metrics")
    with BackgroundServer(make_wsgi_app(harness.app, services)) as server:
        anonymous = fetch(server.url + "/metrics")
        wrong = fetch(server.url + "/metrics", token="guess")
        right = fetch(server.url + "/metrics", token="s3cret-metrics")

    assert (anonymous[0], wrong[0], right[0]) == (401, 401, 200)
    assert "checkin_events_handled" in right[1]
