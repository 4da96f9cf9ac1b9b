"""The two shapes: `run` as an ack front (with in-process workers by default), and `worker`."""

from __future__ import annotations

import functools
import gc
import logging
import sys

from slack_bolt import App

from bot.config import ConfigError
from bot.jobs.ack_first import AckFirst
from bot.jobs.job import JobQueue, run_job
from bot.services import Services
from bot.slack.app import create_app

logger = logging.getLogger("checkin_bot")

IN_PROCESS_SWITCH_SECONDS = 0.001
# The front is flooded while 8 of Slack's requests came within 20 ms (400 a second;
# bench/load.py's steady 150 a second never is). A window this wide outlasts the few ms
# the process is off the CPU on a busy machine: 3 within 6 ms let the job threads in
# after each such pause. Job threads then step aside for up to 0.1 s before each job
# and database transaction (bot/jobs/ack_first.py).
ACK_BURST = 8
ACK_WINDOW_SECONDS = 0.02
ACK_PATIENCE_SECONDS = 0.1


def _postgres_url(services: Services) -> str:
    url = services.settings.DATABASE_URL
    if not url.startswith("postgresql"):
        raise ConfigError(
            "JOB_QUEUE=postgres needs DATABASE_URL to be PostgreSQL: "
            "use JOB_QUEUE=in-process with SQLite."
        )
    return url


def create_front(services: Services, ack_first: AckFirst | None = None) -> App:
    """The app `checkin-bot run` serves: it verifies, enqueues and acknowledges at once.

    With the in-process queue and `ack_first`, its job threads step aside for the front.
    """
    settings = services.settings
    queue: JobQueue
    if settings.JOB_QUEUE == "postgres":
        from bot.jobs.postgres_queue import PostgresQueue
        from bot.jobs.worker import install_queue

        url = _postgres_url(services)
        install_queue(url)
        queue = PostgresQueue(url, limit=settings.JOB_QUEUE_LIMIT)
    else:
        from bot.jobs.queues import InProcessQueue

        # Worker threads hold the GIL for its whole switch interval (5 ms by default) while
        # an ack waits: 1 ms keeps acks quick beside them (saturated ack p99 9.9x -> 4.7x
        # bare Bolt's in bench/load.py, with 2 workers instead of 4).
        sys.setswitchinterval(IN_PROCESS_SWITCH_SECONDS)
        worker = create_app(services, process_before_response=True)
        if ack_first is not None:
            ack_first.install(services.engine)
        queue = InProcessQueue(
            functools.partial(run_job, worker),
            workers=settings.JOB_WORKERS,
            limit=settings.JOB_QUEUE_LIMIT,
            ack_first=ack_first,
        )
    return create_app(services, queue=queue)


def settle_heap() -> None:
    """Move every object start-up made out of the collector's sight (`gc.freeze`): a full
    collection then walks only what serving made since, not the hundreds of thousands of
    module objects, which made those collections the slow tail of answers."""
    gc.collect()
    gc.freeze()


def serve_front(services: Services, *, http: bool, host: str, port: int) -> None:
    """`checkin-bot run`: the front on Slack's HTTP endpoint, or in Socket Mode (blocking)."""
    ack_first = (
        AckFirst(
            burst=ACK_BURST,
            window_seconds=ACK_WINDOW_SECONDS,
            patience_seconds=ACK_PATIENCE_SECONDS,
        )
        if http and services.settings.JOB_QUEUE == "in-process"
        else None
    )
    app = create_front(services, ack_first)
    settle_heap()
    if http:
        from bot.slack.http import serve, unheeded

        logger.info("serving Slack's HTTP endpoint on %s:%d/slack/events", host, port)
        arrived = ack_first.arrived if ack_first else unheeded
        serve(app, services, host=host, port=port, arrived=arrived)
        return
    from bot.slack.socket_mode import SocketModeHandler

    logger.info("connecting to Slack in Socket Mode")
    SocketModeHandler(app, app_token=services.settings.SLACK_APP_TOKEN or "").start()


def run_worker(services: Services) -> None:
    """`checkin-bot worker`: run jobs from the PostgreSQL queue until stopped."""
    from bot.jobs.worker import install_queue, serve_worker

    settings = services.settings
    if settings.JOB_QUEUE != "postgres":
        raise ConfigError(
            "checkin-bot worker takes jobs from a PostgreSQL queue: set JOB_QUEUE=postgres "
            "(for `run` too); with the default in-process queue, `run` does the work itself."
        )
    url = _postgres_url(services)
    install_queue(url)
    app = create_app(services, process_before_response=True)
    settle_heap()
    serve_worker(
        app, url, threads=settings.JOB_WORKERS, heartbeat_seconds=settings.JOB_HEARTBEAT_SECONDS
    )
