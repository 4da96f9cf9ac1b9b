"""Claims are leases: a sender that died holds its reminder only until the lease runs out;
a claim held elsewhere never moves the schedule; a reminder a dead sender posted is found
in Slack by its metadata, not posted twice; any failure in a tick is retried."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk import WebClient
from sqlmodel import select

from bot.scheduling.deliveries import DeliveryRunner, Due
from bot.scheduling.reminders import ReminderSource
from bot.slack.client import make_client
from storage.deliveries import claim_delivery
from storage.models import CheckIn, Delivery, DeliveryKind, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick

LEASE = timedelta(seconds=120)  # the default DELIVERY_LEASE_SECONDS


def dead_sender_claims(harness: BotHarness, schedule_id: int, *, posted: bool) -> Due:
    """What a replica did before kill -9: claimed the reminder, and maybe posted it."""
    due = Due(TEAM, DeliveryKind.REMINDER, schedule_id, MONDAY_10_BUCHAREST)
    with harness.services.session() as session:
        claim_delivery(
            session=session, key=due.key, claimed_by="dead", now=harness.clock.now(), lease=LEASE
        )
    if posted:
        source = ReminderSource(harness.services)
        source.send(due, late=False, client=make_client(harness.services), now=harness.clock.now())
    return due


def delivery_and_schedule(harness: BotHarness) -> tuple[Delivery, ReminderSchedule]:
    with harness.services.session() as session:
        return session.exec(select(Delivery)).one(), session.exec(select(ReminderSchedule)).one()


def test_a_claim_held_elsewhere_never_moves_the_schedule_and_is_taken_over_after_its_lease(
    harness: BotHarness,
) -> None:
    _, schedule_id = make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    dead_sender_claims(harness, schedule_id, posted=False)

    assert tick(harness).already_claimed == 1
    _, schedule = delivery_and_schedule(harness)
    assert schedule.next_run_at == MONDAY_10_BUCHAREST  # still due: nobody sent it yet
    harness.clock.advance(LEASE - timedelta(seconds=1))
    assert tick(harness).already_claimed == 1
    harness.clock.advance(timedelta(seconds=2))
    assert tick(harness).sent == 1
    assert tick(harness).sent == 0

    assert len(reminders_to(harness, "U1")) == 1
    delivery, schedule = delivery_and_schedule(harness)
    assert (delivery.status, delivery.attempts, delivery.claimed_by) == ("sent", 2, "test")
    assert schedule.next_run_at == MONDAY_10_BUCHAREST + timedelta(days=7)


def test_a_reminder_whose_senders_die_three_times_in_a_row_is_still_sent_once(
    harness: BotHarness,
) -> None:
    """A crash is not the message's failure: the bench (bench/chaos.py) lost reminders
    whose holders were killed three times, once the tries ran out."""
    _, schedule_id = make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    for _ in range(3):
        dead_sender_claims(harness, schedule_id, posted=False)
        harness.clock.advance(LEASE + timedelta(seconds=1))

    assert tick(harness).sent == 1
    assert tick(harness).sent == 0

    assert len(reminders_to(harness, "U1")) == 1
    delivery, schedule = delivery_and_schedule(harness)
    assert (delivery.status, delivery.attempts) == ("sent", 4)
    assert schedule.next_run_at == MONDAY_10_BUCHAREST + timedelta(days=7)


def test_crashes_then_a_passing_slack_error_do_not_use_up_the_reminders_tries(
    harness: BotHarness,
) -> None:
    """Two senders killed, then one Slack error: three claims, but one failure; the bench
    lost such a reminder while crashes counted as failed tries."""
    _, schedule_id = make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    for _ in range(2):
        dead_sender_claims(harness, schedule_id, posted=False)
        harness.clock.advance(LEASE + timedelta(seconds=1))
    harness.sandbox.fail("chat.postMessage", "internal_error")

    assert tick(harness).failed == 1
    assert tick(harness).sent == 1

    assert len(reminders_to(harness, "U1")) == 1
    delivery, schedule = delivery_and_schedule(harness)
    assert (delivery.status, delivery.failures) == ("sent", 1)
    assert schedule.next_run_at == MONDAY_10_BUCHAREST + timedelta(days=7)


def test_a_reminder_posted_by_a_sender_that_died_is_bound_not_posted_again(
    harness: BotHarness,
) -> None:
    _, schedule_id = make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    dead_sender_claims(harness, schedule_id, posted=True)
    [reminder] = reminders_to(harness, "U1")

    harness.clock.advance(LEASE + timedelta(seconds=1))
    assert tick(harness).sent == 1  # found in the DM by its metadata

    assert len(reminders_to(harness, "U1")) == 1
    delivery, _ = delivery_and_schedule(harness)
    assert (delivery.status, delivery.message_ts) == ("sent", reminder.ts)
    harness.driver.message("U1", "41k", channel=reminder.channel, thread_ts=reminder.ts)
    with harness.services.session() as session:
        assert [c.value for c in session.exec(select(CheckIn))] == [41000]


def test_a_reply_to_a_reminder_its_dead_sender_never_recorded_is_a_check_in(
    harness: BotHarness,
) -> None:
    _, schedule_id = make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    dead_sender_claims(harness, schedule_id, posted=True)
    [reminder] = reminders_to(harness, "U1")

    harness.driver.message("U1", "41k", channel=reminder.channel, thread_ts=reminder.ts)

    with harness.services.session() as session:
        assert [c.value for c in session.exec(select(CheckIn))] == [41000]
    answers = [m for m in harness.sandbox.thread(reminder.channel, reminder.ts) if m.user == "UBOT"]
    assert len(answers) == 1 and "didn't catch" not in answers[0].text
    harness.clock.advance(LEASE + timedelta(seconds=1))
    assert tick(harness).sent == 0  # the reply settled it: the schedule moves on, nothing more
    assert len(reminders_to(harness, "U1")) == 1
    _, schedule = delivery_and_schedule(harness)
    assert schedule.next_run_at == MONDAY_10_BUCHAREST + timedelta(days=7)


def test_a_token_refresh_answering_503_is_a_recorded_failure_tried_again(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    harness.sandbox.server_error("oauth.v2.access", status=503, times=4)  # beats its retries
    client = make_client(harness.services)
    refreshes = []

    def refreshing_client(_team: str) -> WebClient:
        if not refreshes:  # the first lookup finds the token close to expiry
            refreshes.append(_team)
            client.oauth_v2_access(
                client_id="id", client_secret="secret", grant_type="refresh_token",
                refresh_token="xoxe-1-refresh",
            )  # fmt: skip
        return client

    runner = DeliveryRunner(
        harness.services, refreshing_client, [ReminderSource(harness.services)], worker="a"
    )

    assert runner.tick().failed == 1
    delivery, schedule = delivery_and_schedule(harness)
    assert (delivery.status, delivery.error) == ("failed", "fatal_error")
    assert schedule.next_run_at == MONDAY_10_BUCHAREST
    assert runner.tick().sent == 1
    assert len(reminders_to(harness, "U1")) == 1
