"""`@once`: a retried event (same event id, `X-Slack-Retry-Num`) is handled once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from slack_bolt.util.utils import get_arg_names_of_callable
from slack_sdk import WebClient
from sqlmodel import select

from bot.scheduling.scheduler import forget_old_events
from bot.services import Services
from bot.slack.actor import Actor
from bot.slack.once import once
from storage import repo
from storage.models import CheckIn, ProcessedEvent
from storage.schemas import MemberUpdate
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick


def test_bolt_injects_what_the_listener_and_once_need() -> None:
    @once
    def listener(event: dict[str, Any], client: object) -> None: ...

    assert get_arg_names_of_callable(listener) == ["event", "client", "body", "services", "actor"]
    assert listener.__name__ == "listener"


def test_a_retried_edit_changes_the_check_in_once_and_answers_once(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    reply = harness.driver.message("U1", "41k", thread_ts=reminder.ts)
    before = {"type": "message", "user": "U1", "text": "41k", "ts": reply.ts,
              "thread_ts": reminder.ts}  # fmt: skip
    edit = {
        "type": "message",
        "subtype": "message_changed",
        "hidden": True,
        "channel": reply.channel,
        "message": {
            **before,
            "text": "42.5k",
            "edited": {"user": "U1", "ts": harness.sandbox.next_ts()},
        },
        "previous_message": before,
        "event_ts": harness.sandbox.next_ts(),
        "ts": harness.sandbox.next_ts(),
        "channel_type": "im",
    }

    for retry in (None, 1, 2):
        assert harness.driver.event(edit, event_id="Ev0EDIT", retry_num=retry).status == 200

    with harness.services.session() as session:
        [stored] = session.exec(select(CheckIn)).all()
    assert stored.value == Decimal(42500)
    answers = [
        m.text
        for m in harness.sandbox.thread(reminder.channel, reminder.ts)
        if m.user == harness.sandbox.bot_user_id
    ]
    assert len(answers) == 2  # the answer to the reply, one answer to the edit
    assert answers[-1].startswith("Updated")


def _delivery(harness: BotHarness, event_id: str) -> dict[str, Any]:
    """What Bolt hands a listener for one delivery of an event, as `@once` reads it."""
    actor = Actor("T1", "U1", services=harness.services, client=WebClient())
    return {"body": {"event_id": event_id}, "services": harness.services, "actor": actor}


def _set_timezone(services: Services, tz: str) -> None:
    with services.session() as session:
        changes = MemberUpdate(timezone=tz)
        repo.upsert_member(
            session=session, team_id="T1", user_id="U1", now=services.now(), changes=changes
        )


def test_a_retry_is_rolled_back_with_its_first_unit_of_work(harness: BotHarness) -> None:
    answered: list[str] = []

    @once
    def listener(event: dict[str, Any], services: Services) -> None:
        _set_timezone(services, event["tz"])  # the event id is recorded with this change
        answered.append(event["tz"])

    listener(event={"tz": "Europe/Bucharest"}, **_delivery(harness, "Ev1"))
    listener(event={"tz": "Asia/Tokyo"}, **_delivery(harness, "Ev1"))

    assert answered == ["Europe/Bucharest"]
    with harness.services.session() as session:
        member = repo.get_member(session=session, team_id="T1", user_id="U1")
        assert member is not None and member.timezone == "Europe/Bucharest"


def test_a_listener_that_failed_counts_as_run_and_its_retry_is_quiet(harness: BotHarness) -> None:
    runs: list[int] = []

    @once
    def failing(services: Services) -> None:
        runs.append(1)
        with services.session():
            raise RuntimeError("the database went away")  # rolls back the event id with it

    with pytest.raises(RuntimeError):
        failing(**_delivery(harness, "Ev2"))
    failing(**_delivery(harness, "Ev2"))  # the retry fails the same way, and says nothing

    assert runs == [1, 1]
    with harness.services.session() as session:
        assert session.get(ProcessedEvent, ("T1", "Ev2")) is not None


def test_event_ids_are_forgotten_after_a_day_and_a_retry_within_it_is_still_caught(
    harness: BotHarness,
) -> None:
    dm = harness.sandbox.im_channel("U1")
    hello = {"type": "message", "user": "U1", "text": "hello", "channel": dm, "channel_type": "im"}
    harness.driver.event({**hello, "ts": harness.sandbox.next_ts()}, event_id="Ev0OLD")
    harness.clock.advance(timedelta(hours=25))
    recent = {**hello, "ts": harness.sandbox.next_ts()}
    harness.driver.event(recent, event_id="Ev0NEW")

    assert forget_old_events(harness.services) == 1

    with harness.services.session() as session:
        kept = [row.event_id for row in session.exec(select(ProcessedEvent))]
    assert kept == ["Ev0NEW"]
    answers = len(harness.dm("U1"))
    assert answers == 2  # one answer to each of the two messages
    harness.driver.event(recent, event_id="Ev0NEW", retry_num=1)
    assert len(harness.dm("U1")) == answers  # the retry of a remembered event says nothing
