"""Nudges through the sandbox on a frozen clock: one follow-up to an unanswered reminder
(none once answered, skipped or snoozed), several reminder times, one note to a manager
per run of missed check-ins, and quiet hours that hold across a clock change."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlmodel import select

from bot.scheduling.deliveries import DeliveryRunner, TickReport
from bot.scheduling.sources import all_sources
from bot.slack.client import make_client
from storage.models import CheckIn, Delivery, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST

WEEK = timedelta(days=7)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def tick(harness: BotHarness, worker: str = "test") -> TickReport:
    """One pass of the runner over every source: reminders, follow-ups, escalations, digests."""
    client = make_client(harness.services)
    sources = all_sources(harness.services)
    return DeliveryRunner(harness.services, lambda _team: client, sources, worker=worker).tick()


def top_level(harness: BotHarness, user: str, words: str) -> list[object]:
    return [m for m in harness.dm(user) if m.thread_ts is None and words in m.text]


def follow_ups(harness: BotHarness, user: str = "U1") -> list[object]:
    return top_level(harness, user, "Still waiting for your check-in")


def escalations(harness: BotHarness, user: str) -> list[object]:
    return top_level(harness, user, "missed check-ins in a row")


def schedule(harness: BotHarness) -> ReminderSchedule:
    with harness.services.session() as session:
        return session.exec(select(ReminderSchedule)).one()


def say(harness: BotHarness, user: str, text: str) -> str:
    harness.driver.command(user, "/goals", text)
    return str(harness.last_reply(user).text)


def reminded(harness: BotHarness, moment: datetime) -> object:
    harness.clock.set(moment)
    tick(harness)
    [reminder] = [
        m
        for m in top_level(harness, "U1", "check in")
        if m.ts == max(r.ts for r in top_level(harness, "U1", "check in"))
    ]
    return reminder


# --- follow-ups ------------------------------------------------------------------------


def test_follow_ups_are_off_until_an_admin_turns_them_on(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    reminded(harness, MONDAY_10_BUCHAREST)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=8))
    tick(harness)

    assert follow_ups(harness) == []
    assert "Only a workspace admin" in say(harness, "U1", "remind follow-up 4h")


def test_an_unanswered_reminder_gets_one_follow_up_after_the_delay(harness: BotHarness) -> None:
    assert "one follow-up 4h after" in say(harness, "UADMIN", "remind follow-up 4h")
    make_reminded_goal(harness)
    reminded(harness, MONDAY_10_BUCHAREST)

    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=4) - timedelta(seconds=1))
    tick(harness)
    assert follow_ups(harness) == []
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=4))
    tick(harness)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=6))
    tick(harness)

    assert len(follow_ups(harness)) == 1


@pytest.mark.parametrize("answer", ["41k", "skip", "snooze 2d"])
def test_no_follow_up_once_the_person_answered_skipped_or_snoozed(
    harness: BotHarness, answer: str
) -> None:
    say(harness, "UADMIN", "remind follow-up 2h")
    make_reminded_goal(harness)
    reminder = reminded(harness, MONDAY_10_BUCHAREST)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=1))
    harness.driver.message("U1", answer, thread_ts=reminder.ts)

    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=3))
    tick(harness)

    assert follow_ups(harness) == []


def test_a_check_in_given_some_other_way_also_stops_the_follow_up(harness: BotHarness) -> None:
    say(harness, "UADMIN", "remind follow-up 2h")
    make_reminded_goal(harness)
    reminded(harness, MONDAY_10_BUCHAREST)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=1))
    say(harness, "U1", "checkin #1 41k")

    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=3))
    tick(harness)

    assert follow_ups(harness) == []
    with harness.services.session() as session:
        [record] = [d for d in session.exec(select(Delivery)) if d.period.endswith("follow-up")]
        assert (record.status, record.error) == ("skipped", "answered meanwhile")


def test_a_reply_in_the_follow_ups_thread_is_a_check_in(harness: BotHarness) -> None:
    say(harness, "UADMIN", "remind follow-up 2h")
    make_reminded_goal(harness)
    reminded(harness, MONDAY_10_BUCHAREST)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=2))
    tick(harness)
    [nudge] = follow_ups(harness)

    harness.driver.message("U1", "41k", thread_ts=nudge.ts)

    with harness.services.session() as session:
        assert [c.value for c in session.exec(select(CheckIn))] == [41000]


@pytest.mark.parametrize(
    "typed", ["follow-up 4", "follow-up soon", "follow-up 3 days", "follow-up 5m"]
)
def test_a_follow_up_delay_that_cannot_be_read_is_answered_in_words(
    harness: BotHarness, typed: str
) -> None:
    answer = say(harness, "UADMIN", f"remind {typed}")

    assert "For example: `follow-up 4h`" in answer
    with harness.services.session() as session:
        assert session.exec(select(ReminderSchedule)).first() is None


# --- several times ----------------------------------------------------------------------


def test_a_goal_can_be_reminded_at_several_times(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    answer = say(harness, "U1", "remind #1 mon 10:00 and thu 16:00")
    assert "every Monday at 10:00 (Europe/Bucharest) and every Thursday at 16:00" in answer

    for moment in (MONDAY_10_BUCHAREST, at("2026-11-26T14:00:00+00:00")):  # Thu 16:00 local
        harness.clock.set(moment - timedelta(minutes=1))
        assert tick(harness).sent == 0
        harness.clock.set(moment)
        assert tick(harness).sent == 1
        assert tick(harness).sent == 0

    assert schedule(harness).next_run_at == MONDAY_10_BUCHAREST + WEEK


def test_two_times_on_the_same_day_both_remind(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(at("2026-11-23T06:00:00+00:00"))
    say(harness, "U1", "remind daily 9am and 4pm")

    sent = []
    for moment in ("2026-11-23T07:00:00+00:00", "2026-11-23T14:00:00+00:00"):
        harness.clock.set(at(moment))
        sent.append(tick(harness).sent)

    assert sent == [1, 1]
    assert schedule(harness).next_run_at == at("2026-11-24T07:00:00+00:00")


def test_times_for_all_of_ones_goals_and_unreadable_times(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    make_reminded_goal(harness, title="Grow the newsletter")

    assert "Reminders for your 2 goals" in say(harness, "U1", "remind weekdays 9:30")
    assert "For example:" in say(harness, "U1", "remind whenever you like")
    assert "no goal with that number" in say(harness, "U1", "remind #9 mon 10:00")
    assert "Only <@U1>" in say(harness, "U2", "remind #1 mon 10:00")


# --- escalation ----------------------------------------------------------------------------


def test_a_run_of_missed_check_ins_is_told_to_the_manager_once(harness: BotHarness) -> None:
    assert "<@U2> hears" in say(harness, "U1", "manager <@U2|bogdan>")
    make_reminded_goal(harness)

    for week in range(5):  # the third unanswered reminder makes two missed in a row
        reminded(harness, MONDAY_10_BUCHAREST + week * WEEK)
        assert len(escalations(harness, "U2")) == (0 if week < 2 else 1)

    [note] = escalations(harness, "U2")
    assert "<@U1> has missed 2 check-ins in a row" in str(note.blocks)
    assert "Reach 60k" in str(note.blocks) or "#1" in str(note.blocks)
    assert escalations(harness, "UADMIN") == []


def test_a_check_in_ends_the_run_and_a_new_run_is_told_again(harness: BotHarness) -> None:
    # No manager: a workspace admin hears, one the bot knows of.
    make_reminded_goal(harness, deadline=at("2027-06-30T00:00:00+00:00"))
    assert "After 2 missed check-ins" in say(harness, "UADMIN", "remind escalate 2")
    for week in range(3):
        reminded(harness, MONDAY_10_BUCHAREST + week * WEEK)
    assert len(escalations(harness, "UADMIN")) == 1

    reminder = reminded(harness, MONDAY_10_BUCHAREST + 3 * WEEK)
    harness.driver.message("U1", "41k", thread_ts=reminder.ts)
    for week in range(4, 6):  # week 4's reminder goes unanswered: missed once by week 5
        reminded(harness, MONDAY_10_BUCHAREST + week * WEEK)

    assert len(escalations(harness, "UADMIN")) == 1
    reminded(harness, MONDAY_10_BUCHAREST + 6 * WEEK)
    assert len(escalations(harness, "UADMIN")) == 2


def test_a_reply_to_the_managers_note_is_not_a_check_in(harness: BotHarness) -> None:
    say(harness, "U1", "manager <@U2>")
    say(harness, "UADMIN", "remind escalate 1")
    make_reminded_goal(harness)
    for week in range(2):
        reminded(harness, MONDAY_10_BUCHAREST + week * WEEK)
    [note] = escalations(harness, "U2")

    harness.driver.message("U2", "41k", thread_ts=note.ts)

    with harness.services.session() as session:
        assert list(session.exec(select(CheckIn))) == []


# --- quiet hours ----------------------------------------------------------------------------


def test_a_reminder_due_at_night_waits_for_the_morning_across_a_clock_change(
    harness: BotHarness,
) -> None:
    """Saturday 21:00 in Bucharest, the night the clocks go back (25 Oct 2026): it goes out
    at 08:00 local on Sunday, 06:00 UTC (not 05:00), and next Saturday's stays due."""
    harness.clock.set(at("2026-10-20T00:00:00+00:00"))
    make_reminded_goal(
        harness,
        weekday=5,
        at=time(21, 0),
        start_at=at("2026-10-01T00:00:00+00:00"),
        deadline=at("2027-06-30T00:00:00+00:00"),
    )
    harness.clock.set(at("2026-10-24T18:00:00+00:00"))  # Saturday 21:00 EEST
    assert tick(harness).sent == 0
    assert schedule(harness).next_run_at == at("2026-10-25T06:00:00+00:00")

    harness.clock.set(at("2026-10-25T05:59:00+00:00"))
    assert tick(harness).sent == 0
    harness.clock.set(at("2026-10-25T06:00:00+00:00"))  # Sunday 08:00 EET
    assert tick(harness).sent == 1

    assert len(top_level(harness, "U1", "check in")) == 1
    assert schedule(harness).next_run_at == at("2026-10-31T19:00:00+00:00")  # Sat 21:00 EET


def test_a_person_chooses_their_quiet_hours(harness: BotHarness) -> None:
    make_reminded_goal(harness, at=time(7, 0))
    assert "between 06:30 and 22:00 (Europe/Bucharest)" in say(harness, "U1", "quiet 6:30-22")

    harness.clock.set(at("2026-11-23T05:00:00+00:00"))  # Monday 07:00 in Bucharest
    assert tick(harness).sent == 1
    assert "between 08:00 and 20:00" in say(harness, "U1", "quiet default")
    assert "For example: `08:00-20:00`" in say(harness, "U1", "quiet after lunch")


def test_a_follow_up_that_would_fall_at_night_waits_too(harness: BotHarness) -> None:
    say(harness, "UADMIN", "remind follow-up 8h")
    make_reminded_goal(harness, at=time(16, 0))
    harness.clock.set(at("2026-11-23T14:00:00+00:00"))  # Monday 16:00 in Bucharest
    tick(harness)

    harness.clock.set(at("2026-11-24T00:00:00+00:00"))  # Tuesday 02:00: outside
    tick(harness)
    assert follow_ups(harness) == []
    harness.clock.set(at("2026-11-24T06:00:00+00:00"))  # Tuesday 08:00
    tick(harness)
    assert len(follow_ups(harness)) == 1
