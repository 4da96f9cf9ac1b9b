"""Two real bot processes on one database: a reminder goes out once, a retried event
that reaches the other process records one check-in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from bot.sandbox import SlackDriver
from storage.models import CheckIn, Delivery
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick
from tests.scenarios.bot_processes import bot_env, bot_process


def test_two_processes_send_a_due_reminder_once(harness: BotHarness, tmp_path: Path) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    command = [sys.executable, "-m", "bot", "tick"]
    env = bot_env(harness)

    processes = [
        subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0] for p in processes]

    assert [p.returncode for p in processes] == [0, 0]
    assert sorted(o.split(",")[0] for o in outputs) == ["sent 0 (0 late)", "sent 1 (0 late)"]
    assert len(reminders_to(harness, "U1")) == 1
    with harness.services.session() as session:
        assert [d.status for d in session.exec(select(Delivery))] == ["sent"]


def test_a_retry_reaching_another_process_records_one_check_in(
    harness: BotHarness, tmp_path: Path
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    reply = harness.sandbox.record_user_message(reminder.channel, "U1", "41k", reminder.ts)
    event = {"type": "message", "user": "U1", "text": "41k", "ts": reply.ts,
             "channel": reply.channel, "thread_ts": reminder.ts, "channel_type": "im"}  # fmt: skip

    with bot_process(harness, tmp_path) as first, bot_process(harness, tmp_path) as second:
        SlackDriver(harness.sandbox, bot_url=first.url).event(event, event_id="EvTWO")
        SlackDriver(harness.sandbox, bot_url=second.url).event(event, event_id="EvTWO", retry_num=1)
        harness.sandbox.wait_for(
            lambda: len(harness.sandbox.thread(reminder.channel, reminder.ts)) > 1
        )

    with harness.services.session() as session:
        assert len(list(session.exec(select(CheckIn)))) == 1
    answers = [m for m in harness.sandbox.thread(reminder.channel, reminder.ts) if m.user != "U1"]
    assert len(answers) == 1
