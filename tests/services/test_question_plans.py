"""A status list reads its goals as plan columns joined to their stored sums, and loads
in full only the goals it shows: the same goals, order, statuses and answer as reading
every goal in full."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.core.plan import expected_progress
from bot.core.progress import Status
from bot.services.questions.answer import MAX_LISTED, Said, answer_question
from bot.services.questions.assess import assess_all, goal_ref, status_of, statuses_from
from bot.services.questions.find import Asking
from bot.services.transfer import import_file
from storage.questions import GoalFilter, GoalPlan, find_goals, goal_plans, points_summaries
from tests.harness import make_services
from tests.services.test_question_statuses import NOW, goal, imported


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(goal, min_size=1, max_size=6))
def test_plans_are_the_goals_their_sums_and_statuses(engine: Engine, goals: Any) -> None:
    services, team = imported(engine, goals)
    with services.session() as session:
        ctx = Asking(session, team, "U1", NOW, ZoneInfo("UTC"))
        full = find_goals(session=session, team_id=team, where=GoalFilter())
        plans, summaries = goal_plans(session=session, team_id=team, where=GoalFilter(), up_to=NOW)
        ids = [g.id for g in full if g.id is not None]
        assert [p.id for p in plans] == ids
        # The same values as the ORM's, down to each decimal's exponent and each time's zone.
        as_goals = [GoalPlan._make(getattr(g, name) for name in GoalPlan._fields) for g in full]
        assert repr(plans) == repr(as_goals)
        assert [goal_ref(p) for p in plans] == [goal_ref(g) for g in full]
        assert summaries == points_summaries(session=session, team_id=team, goal_ids=ids, up_to=NOW)
        assert statuses_from(ctx, plans, summaries) == [
            status_of(item) for item in assess_all(ctx, full)
        ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(goal, min_size=1, max_size=6), st.sets(st.sampled_from(Status), min_size=1))
def test_plans_read_for_some_statuses_keep_every_goal_of_those_statuses(
    engine: Engine, goals: Any, wanted: set[Status]
) -> None:
    # The rough SQL filter may keep goals of other statuses, never leave one out.
    services, team = imported(engine, goals)
    assert_keeps_every_goal_of(services, team, wanted)


def assert_keeps_every_goal_of(services: Any, team: str, wanted: set[Status]) -> None:
    """The plans read for `wanted` statuses hold every goal of those statuses, in order."""
    with services.session() as session:
        ctx = Asking(session, team, "U1", NOW, ZoneInfo("UTC"))
        every = goal_plans(session=session, team_id=team, where=GoalFilter(), up_to=NOW)
        some = goal_plans(
            session=session, team_id=team, where=GoalFilter(), up_to=NOW, statuses=wanted
        )
        assert {p.id for p in some[0]} <= {p.id for p in every[0]}
        assert some[1] == {i: every[1][i] for i in every[1] if i in {p.id for p in some[0]}}
        kept = [
            [goal_ref(p) for p, its in zip(plans, found, strict=True) if its in wanted]
            for plans, found in ((p, statuses_from(ctx, p, sums)) for p, sums in (every, some))
        ]
        assert kept[0] == kept[1]
        # And those statuses are the full assessments'.
        full = find_goals(session=session, team_id=team, where=GoalFilter())
        assert statuses_from(ctx, *every) == [status_of(item) for item in assess_all(ctx, full)]


def test_goals_exactly_at_the_thresholds_are_kept(engine: Engine) -> None:
    # Progress 10 and 25 points behind the plan exactly, and a hundredth of a point either
    # side: where floats in SQL could tip a goal the wrong way.
    behind = [Decimal(b) for b in ("0.0999", "0.1", "0.1001", "0.2499", "0.25", "0.2501")]
    day = lambda n: (NOW + timedelta(days=n)).date().isoformat()  # noqa: E731
    rows = [
        {"id": f"g{i}", "title": f"Goal {i}", "metric": "reach", "unit": "count",
         "baseline": "0", "target": "1000000", "start": day(-100), "deadline": day(100)}
        for i in range(len(behind))
    ]  # fmt: skip
    services = make_services(engine, FrozenClock(NOW))
    import_file(services, team_id="TEDGE", text=json.dumps({"goals": rows, "checkins": []}))
    with services.session() as session:
        goals = find_goals(session=session, team_id="TEDGE", where=GoalFilter())
        assert goals[0].deadline is not None
        expected = expected_progress(goals[0].start_at, goals[0].deadline, NOW)
    checkins = [
        {"goal": f"g{i}", "value": str((expected - b) * 1_000_000),
         "at": (NOW - timedelta(hours=1)).isoformat()}
        for i, b in enumerate(behind)
    ]  # fmt: skip
    import_file(services, team_id="TEDGE", text=json.dumps({"goals": [], "checkins": checkins}))
    with services.session() as session:
        ctx = Asking(session, "TEDGE", "U1", NOW, ZoneInfo("UTC"))
        found = [status_of(item) for item in assess_all(ctx, goals)]
    on, risk, off = Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK
    assert found == [on, on, risk, risk, risk, off]
    for wanted in ({on}, {risk}, {off}, {risk, off}):
        assert_keeps_every_goal_of(services, "TEDGE", wanted)


_edges = itertools.count()
on_edge = st.fixed_dictionaries({
    "baseline": st.integers(min_value=0, max_value=10_000),
    "span": st.integers(min_value=1, max_value=10_000),  # target - baseline, either way
    "direction": st.sampled_from(["increase", "decrease"]),
    "start": st.integers(min_value=1, max_value=200),  # days before now
    "deadline": st.integers(min_value=1, max_value=200),  # days after now
    "behind": st.sampled_from([Decimal("0.1"), Decimal("0.25")]),
    # On a slack, a place or half a place (where rounding tips it) either side, or less.
    "off": st.sampled_from([Decimal(o) for o in (
        "0", "0.0001", "-0.0001", "0.00005", "-0.00005", "0.00015", "-0.00015", "1E-8", "-1E-8",
    )]),
    "earlier": st.lists(st.integers(min_value=0, max_value=20_000), max_size=3),
})  # fmt: skip


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(on_edge, min_size=1, max_size=5))
def test_goals_on_and_beside_the_thresholds_are_kept(engine: Engine, goals: Any) -> None:
    # Each goal's latest value puts it 10 or 25 points behind its plan, or a hundredth of a
    # point (or less) either side: where floats in SQL could tip a goal the wrong way. Its
    # earlier check-ins draw a trend that may or may not reach the target.
    team = f"TEDGES{next(_edges)}"
    day = lambda n: (NOW + timedelta(days=n)).date().isoformat()  # noqa: E731
    sign = {"increase": 1, "decrease": -1}
    rows = [
        {"id": f"g{i}", "title": f"Goal {i}", "metric": "reach", "unit": "count",
         "direction": g["direction"], "baseline": str(g["baseline"]),
         "target": str(g["baseline"] + sign[g["direction"]] * g["span"]),
         "start": day(-g["start"]), "deadline": day(g["deadline"])}
        for i, g in enumerate(goals)
    ]  # fmt: skip
    services = make_services(engine, FrozenClock(NOW))
    import_file(services, team_id=team, text=json.dumps({"goals": rows, "checkins": []}))
    with services.session() as session:
        found = find_goals(session=session, team_id=team, where=GoalFilter())
        plans = {g.external_id: (g.start_at, g.deadline) for g in found}
    checkins = []
    for i, g in enumerate(goals):
        start, deadline = plans[f"g{i}"]
        assert deadline is not None
        share = expected_progress(start, deadline, NOW) - g["behind"] + g["off"]
        latest = g["baseline"] + share * sign[g["direction"]] * g["span"]
        checkins += [
            {"goal": f"g{i}", "value": str(value), "at": (NOW - timedelta(days=k + 1)).isoformat()}
            for k, value in enumerate([latest.quantize(Decimal("1E-8")), *g["earlier"]])
        ]
    import_file(services, team_id=team, text=json.dumps({"goals": [], "checkins": checkins}))
    on, risk, off = Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK
    for wanted in ({on}, {risk}, {off}, {risk, off}, {Status.ACHIEVED, Status.MISSED}):
        assert_keeps_every_goal_of(services, team, wanted)


def test_an_at_risk_list_shows_the_first_page_and_counts_every_goal(engine: Engine) -> None:
    # 60 goals from 1,000 at one pace (1,200 now), towards targets from 1,340 to 1,517 by
    # deadlines a month or so away: the nearer ones on track, then at risk, then off track.
    day = lambda n: (NOW + timedelta(days=n)).date().isoformat()  # noqa: E731
    rows = [
        {"id": f"g{i}", "title": f"Goal {i}", "metric": "reach", "unit": "count",
         "baseline": "1000", "target": str(1_340 + 3 * i), "start": day(-60),
         "deadline": day(30 + i % 7)}
        for i in range(60)
    ]  # fmt: skip
    checkins = [
        {"goal": f"g{i}", "value": str(1_000 + 40 * k),
         "at": (NOW - timedelta(days=60 - 10 * k)).isoformat()}
        for i in range(60)
        for k in range(1, 6)
    ]  # fmt: skip
    services = make_services(engine, FrozenClock(NOW))
    import_file(services, team_id="TPLANS", text=json.dumps({"goals": rows, "checkins": checkins}))

    answer = answer_question(
        services, team_id="TPLANS", user_id="U1", text="which goals are at risk?"
    )

    with services.session() as session:
        ctx = Asking(session, "TPLANS", "U1", services.now(), ZoneInfo("UTC"))
        full = assess_all(ctx, find_goals(session=session, team_id="TPLANS", where=GoalFilter()))
        at_risk = [goal_ref(item.goal) for item in full if status_of(item) is Status.AT_RISK]
    assert answer.said is Said.LISTED
    assert MAX_LISTED < len(at_risk) < len(full)  # a second page, and goals left out
    assert answer.refs == tuple(at_risk)
    assert (answer.count, answer.more) == (len(at_risk), len(at_risk) - MAX_LISTED)
    assert [g.ref for g in answer.goals] == at_risk[:MAX_LISTED]
    assert {g.status for g in answer.goals} == {Status.AT_RISK}
    with services.session() as session:
        read, _ = goal_plans(
            session=session,
            team_id="TPLANS",
            where=GoalFilter(),
            up_to=NOW,
            statuses={Status.AT_RISK},
        )
    assert len(at_risk) <= len(read) < len(full)  # the goals on and off track left in SQL
