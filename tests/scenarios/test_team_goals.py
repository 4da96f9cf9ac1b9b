"""Team goals: set in a channel, talked through in a thread there, saved as the channel's goal."""

from __future__ import annotations

import pytest
from sqlmodel import select

from storage.models import ReminderSchedule
from tests.harness import BotHarness
from tests.reminder_helpers import reminders_to, tick
from tests.scenarios.test_interview_flow import PIZZERIA, goals, shown


def answer_in_thread(harness: BotHarness, thread_ts: str, *answers: str) -> None:
    for answer in answers:
        harness.driver.message("U1", answer, channel="C1", thread_ts=thread_ts)


def test_a_team_goal_from_the_command_belongs_to_the_channel_even_when_skipped(
    harness: BotHarness,
) -> None:
    harness.driver.command("U1", "/goals", "new team", channel="C1")
    [root] = harness.sandbox.channel_messages("C1")
    answer_in_thread(harness, root.ts, *PIZZERIA)
    assert "*Digest:* <#C1>" in shown(harness.sandbox.thread("C1", root.ts)[-1])

    answer_in_thread(harness, root.ts, "change channel to skip", "save")

    [goal] = goals(harness.engine)
    assert goal.channel_id == "C1"
    assert "Goal saved" in shown(harness.sandbox.thread("C1", root.ts)[-1])
    assert harness.sandbox.channel_messages(harness.sandbox.im_channel("U1")) == []


@pytest.mark.parametrize("asked", ["new team goal", "new goal for the team", "New team goal!"])
def test_a_mention_asking_for_a_team_goal_starts_the_interview_in_its_thread(
    harness: BotHarness, asked: str
) -> None:
    mention = harness.driver.mention("U1", asked, channel="C1")

    [question] = harness.sandbox.thread("C1", mention.ts)
    assert "*Why*" in shown(question)
    answer_in_thread(harness, mention.ts, *PIZZERIA, "save")

    [goal] = goals(harness.engine)
    assert (goal.channel_id, goal.owner_id, goal.target) == ("C1", "U1", 480)
    assert "Goal saved" in shown(harness.sandbox.thread("C1", mention.ts)[-1])


def test_a_team_okr_by_mention_groups_its_key_results_under_the_channel(
    harness: BotHarness,
) -> None:
    mention = harness.driver.mention("U1", "new team okr", channel="C1")
    answer_in_thread(harness, mention.ts, "sell more pizzas", "all channels",
                     "Be the pizzeria Cluj orders from", "conversion rate", "2%", "3%", "done",
                     "end of Q1", "save")  # fmt: skip

    objective, result = goals(harness.engine)
    assert (objective.kind, objective.channel_id) == ("objective", "C1")
    assert (result.kind, result.channel_id) == ("key_result", "C1")


def at_first_reminder(harness: BotHarness) -> None:
    with harness.services.session() as session:
        [schedule] = session.exec(select(ReminderSchedule))
    assert schedule.next_run_at is not None
    harness.clock.set(schedule.next_run_at)


def test_a_personal_goal_with_a_digest_channel_is_reminded_in_the_owners_dm(
    harness: BotHarness,
) -> None:
    harness.driver.message("U1", "new goal")
    for answer in (*PIZZERIA, "change channel to <#C1>", "save"):
        harness.driver.message("U1", answer)
    [goal] = goals(harness.engine)
    assert (goal.channel_id, goal.team) == ("C1", False)

    at_first_reminder(harness)
    assert tick(harness).sent == 1

    assert len(reminders_to(harness, "U1")) == 1
    assert harness.sandbox.channel_messages("C1") == []


def test_a_team_goal_is_still_reminded_in_its_channel(harness: BotHarness) -> None:
    mention = harness.driver.mention("U1", "new team goal", channel="C1")
    answer_in_thread(harness, mention.ts, *PIZZERIA, "save")

    at_first_reminder(harness)
    assert tick(harness).sent == 1

    assert reminders_to(harness, "U1") == []
    assert any("check in" in m.text for m in harness.sandbox.channel_messages("C1"))
