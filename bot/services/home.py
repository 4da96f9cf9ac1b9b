"""The App Home: my goals, my team's goals, what is due, in pages.

Slack allows 100 blocks on the Home tab, so a person's own goals show up to
`MY_GOALS` and the team's goals `TEAM_PAGE` at a time, with paging buttons.

A Home reads the workspace's goals once, then the check-ins of only the goals it
shows (and when each of the person's own was last checked in on, to tell which are
due), and writes each row's line alone: no digest is composed for it. Homes refreshed
after one change are built in one unit of work.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import cast

from sqlmodel import Session

from bot.core.digest import DigestLine
from bot.core.languages import language_for
from bot.core.period import WEEK_DAYS
from bot.core.values import GoalState
from bot.services import Services
from bot.services.goal_admin import GoalRow, lines_of
from bot.services.tracking import has_plan, key_result_scores
from storage import digests as digest_store
from storage import repo
from storage.home import reminders_paused
from storage.models import Goal
from storage.progress import last_checkins

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
    # Their chosen language, else Slack's as last cached, else the default: read with the
    # rest, so a Home costs no extra round trip (what they last wrote does not decide it).
    language: str = "en"


@dataclass(frozen=True)
class _Split:
    """One person's goals and the page of the team's goals their Home shows."""

    user_id: str
    mine: list[Goal]
    team: list[Goal]
    page: int
    pages: int

    @classmethod
    def of(cls, goals: Sequence[Goal], user_id: str, page: int) -> _Split:
        mine = [g for g in goals if g.owner_id == user_id]
        team = [g for g in goals if g.owner_id != user_id]
        pages = max(1, -(-len(team) // TEAM_PAGE))
        page = min(max(page, 0), pages - 1)
        return cls(user_id, mine, team, page, pages)

    @property
    def team_page(self) -> list[Goal]:
        return self.team[self.page * TEAM_PAGE : (self.page + 1) * TEAM_PAGE]


def home_view(services: Services, *, team_id: str, user_id: str, page: int = 0) -> HomeView:
    """The App Home for `user_id`; `page` pages through the team's goals (0 is the first)."""
    with services.session() as session:
        goals = repo.list_goals(session=session, team_id=team_id)
        [view] = _views(session, services, team_id, goals, {user_id: page})
    del goals
    _return_freed_memory()
    return view


def views_to_refresh(
    services: Services,
    *,
    team_id: str,
    actor: str,
    goal_ids: Iterable[int] = (),
    also: Iterable[str] = (),
) -> list[HomeView]:
    """The Homes a change shows on: the actor's, the changed goals' owners', and `also`'s.

    A key result's change moves its objective's score, so the objective's owner counts too.
    """
    with services.session() as session:
        # Read first: the changed goals are among them, so looking them up costs no query.
        goals = repo.list_goals(session=session, team_id=team_id)
        people = [actor, *_owners(session, team_id, goal_ids), *also]
        views = _views(session, services, team_id, goals, dict.fromkeys(people, 0))
    del goals
    _return_freed_memory()
    return views


def _glibc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, where the C library has it (not on macOS or musl)."""
    try:
        return cast(Callable[[int], int], ctypes.CDLL(None).malloc_trim)
    except (AttributeError, OSError):
        return None


_MALLOC_TRIM = _glibc_trim()


def _return_freed_memory() -> None:
    """Hand the pages a Home's read of every goal freed back to the system: glibc keeps them
    otherwise, and the process grows by them (3 MB resident after 1,000-goal Homes in
    bench/memory.py, for 0.5 ms of CPU)."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _owners(session: Session, team_id: str, goal_ids: Iterable[int]) -> list[str]:
    owners = []
    for goal_id in goal_ids:
        goal = repo.get_goal(session=session, team_id=team_id, goal_id=goal_id)
        objective = (
            repo.get_goal(session=session, team_id=team_id, goal_id=goal.objective_id)
            if goal is not None and goal.objective_id
            else None
        )
        owners += [g.owner_id for g in (goal, objective) if g is not None and g.owner_id]
    return owners


def _views(
    session: Session,
    services: Services,
    team_id: str,
    goals: Sequence[Goal],
    pages: dict[str, int],
) -> list[HomeView]:
    """The Homes of the people in `pages` (person: page of the team's goals).

    Only the goals a Home shows are assessed.
    """
    now = services.now()
    since = now - timedelta(days=WEEK_DAYS)
    splits = [_Split.of(goals, user_id, page) for user_id, page in pages.items()]
    # Someone with more goals than their Home lists has the rest's last check-ins read
    # (one MAX per goal) to tell which are due; everyone else's are all shown anyway.
    many = [s for s in splits if len(s.mine) > MY_GOALS]
    owned = [g.id for s in many for g in s.mine if g.id is not None]
    last = last_checkins(session=session, team_id=team_id, goal_ids=owned, up_to=now)
    due = {s.user_id: _due(s.mine, lambda g: last.get(g.id or 0), since) for s in many}
    shown = {
        g.id: g for s in splits for g in [*s.mine[:MY_GOALS], *due.get(s.user_id, []), *s.team_page]
    }
    lines = lines_of(session, team_id, list(shown.values()), now)
    for s in splits:
        if s.user_id not in due:
            due[s.user_id] = _due(s.mine, lambda g: _line_last_at(lines.get(g.id or 0)), since)
    scores = key_result_scores(
        session=session, team_id=team_id, goals=list(shown.values()), now=now
    )
    rows = {i: GoalRow.of(g, lines.get(i or 0), scores) for i, g in shown.items()}
    channels = tuple(
        s.channel_id for s in digest_store.list_subscriptions(session=session, team_id=team_id)
    )
    return [
        replace(
            _view(
                split,
                rows,
                due[split.user_id],
                paused=reminders_paused(
                    session=session, team_id=team_id, user_id=split.user_id, now=now
                ),
                channels=channels,
            ),
            language=_language(session, services, team_id, split.user_id),
        )
        for split in splits
    ]


def _due(
    mine: Sequence[Goal], last_at: Callable[[Goal], datetime | None], since: datetime
) -> list[Goal]:
    """The first `MY_GOALS` of a person's active goals not checked in on since `since`.

    Before its first check-in a goal is counted from its start, so a goal just saved
    (with or without a baseline) is not due before its first reminder could be.
    """
    return [
        g
        for g in mine
        if g.state == GoalState.ACTIVE and has_plan(g) and (last_at(g) or g.start_at) <= since
    ][:MY_GOALS]


def _line_last_at(line: DigestLine | None) -> datetime | None:
    return line.progress.last_at if line else None


def _view(
    split: _Split,
    rows: dict[int | None, GoalRow],
    due: list[Goal],
    *,
    paused: bool,
    channels: tuple[str, ...],
) -> HomeView:
    return HomeView(
        user_id=split.user_id,
        mine=tuple(rows[g.id] for g in split.mine[:MY_GOALS]),
        mine_total=len(split.mine),
        due=tuple(rows[g.id] for g in due),
        team=tuple(rows[g.id] for g in split.team_page),
        team_total=len(split.team),
        page=split.page,
        pages=split.pages,
        reminders_paused=paused,
        digest_channels=channels,
    )


def _language(session: Session, services: Services, team_id: str, user_id: str) -> str:
    member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
    return language_for(
        chosen=member.language if member else None,
        slack_locale=member.slack_locale if member else None,
        default=services.settings.DEFAULT_LANGUAGE,
    )
