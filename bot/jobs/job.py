"""One job: a Slack request the front accepted, and how a worker runs it through Bolt."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Protocol

from slack_bolt import App, BoltRequest

from bot.slack.once import delivery_id

logger = logging.getLogger("checkin_bot.jobs")

FROM_QUEUE = "checkin_job"  # the context mark of a request a worker runs (the front lets it by)
_RETRY_HEADERS = ("x-slack-retry-num", "x-slack-retry-reason")


@dataclass(frozen=True)
class Job:
    """A Slack payload (as Bolt parsed it) and the retry marks `@once` and Bolt read."""

    body: dict[str, Any]
    headers: dict[str, str]

    @classmethod
    def of(cls, request: BoltRequest) -> Job:
        headers = {
            name: request.headers[name][0] for name in _RETRY_HEADERS if name in request.headers
        }
        return cls(body=request.body, headers=headers)

    @property
    def key(self) -> str | None:
        """What names this delivery (an event id, a command's trigger), for de-duplication."""
        return delivery_id(self.body)

    @property
    def urgent(self) -> bool:
        """A person is waiting on a command or a click (and its trigger id lasts 3 seconds)."""
        return "command" in self.body or self.body.get("type") == "block_actions"

    def to_bytes(self) -> bytes:
        return json.dumps({"body": self.body, "headers": self.headers}).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Job:
        loaded = json.loads(data)
        return cls(body=loaded["body"], headers=loaded["headers"])


def is_queued_kind(body: dict[str, Any]) -> bool:
    """Work that Slack needs no answer for beyond the ack: events, slash commands, clicks.

    Forms (`view_submission`) and option lists (`block_suggestion`) answer in the ack
    itself, so the front runs them; they read and check, and acknowledge promptly.
    """
    return body.get("type") in ("event_callback", "block_actions") or "command" in body


class JobQueue(Protocol):
    """Where the front puts jobs; `put` is False when the queue is full."""

    def put(self, job: Job) -> bool: ...

    def depth(self) -> int: ...

    def close(self) -> None: ...


def run_job(app: App, job: Job) -> None:
    """Run a job's listeners to the end (the worker's app processes before it responds)."""
    request = BoltRequest(
        body=job.body, headers=dict(job.headers), context={FROM_QUEUE: True}, mode="socket_mode"
    )
    answer = app.dispatch(request)
    if answer.status not in (HTTPStatus.OK, HTTPStatus.NOT_FOUND):  # 404: nothing listens
        kind = job.body.get("type") or "command"
        logger.warning("a queued %s job ended with HTTP %d", kind, answer.status)
