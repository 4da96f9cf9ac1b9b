"""Whole goal interviews as people have them in Slack, through the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from storage.models import Goal, InterviewState, ReminderSchedule
from tests.harness import BotHarness

PIZZERIA = ["we want more people to see our Instagram", "followers", "400", "+20%",
            "in 30 days"]  # fmt: skip
"""Owner, check-ins and digest channel are not asked: their defaults show at the review."""


def say(harness: BotHarness, *answers: str, user: str = "U1") -> str:
    for answer in answers:
        harness.driver.message(user, answer)
    return shown(harness.dm(user)[-1])


def shown(message: object) -> str:
    return f"{getattr(message, 'text', '')} {getattr(message, 'blocks', '')}"


def goals(engine: Engine) -> list[Goal]:
    with Session(engine) as session:
        return list(session.exec(select(Goal).order_by(Goal.id)))  # type: ignore[arg-type]


def rows(engine: Engine, model: type) -> list:  # type: ignore[type-arg]
    with Session(engine) as session:
        return list(session.exec(select(model)))


def test_a_vague_wish_becomes_a_saved_goal_with_its_reminder(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "new")
    review = say(harness, *PIZZERIA)
    assert "SMART review" in review and "realistic" in review

    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    [goal] = goals(harness.engine)
    assert goal.title == "Followers to 480 on Instagram by 22 Dec 2026"
    assert (goal.metric, goal.platform, goal.category) == ("followers", "instagram", "awareness")
    assert (goal.baseline, goal.target, goal.owner_id) == (Decimal(400), Decimal(480), "U1")
    assert goal.deadline == datetime(2026, 12, 22, 21, 59, 59, tzinfo=UTC)
    assert goal.origin_key and goal.origin_key.startswith("interview:")
    [schedule] = rows(harness.engine, ReminderSchedule)
    assert (schedule.goal_id, schedule.weekdays, schedule.local_time) == (goal.id, "0", "10:00")
    assert schedule.timezone == "Europe/Bucharest"
    # Monday 10:00 in Bucharest, the first Monday after Sunday 22 November.
    assert schedule.next_run_at == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert rows(harness.engine, InterviewState) == []
    assert "Goal saved" in shown(harness.dm("U1")[-1])


def test_a_question_naming_the_platform_finds_the_interviews_goal(harness: BotHarness) -> None:
    """The interview once stored "Instagram" where questions look for the key "instagram"."""
    harness.driver.command("U1", "/goals", "new")
    say(harness, *PIZZERIA)
    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    harness.driver.message("U1", "followers on instagram?")

    assert harness.dm("U1")[-1].text.startswith("Followers to 480 on Instagram")


def test_a_double_click_on_save_saves_one_goal(harness: BotHarness) -> None:
    say(harness, "new goal", *PIZZERIA)
    review = harness.dm("U1")[-1]

    harness.driver.click("U1", review, "Save")
    harness.driver.click("U1", review, "Save")

    assert len(goals(harness.engine)) == 1
    assert "already saved" in shown(harness.last_reply("U1"))


CATEGORIES = [
    ("we want more people to see our Instagram", "awareness", "reach"),
    ("people should trust our brand", "reputation", "sentiment"),
    ("build an engaged community of fans", "community", "engagement rate"),
    ("sell more pizzas online", "conversions", "conversion rate"),
    ("understand who our customers are", "insights", "buyer personas"),
    ("more newsletter sign ups", "leads", "sign-ups"),
    ("answer customers faster", "customer_service", "response time"),
    ("hire two designers", "recruiting", "applications"),
    ("be ready for a crisis", "crisis", "crisis plan"),
    ("keep our staff informed", "internal_comms", "engagement rate"),
]


@pytest.mark.parametrize(("why", "category", "metric"), CATEGORIES)
def test_each_objective_is_recognised_and_saved(
    harness: BotHarness, why: str, category: str, metric: str
) -> None:
    say(harness, "new goal", why)
    if "Which objective" in shown(harness.dm("U1")[-1]):
        say(harness, category)
    if "*Where*" in shown(harness.dm("U1")[-1]):
        say(harness, "all channels")
    if "*metric*" in shown(harness.dm("U1")[-1]):  # unless the why named it
        say(harness, metric)
    text = shown(harness.dm("U1")[-1])
    if "What kind of number" in text:
        say(harness, "milestone")
    elif "today" in text:
        say(harness, "I don't know", "1h" if metric == "response time" else "50 a month")
    say(harness, "end of Q1", "save")

    [goal] = goals(harness.engine)
    assert goal.category == category


def test_a_custom_metric_and_a_correction_at_the_review(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "new")
    say(harness, "sell more pizzas", "website", "pizza orders by phone", "count", "higher")
    review = say(harness, "120", "150", "by Dec 31")
    assert "pizza orders by phone" in review

    say(harness, "change target to 140", "save")

    [goal] = goals(harness.engine)
    assert (goal.metric, goal.metric_name, goal.target) == ("custom", "pizza orders by phone", 140)


def test_an_okr_is_saved_as_one_objective_grouping_its_key_results(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "new okr")
    say(harness, "sell more pizzas", "all channels", "Be the pizzeria Cluj orders from")
    say(harness, "conversion rate", "2%", "4%", "add", "revenue", "$1.5k a month", "double it",
        "done")  # fmt: skip
    say(harness, "end of Q1", "save")

    objective, *results = goals(harness.engine)
    assert objective.kind == "objective" and objective.title == "Be the pizzeria Cluj orders from"
    assert [(r.kind, r.metric, r.objective_id) for r in results] == [
        ("key_result", "conversion_rate", objective.id),
        ("key_result", "sales_revenue", objective.id),
    ]
    assert results[1].currency == "USD" and results[1].target == 3000
    assert (results[0].period, results[1].period) == (None, "monthly")
    assert len(rows(harness.engine, ReminderSchedule)) == 2


def test_cancel_saves_nothing(harness: BotHarness) -> None:
    answer = say(harness, "new goal", *PIZZERIA[:3], "cancel")

    assert "Nothing was saved" in answer
    assert goals(harness.engine) == [] and rows(harness.engine, InterviewState) == []


def test_a_restart_in_the_middle_loses_nothing(db: Engine) -> None:
    with BotHarness(db) as before:
        say(before, "new goal", *PIZZERIA[:4])
    with BotHarness(db) as after:
        # A new driver numbers its events from 1 again: give them ids the first never used.
        for n, answer in enumerate([*PIZZERIA[4:], "save"]):
            after.driver.message("U1", answer, event_id=f"EvRestarted{n}")
        assert "Goal saved" in shown(after.dm("U1")[-1])
        assert after.sandbox.problems == []
    [goal] = goals(db)
    assert goal.target == 480


def test_an_idle_interview_expires_with_a_note(harness: BotHarness) -> None:
    say(harness, "new goal", *PIZZERIA[:3])
    harness.clock.advance(timedelta(hours=25))

    answer = say(harness, "+20%")

    assert "expired" in answer and "nothing was saved" in answer
    assert rows(harness.engine, InterviewState) == []


def test_starting_again_resumes_the_interview_in_progress(harness: BotHarness) -> None:
    say(harness, "new goal", *PIZZERIA[:2])

    answer = say(harness, "new goal")

    assert "in progress" in answer and "baseline" in answer
    assert len(rows(harness.engine, InterviewState)) == 1


def test_a_command_in_a_channel_continues_in_a_dm(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "new", channel="C1")

    assert "direct message" in harness.sandbox.ephemerals("U1")[-1].text
    assert "*Why*" in shown(harness.dm("U1")[-1])
    assert harness.sandbox.channel_messages("C1") == []


def test_a_team_goal_runs_in_a_thread_of_the_channel(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "new team", channel="C1")
    [root] = harness.sandbox.channel_messages("C1")
    for answer in [*PIZZERIA, "save"]:
        harness.driver.message("U1", answer, channel="C1", thread_ts=root.ts)

    [goal] = goals(harness.engine)
    assert goal.channel_id == "C1"
    assert "Goal saved" in shown(harness.sandbox.thread("C1", root.ts)[-1])


STRANGE = ["", "<!channel>", "<!everyone> 400", "🍕" * 300, "x" * 10_000, "‏שלום עולם‏",
           "*bold* `code` <https://example.com|link>", "۱۲٬۴۰۰", "نمی‌دانم"]  # fmt: skip


@pytest.mark.parametrize("answer", STRANGE)
def test_strange_input_never_breaks_the_interview_or_pings(
    harness: BotHarness, answer: str
) -> None:
    say(harness, "new goal")
    for _ in PIZZERIA[:4]:
        harness.driver.message("U1", answer)
    say(harness, "cancel")

    for message in harness.dm("U1"):
        assert "<!channel>" not in shown(message) and "<!everyone>" not in shown(message)
    assert "Cancelled" in shown(harness.dm("U1")[-1])


def test_undo_in_an_interview_goes_back_a_step_not_to_the_last_check_in(
    harness: BotHarness,
) -> None:
    """In an interview "undo" means the step before, though it also takes back a check-in."""
    asked_baseline = say(harness, "new goal", *PIZZERIA[:2])
    assert "baseline" in asked_baseline

    asked_again = say(harness, "undo")

    assert "metric" in asked_again.lower() and "Undo your check-in" not in asked_again
