"""A reply in a thread that covers several goals may name its goal by number or by name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.checkin_reply import Values, parse_reply
from bot.core.goal_lookup import GoalRef
from bot.core.parse_error import ParseError
from bot.core.values import Unit

GOALS = [  # ids differ from numbers: people type the number they see ("#2")
    GoalRef(12, "Reach 60k on Instagram", "reach", "reach", "instagram", number=2),
    GoalRef(
        13, "Engagement 4%", "engagement_rate", "engagement rate", "instagram",
        unit=Unit.PERCENT, number=3,
    ),
]  # fmt: skip

CASES = [
    ("#2 41k", {2: "41000"}),
    ("reach 41k", {2: "41000"}),
    ("#3 4.1%, #2 41k great week", {3: "4.1", 2: "41000"}),
    ("engagement 4.1% and #2 41k", {3: "4.1", 2: "41000"}),
    ("41k", None),  # two goals: which one?
    ("#9 41k", None),  # no goal #9 in this thread
]


@pytest.mark.parametrize(("typed", "stored"), CASES, ids=[c[0] for c in CASES])
def test_a_reply_names_its_goal(typed: str, stored: dict[int, str] | None) -> None:
    reply = parse_reply(typed, GOALS)
    if stored is None:
        assert isinstance(reply, ParseError)
        return
    assert isinstance(reply, Values)
    assert {v.goal.number: v.quantity.value for v in reply.values} == {
        goal: Decimal(value) for goal, value in stored.items()
    }
