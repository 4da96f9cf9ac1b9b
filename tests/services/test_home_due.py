"""The Home of someone with more goals than it lists still tells which are due, from when
each was last checked in on, without assessing the goals it does not show."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.services.home import MY_GOALS, home_view
from bot.services.transfer import import_file
from tests.harness import make_services

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_goals_beyond_the_listed_ones_are_due_by_their_last_check_in(engine: Engine) -> None:
    count = MY_GOALS + 10
    goals = [
        {"id": f"g{i}", "title": f"Reach goal {i}", "metric": "reach", "target": "5000",
         "baseline": "1000", "start": "2026-09-01", "deadline": "2027-03-31", "owner": "UMANY"}
        for i in range(count)
    ]  # fmt: skip
    # Every third goal was checked in on two days ago; the others three weeks ago, and one
    # (g5) had a check-in after "now" that does not count.
    checkins = [
        {"goal": f"g{i}", "value": "2000",
         "at": (NOW - timedelta(days=2 if i % 3 == 0 else 21)).isoformat()}
        for i in range(count)
    ] + [{"goal": "g5", "value": "2100", "at": (NOW + timedelta(days=1)).isoformat()}]  # fmt: skip
    services = make_services(engine, FrozenClock(NOW))
    team = "TMANYGOALS"
    import_file(services, team_id=team, text=json.dumps({"goals": goals, "checkins": checkins}))

    view = home_view(services, team_id=team, user_id="UMANY")

    due = [f"Reach goal {i}" for i in range(count) if i % 3][:MY_GOALS]
    assert [row.title for row in view.due] == due
    assert view.mine_total == count
    assert len(view.mine) == MY_GOALS
