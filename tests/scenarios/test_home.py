"""The App Home for 0, 1 and 500 goals, within Slack's 100-block limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.factories import make_checkin, make_goal
from tests.harness import BotHarness

HOME_LIMIT = 100


def make_goals(harness: BotHarness, count: int) -> None:
    now = harness.clock.now()
    with harness.services.session() as session:
        for n in range(count):
            goal = make_goal(
                session,
                now=now - timedelta(days=20),
                title=f"Goal {n + 1}: grow reach on Instagram",
                baseline=Decimal(1000),
                target=Decimal(2000),
                deadline=datetime(2027, 1, 31, tzinfo=UTC),
                owner_id="U1" if n % 2 == 0 else "U2",
            )
            if n % 3 == 0:
                make_checkin(session, goal.id or 0, 1200, at=now - timedelta(days=1), now=now)


def home(harness: BotHarness, user: str = "U1") -> list[dict]:
    return harness.sandbox.home_views[user]["blocks"]


@pytest.mark.parametrize("count", [0, 1, 500])
def test_home_renders_within_limits_for_any_number_of_goals(
    harness: BotHarness, count: int
) -> None:
    make_goals(harness, count)

    harness.driver.open_home("U1")

    blocks = home(harness)
    assert len(blocks) <= HOME_LIMIT
    assert harness.sandbox.problems == []
    text = str(blocks)
    for label in ("New goal", "Check in", "Pause reminders", "Subscribe a channel to digests"):
        assert label in text
    assert f"My goals ({(count + 1) // 2})" in text


def test_home_shows_my_goal_with_status_progress_and_edit(harness: BotHarness) -> None:
    make_goals(harness, 1)

    harness.driver.open_home("U1")

    text = str(home(harness))
    assert "Goal 1: grow reach on Instagram" in text
    assert "20%" in text and "1.2k / 2k" in text
    assert "goal.edit_" in text


def test_a_goal_without_a_check_in_this_week_is_due(harness: BotHarness) -> None:
    make_goals(harness, 3)  # goal 1 checked in yesterday, goal 3 never

    harness.driver.open_home("U1")

    due = next(b for b in home(harness) if "Due for a check-in" in str(b))
    assert "Goal 3" in str(due) and "Goal 1:" not in str(due)


def test_the_team_goals_page_forward(harness: BotHarness) -> None:
    make_goals(harness, 500)
    harness.driver.open_home("U1")
    next_button = next(
        e
        for b in home(harness)
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "home.page_next"
    )

    harness.driver.block_action("U1", next_button, "", None)

    assert "Page 2 of 10" in str(home(harness))
    assert len(home(harness)) <= HOME_LIMIT
