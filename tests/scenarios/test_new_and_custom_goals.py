"""A goal as a new user first meets it: saved with only a baseline, or counting a metric of
their own that questions find by its name."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.services.transfer import import_file
from tests.harness import TEAM, BotHarness
from tests.scenarios.test_interview_flow import say
from tests.scenarios.test_series import interview_goal

PIZZA_ORDERS = ["we want more pizza orders from our website", "pizza orders", "count", "higher",
                "about 200", "300", "in 6 weeks", "save"]  # fmt: skip


def test_a_goal_with_only_its_baseline_has_no_check_in_yet(harness: BotHarness) -> None:
    interview_goal(harness)  # followers 400 -> 480 on Instagram, weekly reminders

    status = say(harness, "how are followers on instagram?")
    harness.driver.open_home("U1")
    home = str(harness.sandbox.home_views["U1"]["blocks"])

    assert "No check-in yet" in status and "Last check-in" not in status, status
    assert "Due for a check-in" not in home
    harness.clock.advance(timedelta(days=8))  # its reminders came and went unanswered
    harness.driver.open_home("U1")
    assert "Due for a check-in" in str(harness.sandbox.home_views["U1"]["blocks"])


def _interviewed(harness: BotHarness) -> None:
    say(harness, "new goal", *PIZZA_ORDERS)


def _imported(harness: BotHarness) -> None:
    goal = {"title": "Pizza orders to 300", "metric": "pizza orders", "unit": "count",
            "baseline": 200, "target": 300, "deadline": "2027-01-03"}  # fmt: skip
    import_file(harness.services, team_id=TEAM, text=json.dumps([goal]))


ASKED = ["how are pizza orders doing?", "how are pizza ordres doing?", "who owns pizza ordres?",
         "show pizza orders goals"]  # fmt: skip


@pytest.mark.parametrize("make", [_interviewed, _imported], ids=["interview", "import"])
@pytest.mark.parametrize("question", ASKED)
def test_a_custom_metric_is_found_by_its_name(
    harness: BotHarness, make: object, question: str
) -> None:
    assert callable(make)
    make(harness)

    said = say(harness, question)

    assert "Pizza orders to 300" in said or "pizza orders to 300" in said, said
    assert "No goal tracks" not in said
