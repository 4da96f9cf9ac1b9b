"""A question naming many goals ("how are we doing on reach?") reads every match's key as
columns and loads in full only the goals it shows, and reads the points of those as the
driver's tuples: the same answers as loading every matching goal and its check-ins whole."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlmodel import col

from bot.clock import FrozenClock
from bot.core.questions import Question, understand
from bot.core.trend import Point
from bot.services.questions.answer import MAX_CHOICES, MAX_LISTED, Said, answer_question
from bot.services.questions.assess import assess_all, change_over, facts, goal_ref
from bot.services.questions.find import Asking, matching_shown, question_filter
from bot.services.transfer import import_file
from storage.models import CHECKIN_ORDER, CheckIn, Goal
from storage.questions import GoalFilter, find_goals, recent_points
from tests.harness import make_services
from tests.services.test_question_statuses import NOW
from tests.storage.test_goal_summaries import START, apply, workspace, write

_teams = itertools.count()

goal = st.fixed_dictionaries({
    "metric": st.sampled_from(["reach", "followers"]),
    "platform": st.sampled_from(["instagram", "tiktok", None]),
    "named": st.booleans(),  # imported with an id of its own, else known by its number
    "status": st.sampled_from(["active", "active", "achieved", "archived"]),
    "deadline": st.integers(min_value=1, max_value=4),  # few days: deadlines tie
    "checkins": st.lists(st.tuples(st.integers(0, 90), st.integers(0, 5_000)), max_size=4),
})  # fmt: skip
question = st.sampled_from([
    "how are we doing on reach?",
    "how is reach on instagram?",
    "how are followers on tiktok?",
    "who owns the reach goals?",
    "how did reach change since last week?",
    "how did followers change this month?",
    "show instagram goals",
    "list the reach goals",
])  # fmt: skip


def imported(engine: Engine, goals: list[dict[str, Any]]) -> tuple[Any, str]:
    """The goals, imported with names into a workspace of their own."""
    team = f"TB{next(_teams)}"
    rows = [
        {"title": f"{g['metric']} goal {i}", "metric": g["metric"], "target": "5000",
         "baseline": "100", "start": (NOW - timedelta(days=100)).date().isoformat(),
         "deadline": (NOW + timedelta(days=30 * g["deadline"])).date().isoformat(),
         "owner": f"U{i % 3}", "status": g["status"],
         **({"platform": g["platform"]} if g["platform"] else {}),
         "id": f"{g['metric']}-{i}" if g["named"] else ""}
        for i, g in enumerate(goals)
    ]  # fmt: skip
    checkins = [  # a goal imported without an id can have none in the file
        {"goal": row["id"], "value": str(value), "at": (NOW - timedelta(days=ago)).isoformat()}
        for row, g in zip(rows, goals, strict=True)
        if row["id"]
        for ago, value in g["checkins"]
    ]
    services = make_services(engine, FrozenClock(NOW))
    import_file(services, team_id=team, text=json.dumps({"goals": rows, "checkins": checkins}))
    return services, team


def every_match(ctx: Asking, asked: Question) -> list[Goal]:
    """The plain definition: every goal the question names, loaded in full."""
    where = question_filter(ctx, asked)
    return find_goals(session=ctx.session, team_id=ctx.team_id, where=where) if where else []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(goal, min_size=1, max_size=14), question, st.integers(0, 4))
def test_the_goals_shown_and_named_are_those_every_match_loaded_gives(
    engine: Engine, goals: Any, text: str, shown: int
) -> None:
    services, team = imported(engine, goals)
    with services.session() as session:
        ctx = Asking(session, team, "U1", NOW, ZoneInfo("UTC"))
        asked = understand(text, now=NOW, tz=ctx.tz)
        every = every_match(ctx, asked)
        loaded, keys = matching_shown(ctx, asked, shown)
        assert [goal_ref(k) for k in keys] == [goal_ref(g) for g in every]
        assert [g.id for g in loaded] == [g.id for g in every[:shown]]
        assert [k.id for k in keys] == [g.id for g in every]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(goal, min_size=1, max_size=14), question)
@example(  # more goals than a list shows: the page, the count and the rest named
    goals=[
        {"metric": "reach", "platform": "instagram", "named": i % 2 == 0, "status": "active",
         "deadline": 1 + i % 4, "checkins": [(i, 100 * i)]}
        for i in range(13)
    ],
    text="show instagram goals",
)  # fmt: skip
def test_answers_are_those_of_every_matching_goal_assessed(
    engine: Engine, goals: Any, text: str
) -> None:
    services, team = imported(engine, goals)
    answer = answer_question(services, team_id=team, user_id="U1", text=text)
    with services.session() as session:
        ctx = Asking(session, team, "U1", NOW, ZoneInfo("UTC"))
        asked = understand(text, now=NOW, tz=ctx.tz)
        every = every_match(ctx, asked)
        if not every:  # a list says it found none; a status says the metric is not tracked
            assert answer.said in {Said.UNTRACKED, Said.NO_GOALS_YET, Said.LISTED}
            assert (answer.count, answer.goals) == (0, ())
            return
        assert answer.refs == tuple(goal_ref(g) for g in every)
        if answer.said is Said.CARD:
            assert len(every) == 1
            assert answer.goals == (facts(ctx, assess_all(ctx, every)[0]),)
            return
        page = MAX_CHOICES if answer.said is Said.CHOOSE else MAX_LISTED
        assert (answer.count, answer.more) == (len(every), max(0, len(every) - page))
        if answer.said is Said.CHOOSE:
            shown = assess_all(ctx, every[:MAX_CHOICES])
            assert answer.goals == tuple(facts(ctx, item) for item in shown)
        elif answer.said is Said.LISTED:
            shown = assess_all(ctx, every[:MAX_LISTED])
            assert answer.goals == tuple(facts(ctx, item) for item in shown)
        elif answer.said is Said.OWNERS:
            assert answer.owners == tuple((g.title, g.owner_id) for g in every[:MAX_LISTED])
        else:
            assert answer.said is Said.CHANGES
            shown = assess_all(ctx, every[:MAX_LISTED])
            assert answer.changes == tuple(change_over(ctx, i, asked.period) for i in shown)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(write, max_size=14), st.integers(min_value=1, max_value=4))
def test_recent_points_are_the_first_and_latest_checkins_as_stored(
    engine: Engine, steps: list[tuple[Any, ...]], latest: int
) -> None:
    # Imports (some dated after now), commands at one moment (ties broken by the order
    # stored) and undos: each goal's first point and its latest `latest`, values exact.
    clock = FrozenClock(START)
    services, team = workspace(engine, clock)
    for step in steps:
        apply(services, team, clock, step)
    now = clock.now()
    with services.session() as session:
        stored = session.scalars(
            select(CheckIn).where(col(CheckIn.team_id) == team).order_by(*CHECKIN_ORDER)
        ).all()
        every: dict[int, list[Point]] = {}
        for c in stored:
            if c.at <= now:
                every.setdefault(c.goal_id, []).append(Point(c.at, c.value))
        ids = [g.id for g in find_goals(session=session, team_id=team, where=GoalFilter())]
        found = recent_points(session=session, team_id=team, goal_ids=ids, up_to=now, latest=latest)
    want = {i: [p[0], *p[1:][-latest:]] for i, p in every.items()}
    assert {i: [(p.at, str(p.value)) for p in ps] for i, ps in found.items()} == {
        i: [(p.at, str(p.value)) for p in ps] for i, ps in want.items()
    }
