"""Two real bot processes on one database: a reminder goes out once, a retried event
that reaches the other process records one check-in."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import select

from bot.sandbox import SlackDriver
from storage.models import CheckIn, Delivery
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, make_goal, reminders_to, tick


def bot_env(harness: BotHarness) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CHECKIN_"))}
    env.update(
        DATABASE_URL=harness.engine.url.render_as_string(hide_password=False),
        SLACK_BOT_TOKEN=harness.sandbox.bot_token,
        SLACK_SIGNING_SECRET=harness.sandbox.signing_secret,
        SLACK_API_URL=harness.sandbox.api_url,
        DEFAULT_TIMEZONE="Europe/Bucharest",
        CHECKIN_BOT_NOW=harness.clock.now().isoformat(),
        LOG_LEVEL="INFO",
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def bot_process(harness: BotHarness, tmp_path: Path) -> Iterator[str]:
    """`checkin-bot run --http` in its own process; yields its URL once it listens."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--http", "--host", "127.0.0.1", "--port", str(port)],
        env=bot_env(harness),
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:  # blocks until waitress says it is serving
            if "Serving on" in line:
                break
        else:
            pytest.fail(f"the bot process ended early ({process.wait()})")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def test_two_processes_send_a_due_reminder_once(harness: BotHarness, tmp_path: Path) -> None:
    make_goal(harness)
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
    make_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    reply = harness.sandbox.record_user_message(reminder.channel, "U1", "41k", reminder.ts)
    event = {"type": "message", "user": "U1", "text": "41k", "ts": reply.ts,
             "channel": reply.channel, "thread_ts": reminder.ts, "channel_type": "im"}  # fmt: skip

    with bot_process(harness, tmp_path) as first, bot_process(harness, tmp_path) as second:
        SlackDriver(harness.sandbox, bot_url=first).event(event, event_id="EvTWO")
        SlackDriver(harness.sandbox, bot_url=second).event(event, event_id="EvTWO", retry_num=1)
        harness.sandbox.wait_for(
            lambda: len(harness.sandbox.thread(reminder.channel, reminder.ts)) > 1
        )

    with harness.services.session() as session:
        assert len(list(session.exec(select(CheckIn)))) == 1
    answers = [m for m in harness.sandbox.thread(reminder.channel, reminder.ts) if m.user != "U1"]
    assert len(answers) == 1
