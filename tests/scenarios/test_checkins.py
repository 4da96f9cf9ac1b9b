"""Check-ins as people make them: replies in a reminder's thread, edits, deletions,
`/goals checkin`, the Update form, and who may check in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import select

from bot.sandbox.state import Message
from storage.models import CheckIn, Goal
from tests.factories import make_goal, make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick


def remind(harness: BotHarness, **goal: Any) -> tuple[int, Message]:
    goal_id, _ = make_reminded_goal(harness, **goal)
    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).sent == 1
    return goal_id, reminders_to(harness, "U1")[-1]


def checkins(harness: BotHarness) -> list[CheckIn]:
    with harness.services.session() as session:
        return list(session.exec(select(CheckIn).order_by(CheckIn.id)))


def thread_replies(harness: BotHarness, reminder: Message) -> list[str]:
    replies = harness.sandbox.thread(reminder.channel, reminder.ts)
    return [m.text for m in replies if m.user == harness.sandbox.bot_user_id]


def test_the_reminder_says_what_is_expected_and_how_to_answer(harness: BotHarness) -> None:
    _, reminder = remind(harness)

    text = str(reminder.blocks)
    assert "Reach 60k on Instagram" in text
    assert "Expected by now" in text and "No check-in yet (started from 40,000)" in text
    assert "Reply in this thread" in text
    [buttons] = [b["elements"] for b in reminder.blocks if b["type"] == "actions"]
    labels = [e["text"]["text"] for e in buttons]
    assert labels == ["Update", "Skip this time", "Snooze 1 day", "Pause reminders"]


# (reply, stored value, note, confidence)
REPLIES = [
    ("41.2k", "41200", "", None),
    ("41200, the reel did well", "41200", "the reel did well", None),
    ("۴۱٬۲۰۰", "41200", "", None),
    ("41k at risk", "41000", "", "at_risk"),
    # Slack sends "&", "<", ">" as entities in message text; the note keeps what was typed.
    ("41k, R&D <3 the reel", "41000", "R&D <3 the reel", None),
]


@pytest.mark.parametrize(("typed", "value", "note", "confidence"), REPLIES)
def test_a_reply_in_the_thread_is_a_check_in_and_gets_an_answer(
    harness: BotHarness, typed: str, value: str, note: str, confidence: str | None
) -> None:
    _, reminder = remind(harness)

    harness.driver.message("U1", typed, thread_ts=reminder.ts)

    [stored] = checkins(harness)
    assert (stored.value, stored.note, stored.confidence) == (Decimal(value), note, confidence)
    [answer] = harness.sandbox.thread(reminder.channel, reminder.ts)[1:]
    shown = str(answer.blocks)
    assert "of the way to 60,000" in shown
    assert "Expected by today" in shown and "Status:" in shown


def test_the_answer_shows_the_change_since_the_last_check_in(harness: BotHarness) -> None:
    _, reminder = remind(harness)
    harness.driver.message("U1", "41k", thread_ts=reminder.ts)

    harness.driver.message("U1", "42k", thread_ts=reminder.ts)

    last = harness.sandbox.thread(reminder.channel, reminder.ts)[-1]
    assert "+1,000 (+2.4%) since 23 Nov 2026" in str(last.blocks)


def test_an_unreadable_reply_is_asked_back_and_nothing_is_stored(harness: BotHarness) -> None:
    _, reminder = remind(harness)

    harness.driver.message("U1", "great week!", thread_ts=reminder.ts)

    assert checkins(harness) == []
    [question] = thread_replies(harness, reminder)
    assert "couldn't find a number" in question and "Nothing was saved" in question


def test_editing_the_reply_updates_the_check_in(harness: BotHarness) -> None:
    _, reminder = remind(harness)
    reply = harness.driver.message("U1", "41k", thread_ts=reminder.ts)

    harness.driver.edit(reply, "42.5k, typo before")

    [stored] = checkins(harness)
    assert (stored.value, stored.note) == (Decimal(42500), "typo before")
    assert thread_replies(harness, reminder)[-1].startswith("Updated")


def test_deleting_the_reply_removes_the_check_in(harness: BotHarness) -> None:
    _, reminder = remind(harness)
    reply = harness.driver.message("U1", "41k", thread_ts=reminder.ts)

    harness.driver.delete(reply)

    assert checkins(harness) == []
    assert "Removed the check-in" in thread_replies(harness, reminder)[-1]


def test_a_goal_without_baseline_takes_its_first_check_in_as_baseline(harness: BotHarness) -> None:
    goal_id, reminder = remind(harness, baseline=None)

    harness.driver.message("U1", "41k", thread_ts=reminder.ts)

    with harness.services.session() as session:
        goal = session.get(Goal, goal_id)
        assert goal is not None and goal.baseline == Decimal(41000)
    assert "baseline" in str(harness.sandbox.thread(reminder.channel, reminder.ts)[-1].blocks)


def test_reaching_the_target_marks_the_goal_achieved(harness: BotHarness) -> None:
    goal_id, reminder = remind(harness)

    harness.driver.message("U1", "61k", thread_ts=reminder.ts)

    with harness.services.session() as session:
        assert session.get(Goal, goal_id).state == "achieved"  # type: ignore[union-attr]
    assert "achieved" in str(harness.sandbox.thread(reminder.channel, reminder.ts)[-1].blocks)


def test_an_okr_reply_gives_each_key_result_its_value(harness: BotHarness) -> None:
    objective, _ = make_reminded_goal(
        harness, title="Be loved on Instagram", kind="objective", metric=None
    )
    with harness.services.session() as session:
        for title, metric, unit in (("Reach 60k", "reach", "count"),
                                    ("Engagement 4%", "engagement_rate", "percent")):  # fmt: skip
            make_goal(
                session,
                now=harness.clock.now(),
                title=title,
                kind="key_result",
                objective_id=objective,
                metric=metric,
                unit=unit,
                owner_id="U1",
                target=Decimal(60000),
            )
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    reminder = reminders_to(harness, "U1")[-1]

    harness.driver.message("U1", "reach 41k, engagement 3.4%", thread_ts=reminder.ts)

    assert sorted(c.value for c in checkins(harness)) == [Decimal("3.4"), Decimal(41000)]


def test_someone_else_gets_a_private_explanation(harness: BotHarness) -> None:
    make_reminded_goal(harness, channel_id="C1")
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = harness.sandbox.channel_messages("C1")

    harness.driver.message("U2", "41k", channel="C1", thread_ts=reminder.ts)

    assert checkins(harness) == []
    assert "Only <@U1>" in harness.sandbox.ephemerals("U2")[-1].text


def test_an_admin_may_check_in_on_any_goal(harness: BotHarness) -> None:
    make_reminded_goal(harness, channel_id="C1")
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = harness.sandbox.channel_messages("C1")

    harness.driver.message("UADMIN", "41k", channel="C1", thread_ts=reminder.ts)

    assert [c.author_id for c in checkins(harness)] == ["UADMIN"]


def test_a_reply_outside_a_reminder_thread_is_not_a_check_in(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    parent = harness.driver.message("U1", "hello")

    harness.driver.message("U1", "41k", thread_ts=parent.ts)

    assert checkins(harness) == []


@pytest.mark.parametrize(
    ("typed", "stored", "answer"),
    [
        ("#1 41.2k great week", "41200", "of the way to 60,000"),  # the workspace's first
        ("instagram reach 41k", "41000", "of the way to 60,000"),
        ("reach", None, "Tell me the goal"),
        ("pizza 41k", None, "couldn't find a goal called “pizza”"),
    ],
)
def test_the_checkin_command(
    harness: BotHarness, typed: str, stored: str | None, answer: str
) -> None:
    make_reminded_goal(harness)

    harness.driver.command("U1", "/goals", "checkin " + typed)

    assert [c.value for c in checkins(harness)] == ([Decimal(stored)] if stored else [])
    reply = harness.last_reply("U1")
    assert answer in reply.text + str(reply.blocks)


def test_a_replayed_checkin_command_stores_one_check_in_and_answers_once(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)

    for _ in range(3):  # the same signed request, as a replay or a proxy's retry sends it
        harness.driver.command("U1", "/goals", "checkin #1 41k", trigger_id="77.1.t")

    assert [c.value for c in checkins(harness)] == [Decimal(41000)]
    answers = [m for m in harness.sandbox.messages if m.ephemeral_to == "U1"]
    assert len(answers) == 1


def test_the_checkin_command_asks_which_goal_when_two_fit(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    make_reminded_goal(harness, title="Reach 20k on TikTok", platform="tiktok")

    harness.driver.command("U1", "/goals", "checkin reach 41k")

    assert checkins(harness) == []
    assert "Which one?" in harness.last_reply("U1").text


def test_the_update_form_records_the_value(harness: BotHarness) -> None:
    _, reminder = remind(harness)

    harness.driver.click("U1", reminder, "Update")
    [form] = harness.sandbox.views.values()
    values = {b["block_id"]: {} for b in form["blocks"]}
    goal_block = next(k for k in values if k.startswith("value:"))
    values[goal_block] = {"value": {"type": "plain_text_input", "value": "43k"}}
    values["confidence"] = {"confidence": {"type": "static_select",
                                           "selected_option": {"value": "on_track"}}}  # fmt: skip
    result = harness.driver.submit_view("U1", form, values)

    assert result.status == 200
    [stored] = checkins(harness)
    assert (stored.value, stored.confidence, stored.source) == (Decimal(43000), "on_track", "modal")


def test_the_update_form_asks_again_for_an_unreadable_value(harness: BotHarness) -> None:
    _, reminder = remind(harness)
    harness.driver.click("U1", reminder, "Update")
    [form] = harness.sandbox.views.values()
    goal_block = next(b["block_id"] for b in form["blocks"] if b["block_id"].startswith("value:"))

    result = harness.driver.submit_view(
        "U1", form, {goal_block: {"value": {"type": "plain_text_input", "value": "lots"}}}
    )

    assert result.json()["response_action"] == "errors"
    assert checkins(harness) == []


def test_a_late_correction_reaches_an_achieved_goal_by_its_number(harness: BotHarness) -> None:
    goal_id, _ = make_reminded_goal(harness)
    make_reminded_goal(harness, title="Reach 20k on TikTok", platform="tiktok")
    with harness.services.session() as session:
        goal = session.get(Goal, goal_id)
        assert goal is not None
        goal.state = "achieved"  # type: ignore[assignment]

    harness.driver.command("U1", "/goals", "checkin #1 43.5k")

    assert [(c.goal_id, c.value) for c in checkins(harness)] == [(goal_id, Decimal(43500))]


def test_a_number_that_is_no_goal_says_so_and_stores_nothing(harness: BotHarness) -> None:
    make_reminded_goal(harness, title="Reach 16k on Instagram")

    harness.driver.command("U1", "/goals", "checkin #16 41k")

    assert checkins(harness) == []
    assert "#16" in harness.last_reply("U1").text


def test_the_metric_wins_over_a_title_that_merely_contains_it(harness: BotHarness) -> None:
    goal_id, _ = make_reminded_goal(harness)  # measures reach on Instagram
    make_reminded_goal(harness, title="Reach new fans", metric="followers", metric_name="Followers")

    harness.driver.command("U1", "/goals", "checkin reach 41000")

    assert [(c.goal_id, c.value) for c in checkins(harness)] == [(goal_id, Decimal(41000))]
