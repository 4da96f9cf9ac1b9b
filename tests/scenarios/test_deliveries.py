"""The delivery runner: each due message sent once; late ones marked, stale ones skipped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from slack_sdk import WebClient
from sqlmodel import Session, col, select

from bot.scheduling.deliveries import DeliveryRunner, Due, Sent, post_scheduled
from bot.services.schedules import advance
from bot.slack.client import make_client
from storage.deliveries import DeliveryKey, claim_delivery
from storage.models import Delivery, DeliveryKind, ReminderSchedule
from tests.factories import make_goal, make_schedule
from tests.harness import TEAM, BotHarness


class ChannelPing:
    """A minimal real source: each due schedule posts one line to #marketing."""

    kind = DeliveryKind.REMINDER

    def due(self, session: Session, now: datetime, limit: int) -> Sequence[Due]:
        rows = session.exec(
            select(ReminderSchedule)
            .where(col(ReminderSchedule.active), col(ReminderSchedule.next_run_at) <= now)
            .limit(limit)
        )
        return [
            Due(r.team_id, self.kind, r.id or 0, r.next_run_at)  # type: ignore[arg-type]
            for r in rows
        ]

    def send(self, due: Due, *, late: bool, client: WebClient, now: datetime) -> Sent:
        text = f"ping {due.period} late={late}"
        return post_scheduled(client, due, channel="C1", text=text, blocks=[])

    def reschedule(self, session: Session, due: Due, now: datetime) -> None:
        row = session.get(ReminderSchedule, due.row_id)
        assert row is not None
        advance(session, row, after=max(now, due.due_at))

    def on_permanent_failure(
        self, session: Session, due: Due, error: str, client: WebClient, now: datetime
    ) -> None:
        row = session.get(ReminderSchedule, due.row_id)
        assert row is not None
        row.active, row.paused_reason = False, error


def weekly_schedule(harness: BotHarness) -> int:
    with harness.services.session() as session:
        goal = make_goal(session, now=harness.clock.now(), target=Decimal(60000))
        return make_schedule(session, goal, now=harness.clock.now()).id or 0


def runner(harness: BotHarness, worker: str = "a") -> DeliveryRunner:
    client = make_client(harness.services)
    return DeliveryRunner(harness.services, lambda _team: client, [ChannelPing()], worker=worker)


def pings(harness: BotHarness) -> list[str]:
    return [m.text for m in harness.sandbox.channel_messages("C1")]


def test_a_due_message_is_sent_once_at_its_local_time(harness: BotHarness) -> None:
    weekly_schedule(harness)
    one = runner(harness)

    assert one.tick().sent == 0  # Sunday: not due yet
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))  # Monday 10:00 Bucharest
    assert one.tick().sent == 1
    assert one.tick().sent == 0

    assert pings(harness) == ["ping 2026-11-23T08:00:00+00:00 late=False"]


def test_two_replicas_on_one_database_send_once(harness: BotHarness) -> None:
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))

    reports = [runner(harness, "a").tick(), runner(harness, "b").tick()]

    assert sum(r.sent for r in reports) == 1
    assert len(pings(harness)) == 1


def test_a_claim_made_by_another_replica_is_respected(harness: BotHarness) -> None:
    schedule_id = weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))
    with harness.services.session() as session:
        claim_delivery(
            session=session,
            key=DeliveryKey(TEAM, DeliveryKind.REMINDER, schedule_id, "2026-11-23T08:00:00+00:00"),
            claimed_by="other",
            now=harness.clock.now(),
            lease=timedelta(minutes=2),
        )

    report = runner(harness).tick()

    assert (report.sent, report.already_claimed) == (0, 1)
    assert pings(harness) == []
    with harness.services.session() as session:  # only the holder's outcome moves it on
        schedule = session.exec(select(ReminderSchedule)).one()
    assert schedule.next_run_at == harness.clock.now()


def test_a_message_due_while_the_bot_was_down_is_sent_late_once(harness: BotHarness) -> None:
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T14:00:00+00:00"))  # six hours late

    report = runner(harness).tick()

    assert (report.sent, report.late) == (1, 1)
    assert pings(harness) == ["ping 2026-11-23T08:00:00+00:00 late=True"]


def test_a_message_over_twelve_hours_late_is_recorded_as_skipped(harness: BotHarness) -> None:
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T21:00:00+00:00"))

    report = runner(harness).tick()

    assert (report.sent, report.skipped) == (0, 1)
    with harness.services.session() as session:
        statuses = [d.status for d in session.exec(select(Delivery))]
        schedule = session.exec(select(ReminderSchedule)).one()
    assert statuses == ["skipped"]
    assert schedule.next_run_at == datetime.fromisoformat("2026-11-30T08:00:00+00:00")
    assert pings(harness) == []


def test_a_permanent_slack_error_pauses_instead_of_retrying(harness: BotHarness) -> None:
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))
    harness.sandbox.fail("chat.postMessage", "channel_not_found")

    report = runner(harness).tick()
    harness.clock.advance(timedelta(days=7))
    later = runner(harness).tick()

    assert (report.failed, later.sent) == (1, 0)
    with harness.services.session() as session:
        schedule = session.exec(select(ReminderSchedule)).one()
    assert (schedule.active, schedule.paused_reason) == (False, "channel_not_found")
    assert len(harness.sandbox.calls_to("chat.postMessage")) == 1


def test_a_passing_slack_failure_is_tried_again_on_the_next_tick(harness: BotHarness) -> None:
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))
    # The client does not repeat a post Slack may have made; the next tick looks, then posts.
    harness.sandbox.server_error("chat.postMessage", status=503)

    first = runner(harness).tick()
    harness.clock.advance(timedelta(seconds=30))
    second = runner(harness, "b").tick()

    assert (first.failed, second.sent) == (1, 1)
    assert len(pings(harness)) == 1
    with harness.services.session() as session:
        delivery = session.exec(select(Delivery)).one()
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def test_a_slack_outage_delays_the_reminder_but_never_loses_it(harness: BotHarness) -> None:
    """Passing failures are tried again on every tick, however many: the reminder goes out
    once Slack is back, and is only given up (recorded as skipped) when 12 hours late."""
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))
    harness.sandbox.server_error("chat.postMessage", status=503, times=5)

    reports = []
    for replica in ("a", "b", "a", "b", "a", "b"):
        reports.append(runner(harness, replica).tick())
        harness.clock.advance(timedelta(seconds=30))

    assert [(r.failed, r.sent) for r in reports] == [(1, 0)] * 5 + [(0, 1)]
    assert len(pings(harness)) == 1
    with harness.services.session() as session:
        delivery = session.exec(select(Delivery)).one()
        schedule = session.exec(select(ReminderSchedule)).one()
    assert (delivery.status, delivery.attempts, delivery.failures) == ("sent", 6, 5)
    assert schedule.next_run_at == datetime.fromisoformat("2026-11-30T08:00:00+00:00")


def test_a_reminder_still_failing_12_hours_late_is_skipped_and_recorded(
    harness: BotHarness,
) -> None:
    weekly_schedule(harness)
    harness.clock.set(datetime.fromisoformat("2026-11-23T08:00:00+00:00"))
    harness.sandbox.server_error("chat.postMessage", status=503)
    assert runner(harness).tick().failed == 1

    harness.clock.advance(timedelta(hours=12, minutes=1))
    assert runner(harness).tick().skipped == 1

    assert pings(harness) == []
    with harness.services.session() as session:
        delivery = session.exec(select(Delivery)).one()
        schedule = session.exec(select(ReminderSchedule)).one()
    assert (delivery.status, delivery.failures) == ("skipped", 1)
    assert schedule.next_run_at == datetime.fromisoformat("2026-11-30T08:00:00+00:00")
    assert schedule.active
