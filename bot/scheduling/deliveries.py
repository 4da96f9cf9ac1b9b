"""Scheduled messages, sent exactly once: the policy every kind of delivery shares.

A *source* (reminders, digests) says what is due and how to send one item; the
`DeliveryRunner` decides whether to send it (claimed under a unique key first, so
no restart, retry or second replica sends it twice), how late is too late, and
what a permanent Slack error does.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.services import Services
from bot.slack.errors import PERMANENT_ERRORS
from storage import repo
from storage.models import DeliveryKind, DeliveryStatus
from storage.purge import is_serving

log = logging.getLogger("checkin_bot.deliveries")

LATE_LIMIT = timedelta(hours=12)  # older than this when we get to it: skipped, and recorded
ON_TIME_GRACE = timedelta(minutes=5)  # later than this: sent, but marked as late
BATCH = 500  # due items taken per source per tick; the rest wait for the next tick


@dataclass(frozen=True)
class Due:
    """One scheduled message that has fallen due."""

    team_id: str
    kind: DeliveryKind
    row_id: int  # the schedule (REMINDER) or subscription (DIGEST) row, stable across runs
    due_at: datetime  # the occurrence it answers (aware UTC)

    @property
    def period(self) -> str:
        return self.due_at.isoformat()

    @property
    def key(self) -> repo.DeliveryKey:
        """The delivery this occurrence is claimed as."""
        return repo.DeliveryKey(self.team_id, self.kind, self.row_id, self.period)


@dataclass(frozen=True)
class Sent:
    """Where a delivered message landed (its thread is where replies arrive)."""

    channel_id: str
    ts: str


@dataclass(frozen=True)
class NotSent:
    """Nothing went out, on purpose (the goal was achieved, its owner is away): recorded."""

    reason: str


class DueSource(Protocol):
    """A kind of scheduled message (reminders, digests)."""

    kind: DeliveryKind

    def due(self, session: Session, now: datetime, limit: int) -> Sequence[Due]:
        """Items whose time has come (an indexed query on next_run_at, never a full scan)."""
        ...

    def send(
        self, due: Due, *, late: bool, client: WebClient, now: datetime
    ) -> Sent | NotSent | None:
        """Post the message; `NotSent` (or None) when there turned out to be nothing to send."""
        ...

    def reschedule(self, session: Session, due: Due, now: datetime) -> None:
        """Move the row to its next occurrence after both `due.due_at` and `now`."""
        ...

    def on_permanent_failure(
        self, session: Session, due: Due, error: str, client: WebClient, now: datetime
    ) -> None:
        """Stop retrying: pause the row and tell someone why."""
        ...


@dataclass
class TickReport:
    """What one tick did; the scheduler logs it and tests assert on it."""

    sent: int = 0
    late: int = 0
    skipped: int = 0
    failed: int = 0
    already_claimed: int = 0


def worker_name() -> str:
    """Who claimed a delivery: host and process, for the operator reading the table."""
    return f"{socket.gethostname()}:{os.getpid()}"


class DeliveryRunner:
    """Runs every source's due items once per tick.

    With `workers` > 1 a source's items are sent concurrently (e.g. digests for many
    channels at once); a source paces messages to any one channel itself.
    """

    def __init__(
        self,
        services: Services,
        client: Callable[[str], WebClient],
        sources: Sequence[DueSource],
        *,
        worker: str | None = None,
        workers: int = 1,
    ) -> None:
        self.services = services
        self.client_for = client  # team_id -> a Web API client for that workspace
        self.sources = list(sources)
        self.worker = worker or worker_name()
        self.workers = max(1, workers)

    def tick(self) -> TickReport:
        report = TickReport()
        now = self.services.now()
        serving: dict[str, bool] = {}
        for source in self.sources:
            with self.services.session() as session:
                items = list(source.due(session, now, BATCH))
                for team_id in {item.team_id for item in items} - serving.keys():
                    serving[team_id] = is_serving(session=session, team_id=team_id)
                for item in items:
                    if not serving[item.team_id]:  # uninstalled: send nothing, ever
                        source.reschedule(session, item, now)
            items = [item for item in items if serving[item.team_id]]
            if self.workers > 1 and len(items) > 1:
                with ThreadPoolExecutor(self.workers, thread_name_prefix="delivery") as pool:
                    outcomes = list(pool.map(lambda i, s=source: self._run_one(s, i, now), items))
            else:
                outcomes = [self._run_one(source, item, now) for item in items]
            for outcome in outcomes:
                _count(report, outcome)
        return report

    def _run_one(self, source: DueSource, item: Due, now: datetime) -> str:
        """Claim, send and record one item; returns what happened (a `TickReport` field)."""
        lateness = now - item.due_at
        with self.services.session() as session:
            claim = repo.claim_delivery(
                session=session, key=item.key, claimed_by=self.worker, now=now
            )
            if claim is None:
                source.reschedule(session, item, now)
                return "already_claimed"
            if lateness > LATE_LIMIT:
                claim.status = DeliveryStatus.SKIPPED
                claim.error = f"{lateness} late when the bot got to it"
                source.reschedule(session, item, now)
                log.warning("skipped %s %s: %s", item.kind, item.row_id, claim.error)
                return "skipped"
        # The claim is committed before sending: another replica now stands down.
        late = lateness > ON_TIME_GRACE
        client = self.client_for(item.team_id)
        status, error, sent = DeliveryStatus.SENT, None, None
        try:
            outcome = source.send(item, late=late, client=client, now=now)
            if isinstance(outcome, Sent):
                sent = outcome
            else:
                status = DeliveryStatus.SKIPPED
                error = outcome.reason if outcome else "nothing to send"
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "slack_error")
            status = DeliveryStatus.FAILED
        except Exception as exc:  # one broken item must not stop the others
            log.exception("sending %s %s failed", item.kind, item.row_id)
            error, status = type(exc).__name__, DeliveryStatus.FAILED
        with self.services.session() as session:
            stored = repo.get_delivery(
                session=session, team_id=item.team_id, delivery_id=claim.id or 0
            )
            if stored is not None:
                stored.status, stored.error, stored.late = status, error, late
                if sent is not None:
                    stored.sent_at, stored.channel_id, stored.message_ts = (
                        now,
                        sent.channel_id,
                        sent.ts,
                    )
            if error in PERMANENT_ERRORS:
                source.on_permanent_failure(session, item, error or "", client, now)
            elif status is DeliveryStatus.FAILED and claim.attempts < repo.DELIVERY_ATTEMPTS:
                # Still due: the next tick (here or on a replica) takes the claim over.
                log.warning(
                    "sending %s %s failed (%s); trying again", item.kind, item.row_id, error
                )
            else:
                source.reschedule(session, item, now)
        if status is not DeliveryStatus.SENT:
            return status  # "skipped" (nothing to send) or "failed"
        return "late" if late else "sent"


def _count(report: TickReport, outcome: str) -> None:
    if outcome == "late":
        report.sent += 1
        report.late += 1
    else:
        setattr(report, outcome, getattr(report, outcome) + 1)
