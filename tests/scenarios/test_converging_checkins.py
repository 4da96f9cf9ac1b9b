"""A check-in reply's message, edits and deletion, repeated or in any order, on one process
or two: they end in the same check-ins and one answer per change the person made."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.sandbox import SlackDriver
from bot.sandbox.state import Message
from storage.models import CheckIn
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick
from tests.scenarios.bot_processes import bot_process


def reminded_reply(harness: BotHarness, text: str) -> tuple[Message, Message]:
    """The reminder in U1's DM and U1's reply in its thread, stored but not yet delivered."""
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    reply = harness.sandbox.record_user_message(reminder.channel, "U1", text, reminder.ts)
    return reminder, reply


def sent(reply: Message) -> dict[str, Any]:
    return {"type": "message", "user": "U1", "text": reply.text, "ts": reply.ts,
            "channel": reply.channel, "thread_ts": reply.thread_ts,
            "channel_type": "im"}  # fmt: skip


def changed(reply: Message, before: str, after: str, edited_ts: str | None) -> dict[str, Any]:
    """`message_changed` as Slack sends it: an edit (with `edited`), or an unfurl (without)."""
    old = {"type": "message", "user": "U1", "text": before, "ts": reply.ts,
           "thread_ts": reply.thread_ts}  # fmt: skip
    new = {**old, "text": after}
    if edited_ts:
        new["edited"] = {"user": "U1", "ts": edited_ts}
    else:
        new["attachments"] = [{"from_url": "https://example.com", "id": 1}]
    return {"type": "message", "subtype": "message_changed", "hidden": True, "channel_type": "im",
            "channel": reply.channel, "message": new, "previous_message": old}  # fmt: skip


def deleted(reply: Message) -> dict[str, Any]:
    return {"type": "message", "subtype": "message_deleted", "hidden": True, "channel_type": "im",
            "channel": reply.channel, "deleted_ts": reply.ts,
            "previous_message": {"type": "message", "user": "U1", "text": reply.text,
                                 "ts": reply.ts, "thread_ts": reply.thread_ts}}  # fmt: skip


def stored_values(harness: BotHarness) -> list[Decimal]:
    with harness.services.session() as session:
        return [c.value for c in session.exec(select(CheckIn))]


def answers(harness: BotHarness, reminder: Message) -> list[str]:
    thread = harness.sandbox.thread(reminder.channel, reminder.ts)
    return [m.text for m in thread if m.user == harness.sandbox.bot_user_id and m.ts != reminder.ts]


def test_an_unfurl_changes_nothing_and_says_nothing(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    reply = harness.driver.message(
        "U1", "41k, see https://example.com/report", thread_ts=reminder.ts
    )

    harness.driver.unfurl(reply)

    assert stored_values(harness) == [Decimal(41000)]
    assert len(answers(harness, reminder)) == 1


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_any_order_of_a_reply_its_edit_and_an_unfurl_ends_in_the_edited_value(
    harness: BotHarness, order: tuple[int, ...]
) -> None:
    reminder, reply = reminded_reply(harness, "41k")
    events = [
        (sent(reply), "EvSENT"),
        (changed(reply, "41k", "42.5k", harness.sandbox.next_ts()), "EvEDIT"),
        (changed(reply, "42.5k", "42.5k", None), "EvUNFURL"),
    ]

    for index in order:  # each event, then Slack's retry of it
        event, event_id = events[index]
        harness.driver.event(event, event_id=event_id)
        harness.driver.event(event, event_id=event_id, retry_num=1)

    assert stored_values(harness) == [Decimal(42500)]
    said = answers(harness, reminder)
    edit_came_first = order.index(1) < order.index(0)
    assert len(said) == (1 if edit_came_first else 2)
    assert sum(text.startswith("Updated") for text in said) == (0 if edit_came_first else 1)


def test_two_edits_arriving_backwards_keep_the_later_one(harness: BotHarness) -> None:
    reminder, reply = reminded_reply(harness, "41k")
    first_edit = changed(reply, "41k", "42k", harness.sandbox.next_ts())
    second_edit = changed(reply, "42k", "43k", harness.sandbox.next_ts())

    harness.driver.event(sent(reply))
    harness.driver.event(second_edit)
    harness.driver.event(first_edit)

    assert stored_values(harness) == [Decimal(43000)]
    assert [t.startswith("Updated") for t in answers(harness, reminder)] == [False, True]


@pytest.mark.parametrize("delete_first", [True, False])
def test_a_deleted_reply_stays_deleted_whatever_arrives_after(
    harness: BotHarness, delete_first: bool
) -> None:
    reminder, reply = reminded_reply(harness, "41k")
    events = [deleted(reply), sent(reply), changed(reply, "41k", "42k", harness.sandbox.next_ts())]
    if not delete_first:
        events = [events[1], events[0], events[2]]

    for event in events:
        harness.driver.event(event)

    assert stored_values(harness) == []
    said = answers(harness, reminder)
    assert len(said) == (0 if delete_first else 2)  # recorded, then removed


def test_a_reply_and_its_edit_racing_on_two_processes_store_one_row(
    harness: BotHarness, tmp_path: Path
) -> None:
    reminder, reply = reminded_reply(harness, "41k")
    edit = changed(reply, "41k", "42.5k", harness.sandbox.next_ts())

    with bot_process(harness, tmp_path) as first, bot_process(harness, tmp_path) as second:
        drivers = [SlackDriver(harness.sandbox, bot_url=p.url) for p in (first, second)]
        deliveries = [  # each event on both processes at once: the first try and Slack's retry
            (drivers[0], sent(reply), "EvRACE1", None),
            (drivers[1], sent(reply), "EvRACE1", 1),
            (drivers[1], edit, "EvRACE2", None),
            (drivers[0], edit, "EvRACE2", 1),
        ]
        with ThreadPoolExecutor(4) as pool:
            for done in pool.map(
                lambda d: d[0].event(d[1], event_id=d[2], retry_num=d[3]), deliveries
            ):
                assert done.status == 200
        # Whichever came first, the last answer speaks of the edited value.
        harness.sandbox.wait_for(lambda: any("42,500" in t for t in answers(harness, reminder)))

    assert stored_values(harness) == [Decimal(42500)]
    said = answers(harness, reminder)
    if len(said) == 1:  # the edit was read first: the reply it edits was never answered apart
        assert said[0].startswith("Got it") and "42,500" in said[0]
    else:  # two processes answered at once, so Slack may show the two answers either way
        assert sorted(text.split(":")[0].split()[0] for text in said) == ["Got", "Updated"]
        assert any(t.startswith("Updated") and "42,500" in t for t in said)
