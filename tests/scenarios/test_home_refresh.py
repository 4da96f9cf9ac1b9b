"""The App Home refreshes after any change, for the people the change concerns.

Each test opens the Home, changes something the way a person would, and looks
at the Home again without reopening it.
"""

from __future__ import annotations

from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick
from tests.scenarios.test_interview_flow import PIZZERIA


def home_text(harness: BotHarness, user: str = "U1") -> str:
    return str(harness.sandbox.home_views[user]["blocks"])


def published_to(harness: BotHarness) -> list[str]:
    return [call.args["user_id"] for call in harness.sandbox.calls_to("views.publish")]


def test_a_reply_to_a_reminder_shows_on_the_home_and_leaves_with_its_deletion(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    harness.driver.open_home("U1")
    assert "Due for a check-in" in home_text(harness)

    reply = harness.driver.message("U1", "43k", thread_ts=reminders_to(harness, "U1")[-1].ts)

    assert "43k / 60k" in home_text(harness)
    assert "Nothing due" in home_text(harness)

    harness.driver.edit(reply, "45k")
    assert "45k / 60k" in home_text(harness)

    harness.driver.delete(reply)
    assert "45k" not in home_text(harness) and "Due for a check-in" in home_text(harness)


def test_an_admins_check_in_refreshes_the_owners_home_and_theirs_only(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.sandbox.calls.clear()

    harness.driver.command("UADMIN", "/goals", "checkin #1 43k")  # the workspace's first goal

    assert sorted(published_to(harness)) == ["U1", "UADMIN"]
    assert "43k / 60k" in home_text(harness, "U1")


def test_an_unreadable_check_in_changes_nothing_so_no_home_is_published(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.sandbox.calls.clear()

    harness.driver.command("U1", "/goals", "checkin pizza 41k")

    assert published_to(harness) == []


def test_a_goal_saved_by_the_interview_appears_on_the_home(harness: BotHarness) -> None:
    harness.driver.open_home("U1")
    assert "My goals (0)" in home_text(harness)
    harness.driver.command("U1", "/goals", "new")
    for answer in PIZZERIA:
        harness.driver.message("U1", answer)

    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    assert "My goals (1)" in home_text(harness)
    assert "Followers to 480 on Instagram" in home_text(harness)


def test_away_and_back_show_on_the_home(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.driver.open_home("U1")
    assert "Pause reminders" in home_text(harness)

    harness.driver.command("U1", "/goals", "away until Dec 5")
    assert "Resume reminders" in home_text(harness)

    harness.driver.command("U1", "/goals", "back")
    assert "Pause reminders" in home_text(harness)


def test_the_reminders_pause_button_shows_on_the_home(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)

    harness.driver.click("U1", reminders_to(harness, "U1")[-1], "Pause reminders")

    assert "Resume reminders" in home_text(harness)
