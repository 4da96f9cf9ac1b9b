"""`points_by_goal` reads the driver's own values and converts them a column at a time, in
batches, with the garbage collector paused (issue 18): it gives exactly what loading each
check-in through its column types gives (same moments, same Decimals to the exponent),
in the same order, on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
import itertools
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, col, select

import storage.progress
from bot.core.trend import Point
from storage.models import CHECKIN_ORDER, CheckIn
from storage.progress import points_by_goal
from tests.factories import make_goal

START = datetime(2026, 1, 1, tzinfo=UTC)
_teams = itertools.count()

value = st.one_of(
    st.decimals(min_value=-(10**12), max_value=10**12, places=8, allow_nan=False),
    st.sampled_from([Decimal("-0"), Decimal("0.00"), Decimal("100"), Decimal("1E+3")]),
)
moment = st.builds(
    lambda seconds, micros, hours: (
        START + timedelta(seconds=seconds, microseconds=micros)
    ).astimezone(timezone(timedelta(hours=hours))),
    st.integers(min_value=0, max_value=400 * 86_400),
    st.integers(min_value=0, max_value=999_999),
    st.integers(min_value=-11, max_value=12),
)
checkin = st.tuples(st.integers(min_value=0, max_value=2), moment, value)


@pytest.mark.parametrize("batch", [3, 10_000])
@given(checkins=st.lists(checkin, max_size=25))
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_points_are_the_check_ins_as_their_column_types_read_them(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, batch: int, checkins: list[tuple]
) -> None:
    monkeypatch.setattr(storage.progress, "_BATCH", batch)  # goals split across batches too
    team = f"TPTS{next(_teams)}"
    with Session(engine) as session:
        goals = [make_goal(session, team_id=team, title=f"Goal {i}") for i in range(4)]
        ids = [g.id or 0 for g in goals]
        for index, at, amount in checkins:
            session.add(
                CheckIn(team_id=team, goal_id=ids[index], value=amount, at=at, created_at=at,
                        updated_at=at)
            )  # fmt: skip
        session.commit()
        session.expire_all()
        stored = session.exec(
            select(CheckIn).where(col(CheckIn.team_id) == team).order_by(*CHECKIN_ORDER)
        ).all()
        expected: dict[int, list[Point]] = {}
        for row in sorted(stored, key=lambda c: c.goal_id):  # stable: each goal's order kept
            expected.setdefault(row.goal_id, []).append(Point(row.at, row.value))
        found = points_by_goal(session=session, team_id=team, goal_ids=ids, point=Point)
    assert dict(found) == expected
    assert repr(dict(found)) == repr(expected)  # the same exponents and time zones
    assert gc.isenabled()
