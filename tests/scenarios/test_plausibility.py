"""Values that cannot be right, or are far off the goal's last one, before anything is stored:
in a reminder's thread, with `/goals checkin` and in the Update form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.scenarios.test_checkins import checkins, remind


def test_a_negative_count_in_the_thread_is_refused_with_the_reason(harness: BotHarness) -> None:
    _, reminder = remind(harness)

    harness.driver.message("U1", "-5", thread_ts=reminder.ts)

    assert checkins(harness) == []
    answer = harness.last_reply("U1").text
    assert "can't be right" in answer and "never below zero" in answer
    assert "Nothing was saved" in answer


def test_a_rate_over_100_percent_is_refused(harness: BotHarness) -> None:
    _goal_id, _ = make_reminded_goal(
        harness, title="Engagement 5%", unit="percent", baseline=Decimal(2), target=Decimal(5)
    )

    harness.driver.command("U1", "/goals", "checkin #1 140%")

    assert checkins(harness) == []
    assert "between 0% and 100%" in harness.last_reply("U1").text


@pytest.mark.parametrize(
    ("button", "stored"),
    [("Yes, 41,000", Decimal(41000)), ("Save 41 as typed", Decimal(41)), ("Cancel", None)],
)
def test_a_far_off_value_asks_did_you_mean_before_storing(
    harness: BotHarness, button: str, stored: Decimal | None
) -> None:
    _goal_id, _ = make_reminded_goal(harness)  # baseline 40,000: "41" is a thousandth of it

    harness.driver.command("U1", "/goals", "checkin #1 41 good week")

    assert checkins(harness) == []
    question = harness.last_reply("U1")
    assert "Did you mean 41,000?" in question.text
    harness.driver.click("U1", question, button)
    assert [(c.value, c.note) for c in checkins(harness)] == (
        [(stored, "good week")] if stored is not None else []
    )


def test_a_far_off_reply_in_the_thread_is_asked_about_privately(harness: BotHarness) -> None:
    _, reminder = remind(harness)

    harness.driver.message("U1", "4", thread_ts=reminder.ts)

    assert checkins(harness) == []
    question = harness.last_reply("U1")
    assert question.ephemeral_to == "U1" and "Did you mean 40,000?" in question.text
    harness.driver.click("U1", question, "Yes, 40,000")
    [stored] = checkins(harness)
    assert (stored.value, stored.source, stored.message_ts) == (
        Decimal(40000),
        "reply",
        next(m.ts for m in harness.sandbox.thread(reminder.channel, reminder.ts) if m.user == "U1"),
    )


def test_a_far_off_value_in_the_update_form_is_asked_about(harness: BotHarness) -> None:
    _, reminder = remind(harness)
    harness.driver.click("U1", reminder, "Update")
    [form] = harness.sandbox.views.values()
    values = {b["block_id"]: {} for b in form["blocks"]}
    goal_block = next(k for k in values if k.startswith("value:"))
    values[goal_block] = {"value": {"type": "plain_text_input", "value": "4m"}}

    harness.driver.submit_view("U1", form, values)

    assert checkins(harness) == []
    question = harness.last_reply("U1")
    assert "far from the last value, 40,000" in question.text
    harness.driver.click("U1", question, "Save 4,000,000 as typed")
    assert [c.value for c in checkins(harness)] == [Decimal(4000000)]
