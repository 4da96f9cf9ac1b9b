"""Finding the goals a question is about: by metric, platform, people, or the words it names."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from bot.core.kpis import MetricKey
from bot.core.progress import Status
from bot.core.questions import Intent, Question
from bot.core.vocabulary import custom_metrics_named
from bot.core.wording import normalise
from storage.models import Goal
from storage.questions import (
    GoalFilter,
    GoalKey,
    GoalName,
    GoalPlan,
    PointsSummary,
    find_goals,
    find_keys,
    goal_names,
    goal_plans,
)
from storage.repo import get_member

NAMED_BY_WORDS = (Intent.STATUS, Intent.OWNER, Intent.CHANGE)
"""Intents whose leftover words name goals ("how is the pizzeria launch going?"); in
lists and due dates they are dates and filters instead."""


@dataclass(frozen=True, slots=True)
class Asking:
    """Who asks, where and when: what every step of an answer reads from."""

    session: Session
    team_id: str
    user_id: str
    now: datetime
    tz: ZoneInfo


def asker_zone(session: Session, team_id: str, user_id: str, default: str) -> ZoneInfo:
    """The asker's time zone (dates in the answer are theirs), else the workspace's, else UTC."""
    member = get_member(session=session, team_id=team_id, user_id=user_id) if user_id else None
    for name in (member.timezone if member else None, default):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def matching_shown(ctx: Asking, question: Question, shown: int) -> tuple[list[Goal], list[GoalKey]]:
    """The goals named by the question's metric, platform, people, or (failing a metric)
    words, as an answer shows them: the first `shown` loaded in full, and every one's key
    to name and count them by (500 goals read whole cost more than the rest of an answer)."""
    where = question_filter(ctx, question)
    if where is None:
        return [], []
    keys = find_keys(session=ctx.session, team_id=ctx.team_id, where=where)
    return goals_by_id(ctx, [key.id for key in keys[:shown]]), keys


def goals_by_id(ctx: Asking, ids: Sequence[int]) -> list[Goal]:
    """The goals of `ids`, loaded in full, in the order questions list goals."""
    if not ids:  # no ids would be no filter at all: every goal
        return []
    where = GoalFilter(goal_ids=list(ids))
    return find_goals(session=ctx.session, team_id=ctx.team_id, where=where)


def matching_plans(
    ctx: Asking,
    question: Question,
    statuses: Collection[Status],
    *,
    deadline_from: datetime | None = None,
    deadline_to: datetime | None = None,
) -> tuple[list[GoalPlan], dict[int, PointsSummary | None]]:
    """The plans of the goals the question names (with a deadline in the window given)
    that may have one of `statuses`, and their stored sums at the time of asking: what a
    status list filters thousands of goals by."""
    where = question_filter(ctx, question, deadline_from=deadline_from, deadline_to=deadline_to)
    if where is None:
        return [], {}
    return goal_plans(
        session=ctx.session, team_id=ctx.team_id, where=where, up_to=ctx.now, statuses=statuses
    )


def question_filter(
    ctx: Asking,
    question: Question,
    *,
    deadline_from: datetime | None = None,
    deadline_to: datetime | None = None,
) -> GoalFilter | None:
    """The goals a question names by metric, platform, people, or (failing a metric)
    words, with a deadline in the window given, as a filter; None when its words name
    none."""
    owners = list(question.owners) + ([ctx.user_id] if question.mine else [])
    goal_ids: list[int] = []
    if not question.metrics and question.subject:
        names = goal_names(session=ctx.session, team_id=ctx.team_id)
        # A custom metric's name is a metric: it ranks above title words, in lists too.
        goal_ids = goals_of_custom_metrics(names, question.subject)
        if not goal_ids and question.intent in NAMED_BY_WORDS:
            goal_ids = goals_named(names, question.subject)
            if not goal_ids:
                return None
    return GoalFilter(
        metrics=question.metrics,
        platform=question.platform,
        owner_ids=owners,
        goal_ids=goal_ids,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
    )


def goals_of_custom_metrics(names: Sequence[GoalName], subject: str) -> list[int]:
    """Goals whose custom metric `subject` names ("pizza ordres" finds "Pizza orders")."""
    custom = [g for g in names if g.metric == MetricKey.CUSTOM]
    named = set(custom_metrics_named(subject, (g.metric_name for g in custom)))
    return [g.id for g in custom if g.metric_name in named]


def goals_named(names: Sequence[GoalName], subject: str) -> list[int]:
    """Goals whose title, metric name or why (as its owner told it: "more newsletter
    sign-ups") holds every word of `subject`."""
    wanted = subject.split()
    return [
        g.id
        for g in names
        if set(wanted) <= set(normalise(f"{g.title} {g.metric_name} {g.why}").split())
    ]


def tracked_names(ctx: Asking) -> tuple[tuple[str, str | None], ...]:
    """What the workspace's goals track: each goal's metric name (else title) and platform."""
    return tuple(
        (g.metric_name or g.title, g.platform)
        for g in goal_names(session=ctx.session, team_id=ctx.team_id)
    )
