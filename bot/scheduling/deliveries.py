"""Scheduled messages, sent exactly once: the policy every kind of delivery shares.

A *source* (reminders, digests) says what is due and how to send one item; the
`DeliveryRunner` decides whether to send it (claimed under a unique key first, so
no restart, retry or second replica sends it twice), how late is too late, and
what a permanent Slack error does.

A claim is a lease: a sender that dies or hangs holds it only until the lease runs
out, then any replica's tick takes it over. Only a delivery's outcome (sent, skipped,
given up) moves its schedule on. A message that an earlier try may have posted is
looked for in Slack, by the key in its metadata, before it is posted again.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.services import Services
from bot.slack.delivery_marks import delivery_metadata, find_posted
from bot.slack.errors import PERMANENT_ERRORS
from storage.deliveries import (
    DeliveryKey,
    claim_delivery,
    delivery_settled,
    get_delivery,
)
from storage.models import Delivery, DeliveryKind, DeliveryStatus
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
    attempt: int = 1  # over 1: an earlier try may have posted it (see `post_scheduled`)
    mark: str = ""  # tells a row's nudges (a follow-up, an escalation) from its reminder

    @property
    def period(self) -> str:
        return self.due_at.isoformat() + self.mark

    @property
    def what(self) -> tuple[DeliveryKind, int]:
        """Its kind and row, for the log."""
        return self.kind, self.row_id

    @property
    def key(self) -> DeliveryKey:
        """The delivery this occurrence is claimed as."""
        return DeliveryKey(self.team_id, self.kind, self.row_id, self.period)


@dataclass(frozen=True)
class Sent:
    """Where a delivered message landed (its thread is where replies arrive)."""

    channel_id: str
    ts: str
    found: bool = False  # posted by an earlier try, found in the channel instead of posted


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
        self.lease = timedelta(seconds=services.settings.DELIVERY_LEASE_SECONDS)

    def tick(self) -> TickReport:
        report = TickReport()
        now = self.services.now()
        for source in self.sources:
            try:
                items = self._due(source, now)
            except Exception:  # the database is away: the rows stay due for the next tick
                log.exception("could not read what %s is due", source.kind)
                continue
            if self.workers > 1 and len(items) > 1:
                with ThreadPoolExecutor(self.workers, thread_name_prefix="delivery") as pool:
                    outcomes = list(pool.map(lambda i, s=source: self._run_one(s, i, now), items))
            else:
                outcomes = [self._run_one(source, item, now) for item in items]
            for outcome in outcomes:
                _count(report, outcome)
        return report

    def _due(self, source: DueSource, now: datetime) -> list[Due]:
        """The source's due items of workspaces the bot still serves (the others move on)."""
        serving: dict[str, bool] = {}
        with self.services.session() as session:
            items = list(source.due(session, now, BATCH))
            for team_id in {item.team_id for item in items}:
                serving[team_id] = is_serving(session=session, team_id=team_id)
            for item in items:
                if not serving[item.team_id]:  # uninstalled: send nothing, ever
                    source.reschedule(session, item, now)
        return [item for item in items if serving[item.team_id]]

    def _run_one(self, source: DueSource, item: Due, now: datetime) -> str:
        """Claim, send and record one item; returns what happened (a `TickReport` field).

        Whatever goes wrong (Slack, the token's refresh, the database) is this item's
        failure: recorded when the database lets us, else left to the claim's lease, and
        tried again by a later tick; the other items go on.
        """
        try:
            return self._claim_and_send(source, item, now)
        except Exception:
            log.exception("delivering %s %s failed; a later tick retries", *item.what)
            return "failed"

    def _claim_and_send(self, source: DueSource, item: Due, now: datetime) -> str:
        claimed = self._claim(source, item, now)
        if isinstance(claimed, str):
            return claimed
        # The claim is committed before sending: another replica now stands down.
        crash_point("after_claim")
        late = now - item.due_at > ON_TIME_GRACE
        tried = self._send(source, replace(item, attempt=claimed.attempts), late, now)
        if tried.sent is not None:
            crash_point("after_post")
        with self.services.session() as session:
            stored = get_delivery(
                session=session, team_id=item.team_id, delivery_id=claimed.id or 0
            )
            if stored is not None:
                stored.status, stored.error, stored.late = tried.status, tried.error, late
                if tried.status is DeliveryStatus.FAILED:
                    stored.failures += 1
                if tried.sent is not None:
                    stored.sent_at = now
                    stored.channel_id, stored.message_ts = tried.sent.channel_id, tried.sent.ts
            if tried.error in PERMANENT_ERRORS and tried.client is not None:
                source.on_permanent_failure(session, item, tried.error or "", tried.client, now)
            elif tried.status is DeliveryStatus.FAILED and stored is not None:
                # Still due: the next tick (here or on a replica) takes the claim over, until
                # the occurrence is LATE_LIMIT late and is recorded as skipped.
                log.warning("sending %s %s failed (%s); trying again", *item.what, tried.error)
            else:
                source.reschedule(session, item, now)
        if tried.sent is not None:
            crash_point("after_mark")
        if tried.status is not DeliveryStatus.SENT:
            return tried.status  # "skipped" (nothing to send) or "failed"
        return "late" if late else "sent"

    def _claim(self, source: DueSource, item: Due, now: datetime) -> Delivery | str:
        """Our claim on the item, or what happened instead (a `TickReport` field)."""
        lateness = now - item.due_at
        with self.services.session() as session:
            claim = claim_delivery(
                session=session, key=item.key, claimed_by=self.worker, now=now, lease=self.lease
            )
            if claim is None:
                # Held elsewhere: only its holder's outcome moves the schedule on.
                if delivery_settled(session=session, key=item.key):
                    source.reschedule(session, item, now)
                return "already_claimed"
            if lateness > LATE_LIMIT:
                claim.status = DeliveryStatus.SKIPPED
                claim.error = f"{lateness} late when the bot got to it"
                source.reschedule(session, item, now)
                log.warning("skipped %s %s: %s", *item.what, claim.error)
                return "skipped"
            session.expunge(claim)  # read after the session ends: id and attempts
            return claim

    def _send(self, source: DueSource, item: Due, late: bool, now: datetime) -> _Try:
        """One try at sending: the client (found or refreshed here) and the post."""
        client = None
        try:
            client = self.client_for(item.team_id)
            outcome = source.send(item, late=late, client=client, now=now)
        except SlackApiError as exc:
            return _Try(
                DeliveryStatus.FAILED, str(exc.response.get("error") or "slack_error"), client
            )
        except Exception as exc:  # a timeout, a refused token refresh: tried again later
            log.exception("sending %s %s failed", *item.what)
            return _Try(DeliveryStatus.FAILED, type(exc).__name__, client)
        if isinstance(outcome, Sent):
            return _Try(DeliveryStatus.SENT, None, client, outcome)
        return _Try(
            DeliveryStatus.SKIPPED, outcome.reason if outcome else "nothing to send", client
        )


@dataclass(frozen=True)
class _Try:
    """How one try at sending went."""

    status: DeliveryStatus
    error: str | None
    client: WebClient | None
    sent: Sent | None = None


def post_scheduled(
    client: WebClient, due: Due, *, channel: str, text: str, blocks: list[dict[str, Any]]
) -> Sent:
    """Post a scheduled message once: tagged with its delivery key, and, when an earlier try
    may have posted it (a crash, a timeout, a 5xx), looked for in the channel first."""
    if due.attempt > 1:
        found = find_posted(client, channel, due.key, since=due.due_at)
        if found is not None:
            log.info("%s %s was posted by an earlier try: not again", *due.what)
            return Sent(*found, found=True)
    metadata = delivery_metadata(due.key)
    answer = client.chat_postMessage(channel=channel, text=text, blocks=blocks, metadata=metadata)
    return Sent(str(answer["channel"]), str(answer["ts"]))


CRASH_AT = "CHECKIN_BOT_CRASH_AT"
"""Tests only: `after_claim`, `after_post` or `after_mark` (its outcome committed) kills the
process there (kill -9), to prove that a delivery survives a crash at that step."""


def crash_point(step: str) -> None:
    if os.environ.get(CRASH_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _count(report: TickReport, outcome: str) -> None:
    if outcome == "late":
        report.sent += 1
        report.late += 1
    else:
        setattr(report, outcome, getattr(report, outcome) + 1)
