"""Days off through Slack: a work week and public holidays move (or skip) reminders, set by
a person or, for everyone, by an admin; a goal's plan can count working days only."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlmodel import select

from bot.core.progress import assess
from bot.services.tracking import goal_figures
from storage import repo
from storage.models import Goal, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.reminder_helpers import reminders_to, tick
from tests.scenarios.test_interview_flow import say, shown


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def next_run(harness: BotHarness, schedule_id: int) -> datetime | None:
    with harness.services.session() as session:
        row = session.get(ReminderSchedule, schedule_id)
        assert row is not None
        return row.next_run_at


def test_a_holiday_on_the_due_day_moves_the_reminder_across_a_clock_change(
    harness: BotHarness,
) -> None:
    """Dublin: Monday 09:00 is 08:00 UTC in summer time; Ireland's October bank holiday
    (Mon 26 Oct 2026) comes the day after the clocks go back, so the reminder moves to
    Tuesday 09:00 GMT, 09:00 UTC."""
    harness.sandbox.add_user("UD", name="dara", tz="Europe/Dublin")
    harness.clock.set(at("2026-10-15T12:00:00+00:00"))
    _goal, schedule = make_reminded_goal(harness, owner="UD", tz="Europe/Dublin", at=time(9))
    assert next_run(harness, schedule) == at("2026-10-19T08:00:00+00:00")

    harness.driver.command("UD", "/goals", "holidays ireland")
    assert "Set your public holidays" in harness.last_reply("UD").text
    assert "IE's public holidays" in harness.last_reply("UD").text

    harness.clock.set(at("2026-10-19T08:00:00+00:00"))
    assert tick(harness).sent == 1
    assert next_run(harness, schedule) == at("2026-10-27T09:00:00+00:00")

    harness.clock.set(at("2026-10-26T08:00:00+00:00"))  # the holiday, 09:00 before the change
    assert tick(harness).sent == 0
    harness.clock.set(at("2026-10-27T09:00:00+00:00"))
    assert tick(harness, worker="replica-1").sent == 1
    assert tick(harness, worker="replica-2").sent == 0
    assert len(reminders_to(harness, "UD")) == 2
    assert next_run(harness, schedule) == at("2026-11-02T09:00:00+00:00")


def test_skip_instead_of_move(harness: BotHarness) -> None:
    harness.sandbox.add_user("UD", name="dara", tz="Europe/Dublin")
    harness.clock.set(at("2026-10-20T12:00:00+00:00"))
    _goal, schedule = make_reminded_goal(harness, owner="UD", tz="Europe/Dublin", at=time(9))
    harness.driver.command("UD", "/goals", "dayoff skip")
    harness.driver.command("UD", "/goals", "holidays IE")

    assert "is skipped" in harness.last_reply("UD").text
    assert next_run(harness, schedule) == at("2026-11-02T09:00:00+00:00")


def test_a_sun_thu_week_and_nowruz_in_tehran(harness: BotHarness) -> None:
    harness.clock.set(at("2027-03-15T12:00:00+00:00"))
    _goal, schedule = make_reminded_goal(harness, owner="U2", tz="Asia/Tehran", weekday=6)
    harness.driver.command("U2", "/goals", "workweek sun-thu")
    harness.driver.command("U2", "/goals", "holidays IR")

    assert "work week sun-thu; IR's public holidays" in harness.last_reply("U2").text
    assert "1 reminder moved" in harness.last_reply("U2").text
    # Sunday 21 March is Nowruz, and 22-24 too: Thursday 25th at 10:00 Tehran.
    assert next_run(harness, schedule) == at("2027-03-25T06:30:00+00:00")


def test_the_workspace_sets_everyones_days_and_a_person_keeps_their_own(
    harness: BotHarness,
) -> None:
    harness.clock.set(at("2026-12-01T12:00:00+00:00"))
    _g1, ana = make_reminded_goal(harness, owner="U1", weekday=5)  # Saturdays, Bucharest
    _g2, bogdan = make_reminded_goal(harness, owner="U2", tz="Asia/Tehran", weekday=5)

    harness.driver.command("U1", "/goals", "workweek workspace mon-fri")
    assert "Only a workspace admin" in harness.last_reply("U1").text

    harness.driver.command("U2", "/goals", "workweek sat-wed")
    harness.driver.command("UADMIN", "/goals", "workweek workspace mon-fri")

    assert "Set the workspace's work week" in harness.last_reply("UADMIN").text
    assert next_run(harness, ana) == at("2026-12-07T08:00:00+00:00")  # Monday 10:00
    assert next_run(harness, bogdan) == at("2026-12-05T06:30:00+00:00")  # still Saturday

    harness.driver.command("U2", "/goals", "workweek off")  # back to the workspace's
    assert "work week mon-fri" in harness.last_reply("U2").text
    assert next_run(harness, bogdan) == at("2026-12-07T06:30:00+00:00")


def test_unreadable_days_get_a_clear_answer_and_change_nothing(harness: BotHarness) -> None:
    _goal, schedule = make_reminded_goal(harness)
    before = next_run(harness, schedule)

    harness.driver.command("U1", "/goals", "workweek weekdays")
    assert "I couldn't read “weekdays” as a work week" in harness.last_reply("U1").text
    harness.driver.command("U1", "/goals", "holidays Atlantis")
    assert "I don't know the public holidays of “Atlantis”" in harness.last_reply("U1").text
    harness.driver.command("U1", "/goals", "dayoff maybe")
    assert "`/goals dayoff skip`" in harness.last_reply("U1").text
    harness.driver.command("U1", "/goals", "workdays reach sometimes")
    assert "`/goals workdays #3 on`" in harness.last_reply("U1").text

    assert next_run(harness, schedule) == before


def test_a_plan_by_working_days_expects_nothing_more_over_the_weekend(
    harness: BotHarness,
) -> None:
    harness.clock.set(at("2026-11-02T00:00:00+00:00"))  # a Monday
    harness.sandbox.add_user("U1", name="ana", tz="UTC")  # Slack says so when asked
    goal_id, _ = make_reminded_goal(
        harness,
        tz="UTC",
        baseline=Decimal(0),
        target=Decimal(100),
        start_at=at("2026-11-02T00:00:00+00:00"),
        deadline=at("2026-11-09T00:00:00+00:00"),
    )
    harness.driver.command("U1", "/goals", "workweek mon-fri")
    harness.driver.command("U1", "/goals", "workdays #1 on")
    assert "plan now counts working days only (mon-fri" in harness.last_reply("U1").text

    saturday = at("2026-11-07T12:00:00+00:00")
    with harness.services.session() as session:
        goal = repo.get_goal(session=session, team_id=TEAM, goal_id=goal_id)
        assert goal is not None
        figures = goal_figures(goal)
    assert figures is not None
    assert assess(figures, [], saturday).expected_value == Decimal("100.00")

    harness.driver.command("U1", "/goals", "workdays #1 off")
    with harness.services.session() as session:
        assert session.exec(select(Goal.plan_workdays)).one() is None


def test_several_reminder_times_each_keep_off_a_holiday(harness: BotHarness) -> None:
    """Mon 10:00 and Thu 16:00 in Dublin: Monday 26 Oct 2026 is a bank holiday, so the
    week's first reminder moves to Tuesday 10:00; Thursday's time is untouched."""
    harness.sandbox.add_user("UD", name="dara", tz="Europe/Dublin")
    harness.clock.set(at("2026-10-23T12:00:00+00:00"))
    _goal, schedule = make_reminded_goal(harness, owner="UD", tz="Europe/Dublin", at=time(9))
    harness.driver.command("UD", "/goals", "holidays IE")
    harness.driver.command("UD", "/goals", "remind #1 mon 10:00 and thu 16:00")

    assert next_run(harness, schedule) == at("2026-10-27T10:00:00+00:00")
    harness.clock.set(at("2026-10-27T10:00:00+00:00"))
    assert tick(harness).sent == 1
    assert next_run(harness, schedule) == at("2026-10-29T16:00:00+00:00")


def test_the_saved_goal_names_the_first_reminder_its_schedule_will_send(
    harness: BotHarness,
) -> None:
    """Romania's St Andrew's Day and National Day (30 Nov, 1 Dec 2026) fall on the first
    Monday and Tuesday: the goal saved that Friday says its first reminder is Wednesday's."""
    harness.clock.set(at("2026-11-27T12:00:00+00:00"))
    harness.driver.command("U1", "/goals", "holidays RO")
    say(harness, "new goal: for brand awareness, grow our Instagram followers from 400 to 480 "
                 "by 31 Dec")  # fmt: skip
    harness.driver.click("U1", harness.dm("U1")[-1], "Save")

    saved = shown(harness.dm("U1")[-1])
    assert "First check-in reminder: Wed 2 Dec 2026 at 10:00." in saved
