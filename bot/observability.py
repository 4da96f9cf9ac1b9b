"""Metrics for Prometheus and structured logs that carry the workspace and request id.

Secrets never reach a log: every record passes `RedactSecrets`, which masks Slack
tokens by their shape and the configured signing secret by its value.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry()
EVENTS = Counter(
    "checkin_events_handled", "Slack requests handled, by kind", ["kind"], registry=REGISTRY
)
LATENCY = Histogram(
    "checkin_handler_seconds",
    "Time from receiving a Slack request to answering it",
    ["kind"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
API_ERRORS = Counter(
    "checkin_slack_api_errors",
    "Slack Web API errors, by method and error",
    ["method", "error"],
    registry=REGISTRY,
)
DELIVERIES = Counter(
    "checkin_deliveries",
    "Scheduled messages by outcome (sent, late, skipped, failed)",
    ["outcome"],
    registry=REGISTRY,
)

QUEUE_DEPTH = Gauge(
    "checkin_job_queue_depth", "Slack requests waiting for a worker", registry=REGISTRY
)
QUEUE_REFUSED = Counter(
    "checkin_job_queue_refused",
    "Slack requests refused because the job queue was full (events are resent by Slack)",
    registry=REGISTRY,
)

team_var: ContextVar[str] = ContextVar("team_id", default="-")
request_var: ContextVar[str] = ContextVar("request_id", default="-")


def metrics_text() -> bytes:
    """The Prometheus exposition of this process's metrics."""
    return generate_latest(REGISTRY)


# The label values a metric may carry: a fixed set each, so that what a request or Slack
# says can never add a time series (anything else is counted as "other").
KINDS = frozenset(
    {"command", "block_actions", "block_suggestion", "view_submission", "view_closed",
     "shortcut", "message_action", "event:message", "event:app_mention",
     "event:app_home_opened", "event:app_uninstalled", "event:tokens_revoked"}
)  # fmt: skip
API_ERROR_CODES = frozenset(
    {"ratelimited", "not_in_channel", "channel_not_found", "missing_scope", "invalid_auth",
     "not_authed", "account_inactive", "token_revoked", "token_expired", "user_not_found",
     "is_archived", "msg_too_long", "invalid_blocks", "expired_trigger_id", "invalid_arguments",
     "cant_update_message", "message_not_found", "no_permission", "fatal_error",
     "internal_error", "service_unavailable", "request_timeout"}
)  # fmt: skip
OTHER = "other"


def bounded(value: str, allowed: frozenset[str]) -> str:
    """`value` when it is one of `allowed`, else "other".

    Example:
        >>> bounded("command", KINDS), bounded("event:" + "x" * 40, KINDS)
        ('command', 'other')
    """
    return value if value in allowed else OTHER


def request_kind(body: dict[str, Any]) -> str:
    """A short label for what Slack sent: `command`, `event:<type>`, `block_actions`...,
    or `other`."""
    if body.get("command"):
        return "command"
    if body.get("type") == "event_callback":
        event = body.get("event")
        return bounded("event:" + str(event.get("type") if isinstance(event, dict) else ""), KINDS)
    return bounded(str(body.get("type")), KINDS)


@contextmanager
def request_context(team_id: str, request_id: str) -> Iterator[None]:
    """Tag every log record written inside with the workspace and request id."""
    team_token, request_token = team_var.set(team_id or "-"), request_var.set(request_id)
    try:
        yield
    finally:
        team_var.reset(team_token)
        request_var.reset(request_token)


_TOKEN = re.compile(r"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+")
# OAuth's one-time `code` and `state` (as a dict or JSON key's value, or a URL parameter):
# short-lived, but a code with the client secret buys a bot token.
_OAUTH_VALUE = re.compile(
    r"""(?P<key>(?P<q>['"])(?:code|state)(?P=q)\s*:\s*\[?\s*['"]?|[?&](?:code|state)=)[^'"&\s\]},]+"""
)
_SHORTEST_SECRET = 8  # characters; masking a shorter value would blank out ordinary words


class RedactSecrets(logging.Filter):
    """Masks Slack tokens, OAuth codes and states, and the configured secrets in every
    message and argument."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s and len(s) >= _SHORTEST_SECRET]

    def _clean(self, text: str) -> str:
        text = _TOKEN.sub("[redacted-token]", text)
        text = _OAUTH_VALUE.sub(r"\g<key>[redacted]", text)
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._clean(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self._clean(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, workspace, request id, message."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "team_id": team_var.get(),
            "request_id": request_var.get(),
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, *, secrets: list[str], json_lines: bool) -> None:
    """Send logs to stderr, redacted, as JSON lines (for `run`) or plain text (console)."""
    handler = logging.StreamHandler()
    handler.addFilter(RedactSecrets(secrets))
    handler.setFormatter(
        JsonFormatter() if json_lines else logging.Formatter("%(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    if root.level > logging.DEBUG:
        logging.getLogger("alembic").setLevel(logging.WARNING)
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per tick is noise
