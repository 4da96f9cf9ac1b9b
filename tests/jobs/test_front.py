"""The ack front: Slack is answered before any work, and a full queue loses nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from bot.jobs.front import BUSY_STATUS
from bot.jobs.job import Job, run_job
from bot.jobs.queues import InProcessQueue
from bot.observability import REGISTRY, metrics_text
from bot.render.errors import BUSY
from bot.render.help import DID_NOT_CATCH
from bot.sandbox import SlackDriver
from bot.slack.app import create_app
from bot.slack.http import BackgroundServer, make_wsgi_app
from tests.harness import BotHarness


class Gated:
    """An in-process queue of one waiting job whose worker holds each job until let go."""

    def __init__(self, harness: BotHarness) -> None:
        self.gate = threading.Event()
        self.taken = 0
        self.queue = InProcessQueue(self._handle, workers=1, limit=1)
        self._worker_app = harness.app  # processes before it responds, as a worker's does

    def _handle(self, job: Job) -> None:
        self.taken += 1
        self.gate.wait(30)
        run_job(self._worker_app, job)


@pytest.fixture
def gated(harness: BotHarness) -> Iterator[tuple[Gated, SlackDriver]]:
    gated = Gated(harness)
    front = create_app(harness.services, queue=gated.queue)
    with BackgroundServer(make_wsgi_app(front, harness.services)) as server:
        yield gated, SlackDriver(harness.sandbox, bot_url=server.url)
    gated.gate.set()
    gated.queue.close()


def dm_event(harness: BotHarness, user: str, text: str) -> dict[str, Any]:
    channel = harness.sandbox.im_channel(user)
    stored = harness.sandbox.record_user_message(channel, user, text, None)
    return {"type": "message", "user": user, "text": text, "ts": stored.ts, "channel": channel,
            "event_ts": stored.ts, "channel_type": "im"}  # fmt: skip


def commands_counted() -> float:
    return REGISTRY.get_sample_value("checkin_events_handled_total", {"kind": "command"}) or 0.0


def test_slack_is_answered_before_the_work_and_the_work_follows(
    harness: BotHarness, gated: tuple[Gated, SlackDriver]
) -> None:
    queued, driver = gated
    before = commands_counted()
    answer = driver.command("U1", "/goals", "help")
    assert (answer.status, answer.body) == (200, "")  # acknowledged while the worker waits
    assert not harness.sandbox.ephemerals("U1")
    queued.gate.set()
    harness.sandbox.wait_for(lambda: harness.sandbox.ephemerals("U1"))
    queued.queue.join()
    assert commands_counted() == before + 1  # counted when acknowledged, not again when done
    assert "SMART goals" in harness.sandbox.ephemerals("U1")[0].text


def test_a_full_queue_acks_at_once_and_the_event_is_handled_when_slack_resends_it(
    harness: BotHarness, gated: tuple[Gated, SlackDriver]
) -> None:
    queued, driver = gated
    assert driver.event(dm_event(harness, "U1", "hello"), event_id="EvFirst").status == 200
    harness.sandbox.wait_for(lambda: queued.taken == 1)  # the worker holds the first
    assert driver.event(dm_event(harness, "U1", "hi"), event_id="EvSecond").status == 200
    third = dm_event(harness, "U1", "hey")
    assert driver.event(third, event_id="EvThird").status == BUSY_STATUS  # Slack resends it
    command = driver.command("U1", "/goals", "help")
    assert command.status == 200 and BUSY in command.body  # commands are not resent: say so
    assert b"checkin_job_queue_refused_total" in metrics_text()

    queued.gate.set()
    queued.queue.join()
    assert driver.event(third, event_id="EvThird", retry_num=1).status == 200
    queued.queue.join()
    answers = [m.text for m in harness.dm("U1")]
    assert answers == [DID_NOT_CATCH] * 3  # each event once, none lost


def test_a_resend_of_a_queued_event_waits_once(
    harness: BotHarness, gated: tuple[Gated, SlackDriver]
) -> None:
    queued, driver = gated
    event = dm_event(harness, "U2", "hello")
    driver.event(dm_event(harness, "U1", "hello"), event_id="EvHeld")
    harness.sandbox.wait_for(lambda: queued.taken == 1)
    assert driver.event(event, event_id="EvTwice").status == 200
    assert driver.event(event, event_id="EvTwice", retry_num=1).status == 200  # not "full"
    assert queued.queue.depth() == 1
    queued.gate.set()
    queued.queue.join()
    assert [m.text for m in harness.dm("U2")] == [DID_NOT_CATCH]
