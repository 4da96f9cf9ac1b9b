"""Goals stated in sentences, wishes and OKRs in one message, through the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from tests.harness import BotHarness
from tests.scenarios.test_interview_flow import goals, say, shown

STATED = "new goal: for brand awareness, grow our Instagram followers from 400 to 480 by 31 Dec"


def test_a_goal_stated_whole_is_echoed_and_saved_as_said(harness: BotHarness) -> None:
    review = say(harness, STATED)
    assert "Got it: Instagram followers, 400 → 480 by 31 Dec 2026." in review
    assert "*Owner:* <@U1>" in review and "every Monday at 10:00" in review

    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    [goal] = goals(harness.engine)
    assert (goal.metric, goal.platform, goal.category) == ("followers", "instagram", "awareness")
    assert (goal.baseline, goal.target, goal.owner_id, goal.channel_id) == (400, 480, "U1", None)
    assert goal.deadline == datetime(2026, 12, 31, 21, 59, 59, tzinfo=UTC)


def test_followers_named_in_the_why_is_not_asked_again(harness: BotHarness) -> None:
    asked = say(harness, "new goal", "grow our Instagram followers")

    assert "Metric: Followers" in asked and "*today*" in asked


def test_an_unrealistic_target_stated_at_once_is_still_judged(harness: BotHarness) -> None:
    review = say(harness, STATED.replace("480", "4800"))

    assert "Save anyway" in review and "not realistic" in review and "instead" in review


def test_a_change_stated_before_the_baseline_waits_for_it(harness: BotHarness) -> None:
    asked = say(harness, "new goal: grow our Instagram followers by 20% by end of Q1")
    assert "*today*" in asked

    review = say(harness, "400")

    assert "Target: 480 followers" in review and "31 Mar 2027" in review


def test_a_wish_in_a_dm_offers_to_start_a_goal_with_it(harness: BotHarness) -> None:
    offer = say(harness, "I want more people to know about our pizzeria on Instagram")
    assert "No Instagram goals" not in offer and "Start a goal with this" in offer

    harness.driver.click("U1", harness.dm("U1")[-1], "Start a goal with this")

    asked = shown(harness.dm("U1")[-1])
    assert "Why: Brand awareness" in asked and "Where: Instagram" in asked and "*metric*" in asked


def test_a_question_in_a_dm_is_still_answered_as_one(harness: BotHarness) -> None:
    answer = say(harness, "how are we doing on instagram?")

    assert "Start a goal" not in answer


def test_an_okr_in_one_message_keeps_each_key_result_s_platform(harness: BotHarness) -> None:
    review = say(harness, "new okr: objective: Be the pizzeria everyone in Cluj knows; KR1 "
                 "Instagram followers from 400 to 800; KR2 website sessions from 1k to 2k a "
                 "month; KR3 Facebook reach from 2k to 5k a week; by end of Q1")  # fmt: skip
    assert "3 key results" in review

    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    objective, *results = goals(harness.engine)
    assert objective.title == "Be the pizzeria everyone in Cluj knows"
    assert [(r.metric, r.platform, r.baseline, r.target, r.period) for r in results] == [
        ("followers", "instagram", Decimal(400), Decimal(800), None),
        ("sessions", "website", Decimal(1000), Decimal(2000), "monthly"),
        ("reach", "facebook", Decimal(2000), Decimal(5000), "weekly"),
    ]


def test_the_defaults_change_at_the_review(harness: BotHarness) -> None:
    say(harness, STATED, "change owner to <@U2>", "every friday at 9", "<#C1|marketing>")
    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    [goal] = goals(harness.engine)
    assert (goal.owner_id, goal.channel_id) == ("U2", "C1")
