"""Socket Mode as careful as HTTP: every envelope acknowledged, only Slack-shaped payloads run.

Slack sends envelopes over the WebSocket (`events_api`, `slash_commands`,
`interactive`, plus `hello` and `disconnect` about the connection) and redelivers any
envelope not acknowledged with its `envelope_id`. Bolt's own handler acknowledges
only what its listeners answered with 200, reads the payload before checking it and
runs any envelope type as if it were an event. This handler acknowledges every
envelope that has an id, refuses unknown types and misshapen payloads with a one-line
warning, and hands the rest to Bolt with the same shape filter as the HTTP endpoint.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.socket_mode.base_handler import BaseSocketModeHandler
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.jobs.front import BUSY_STATUS
from bot.slack.shapes import shape_problem

logger = logging.getLogger("checkin_bot.socket_mode")

# What each kind of envelope may carry: the payload's `type` (a slash command has none).
_INTERACTIVE = ("block_actions", "block_suggestion", "view_submission", "view_closed",
                "shortcut", "message_action", "interactive_message", "dialog_submission",
                "dialog_cancellation")  # fmt: skip
_PAYLOAD_TYPES: dict[str, frozenset[str | None]] = {
    "events_api": frozenset({"event_callback"}),
    "slash_commands": frozenset({None}),
    "interactive": frozenset(_INTERACTIVE),
}


def envelope_problem(envelope: dict[str, Any]) -> str | None:
    """Why an envelope with an id must not run, or None when its payload may go to Bolt.

    Example:
        >>> envelope_problem({"type": "interactive", "payload": {"type": "event_callback"}})
        'an interactive envelope carrying a event_callback payload'
    """
    kind, payload = envelope.get("type"), envelope.get("payload")
    if not isinstance(kind, str) or kind not in _PAYLOAD_TYPES:
        return f"unknown envelope type {str(kind)[:40]!r}"
    if not isinstance(payload, dict):
        return "the payload is not an object"
    payload_type = payload.get("type") if "command" not in payload else None
    if not isinstance(payload_type, str | None) or payload_type not in _PAYLOAD_TYPES[kind]:
        return f"an {kind} envelope carrying a {str(payload_type)[:40]} payload"
    return shape_problem(payload)


def _retry_headers(envelope: dict[str, Any]) -> dict[str, str | Sequence[str]]:
    """Slack's retry marks as the HTTP headers Bolt and `@once` read (only when well formed)."""
    attempt, reason = envelope.get("retry_attempt"), envelope.get("retry_reason")
    headers: dict[str, str | Sequence[str]] = {}
    if isinstance(attempt, int) and not isinstance(attempt, bool):
        headers["x-slack-retry-num"] = str(attempt)
    if isinstance(reason, str):
        headers["x-slack-retry-reason"] = reason
    return headers


def _ack(envelope_id: str, answer: BoltResponse | None) -> SocketModeResponse:
    """The acknowledgement, with Bolt's answer (a modal's errors, a command's reply) if any."""
    if answer is None or answer.status != HTTPStatus.OK or not answer.body:
        return SocketModeResponse(envelope_id=envelope_id)
    if answer.headers.get("content-type", [""])[0].startswith("application/json"):
        return SocketModeResponse(envelope_id=envelope_id, payload=json.loads(answer.body))
    return SocketModeResponse(envelope_id=envelope_id, payload={"text": answer.body})


class _FramesClient(SocketModeClient):
    """The SDK's client, minus its traceback for a frame that is not JSON."""

    def enqueue_message(self, message: str) -> None:
        if message.startswith("{"):
            try:
                json.loads(message)
            except (ValueError, RecursionError):
                logger.warning("Socket Mode: ignored a frame that is not JSON: %.80r", message)
                return
        super().enqueue_message(message)


class SocketModeHandler(BaseSocketModeHandler):
    """Connects `app` to Slack over Socket Mode (`handler.start()` blocks, `connect()` not)."""

    def __init__(self, app: App, *, app_token: str) -> None:
        self.app = app
        self.client = _FramesClient(
            app_token=app_token, logger=app.logger, web_client=app.client, proxy=app.client.proxy
        )
        self.client.message_listeners.append(self._on_frame)

    def _on_frame(
        self, client: BaseSocketModeClient, envelope: dict[str, Any], _raw: str | None
    ) -> None:
        kind, envelope_id = envelope.get("type"), envelope.get("envelope_id")
        if kind in ("hello", "disconnect"):  # about the connection; the SDK handles both
            return
        if not isinstance(envelope_id, str) or not envelope_id:
            logger.warning("Socket Mode: ignored a frame with no envelope id to acknowledge")
            return
        answer: BoltResponse | None = None
        try:
            problem = envelope_problem(envelope)
            if problem is not None:
                logger.warning("Socket Mode: refused envelope %s: %s", envelope_id, problem)
                return
            request = BoltRequest(
                mode="socket_mode", body=envelope["payload"], headers=_retry_headers(envelope)
            )
            answer = self.app.dispatch(request)
        finally:  # acknowledged whatever happened (Slack would only send it again), except
            # when the job queue was full: then Slack sending it again later is the point
            if answer is None or answer.status != BUSY_STATUS:
                client.send_socket_mode_response(_ack(envelope_id, answer))
