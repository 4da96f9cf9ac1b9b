"""Builds the Bolt app: one factory for Socket Mode, HTTP mode, the console and tests."""

from __future__ import annotations

import logging
import time
import uuid
from http import HTTPStatus

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

from bot.jobs.front import Front
from bot.jobs.job import FROM_QUEUE, JobQueue
from bot.listeners import register_all
from bot.observability import EVENTS, LATENCY, request_context, request_kind
from bot.services import Services
from bot.slack.client import make_client
from bot.slack.workspaces import oauth_settings


class _OneToken(logging.Filter):
    """Drops Bolt's warning that the client given wins over SLACK_BOT_TOKEN: Bolt reads that
    variable by itself, and our client (`make_client`) carries the same token, so the
    warning told an operator of a conflict at every start where there is none."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


_BOLT_LOGGER = logging.getLogger("checkin_bot.bolt")
_BOLT_LOGGER.addFilter(_OneToken())


class ObservedApp(App):
    """A Bolt app that counts and times every signed request, with ids in the log context.

    Bolt's middleware `next()` only marks the chain as continued, so a middleware
    cannot see the listener run; `dispatch` is where a whole request happens.
    """

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        body = req.body if isinstance(req.body, dict) else {}
        kind = request_kind(body)
        team = str(body.get("team_id") or (body.get("team") or {}).get("id") or "-")
        request_id = str(body.get("event_id") or body.get("trigger_id") or uuid.uuid4().hex[:12])
        started = time.perf_counter()
        answer: BoltResponse | None = None
        with request_context(team, request_id):
            try:
                answer = super().dispatch(req)
                return answer
            finally:
                # Only what Slack signed counts: a forged request must not move the metrics;
                # a job a worker runs was counted when the front acknowledged it.
                counted = answer is None or answer.status != HTTPStatus.UNAUTHORIZED
                if counted and not req.context.get(FROM_QUEUE):
                    EVENTS.labels(kind).inc()
                    LATENCY.labels(kind).observe(time.perf_counter() - started)


def create_app(
    services: Services, *, process_before_response: bool = False, queue: JobQueue | None = None
) -> App:
    """The bot's Bolt app with every listener registered.

    `process_before_response=True` finishes each listener before answering Slack; the
    console, tests and job workers use it so that the work is done when `dispatch`
    returns. With a `queue`, the app is an ack front: events, commands and clicks go on
    the queue and Slack is answered at once (`bot.jobs`).
    """
    app = ObservedApp(
        client=make_client(services),
        oauth_settings=oauth_settings(services) if services.settings.distributed else None,
        signing_secret=services.settings.SLACK_SIGNING_SECRET or "",
        process_before_response=process_before_response,
        logger=_BOLT_LOGGER,
    )
    if queue is not None:
        app.use(Front(queue))  # first: nothing else runs in the front for queued work
    register_all(app, services)
    return app
