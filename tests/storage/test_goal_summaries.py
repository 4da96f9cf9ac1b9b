"""Each goal's stored summary (storage.summaries) is what its check-ins say after any mix
of writes through the services: imports (bulk, Core), `/goals checkin` (ORM inserts),
undo (ORM deletes), with the clock moving between them. Statuses read from it are the
statuses a full assessment gives, and the Home's last check-ins those the check-ins give."""

from __future__ import annotations

import itertools
import json
import math
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlmodel import col

from bot.clock import FrozenClock
from bot.services.checkin_undo import undo_checkin, undo_offer
from bot.services.checkins import Implausible, Recorded, checkin_command
from bot.services.permissions import Requester
from bot.services.questions.assess import assess_all, status_of, statuses
from bot.services.questions.find import Asking
from bot.services.transfer import import_file
from storage.models import CHECKIN_ORDER, CheckIn, GoalSummary
from storage.progress import last_checkins, points_by_goal
from storage.questions import GoalFilter, find_goals
from storage.summaries import TREND_POINTS
from tests.harness import make_services

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
GOALS = 3
_teams = itertools.count()

value = st.integers(min_value=900, max_value=1_300)
goal_index = st.integers(min_value=0, max_value=GOALS - 1)
write = st.one_of(
    st.tuples(st.just("import"), goal_index, st.integers(min_value=-3, max_value=30), value),
    st.tuples(st.just("command"), goal_index, value),
    st.tuples(st.just("undo")),
    st.tuples(st.just("wait"), st.integers(min_value=0, max_value=72)),
)


def workspace(engine: Engine, clock: FrozenClock) -> tuple[Any, str]:
    team = f"TSUM{next(_teams)}"
    services = make_services(engine, clock)
    goals = [
        {"id": f"g{i}", "title": f"Goal {i}", "metric": "reach", "owner": "U1",
         "target": str(1_200 - 100 * i), "start": "2026-10-01", "deadline": "2026-12-31",
         **({"baseline": "1000"} if i else {})}
        for i in range(GOALS)
    ]  # fmt: skip
    import_file(services, team_id=team, text=json.dumps({"goals": goals, "checkins": []}))
    return services, team


def apply(services: Any, team: str, clock: FrozenClock, step: tuple[Any, ...]) -> None:
    author = Requester(team, "U1", lambda: True)
    match step:
        case ("import", i, days_ago, amount):
            at = clock.now() - timedelta(days=days_ago)  # a few dated after now
            row = {"goal": f"g{i}", "value": str(amount), "at": at.isoformat()}
            import_file(services, team_id=team, text=json.dumps({"checkins": [row]}))
        case ("command", i, amount):
            outcome = checkin_command(services, author, f"#{i + 1} {amount}")
            assert isinstance(outcome, Recorded | Implausible)  # stored, or asked about
        case ("undo",):
            offer = undo_offer(services, author)
            if offer is not None:
                undo_checkin(services, author, offer.checkin_id)
        case ("wait", hours):
            clock.advance(timedelta(hours=hours))


JULIANDAY_SECONDS = 1e-3


def recomputed(services: Any, team: str) -> dict[int, tuple[Any, ...]]:
    """Each goal's summary worked out in Python from all its check-ins."""
    with services.session() as session:
        rows = session.execute(
            select(col(CheckIn.goal_id), col(CheckIn.at), col(CheckIn.value))
            .where(col(CheckIn.team_id) == team)
            .order_by(*CHECKIN_ORDER)
        ).all()
    by_goal: dict[int, list[Any]] = {}
    for goal_id, at, amount in rows:
        by_goal.setdefault(goal_id, []).append((at, amount))
    found = {}
    for goal_id, points in by_goal.items():
        summed = [points[0], *points[1:][-TREND_POINTS:]]
        last_at = points[-1][0]
        xs = [(at - last_at).total_seconds() for at, _ in summed]
        ys = [float(amount) for _, amount in summed]
        # SQLite's julianday() keeps milliseconds: each x may be off by two roundings.
        off, n = JULIANDAY_SECONDS, len(summed)
        slack = (
            n * off,
            0.0,
            2 * off * sum(abs(x) for x in xs) + n * off * off,
            off * sum(abs(y) for y in ys),
        )
        found[goal_id] = (
            points[0], points[-1], n, sum(xs), sum(ys),
            sum(x * x for x in xs), sum(x * y for x, y in zip(xs, ys, strict=True)),
            len({at for at, _ in summed}) == 1, slack,
        )  # fmt: skip
    return found


def stored(services: Any, team: str) -> dict[int, tuple[Any, ...]]:
    with services.session() as session:
        rows = session.scalars(select(GoalSummary).where(col(GoalSummary.team_id) == team))
        return {r.goal_id: _row(r) for r in rows}


def _row(r: GoalSummary) -> tuple[Any, ...]:
    first, last = (r.first_at, r.first_value), (r.last_at, r.last_value)
    return (first, last, r.count, r.sum_x, r.sum_y, r.sum_xx, r.sum_xy, r.one_moment)


def assert_same(got: dict[int, tuple[Any, ...]], want: dict[int, tuple[Any, ...]]) -> None:
    assert got.keys() == want.keys()
    for goal_id, expected in want.items():
        actual = got[goal_id]
        assert actual[:3] == expected[:3] and actual[7] == expected[7]
        for a, b, off in zip(actual[3:7], expected[3:7], expected[8], strict=True):
            assert math.isclose(a, b, rel_tol=1e-9, abs_tol=off + 1e-3)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(write, max_size=14))
def test_the_summary_is_what_the_checkins_say_after_any_writes(
    engine: Engine, steps: list[tuple[Any, ...]]
) -> None:
    clock = FrozenClock(START)
    services, team = workspace(engine, clock)
    for step in steps:
        apply(services, team, clock, step)
        assert_same(stored(services, team), recomputed(services, team))
    with services.session() as session:
        ctx = Asking(session, team, "U1", clock.now(), ZoneInfo("UTC"))
        goals = find_goals(session=session, team_id=team, where=GoalFilter())
        assert statuses(ctx, goals) == [status_of(item) for item in assess_all(ctx, goals)]
        ids = [g.id for g in goals if g.id is not None]
        last = last_checkins(session=session, team_id=team, goal_ids=ids, up_to=clock.now())
        points = points_by_goal(session=session, team_id=team, goal_ids=ids, point=lambda at, _: at)
        seen = {i: [at for at in ats if at <= clock.now()] for i, ats in points.items()}
        assert last == {i: max(ats) for i, ats in seen.items() if ats}


def test_the_summary_reads_only_the_first_and_latest_checkins(engine: Engine) -> None:
    clock = FrozenClock(START)
    services, team = workspace(engine, clock)
    rows = [
        {"goal": "g0", "value": str(1_000 + n), "at": (START - timedelta(hours=n)).isoformat()}
        for n in range(TREND_POINTS + 20)
    ]
    import_file(services, team_id=team, text=json.dumps({"checkins": rows}))
    [summary] = stored(services, team).values()
    assert summary[0] == (START - timedelta(hours=TREND_POINTS + 19), 1_000 + TREND_POINTS + 19)
    assert summary[1] == (START, 1_000)
    assert summary[2] == TREND_POINTS + 1
    assert_same(stored(services, team), recomputed(services, team))


def test_a_checkin_changed_or_moved_in_place_refreshes_both_goals(engine: Engine) -> None:
    # No service edits a row in place today (an edited reply replaces its rows), but the
    # ORM may: the summary follows an UPDATE too, of the goal left and the goal joined.
    clock = FrozenClock(START)
    services, team = workspace(engine, clock)
    rows = [{"goal": "g0", "value": "1000", "at": START.isoformat()}]
    import_file(services, team_id=team, text=json.dumps({"checkins": rows}))
    with services.session() as session:
        checkin = session.scalars(select(CheckIn).where(col(CheckIn.team_id) == team)).one()
        before = checkin.goal_id
        checkin.value, checkin.goal_id = Decimal(1_111), before + 1
    assert_same(stored(services, team), recomputed(services, team))
    assert [s[1][1] for s in stored(services, team).values()] == [1_111]
