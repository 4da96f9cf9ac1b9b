"""Finding the goals a question is about: by metric, platform, people, or the words it names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from bot.core.questions import Intent, Question
from bot.core.wording import normalise
from storage.models import Goal
from storage.questions import GoalFilter, find_goals, goal_names
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


def matching_goals(
    ctx: Asking,
    question: Question,
    *,
    deadline_from: datetime | None = None,
    deadline_to: datetime | None = None,
) -> list[Goal]:
    """Goals named by the question's metric, platform, people, or (failing a metric) words,
    with a deadline in the window given."""
    owners = list(question.owners) + ([ctx.user_id] if question.mine else [])
    goal_ids: list[int] = []
    if not question.metrics and question.subject and question.intent in NAMED_BY_WORDS:
        goal_ids = goals_named(ctx, question.subject)
        if not goal_ids:
            return []
    return find_goals(
        session=ctx.session,
        team_id=ctx.team_id,
        where=GoalFilter(
            metrics=question.metrics,
            platform=question.platform,
            owner_ids=owners,
            goal_ids=goal_ids,
            deadline_from=deadline_from,
            deadline_to=deadline_to,
        ),
    )


def goals_named(ctx: Asking, subject: str) -> list[int]:
    """Goals whose title, metric name or why (as its owner told it: "more newsletter
    sign-ups") holds every word of `subject`."""
    wanted = subject.split()
    found = []
    for goal_id, title, metric_name, _platform, why in goal_names(
        session=ctx.session, team_id=ctx.team_id
    ):
        words = set(normalise(f"{title} {metric_name} {why}").split())
        if all(word in words for word in wanted):
            found.append(goal_id)
    return found


def tracked_names(ctx: Asking) -> tuple[tuple[str, str | None], ...]:
    """What the workspace's goals track: each goal's metric name (else title) and platform."""
    return tuple(
        (metric_name or title, platform)
        for _id, title, metric_name, platform, _why in goal_names(
            session=ctx.session, team_id=ctx.team_id
        )
    )
