"""Storage for goal interviews in progress and the reminder schedules they create."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, select

from bot.core.kpis import MetricKey
from storage.models import CheckIn, Goal, InterviewState
from storage.repo import scoped_team
from storage.schemas import InterviewProgress


def get_interview(*, session: Session, team_id: str, user_id: str) -> InterviewState | None:
    """The person's interview in progress (expired or not), or None."""
    query = select(InterviewState).where(
        InterviewState.team_id == scoped_team(team_id), InterviewState.user_id == user_id
    )
    return session.exec(query).first()


def save_interview(
    *, session: Session, team_id: str, user_id: str, progress: InterviewProgress, now: datetime
) -> InterviewState:
    """Create or update the person's one interview; the place it runs is set on creation."""
    state = get_interview(session=session, team_id=team_id, user_id=user_id)
    if state is None:
        state = InterviewState(
            team_id=team_id,
            user_id=user_id,
            channel_id=progress.channel_id,
            thread_ts=progress.thread_ts,
            started_at=now,
        )
        session.add(state)
    state.step = progress.step
    state.data = dict(progress.data)  # a new object, so the JSON column is seen as changed
    state.updated_at = now
    state.expires_at = progress.expires_at
    session.flush()
    return state


def delete_interview(*, session: Session, team_id: str, user_id: str) -> None:
    """Drop the person's interview, if any."""
    state = get_interview(session=session, team_id=team_id, user_id=user_id)
    if state is not None:
        session.delete(state)
        session.flush()


@dataclass(frozen=True, slots=True)
class Measured:
    """What a goal measures, to compare goals by: a catalogue metric (or, for a custom
    metric, its name) on a platform or scope (None for none)."""

    metric: str
    metric_name: str
    platform: str | None


def recent_checkins_of_metric(
    *, session: Session, team_id: str, measured: Measured, since: datetime, limit: int = 500
) -> list[tuple[int, datetime, Decimal]]:
    """(goal id, moment, value) of check-ins since `since` on goals measuring the same thing.

    The same thing is the same catalogue metric (or, for a custom metric, the same
    name) on the same platform or scope. At most `limit` rows, newest first, so the
    query stays small however long the workspace has been checking in.
    """
    metric, metric_name, platform = measured.metric, measured.metric_name, measured.platform
    same_metric = (
        Goal.metric_name == metric_name if metric == MetricKey.CUSTOM else Goal.metric == metric
    )
    same_place = Goal.platform == platform if platform else Goal.platform.is_(None)  # type: ignore[union-attr]
    query = (
        select(CheckIn)
        .join(Goal, Goal.id == CheckIn.goal_id)  # type: ignore[arg-type]
        .where(
            CheckIn.team_id == scoped_team(team_id),
            Goal.team_id == team_id,
            same_metric,
            same_place,
            CheckIn.at >= since,
        )
        .order_by(CheckIn.at.desc())  # type: ignore[attr-defined]
        .limit(limit)
    )
    return [(row.goal_id, row.at, row.value) for row in session.exec(query)]
