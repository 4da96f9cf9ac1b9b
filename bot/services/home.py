"""The App Home: my goals, my team's goals, what is due, in pages.

Slack allows 100 blocks on the Home tab, so a person's own goals show up to
`MY_GOALS` and the team's goals `TEAM_PAGE` at a time, with paging buttons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from bot.core.progress import WEEK_DAYS
from bot.services import Services
from bot.services.goal_admin import GoalRow, goal_rows
from storage import digests as digest_store
from storage import repo
from storage.reminders import schedules_of_owner

MY_GOALS = 20
TEAM_PAGE = 25


@dataclass(frozen=True)
class HomeView:
    """What one person sees on the bot's Home tab."""

    user_id: str
    mine: tuple[GoalRow, ...]
    mine_total: int
    due: tuple[GoalRow, ...]
    team: tuple[GoalRow, ...]
    team_total: int
    page: int
    pages: int
    reminders_paused: bool  # every reminder paused, or the person is away
    digest_channels: tuple[str, ...]


def home_view(services: Services, *, team_id: str, user_id: str, page: int = 0) -> HomeView:
    """The App Home for `user_id`; `page` pages through the team's goals (0 is the first)."""
    now = services.now()
    with services.session() as session:
        rows = goal_rows(session, team_id, now)
        schedules = schedules_of_owner(session=session, team_id=team_id, owner_id=user_id)
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        away = member is not None and member.away_until is not None and member.away_until > now
        channels = tuple(
            s.channel_id for s in digest_store.list_subscriptions(session=session, team_id=team_id)
        )
    mine = [r for r in rows if r.owner_id == user_id]
    team = [r for r in rows if r.owner_id != user_id]
    pages = max(1, -(-len(team) // TEAM_PAGE))
    page = min(max(page, 0), pages - 1)
    since = now - timedelta(days=WEEK_DAYS)
    due = [
        r
        for r in mine
        if r.state == "active"
        and r.line is not None
        and (r.line.progress.last_at is None or r.line.progress.last_at <= since)
    ]
    return HomeView(
        user_id=user_id,
        mine=tuple(mine[:MY_GOALS]),
        mine_total=len(mine),
        due=tuple(due[:MY_GOALS]),
        team=tuple(team[page * TEAM_PAGE : (page + 1) * TEAM_PAGE]),
        team_total=len(team),
        page=page,
        pages=pages,
        reminders_paused=away or (bool(schedules) and not any(s.active for s in schedules)),
        digest_channels=channels,
    )


def people_to_refresh(
    services: Services, *, team_id: str, actor: str, goal_ids: Iterable[int] = ()
) -> tuple[str, ...]:
    """Whose Home a change shows on: the person who made it and the owners of the goals.

    A key result's change moves its objective's score, so the objective's owner counts too.

    Example:
        >>> people_to_refresh(services, team_id="T1", actor="UADMIN", goal_ids=[7])
        ('UADMIN', 'U1')
    """
    people = [actor]
    with services.session() as session:
        for goal_id in goal_ids:
            goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
            objective = (
                repo.get_goal(session=session, team_id=team_id, goal_id=goal.objective_id)
                if goal is not None and goal.objective_id
                else None
            )
            people += [g.owner_id for g in (goal, objective) if g is not None and g.owner_id]
    return tuple(dict.fromkeys(people))
