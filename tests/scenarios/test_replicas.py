"""Three `checkin-bot run --http` replicas on one PostgreSQL behind one address: every
event is handled once, every reminder and digest goes out once, even when a replica
is killed half-way and Slack retries an event on another replica."""

from __future__ import annotations

import itertools
import signal
import socket
import subprocess
import sys
import urllib.error
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select

from bot.core.digest_request import parse_digest_request
from bot.sandbox import SlackDriver
from bot.sandbox.state import Message
from bot.services.digests import subscribe
from storage.models import CheckIn, Delivery, ProcessedEvent
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness, database_kind
from tests.reminder_helpers import MONDAY_10_BUCHAREST
from tests.scenarios.bot_processes import BotProcess, bot_env, bot_process, wait_until_healthy

pytestmark = pytest.mark.skipif(
    database_kind() != "postgresql", reason="replicas share one PostgreSQL database"
)

GOALS = (  # (owner, title, metric): two reminders each for U1 and U2, Monday 10:00
    ("U1", "Reach 60k on Instagram", "reach"),
    ("U1", "TikTok views", "video_views"),
    ("U2", "Instagram followers", "followers"),
    ("U2", "Newsletter signups", "sign_ups"),
)


class RoundRobin:
    """The load balancer: each request goes to the next replica; one that refuses the
    connection (killed) counts as a failed delivery, which Slack then retries."""

    def __init__(self, harness: BotHarness, replicas: list[BotProcess]) -> None:
        self.drivers = [SlackDriver(harness.sandbox, bot_url=r.url) for r in replicas]
        self._next = itertools.cycle(range(len(replicas)))
        self._events = itertools.count(1)

    def deliver_twice(self, event: dict[str, Any]) -> None:
        """The event, then Slack's retry of it (same event id) on the next replica."""
        event_id = f"EvREPLICA{next(self._events):04d}"
        answered = 0
        for retry in (None, 1):
            try:
                delivery = self.drivers[next(self._next)].event(
                    event, event_id=event_id, retry_num=retry
                )
                answered += delivery.status == 200
            except urllib.error.URLError:
                continue  # the replica is gone: Slack sees a failed delivery
        assert answered, f"no replica took {event_id}"


def user_event(message: Message) -> dict[str, Any]:
    event = {"type": "message", "user": message.user, "text": message.text, "ts": message.ts,
             "channel": message.channel, "channel_type": "im", "team": TEAM}  # fmt: skip
    if message.thread_ts:
        event["thread_ts"] = message.thread_ts
    return event


def bot_messages(harness: BotHarness, channel: str, thread_ts: str | None = None) -> list[Message]:
    """The bot's messages at the top of a channel, or in one thread (without its parent)."""
    sandbox = harness.sandbox
    shown = sandbox.thread(channel, thread_ts) if thread_ts else sandbox.channel_messages(channel)
    return [m for m in shown if m.user == sandbox.bot_user_id]


def wait_until_answered(harness: BotHarness, replies: list[Message], asked: dict[str, int]) -> None:
    """Every check-in reply has an answer in its thread; every DM holds its reminders (2)
    and one answer per question asked there."""
    for reply in replies:
        harness.sandbox.wait_for(lambda r=reply: bot_messages(harness, r.channel, r.thread_ts))
    for user, count in asked.items():
        channel = harness.sandbox.im_channel(user)
        harness.sandbox.wait_for(lambda c=channel, n=count: len(bot_messages(harness, c)) >= n + 2)


def set_up_goals_and_digest(harness: BotHarness) -> None:
    for owner, title, metric in GOALS:
        make_reminded_goal(harness, owner=owner, title=title, metric=metric, metric_name=metric)
    request = parse_digest_request("here weekly mon 09:00", tz="Europe/Bucharest")
    subscribe(harness.services, team_id=TEAM, channel_id="C1", user_id="U1", request=request)
    harness.clock.set(MONDAY_10_BUCHAREST)  # reminders and the digest are due


def test_three_replicas_handle_each_event_once_and_send_each_message_once(
    harness: BotHarness, tmp_path: Path
) -> None:
    set_up_goals_and_digest(harness)
    sandbox = harness.sandbox
    dms = {user: sandbox.im_channel(user) for user in ("U1", "U2")}
    replies: list[Message] = []
    asked = {"U1": 0, "U2": 0}
    with ExitStack() as stack:
        replicas = [stack.enter_context(bot_process(harness, tmp_path, wait=False)) for _ in "abc"]
        for replica in replicas:
            wait_until_healthy(replica)
        # Each replica's catch-up tick at start races the others for the same deliveries.
        for channel in dms.values():
            sandbox.wait_for(lambda c=channel: len(bot_messages(harness, c)) == 2)
        sandbox.wait_for(lambda: bot_messages(harness, "C1"))
        reminders = [(user, m) for user, c in dms.items() for m in bot_messages(harness, c)]
        balancer = RoundRobin(harness, replicas)

        for number, (owner, reminder) in enumerate(reminders):
            if number == len(reminders) // 2:
                wait_until_answered(harness, replies, asked)  # nothing half-done on it
                killed = replicas[0].process.pid
                replicas[0].process.send_signal(signal.SIGKILL)
                replicas[0].process.wait(10)
            reply = sandbox.record_user_message(reminder.channel, owner, "41k", reminder.ts)
            balancer.deliver_twice(user_event(reply))
            replies.append(reply)
            for user, channel in dms.items():
                question = sandbox.record_user_message(
                    channel, user, "how are we doing on reach?", None
                )
                balancer.deliver_twice(user_event(question))
                asked[user] += 1
        wait_until_answered(harness, replies, asked)

        # Two more ticks at the same moment, on another machine: nothing is left to send.
        command = [sys.executable, "-m", "bot", "tick"]
        ticks = [
            subprocess.Popen(command, env=bot_env(harness), cwd=tmp_path, stdout=subprocess.PIPE,
                             text=True)
            for _ in range(2)
        ]  # fmt: skip
        outputs = [t.communicate(timeout=60)[0] for t in ticks]
        assert all(o.startswith("sent 0 ") for o in outputs), outputs

    for user, channel in dms.items():
        assert len(bot_messages(harness, channel)) == asked[user] + 2, user
    for reply in replies:
        assert len(bot_messages(harness, reply.channel, reply.thread_ts)) == 1, reply.text
    digests = [c for c in sandbox.calls_to("chat.postMessage")
               if c.args.get("channel") == "C1" and not c.args.get("thread_ts")]  # fmt: skip
    assert len(digests) == 1
    with harness.services.session() as session:
        checkins = session.exec(select(CheckIn.message_ts)).all()
        events = session.exec(select(func.count()).select_from(ProcessedEvent)).one()
        claims = session.exec(select(func.count()).select_from(Delivery)).one()
        unsent = session.exec(select(Delivery).where(col(Delivery.status) != "sent")).all()
    assert sorted(checkins) == sorted(r.ts for r in replies)
    assert events == len(replies) + sum(asked.values())
    assert claims == len(GOALS) + 1
    # A replica killed while finishing a digest (its chart, say) never marks it sent;
    # what matters is that it went out once, and nobody sent it again.
    assert all(d.claimed_by == f"{socket.gethostname()}:{killed}" for d in unsent), unsent
