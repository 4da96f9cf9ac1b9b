"""Check-ins from an analytics export or a CSV feed: which goal each series is for, what
would be new, and storing it through `record_values`, as every check-in is stored.

A series goes to the goal measuring its metric (and platform, when both say one): in
a reminder's thread, one of the goals the reminder asked about (a single series goes
to a single goal whatever its column is called); in the DM, one of the workspace's
goals the person may check in on, their own first. A day the goal already holds a
value for from a file or feed is skipped, so dropping the same export twice, or a
feed repeating its rows, stores each value once. A day's value is stored at noon in
the goal owner's time zone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.core.analytics_files import AnalyticsFile, Series
from bot.core.checkin_reply import ReplyValue, Values
from bot.core.kpis import MetricKey
from bot.core.platforms import PlatformKey
from bot.core.values import FROM_FILES, CheckInSource, GoalKind, GoalState, Quantity
from bot.core.wording import normalise
from bot.services import Services
from bot.services.checkin_goals import goal_ref, thread_goals, zone_of
from bot.services.checkins import (
    Implausible,
    Origin,
    Recorded,
    Report,
    goal_answer,
    record_values,
)
from bot.services.permissions import Refused, Requester, can_change
from storage import repo
from storage.goal_histories import GoalHistory, goal_histories
from storage.models import Delivery, Goal

log = logging.getLogger("checkin_bot.analytics_files")

T = TypeVar("T")

TRIES = 3
"""Unit-of-work tries of one save: a second try loses a race only to a third save."""


@dataclass(frozen=True, slots=True)
class SeriesPlan:
    """One series of a file, the goal it goes to, and how many of its values are new."""

    series: Series
    goal_number: int
    goal_title: str
    last: Quantity  # the series' last value, in the goal's unit
    new: int


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A series no single goal measures: `candidates` are the numbers of several that do."""

    series: Series
    candidates: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class FilePlan:
    """What saving a file would do: the series that have a goal, and those that do not."""

    plans: tuple[SeriesPlan, ...]
    unmatched: tuple[Unmatched, ...]


@dataclass(frozen=True, slots=True)
class FileSaved:
    """Values stored from a file or feed, by goal number, and how many were already there."""

    stored: tuple[tuple[int, str, int], ...]  # (goal number, title, values stored)
    skipped: int
    goal_ids: tuple[int, ...] = ()


def plan_file(
    services: Services, author: Requester, found: AnalyticsFile, thread: Delivery | None
) -> FilePlan:
    """Which goal each series of `found` would go to, and how many of its values are new."""
    with services.session() as session:
        pairs, unmatched = _match(session, author, found, thread)
        histories = _histories(session, author, pairs)
        plans = []
        for series, goal in pairs:
            history = histories[goal.id or 0]
            zone = zone_of(history.owner, services)
            held = _days_held(history, zone)
            last = Quantity(series.points[-1][1], goal.unit, goal.currency)
            new = sum(1 for day, _ in series.points if day not in held)
            plans.append(SeriesPlan(series, goal.number or 0, goal.title, last, new))
        return FilePlan(tuple(plans), tuple(unmatched))


def save_file(
    services: Services,
    author: Requester,
    found: AnalyticsFile,
    thread: Delivery | None,
    source: CheckInSource = CheckInSource.FILE,
) -> FileSaved | Refused | Implausible:
    """Store the new values of every series that has a goal, all of them or none."""
    return stored_once(lambda: _save_file(services, author, found, thread, source))


def _save_file(
    services: Services,
    author: Requester,
    found: AnalyticsFile,
    thread: Delivery | None,
    source: CheckInSource,
) -> FileSaved | Refused | Implausible:
    with services.session() as session:
        pairs, _ = _match(session, author, found, thread)
        histories = _histories(session, author, pairs)
        stored, skipped = [], 0
        for series, goal in pairs:
            given = Given(author, source)
            done = store_points(session, services, given, histories[goal.id or 0], series)
            if not isinstance(done, tuple):
                session.rollback()
                return done
            stored.append((goal.number or 0, goal.title, done[0]))
            skipped += done[1]
        return FileSaved(tuple(stored), skipped, tuple(goal.id or 0 for _, goal in pairs))


def stored_once(store: Callable[[], T]) -> T:
    """`store()`, a unit of work storing a file's or feed's days, until no racing save got
    to one of its days first. The database keeps one value per goal and day from files and
    feeds (storage.models.CheckIn); the loser's insert fails, everything it did rolls back,
    and its next try reads that day as held and skips it."""
    for _ in range(TRIES - 1):
        try:
            return store()
        except IntegrityError:
            log.info("a file's or feed's day was stored meanwhile by another save; reading again")
    return store()


@dataclass(frozen=True, slots=True)
class Given:
    """Who gives a series' values, and how (a file or a feed)."""

    author: Requester
    source: CheckInSource


def store_points(
    session: Session, services: Services, given: Given, history: GoalHistory, series: Series
) -> tuple[int, int] | Refused | Implausible:
    """Store a series' values for days `history` holds none from a file or feed yet:
    (stored, skipped), or why the first value could not be stored (the caller rolls back)."""
    goal, author, source = history.goal, given.author, given.source
    zone = zone_of(history.owner, services)
    held = _days_held(history, zone)
    stored = 0
    for day, value in series.points:
        if day in held:
            continue
        quantity = Quantity(value, goal.unit, goal.currency)
        at = datetime.combine(day, time(12), zone).astimezone(UTC)
        values = Values((ReplyValue(goal_ref(goal), quantity),))
        report = Report(author, Origin(source), values, confirmed=True, at=at)
        outcome = record_values(session, services, report, [history], answered=False)
        if not isinstance(outcome, Recorded):
            return outcome
        stored += 1
    if stored:
        goal_answer(history, services.now(), zone)  # marks the goal achieved if it now is
    return stored, len(series.points) - stored


def _days_held(history: GoalHistory, zone: ZoneInfo) -> set[date]:
    return {c.at.astimezone(zone).date() for c in history.checkins if c.source in FROM_FILES}


def _histories(
    session: Session, author: Requester, pairs: Sequence[tuple[Series, Goal]]
) -> dict[int, GoalHistory]:
    ids = [goal.id or 0 for _, goal in pairs]
    found = goal_histories(session=session, team_id=author.team_id, goal_ids=ids)
    return {h.goal.id or 0: h for h in found}


def _match(
    session: Session, author: Requester, found: AnalyticsFile, thread: Delivery | None
) -> tuple[list[tuple[Series, Goal]], list[Unmatched]]:
    if thread is not None:
        goals = thread_goals(session, thread)
        if len(goals) == 1 and len(found.series) == 1:
            return [(found.series[0], goals[0])], []
    else:
        goals = [
            g
            for g in repo.list_goals(
                session=session, team_id=author.team_id, states=(GoalState.ACTIVE,)
            )
            if g.kind != GoalKind.OBJECTIVE and can_change(g, author)
        ]
    pairs: list[tuple[Series, Goal]] = []
    unmatched: list[Unmatched] = []
    taken: set[int] = set()
    for series in found.series:
        fits = [g for g in goals if measures(g, series) and (g.id or 0) not in taken]
        own = [g for g in fits if g.owner_id == author.user_id]
        chosen = fits if len(fits) == 1 else own
        if len(chosen) == 1:
            pairs.append((series, chosen[0]))
            taken.add(chosen[0].id or 0)
        else:
            unmatched.append(Unmatched(series, tuple(g.number or 0 for g in fits)))
    return pairs, unmatched


def measures(goal: Goal, series: Series) -> bool:
    """Whether `goal` tracks the metric of `series` (and its platform, when both name one)."""
    metric = series.metric
    if metric.key is MetricKey.CUSTOM:
        same = goal.metric == MetricKey.CUSTOM and normalise(goal.metric_name) == normalise(
            metric.name
        )
    else:
        same = goal.metric == metric.key
    places = {goal.platform, series.platform.key if series.platform else None}
    return same and (None in places or PlatformKey.ALL in places or len(places) == 1)
