"""Corrections: check in on an achieved goal, and undo your own last check-in of the past day."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from storage.models import Goal
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.scenarios.test_checkins import checkins, remind


def state_of(harness: BotHarness, goal_id: int) -> str:
    with harness.services.session() as session:
        goal = session.get(Goal, goal_id)
        assert goal is not None
        return goal.state


def test_the_checkin_command_works_on_an_achieved_goal(harness: BotHarness) -> None:
    goal_id, _ = make_reminded_goal(harness)
    harness.driver.command("U1", "/goals", "checkin #1 61k")
    assert state_of(harness, goal_id) == "achieved"

    harness.driver.command("U1", "/goals", "checkin #1 62k")

    assert [c.value for c in checkins(harness)] == [Decimal(61000), Decimal(62000)]


def test_undo_in_the_dm_removes_my_last_check_in_after_confirming(harness: BotHarness) -> None:
    goal_id, _ = make_reminded_goal(harness)
    harness.driver.command("U1", "/goals", "checkin #1 41k")
    harness.driver.command("U1", "/goals", "checkin #1 61k")  # a typo: achieved

    harness.driver.message("U1", "undo")

    offer = harness.last_reply("U1")
    assert "Undo your check-in of 61,000" in offer.text
    assert len(checkins(harness)) == 2  # nothing goes before the confirmation
    harness.driver.click("U1", offer, "Undo it")
    assert [c.value for c in checkins(harness)] == [Decimal(41000)]
    assert state_of(harness, goal_id) == "active"


def test_keep_it_keeps_the_check_in(harness: BotHarness) -> None:
    _goal_id, _ = make_reminded_goal(harness)
    harness.driver.command("U1", "/goals", "checkin #1 41k")

    harness.driver.command("U1", "/goals", "undo")
    harness.driver.click("U1", harness.last_reply("U1"), "Keep it")

    assert [c.value for c in checkins(harness)] == [Decimal(41000)]


def test_undo_in_the_reminder_thread(harness: BotHarness) -> None:
    _, reminder = remind(harness)
    harness.driver.message("U1", "41k", thread_ts=reminder.ts)

    harness.driver.message("U1", "undo", thread_ts=reminder.ts)
    harness.driver.click("U1", harness.last_reply("U1"), "Undo it")

    assert checkins(harness) == []


def test_undo_leaves_older_and_other_peoples_check_ins(harness: BotHarness) -> None:
    _goal_id, _ = make_reminded_goal(harness, contributors=["U2"])
    harness.driver.command("U1", "/goals", "checkin #1 41k")
    harness.clock.advance(timedelta(hours=25))
    harness.driver.command("U2", "/goals", "checkin #1 42k")

    harness.driver.command("U1", "/goals", "undo")

    assert "no check-in of the past 24 hours" in harness.last_reply("U1").text
    assert len(checkins(harness)) == 2


def test_a_stale_undo_button_removes_nothing(harness: BotHarness) -> None:
    _goal_id, _ = make_reminded_goal(harness)
    harness.driver.command("U1", "/goals", "checkin #1 41k")
    harness.driver.command("U1", "/goals", "undo")
    offer = harness.last_reply("U1")
    harness.driver.command("U1", "/goals", "checkin #1 42k")

    harness.driver.click("U1", offer, "Undo it")  # offered 41k, which is no longer the last

    assert [c.value for c in checkins(harness)] == [Decimal(41000), Decimal(42000)]
