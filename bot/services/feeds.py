"""Goals that follow a CSV URL: `/goals feed #3 <url>` (or `off`), and the tick that
fetches the due feeds and stores their new rows as check-ins (source `feed`).

Each tick claims the feeds it fetches (`storage.feeds.claim_due_feeds`, a lease), so
two replicas never fetch one feed at once; a day's value already stored from a file or
feed is skipped (`bot.services.analytics_checkins`), so a feed that repeats its rows,
or a fetch retried after a crash, stores each value once. A fetch that outlives its
lease, racing the replica that claims the feed next, still stores each day once: the
database keeps one value per goal and day, and the loser reads again. A feed's problem (refused
address, timeout, bad rows) is kept on it and stores nothing; `/goals feed #3` shows it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from sqlmodel import Session

from bot.core.analytics_files import (
    AnalyticsFile,
    Problems,
    Series,
    describe_problems,
    read_analytics_file,
)
from bot.core.values import CheckInSource
from bot.services import Services
from bot.services.analytics_checkins import Given, measures, store_points, stored_once
from bot.services.feed_fetch import AddressProblem, NotModified, check_url, fetch_csv
from bot.services.permissions import Refusal, Refused, Requester, can_change, refusal
from storage import feeds as feed_store
from storage import repo
from storage.goal_histories import goal_histories
from storage.models import Goal, GoalFeed

log = logging.getLogger("checkin_bot.feeds")

BATCH = 50
"""Feeds claimed per tick; the rest wait for the next one."""

PROBLEMS_KEPT = 3
"""Problems of a feed's file kept to show; the rest are counted."""


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a goal follows: its URL, and the last fetch's problem ("" when it went well)."""

    goal_number: int
    title: str
    url: str | None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class BadAddress:
    """The URL cannot be followed, and why."""

    reason: AddressProblem


@dataclass
class FeedReport:
    """What one tick of the feeds did."""

    fetched: int = 0
    unchanged: int = 0
    stored: int = 0
    failed: list[str] = field(default_factory=list)


def follow(
    services: Services, by: Requester, *, goal_id: int, url: str | None
) -> FeedState | BadAddress | Refused:
    """Make the goal follow `url` (None: stop following); fetched at the next tick."""
    if url is not None and (
        reason := check_url(url, allow_private=services.settings.FEED_ALLOW_PRIVATE)
    ):
        return BadAddress(reason)
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=by.team_id, goal_id=goal_id)
        if goal is None:
            return Refused(Refusal.GOAL_GONE)
        if not can_change(goal, by):
            return refusal(goal)
        if url is None:
            feed_store.stop_feed(session=session, team_id=by.team_id, goal_id=goal_id)
        else:
            now = services.now()
            feed = GoalFeed(
                team_id=by.team_id, goal_id=goal_id, url=url, created_by=by.user_id,
                next_fetch_at=now, created_at=now,
            )  # fmt: skip
            feed_store.set_feed(session=session, feed=feed)
        return FeedState(goal.number or 0, goal.title, url)


def feed_of(services: Services, *, team_id: str, goal_id: int) -> FeedState | None:
    """The URL a goal follows and how its last fetch went; None for no such goal."""
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        if goal is None:
            return None
        feed = feed_store.get_feed(session=session, team_id=team_id, goal_id=goal_id)
        url, problem = (feed.url, feed.last_problem) if feed else (None, "")
        return FeedState(goal.number or 0, goal.title, url, problem)


def run_due_feeds(services: Services) -> FeedReport:
    """Fetch every due feed once and store its new values; one feed's failure is its own."""
    now, report = services.now(), FeedReport()
    lease = timedelta(seconds=services.settings.DELIVERY_LEASE_SECONDS)
    with services.session() as session:
        claimed = feed_store.claim_due_feeds(session=session, now=now, lease=lease, limit=BATCH)
        session.expunge_all()
    for feed in claimed:
        problem = _fetch_one(services, feed, report)
        if problem:
            report.failed.append(f"feed of goal {feed.goal_id}: {problem}")
    return report


def _fetch_one(services: Services, feed: GoalFeed, report: FeedReport) -> str:
    settings = services.settings
    next_at = services.now() + timedelta(minutes=settings.FEED_INTERVAL_MINUTES)
    got = fetch_csv(
        feed.url,
        validators=(feed.etag, feed.last_modified),
        allow_private=settings.FEED_ALLOW_PRIVATE,
    )
    if isinstance(got, NotModified):
        report.unchanged += 1
    elif not isinstance(got, str):
        report.fetched += 1

    def record() -> str:
        validators: tuple[str | None, str | None] | None = None
        with services.session() as session:
            if isinstance(got, NotModified):
                problem = ""
            elif isinstance(got, str):
                problem = got
            else:
                name = urlsplit(feed.url).path.rsplit("/", 1)[-1]
                found = read_analytics_file(got.content, name)
                problem = _store(services, session, feed, found, report)
                validators = (got.etag, got.last_modified) if not problem else None
            feed_store.finish_fetch(
                session=session, feed_id=feed.id or 0, validators=validators, problem=problem,
                next_at=next_at,
            )  # fmt: skip
        return problem

    return stored_once(record)


def _store(
    services: Services,
    session: Session,
    feed: GoalFeed,
    found: AnalyticsFile | Problems,
    report: FeedReport,
) -> str:
    if not isinstance(found, AnalyticsFile):
        shown = describe_problems(found)
        more = f" (and {len(shown) - PROBLEMS_KEPT} more)" if len(shown) > PROBLEMS_KEPT else ""
        return "; ".join(shown[:PROBLEMS_KEPT]) + more
    [history] = goal_histories(session=session, team_id=feed.team_id, goal_ids=[feed.goal_id])
    series = _series_for(history.goal, found)
    if series is None:
        return f"no column of the file measures {history.goal.metric_name or 'this goal'}"
    # Whoever set the feed was allowed to change the goal then; the feed acts for them.
    author = Requester(feed.team_id, feed.created_by, ask_is_admin=lambda: True)
    done = store_points(session, services, Given(author, CheckInSource.FEED), history, series)
    if not isinstance(done, tuple):
        session.rollback()
        return "a value in the file is impossible for this goal; nothing was stored"
    report.stored += done[0]
    return ""


def _series_for(goal: Goal, found: AnalyticsFile) -> Series | None:
    """The file's column measuring the goal's metric, or its only column."""
    fits = [s for s in found.series if measures(goal, s)]
    if fits:
        return fits[0]
    return found.series[0] if len(found.series) == 1 else None
