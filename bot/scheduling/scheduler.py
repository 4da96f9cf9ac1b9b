"""APScheduler 3.11 drives the delivery runner; the schedule rows stay the source of truth.

One interval job ticks the runner, and a first tick runs at start: it sends what fell due
while the bot was down (or records it as skipped when too late). APScheduler's
own job store lives in memory only: it is never shared between replicas, and
nothing is lost with it, because the rows and the delivery claims are in the database.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from bot.observability import DELIVERIES
from bot.scheduling.deliveries import DeliveryRunner
from bot.services import Services
from bot.services.feeds import run_due_feeds
from bot.slack.workspaces import ClientsByWorkspace, token_works
from storage.api_tokens import forget_requests_before
from storage.purge import (
    expired_workspaces,
    forget_events_before,
    purge_workspace,
    still_expired,
    welcome_back,
)

log = logging.getLogger("checkin_bot.scheduler")

TICK = timedelta(seconds=30)
FEED_MINUTES = 1
"""How often due feeds are looked for; each feed is fetched every FEED_INTERVAL_MINUTES."""
EVENT_MEMORY = timedelta(days=1)
"""How long an event id is kept: Slack's retries come within minutes, so a day is plenty."""


def start_scheduler(runner: DeliveryRunner, *, tick: timedelta = TICK) -> BackgroundScheduler:
    """Start ticking in a background thread; returns the scheduler so the caller can stop it."""
    scheduler = BackgroundScheduler(timezone="UTC")

    def run_tick() -> None:
        report = runner.tick()
        for outcome in ("sent", "late", "skipped", "failed"):
            DELIVERIES.labels(outcome).inc(getattr(report, outcome))
        if report.sent or report.skipped or report.failed:
            log.info("deliveries: %s", report)

    def fetch_feeds() -> None:
        report = run_due_feeds(runner.services)
        for failure in report.failed:
            log.warning("feeds: %s", failure)
        if report.fetched or report.failed:
            log.info("feeds: %d fetched, %d values stored", report.fetched, report.stored)

    def retain() -> None:
        purge_expired(runner.services)
        forget_old_events(runner.services)

    # Missed intervals coalesce into one tick; a late tick still runs (the runner
    # judges lateness itself). Each job also runs once at start, to catch up, on the
    # scheduler's own clock: `services.now()` may be frozen (CHECKIN_BOT_NOW) at a
    # time the wall clock has not reached, and would postpone the catch-up until then.
    every: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    for job, name in ((run_tick, "deliveries"), (retain, "retention")):
        scheduler.add_job(job, id=f"{name}-at-start", **every)
    scheduler.add_job(run_tick, "interval", seconds=tick.total_seconds(), id="deliveries", **every)
    scheduler.add_job(retain, "interval", hours=6, id="retention", **every)
    scheduler.add_job(fetch_feeds, "interval", minutes=FEED_MINUTES, id="feeds", **every)
    scheduler.start()
    return scheduler


def forget_old_events(services: Services) -> int:
    """Drop the de-duplication records of events, and the API's idempotency keys, older
    than `EVENT_MEMORY`."""
    before = services.now() - EVENT_MEMORY
    with services.session() as session:
        forgotten = forget_events_before(session=session, before=before)
        forgotten += forget_requests_before(session=session, before=before)
    if forgotten:
        log.info("forgot %d event ids older than %s", forgotten, EVENT_MEMORY)
    return forgotten


def purge_expired(services: Services) -> int:
    """Delete the data of workspaces that uninstalled the app over 30 days ago and did not
    come back; returns how many were deleted.

    Each is checked again just before: a workspace whose token works again (reinstalled,
    though no request has said so yet) gets its mark cleared instead, and the purge
    itself re-reads the mark under a lock, in case a request cleared it meanwhile.
    """
    with services.session() as session:
        expired = expired_workspaces(session=session, now=services.now())
    clients, purged = ClientsByWorkspace(services), 0
    for team_id in expired:
        if token_works(clients, team_id):
            with services.session() as session:
                welcome_back(session=session, team_id=team_id)
            log.info("workspace %s installed the app again: its data stays", team_id)
            continue
        with services.session() as session:
            if not still_expired(session=session, team_id=team_id, now=services.now()):
                continue
            purge_workspace(session=session, team_id=team_id)
        purged += 1
        log.info("deleted the data of workspace %s, uninstalled over 30 days ago", team_id)
    return purged
