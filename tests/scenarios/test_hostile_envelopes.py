"""Hostile payload shapes over both transports, and malformed Socket Mode envelopes.

Each of the payloads a person's actions make (a command, a DM, a mention, an edit, a
delete, the Home tab, a button, a form) is delivered again with one part replaced by
a value of the wrong type or removed, signed over HTTP and as an envelope over Socket
Mode. Whatever arrives: no 5xx, no traceback in the logs, every envelope acknowledged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.sandbox.driver import Delivery, SlackDriver
from tests.harness import BotHarness
from tests.scenarios.hostile import TRACEBACKS, Watch, seed_world

WRONG = [None, [], {}, 0, "", "x", [{"ts": "1"}], {"id": {}}, True]
MISSING = object()  # the part removed altogether


class Recorder(SlackDriver):
    """A driver that keeps the payloads a person's actions make instead of sending them."""

    def __init__(self, driver: SlackDriver) -> None:
        super().__init__(driver.sandbox, bot_url="http://recorder.invalid")
        self.made: list[tuple[str, dict[str, Any]]] = []

    def _deliver(
        self, kind: str, payload: dict[str, Any], headers: dict[str, str] | None
    ) -> Delivery:
        self.made.append((kind, json.loads(json.dumps(payload))))
        return Delivery(200, "")


def templates(harness: BotHarness) -> list[tuple[str, dict[str, Any]]]:
    """One payload of every kind the bot listens to, as Slack would send it."""
    world = seed_world(harness)
    recorder = Recorder(harness.driver)
    recorder.command("U1", "/goals", "checkin reach 41k")
    reminder = world.reminder
    reply = recorder.message("U1", "42k", channel=reminder.channel, thread_ts=reminder.ts)
    recorder.mention("U1", "how are we doing on reach?", channel="C1")
    recorder.edit(reply, "43k")
    recorder.delete(reply)
    recorder.open_home("U1")
    recorder.click("U1", world.reminder, "reminder.skip")
    recorder.click("U1", world.reminder, "Update")
    harness.driver.click("U1", world.reminder, "Update")
    [view] = [v for v in harness.sandbox.views.values() if v.get("type") == "modal"]
    recorder.submit_view("U1", view, {})
    return recorder.made


def mutations(kind: str, payload: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The payload with one part (top level, or one level down) wrong or missing."""
    for key, value in payload.items():
        parts = [(key, None)]
        if isinstance(value, dict):
            parts += [(key, inner) for inner in value]
        for outer, inner in parts:
            for wrong in [*WRONG, MISSING]:
                changed = json.loads(json.dumps(payload))
                holder, name = (changed, outer) if inner is None else (changed[outer], inner)
                if wrong is MISSING:
                    del holder[name]
                else:
                    holder[name] = wrong
                yield f"{kind}:{outer}{'.' + inner if inner else ''}={wrong!r}", changed


@pytest.fixture(params=["http", "socket"])
def transported(db: Engine, request: pytest.FixtureRequest) -> Iterator[BotHarness]:
    with BotHarness(db, socket_mode=request.param == "socket") as running:
        yield running


def test_every_payload_part_wrong_or_missing_is_answered_without_a_traceback(
    transported: BotHarness,
) -> None:
    failures: list[str] = []
    sent = 0
    for kind, payload in templates(transported):
        for label, changed in mutations(kind, payload):
            sent += 1
            logged = len(TRACEBACKS.records)
            try:
                status = transported.driver._deliver(kind, changed, None).status
            except TimeoutError:  # over Socket Mode: the envelope was never acknowledged
                status = 0
            if not 0 < status < 500 or TRACEBACKS.since(logged):
                failures.append(f"{label}: {status or 'unacked'} {TRACEBACKS.since(logged)[:1]}")
            transported.sandbox.problems.clear()
    assert failures == [], f"{len(failures)} of {sent} failed:\n" + "\n".join(failures)


ENVELOPE_TYPES = ["events_api", "slash_commands", "interactive"]


def frames(kinds_and_payloads: list[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, str]]:
    """Malformed Socket Mode frames, each with the envelope id that must be acknowledged."""
    event = next(p for k, p in kinds_and_payloads if k == "event")
    broken_payloads: list[Any] = [None, [], "text", 5, {}, {"type": 5}, event | {"event": []}]
    for n, payload in enumerate(broken_payloads):
        for kind in ENVELOPE_TYPES:
            envelope = {"envelope_id": f"e{n}{kind}", "type": kind, "payload": payload}
            yield f"e{n}{kind}", json.dumps(envelope)
    for n, kind in enumerate(["message", "", "EVENTS_API", "hello_world", ["events_api"], None, 7]):
        yield f"t{n}", json.dumps({"envelope_id": f"t{n}", "type": kind, "payload": event})
    for kind, payload in kinds_and_payloads:  # the right payload in the wrong kind of envelope
        for other in ENVELOPE_TYPES:
            envelope_id = f"m{kind}{other}"
            envelope = {"envelope_id": envelope_id, "type": other, "payload": payload}
            yield envelope_id, json.dumps(envelope)
    yield "x1", json.dumps({"envelope_id": "x1", "type": "events_api"})
    yield "x2", json.dumps(
        {"envelope_id": "x2", "type": "events_api", "payload": event, "retry_attempt": {"a": 1},
         "retry_reason": [], "accepts_response_payload": "yes"}
    )  # fmt: skip


def test_malformed_envelopes_are_each_acknowledged_without_a_traceback(db: Engine) -> None:
    with BotHarness(db, socket_mode=True) as running:
        made = templates(running)
        unacked, sent, watch = [], 0, Watch(running)
        for envelope_id, frame in frames(made):
            sent += 1
            if running.sandbox.send_frame(frame, envelope_id=envelope_id, timeout=3) is None:
                unacked.append(envelope_id)
        for junk in ["not json", "{broken", "[1, 2]", "null", '{"type": "events_api"}', "{" * 5000]:
            running.sandbox.send_frame(junk, envelope_id=None)
        running.sandbox.send_frame(json.dumps({"type": "hello"}), envelope_id=None)
        tracebacks = TRACEBACKS.since(watch.logged)
        assert (unacked, len(tracebacks)) == ([], 0), f"{len(unacked)} of {sent} unacked"
        watch.check()
        # Still connected and serving.
        assert running.driver.command("U1", "/goals", "help").status == 200
