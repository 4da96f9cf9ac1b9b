"""`@once`: a retried event (same event id, `X-Slack-Retry-Num`) is handled once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from slack_bolt.util.utils import get_arg_names_of_callable
from sqlmodel import select

from bot.slack.once import once
from storage.models import CheckIn
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
        "message": {**before, "text": "42.5k", "edited": {"user": "U1", "ts": "1.2"}},
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
