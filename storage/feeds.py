"""The CSV feeds goals follow: set, stop, claim the due ones, record a fetch."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from storage.models import GoalFeed
from storage.repo import scoped_team


def get_feed(*, session: Session, team_id: str, goal_id: int) -> GoalFeed | None:
    """The feed a goal follows, or None."""
    query = select(GoalFeed).where(
        GoalFeed.team_id == scoped_team(team_id), GoalFeed.goal_id == goal_id
    )
    return session.exec(query).first()


def set_feed(*, session: Session, feed: GoalFeed) -> GoalFeed:
    """Make `feed.goal_id` follow `feed.url` (replacing the URL it followed), fetched when
    `feed.next_fetch_at` comes; the validators and last problem of an old URL go."""
    held = get_feed(session=session, team_id=feed.team_id, goal_id=feed.goal_id)
    if held is None:
        session.add(feed)
        session.flush()
        return feed
    held.url, held.created_by, held.next_fetch_at = feed.url, feed.created_by, feed.next_fetch_at
    held.etag = held.last_modified = None
    held.last_problem = ""
    return held


def stop_feed(*, session: Session, team_id: str, goal_id: int) -> bool:
    """The goal follows no URL any more; False when it followed none."""
    feed = get_feed(session=session, team_id=team_id, goal_id=goal_id)
    if feed is None:
        return False
    session.delete(feed)
    return True


def claim_due_feeds(
    *, session: Session, now: datetime, lease: timedelta, limit: int
) -> list[GoalFeed]:
    """Claim up to `limit` feeds due by `now` for `lease`; a feed another replica holds is
    left to it. Commit right after, before fetching, so the claims are seen everywhere."""
    due = select(GoalFeed.id).where(
        col(GoalFeed.next_fetch_at) <= now,
        or_(col(GoalFeed.claimed_until).is_(None), col(GoalFeed.claimed_until) <= now),
    )
    claimed = []
    for feed_id in list(session.exec(due.order_by(col(GoalFeed.next_fetch_at)).limit(limit))):
        # Claimed only if still unclaimed when this UPDATE runs: one replica wins each feed.
        taken = session.execute(
            update(GoalFeed)
            .where(
                col(GoalFeed.id) == feed_id,
                or_(col(GoalFeed.claimed_until).is_(None), col(GoalFeed.claimed_until) <= now),
            )
            .values(claimed_until=now + lease)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            feed = session.get(GoalFeed, feed_id)
            if feed is not None:
                session.refresh(feed)
                claimed.append(feed)
    return claimed


def finish_fetch(
    *,
    session: Session,
    feed_id: int,
    validators: tuple[str | None, str | None] | None,
    problem: str,
    next_at: datetime,
) -> None:
    """Record a fetch: the new validators (None: keep them), its problem ("" for none), the
    next fetch; the claim ends."""
    feed = session.get(GoalFeed, feed_id)
    if feed is None:  # the goal was deleted meanwhile
        return
    if validators is not None:
        feed.etag, feed.last_modified = validators
    feed.last_problem, feed.next_fetch_at, feed.claimed_until = problem[:500], next_at, None
