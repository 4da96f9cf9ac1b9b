"""Out of office by Slack status: a status that says so pauses the owner's reminders until it
expires or is cleared, read once per person per half hour, and sent once on any replica."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select

from storage.models import Delivery, DeliveryStatus, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick


def next_runs(harness: BotHarness) -> list[datetime | None]:
    with harness.services.session() as session:
        rows = session.exec(select(ReminderSchedule).order_by(col(ReminderSchedule.id)))
        return [row.next_run_at for row in rows]


def skipped_reasons(harness: BotHarness) -> list[str | None]:
    with harness.services.session() as session:
        query = select(Delivery).where(Delivery.status == DeliveryStatus.SKIPPED)
        return [d.error for d in session.exec(query)]


def test_a_status_without_expiry_pauses_reminders_until_it_is_cleared(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.sandbox.set_status("U1", text="Out sick", emoji=":face_with_thermometer:")

    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).skipped == 1
    assert reminders_to(harness, "U1") == []
    assert skipped_reasons(harness) == ["the owner is out of office (Slack status)"]
    assert next_runs(harness) == [MONDAY_10_BUCHAREST + timedelta(days=7)]

    harness.sandbox.set_status("U1")  # cleared
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(days=7))
    assert tick(harness).sent == 1
    assert len(reminders_to(harness, "U1")) == 1


def test_a_status_with_an_expiry_pauses_until_then(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    back_on = MONDAY_10_BUCHAREST + timedelta(days=10)  # Thursday of the next week
    harness.sandbox.set_status("U1", text="Tatildeyim", expires=int(back_on.timestamp()))

    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).skipped == 1

    assert "until 3 Dec 2026" in (skipped_reasons(harness)[0] or "")
    assert next_runs(harness) == [MONDAY_10_BUCHAREST + timedelta(days=14)]


def test_words_that_do_not_say_away_change_nothing(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.sandbox.set_status("U1", text="Working remotely", emoji=":house_with_garden:")

    harness.clock.set(MONDAY_10_BUCHAREST)

    assert tick(harness).sent == 1


def test_the_status_is_read_once_for_many_goals_and_kept_for_half_an_hour(
    harness: BotHarness,
) -> None:
    for _ in range(3):
        make_reminded_goal(harness)
    harness.sandbox.set_status("U1", text="On vacation", emoji=":palm_tree:")
    harness.clock.set(MONDAY_10_BUCHAREST)

    assert tick(harness).skipped == 3
    assert len(harness.sandbox.calls_to("users.profile.get")) == 1

    harness.sandbox.set_status("U1")  # back early, the same morning
    with harness.services.session() as session:
        for row in session.exec(select(ReminderSchedule)):
            row.next_run_at = MONDAY_10_BUCHAREST + timedelta(minutes=20)  # snoozed, say
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(minutes=20))
    assert tick(harness).skipped == 3  # the read is 20 minutes old: still away
    assert len(harness.sandbox.calls_to("users.profile.get")) == 1

    with harness.services.session() as session:
        for row in session.exec(select(ReminderSchedule)):
            row.next_run_at = MONDAY_10_BUCHAREST + timedelta(minutes=40)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(minutes=40))
    assert tick(harness).sent == 3
    assert len(harness.sandbox.calls_to("users.profile.get")) == 2


def test_replicas_and_a_restart_skip_once_then_send_once(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.sandbox.set_status("U1", text="Nghỉ phép")
    harness.clock.set(MONDAY_10_BUCHAREST)

    first, second = tick(harness, worker="replica-1"), tick(harness, worker="replica-2")
    assert (first.skipped, second.skipped, second.sent) == (1, 0, 0)

    harness.sandbox.set_status("U1")
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(days=7))
    reports = [tick(harness, worker=w) for w in ("replica-1", "replica-2", "restarted")]

    assert sum(r.sent for r in reports) == 1
    assert len(reminders_to(harness, "U1")) == 1
