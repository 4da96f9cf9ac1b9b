"""Digest use cases: subscribe a channel, stop it, and build the digest a channel reads.

A subscription row is the source of truth for when a channel's digest is due
(`next_run_at`, aware UTC, worked out from the local wall time in the
subscription's time zone); the delivery runner sends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.describe import describe_cadence
from bot.core.cadence.occurrences import next_occurrence
from bot.core.digest import Digest, TrackedGoal, compose_digest
from bot.core.digest_request import DigestFilters, Subscribe
from bot.core.period import Period
from bot.core.values import GoalKind, GoalState
from bot.services import Services
from bot.services.languages import subscription_language
from bot.services.tracking import objective_scores, track_goals
from storage import digests as store
from storage import repo
from storage.cadences import cadence_of
from storage.models import DigestSubscription, Goal
from storage.schemas import SubscriptionChanges

DEFAULT_WEEKDAY = 0  # a goal that names a channel subscribes it for Mondays at 09:00
DEFAULT_TIME = time(9)


@dataclass(frozen=True)
class DigestView:
    """One channel's digest at one moment, with what it was built from (for the chart)."""

    team_id: str
    channel_id: str | None
    filters: DigestFilters
    timezone: str
    digest: Digest
    goals: tuple[TrackedGoal, ...]
    objectives: tuple[tuple[str, Decimal | None], ...] = ()  # (title, OKR score) of each
    language: str = "en"  # the channel's (`/goals digest here language tr`), else the default


@dataclass(frozen=True)
class SubscriptionView:
    """What a channel receives, in words."""

    channel_id: str
    active: bool
    schedule: str
    filters: DigestFilters
    next_run_at: datetime | None


def filters_of(row: DigestSubscription | None) -> DigestFilters:
    if row is None:
        return DigestFilters()
    category = row.filter_category
    return DigestFilters(category, row.filter_platform, row.filter_owner)


def describe(row: DigestSubscription) -> SubscriptionView:
    return SubscriptionView(
        channel_id=row.channel_id,
        active=row.active,
        schedule=describe_cadence(cadence_of(row)),
        filters=filters_of(row),
        next_run_at=row.next_run_at if row.active else None,
    )


def subscribe(
    services: Services, *, team_id: str, channel_id: str, user_id: str, request: Subscribe
) -> SubscriptionView:
    """Subscribe the channel (or change its schedule and filters); the next digest is scheduled.

    Example:
        >>> subscribe(services, team_id="T1", channel_id="C1", user_id="U1",
        ...           request=parse_digest_request("weekly mon 09:00", tz="UTC"))
    """
    cadence = request.cadence
    now = services.now()
    with services.session() as session:
        row = store.save_subscription(
            session=session,
            team_id=team_id,
            channel_id=channel_id,
            now=now,
            changes=SubscriptionChanges(
                filter_category=request.filters.category,
                filter_platform=request.filters.platform,
                filter_owner=request.filters.owner_id,
                next_run_at=next_occurrence(cadence, now),
                active=True,
                created_by=user_id,
                cadence=cadence,
            ),
        )
        return describe(row)


def unsubscribe(services: Services, *, team_id: str, channel_id: str) -> bool:
    """Stop the channel's digest; False when it had none. The row stays, inactive."""
    now = services.now()
    with services.session() as session:
        row = store.get_subscription(session=session, team_id=team_id, channel_id=channel_id)
        was_active = row is not None and row.active
        store.save_subscription(
            session=session,
            team_id=team_id,
            channel_id=channel_id,
            now=now,
            changes=SubscriptionChanges(active=False, next_run_at=None),
        )
        return was_active


def subscription(services: Services, *, team_id: str, channel_id: str) -> SubscriptionView | None:
    with services.session() as session:
        row = store.get_subscription(session=session, team_id=team_id, channel_id=channel_id)
        return describe(row) if row is not None else None


def channel_timezone(services: Services, *, team_id: str, channel_id: str) -> str:
    """The channel's configured time zone: its subscription's, else the workspace default."""
    with services.session() as session:
        row = store.get_subscription(session=session, team_id=team_id, channel_id=channel_id)
    return row.timezone if row is not None else services.settings.DEFAULT_TIMEZONE


def adopt_goal_channels(session: Session, *, now: datetime, timezone: str, limit: int) -> int:
    """Subscribe, weekly on Mondays at 09:00, every channel an active goal names.

    A channel that unsubscribed keeps its inactive row, so it is not adopted again.
    """
    cadence = Cadence(CadenceKind.WEEKLY, weekdays=(DEFAULT_WEEKDAY,), at=DEFAULT_TIME, tz=timezone)
    adopted = 0
    for team_id, channel_id in store.unsubscribed_goal_channels(session=session, limit=limit):
        try:
            # A savepoint: another replica adopting the same channel must not spoil the tick.
            with session.begin_nested():
                store.save_subscription(
                    session=session,
                    team_id=team_id,
                    channel_id=channel_id,
                    now=now,
                    changes=SubscriptionChanges(
                        next_run_at=next_occurrence(cadence, now), cadence=cadence
                    ),
                )
            adopted += 1
        except IntegrityError:
            continue
    return adopted


def build_digest(
    services: Services, *, team_id: str, channel_id: str | None, now: datetime
) -> DigestView:
    """The digest a channel reads at `now`: its subscription's period and filters.

    Without a channel, or for a channel that is not subscribed, it is the weekly
    digest of every goal of the workspace.
    """
    with services.session() as session:
        row = (
            store.get_subscription(session=session, team_id=team_id, channel_id=channel_id)
            if channel_id
            else None
        )
        filters = filters_of(row)
        goals = [g for g in _digest_goals(session, team_id) if _matches(g, filters)]
        tracked = track_goals(session=session, team_id=team_id, goals=goals)
        objectives = _objectives(session, team_id, goals, now)
    period = Period(row.frequency) if row is not None else Period.WEEKLY
    timezone = row.timezone if row is not None else services.settings.DEFAULT_TIMEZONE
    return DigestView(
        team_id=team_id,
        channel_id=channel_id,
        filters=filters,
        timezone=timezone,
        digest=compose_digest(tracked, period=period, now=now),
        goals=tuple(tracked),
        objectives=objectives,
        language=subscription_language(services, row),
    )


def _objectives(
    session: Session, team_id: str, goals: list[Goal], now: datetime
) -> tuple[tuple[str, Decimal | None], ...]:
    """The objectives whose key results are in the digest, each with its OKR score."""
    ids = {g.objective_id for g in goals if g.objective_id}
    if not ids:
        return ()
    objectives = [
        g
        for g in repo.list_goals(session=session, team_id=team_id, kinds=(GoalKind.OBJECTIVE,))
        if g.id in ids
    ]
    scores = objective_scores(session=session, team_id=team_id, goals=objectives, now=now)
    return tuple((o.title, scores.get(o.id or 0)) for o in objectives)


def _digest_goals(session: Session, team_id: str) -> list[Goal]:
    return repo.list_goals(
        session=session,
        team_id=team_id,
        states=(GoalState.ACTIVE, GoalState.ACHIEVED),
        kinds=(GoalKind.GOAL, GoalKind.KEY_RESULT),
    )


def _matches(goal: Goal, filters: DigestFilters) -> bool:
    if filters.category and goal.category != filters.category:
        return False
    if filters.platform and goal.platform != filters.platform:
        return False
    return not (filters.owner_id and goal.owner_id != filters.owner_id)
