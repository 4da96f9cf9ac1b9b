"""`checkin-bot worker`: takes Slack jobs from the PostgreSQL queue and runs them.

Any number of workers, on any machine that reaches the database, share one queue
(pgqueuer: `SELECT … FOR UPDATE SKIP LOCKED`, woken by `NOTIFY`). A worker sends a
heartbeat while it holds jobs; when it dies (even by `kill -9`), its jobs are taken
again once its heartbeat is `JOB_HEARTBEAT_SECONDS` old. A job may so run twice, and
`@once` makes the second run change and post nothing.

A worker listens for NOTIFY on a connection of its own: psycopg's `notifies()` holds its
connection while it waits (pgqueuer waits up to a second at a time), so on one shared
connection every dequeue, heartbeat and "done" waited behind it once the front stopped
enqueueing, and a worker drained a backlog at about 2 jobs a second.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import psycopg
from pgqueuer import PgQueuer, PsycopgDriver, Queries
from pgqueuer.models import Job as QueuedJob
from slack_bolt import App

from bot.jobs.job import Job, run_job
from bot.jobs.postgres_queue import ENTRYPOINT, libpq_url

logger = logging.getLogger("checkin_bot.jobs")


async def _install(dsn: str) -> None:
    connection = await psycopg.AsyncConnection.connect(dsn, autocommit=True)
    async with connection:
        queries = Queries(PsycopgDriver(connection))
        async with queries.schema_lock():  # the front and workers may start together
            if not await queries.schema_is_installed():
                await queries.install()
                logger.info("created the job queue's tables (pgqueuer)")


def install_queue(database_url: str) -> None:
    """Create pgqueuer's tables in the bot's database unless they are there."""
    asyncio.run(_install(libpq_url(database_url)))


class _ListenApart(PsycopgDriver):
    """pgqueuer's psycopg driver with its queries on a second connection (LISTEN stays here)."""

    def __init__(
        self, listen: psycopg.AsyncConnection[Any], queries: psycopg.AsyncConnection[Any]
    ) -> None:
        super().__init__(listen)
        self._queries = PsycopgDriver(queries)

    async def fetch(self, query: str, *args: object) -> list[dict[str, object]]:
        return await self._queries.fetch(query, *args)

    async def execute(self, query: str, *args: object) -> str:
        return await self._queries.execute(query, *args)


async def _work(app: App, dsn: str, *, threads: int, heartbeat: timedelta) -> None:
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(threads, thread_name_prefix="job")
    )
    listen = await psycopg.AsyncConnection.connect(dsn, autocommit=True)
    queries = await psycopg.AsyncConnection.connect(dsn, autocommit=True)
    async with listen, queries:
        pgq = PgQueuer(_ListenApart(listen, queries))

        @pgq.entrypoint(ENTRYPOINT)
        async def slack(queued: QueuedJob) -> None:
            if queued.payload is not None:
                await asyncio.to_thread(run_job, app, Job.from_bytes(queued.payload))

        for stop in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(stop, pgq.shutdown.set)
        logger.info("worker taking Slack jobs, %d at a time", threads)
        await pgq.run(
            batch_size=threads, max_concurrent_tasks=2 * threads, heartbeat_timeout=heartbeat
        )


def serve_worker(app: App, database_url: str, *, threads: int, heartbeat_seconds: int) -> None:
    """Run jobs until SIGTERM or SIGINT (then finish those in hand)."""
    dsn = libpq_url(database_url)
    asyncio.run(_work(app, dsn, threads=threads, heartbeat=timedelta(seconds=heartbeat_seconds)))
