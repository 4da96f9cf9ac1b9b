"""Reminders: on time in each owner's zone (DST too), late once after a restart, never twice,
and Slack's failures handled: 429 waited out, 5xx and timeouts retried, permanent errors pause."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.scheduling.deliveries import DeliveryRunner
from bot.scheduling.sources import all_sources
from bot.slack.client import make_client
from storage import repo
from storage.models import CheckIn, Delivery, ReminderSchedule
from storage.schemas import MemberUpdate
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def schedule(harness: BotHarness) -> ReminderSchedule:
    with harness.services.session() as session:
        return session.exec(select(ReminderSchedule)).one()


def deliveries(harness: BotHarness) -> list[Delivery]:
    with harness.services.session() as session:
        return list(session.exec(select(Delivery)))


# (zone, weekday, the week before and the week after the clocks change, as UTC instants of 09:00)
DST_CASES = [
    ("Europe/Bucharest", 6, "2026-10-18T06:00:00+00:00", "2026-10-25T07:00:00+00:00"),
    ("America/Los_Angeles", 6, "2026-03-01T17:00:00+00:00", "2026-03-08T16:00:00+00:00"),
    ("America/Los_Angeles", 6, "2026-10-25T16:00:00+00:00", "2026-11-01T17:00:00+00:00"),
    ("Asia/Tehran", 5, "2026-03-14T05:30:00+00:00", "2026-03-21T05:30:00+00:00"),
]


@pytest.mark.parametrize(("zone", "weekday", "before", "after"), DST_CASES)
def test_a_weekly_reminder_stays_at_nine_local_across_a_clock_change(
    harness: BotHarness, zone: str, weekday: int, before: str, after: str
) -> None:
    harness.sandbox.add_user("UZ", name="zoe", tz=zone)  # Slack's users.info gives her zone
    harness.clock.set(at(before) - timedelta(days=2))
    make_reminded_goal(
        harness,
        owner="UZ",
        tz=zone,
        weekday=weekday,
        at=time(9, 0),
        start_at=at("2026-01-01T00:00:00+00:00"),
        deadline=at("2027-06-30T00:00:00+00:00"),
    )

    for instant in (at(before), at(after)):
        harness.clock.set(instant - timedelta(minutes=1))
        assert tick(harness).sent == 0
        harness.clock.set(instant)
        assert tick(harness).sent == 1
        assert instant.astimezone(ZoneInfo(zone)).time() == time(9, 0)

    assert len(reminders_to(harness, "UZ")) == 2


def test_a_reminder_follows_its_owner_to_a_new_time_zone(harness: BotHarness) -> None:
    make_reminded_goal(harness, owner="U2", tz="Europe/Bucharest")  # Slack says U2 is in Tehran
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)

    assert schedule(harness).timezone == "Asia/Tehran"
    assert schedule(harness).next_run_at == at("2026-11-30T10:00:00+03:30")


@pytest.mark.parametrize("weekdays", [(0,), (0, 1, 2, 3, 4, 5, 6)])
def test_an_owner_who_moves_west_gets_no_second_reminder_that_day(
    harness: BotHarness, weekdays: tuple[int, ...]
) -> None:
    harness.sandbox.add_user("UM", name="mara", tz="America/Los_Angeles")  # moved from Bucharest
    make_reminded_goal(harness, owner="UM", tz="Europe/Bucharest")
    with harness.services.session() as session:
        session.exec(select(ReminderSchedule)).one().weekdays = ",".join(map(str, weekdays))
    harness.clock.set(MONDAY_10_BUCHAREST)  # Monday 00:00 in Los Angeles
    assert tick(harness).sent == 1

    harness.clock.set(at("2026-11-23T10:00:00-08:00"))  # Monday 10:00 in Los Angeles
    assert tick(harness).sent == 0

    following = "2026-11-30" if weekdays == (0,) else "2026-11-24"
    assert schedule(harness).next_run_at == at(f"{following}T10:00:00-08:00")
    assert len(reminders_to(harness, "UM")) == 1


def test_a_reminder_due_while_the_bot_was_down_is_sent_once_marked_late(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=6))  # back up six hours later

    assert (tick(harness).sent, tick(harness).sent) == (1, 0)

    [reminder] = reminders_to(harness, "U1")
    assert "due at 10:00, while I was offline" in str(reminder.blocks)
    assert [(d.status, d.late) for d in deliveries(harness)] == [("sent", True)]


def test_a_reminder_over_twelve_hours_late_is_recorded_as_skipped(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=13))

    report = tick(harness)

    assert (report.sent, report.skipped) == (0, 1)
    assert reminders_to(harness, "U1") == []
    assert [d.status for d in deliveries(harness)] == ["skipped"]
    assert schedule(harness).next_run_at == MONDAY_10_BUCHAREST + timedelta(days=7)


def test_two_runners_on_one_database_send_one_reminder(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    client = make_client(harness.services)
    runners = [
        DeliveryRunner(harness.services, lambda _t: client, all_sources(harness.services), worker=w)
        for w in ("a", "b")
    ]

    reports = [r.tick() for r in runners]

    assert sum(r.sent for r in reports) == 1
    assert len(reminders_to(harness, "U1")) == 1


def test_slack_429_is_waited_out_and_sent_once(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    harness.sandbox.rate_limit("chat.postMessage", retry_after=30)

    report = tick(harness)

    assert report.sent == 1
    assert len(reminders_to(harness, "U1")) == 1
    assert harness.clock.now() == MONDAY_10_BUCHAREST + timedelta(seconds=30)
    assert [c.status for c in harness.sandbox.calls_to("chat.postMessage")] == [429, 200]


def test_a_5xx_on_posting_is_not_repeated_blindly_the_next_tick_looks_then_sends_once(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    harness.sandbox.server_error("chat.postMessage", status=503)

    assert tick(harness).failed == 1  # Slack may have posted it: the client does not repeat it
    assert tick(harness).sent == 1

    assert len(reminders_to(harness, "U1")) == 1
    assert [c.status for c in harness.sandbox.calls_to("chat.postMessage")] == [503, 200]
    assert len(harness.sandbox.calls_to("conversations.history")) == 1  # looked first


def test_slack_answering_after_the_client_timeout_posts_the_reminder_once(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    harness.sandbox.slow("chat.postMessage", seconds=1.5)  # posted at once, answered late
    client = make_client(harness.services, timeout=1)
    runner = DeliveryRunner(harness.services, lambda _t: client, all_sources(harness.services))

    assert runner.tick().failed == 1  # timed out: not posted again on the spot
    assert runner.tick().sent == 1  # found in the DM by its metadata, and bound

    [reminder] = reminders_to(harness, "U1")
    assert len(harness.sandbox.calls_to("chat.postMessage")) == 1
    with harness.services.session() as session:
        delivery = session.exec(select(Delivery)).one()
    assert (delivery.status, delivery.message_ts, delivery.attempts) == ("sent", reminder.ts, 2)


def test_a_missing_channel_pauses_the_schedule_and_tells_the_owner(harness: BotHarness) -> None:
    make_reminded_goal(harness, channel_id="C1")
    harness.clock.set(MONDAY_10_BUCHAREST)
    harness.sandbox.fail("chat.postMessage", "channel_not_found")

    assert tick(harness).failed == 1
    harness.clock.advance(timedelta(days=7))
    assert tick(harness).sent == 0

    row = schedule(harness)
    assert not row.active and (row.paused_reason or "").startswith("channel_not_found")
    told = harness.dm("U1")[-1].text
    assert "no longer exists" in told and "/goals back" in told


def test_an_inactive_owner_pauses_the_schedule_and_tells_an_admin(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    with harness.services.session() as session:
        repo.upsert_member(
            session=session,
            team_id=TEAM,
            user_id="UADMIN",
            now=harness.clock.now(),
            changes=MemberUpdate(is_admin=True, timezone="UTC"),
        )
    harness.clock.set(MONDAY_10_BUCHAREST)
    harness.sandbox.fail("chat.postMessage", "account_inactive")

    tick(harness)

    assert not schedule(harness).active
    assert "deactivated" in harness.dm("UADMIN")[-1].text


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"state": "achieved"}, "the goal is achieved"),
        ({"state": "archived"}, "the goal is archived"),
        ({"deadline": at("2026-11-20T00:00:00+00:00")}, "deadline has passed"),
    ],
)
def test_finished_goals_stop_reminding(harness: BotHarness, fields: dict, reason: str) -> None:
    make_reminded_goal(harness, **fields)
    harness.clock.set(MONDAY_10_BUCHAREST)

    assert tick(harness).skipped == 1

    assert reminders_to(harness, "U1") == []
    assert reason in (deliveries(harness)[0].error or "")
    assert not schedule(harness).active


def test_away_until_a_date_skips_reminders_until_then(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.driver.command("U1", "/goals", "away until Dec 5")
    assert "No reminders until 5 Dec 2026" in harness.last_reply("U1").text

    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).skipped == 1
    assert schedule(harness).next_run_at == at("2026-12-07T08:00:00+00:00")

    harness.driver.command("U1", "/goals", "back")
    assert "Welcome back" in harness.last_reply("U1").text
    assert schedule(harness).next_run_at == at("2026-11-30T08:00:00+00:00")


def test_away_with_an_unreadable_date_asks_back(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "away until someday")

    assert "/goals away until Jan 5" in harness.last_reply("U1").text


def test_snooze_asks_again_a_day_later(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")

    harness.driver.click("U1", reminder, "Snooze 1 day")
    harness.clock.advance(timedelta(days=1))

    assert tick(harness).sent == 1
    assert (
        "I'll ask again Tue 24 Nov 2026"
        in harness.sandbox.thread(reminder.channel, reminder.ts)[-1].text
    )


def test_snooze_and_skip_typed_in_the_thread(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")

    harness.driver.message("U1", "skip", thread_ts=reminder.ts)
    harness.driver.message("U1", "snooze 2d", thread_ts=reminder.ts)

    said = [m.text for m in harness.sandbox.thread(reminder.channel, reminder.ts)]
    assert "Next reminder: Mon 30 Nov 2026 at 10:00" in said[-3]
    assert "Wed 25 Nov 2026" in said[-1]
    assert schedule(harness).next_run_at == MONDAY_10_BUCHAREST + timedelta(days=2)


def test_pause_stops_reminders_until_back(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")

    harness.driver.click("U1", reminder, "Pause reminders")
    harness.clock.advance(timedelta(days=7))
    assert tick(harness).sent == 0

    harness.driver.command("U1", "/goals", "back")
    assert schedule(harness).active


def test_someone_else_cannot_press_the_reminders_buttons(harness: BotHarness) -> None:
    make_reminded_goal(harness, channel_id="C1")
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = harness.sandbox.channel_messages("C1")

    harness.driver.click("U2", reminder, "Pause reminders")

    assert schedule(harness).active
    assert "Only <@U1>" in harness.sandbox.ephemerals("U2")[-1].text


def test_a_retried_event_records_one_check_in(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    reply = harness.driver.message("U1", "41k", thread_ts=reminder.ts, event_id="EvRETRY1")
    event = {"type": "message", "user": "U1", "text": "41k", "ts": reply.ts,
             "channel": reply.channel, "thread_ts": reminder.ts, "channel_type": "im"}  # fmt: skip

    harness.driver.event(event, event_id="EvRETRY1", retry_num=1)
    harness.driver.event(event, event_id="EvRETRY1", retry_num=2)

    with harness.services.session() as session:
        assert len(list(session.exec(select(CheckIn)))) == 1
    assert len(harness.sandbox.thread(reminder.channel, reminder.ts)) == 2  # the reply, one answer
