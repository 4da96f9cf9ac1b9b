"""The App Home's buttons do what they say, through the features they stand for.

New goal starts the interview, Check in opens the Update form (after a picker when
the person has several goals), Pause/Resume reminders go through the reminder
controls; and the Home shows each change without being reopened.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import select

from storage.models import CheckIn, InterviewState, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import BotHarness


def home_text(harness: BotHarness, user: str = "U1") -> str:
    return str(harness.sandbox.home_views[user]["blocks"])


def press(harness: BotHarness, label: str, user: str = "U1") -> Any:
    """Open the Home (as a person does) and press the button with this label."""
    harness.driver.open_home(user)
    for block in harness.sandbox.home_views[user]["blocks"]:
        for element in block.get("elements") or []:
            if element.get("type") == "button" and element["text"]["text"] == label:
                return harness.driver.block_action(user, element, block.get("block_id", ""), None)
    raise LookupError(f"no {label!r} button on the Home")


def newest_view(harness: BotHarness) -> dict[str, Any]:
    return list(harness.sandbox.views.values())[-1]


def typed_value(form: dict[str, Any], value: str) -> dict[str, Any]:
    """The form's state with `value` typed into its (only) value field."""
    [field] = [b["block_id"] for b in form["blocks"] if b["block_id"].startswith("value:")]
    return {field: {"value": {"type": "plain_text_input", "value": value}}}


def rows(harness: BotHarness, model: type) -> list[Any]:
    with harness.services.session() as session:
        return list(session.exec(select(model)))


def test_new_goal_starts_the_interview_in_a_dm(harness: BotHarness) -> None:
    press(harness, "New goal")

    [state] = rows(harness, InterviewState)
    assert state.user_id == "U1"
    assert harness.dm("U1"), "the interview's first question arrives by DM"
    assert "/goals new" not in harness.dm("U1")[-1].text  # a question, not a hint


def test_check_in_opens_the_update_form_for_my_only_goal(harness: BotHarness) -> None:
    make_reminded_goal(harness)

    press(harness, "Check in")
    form = newest_view(harness)
    assert form["callback_id"] == "checkin.update"
    assert "Reach 60k on Instagram" in str(form["blocks"])
    result = harness.driver.submit_view("U1", form, typed_value(form, "43k"))

    assert result.status == 200
    [stored] = rows(harness, CheckIn)
    assert (stored.value, stored.author_id, stored.source) == (Decimal(43000), "U1", "modal")
    answer = harness.dm("U1")[-1]
    assert answer.text == "Got it: “Reach 60k on Instagram” 43,000"
    assert "Progress: ▓░░░░░░░░░ 15% of the way to 60,000" in str(answer.blocks)  # said once


def test_check_in_with_several_goals_asks_which_one_first(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    tiktok, _ = make_reminded_goal(harness, title="Reach 20k on TikTok", platform="tiktok")
    make_reminded_goal(harness, owner="U2", title="Bogdan's goal")

    press(harness, "Check in")
    picker = newest_view(harness)
    assert picker["callback_id"] == "checkin.pick"
    assert "Reach 20k on TikTok" in str(picker) and "Bogdan's goal" not in str(picker)
    option = {"value": str(tiktok)}
    chosen = {"goal": {"goal": {"type": "static_select", "selected_option": option}}}
    answer = harness.driver.submit_view("U1", picker, chosen).json()
    assert answer["response_action"] == "update"
    form = answer["view"]
    harness.driver.submit_view("U1", form, typed_value(form, "12k"))

    [stored] = rows(harness, CheckIn)
    assert (stored.goal_id, stored.value) == (tiktok, Decimal(12000))


def test_check_in_without_goals_says_how_to_set_one(harness: BotHarness) -> None:
    press(harness, "Check in")

    assert harness.sandbox.views == {}
    assert "no active goal" in harness.last_reply("U1").text


def test_pause_and_resume_reminders_from_the_home(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    make_reminded_goal(harness, title="Reach 20k on TikTok", platform="tiktok")

    press(harness, "Pause reminders")

    schedules = rows(harness, ReminderSchedule)
    assert [s.active for s in schedules] == [False, False]
    assert {s.paused_reason for s in schedules} == {"paused_by:U1"}
    assert "Paused reminders for 2 goals" in harness.last_reply("U1").text
    assert "Resume reminders" in home_text(harness)

    press(harness, "Resume reminders")

    assert [s.active for s in rows(harness, ReminderSchedule)] == [True, True]
    assert "Welcome back" in harness.last_reply("U1").text
    assert "Pause reminders" in home_text(harness)
