"""Front and workers as real processes: a worker killed mid-job loses and doubles nothing;
the load bench runs end to end (short, no timing asserted)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.sandbox import SlackDriver
from bot.services.transfer import import_file
from storage.models import CheckIn
from tests.harness import TEAM, BotHarness, database_kind
from tests.scenarios.bot_processes import bot_process, worker_process

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = 8
BACKLOG = 50
QUEUED = {"JOB_QUEUE": "postgres", "JOB_WORKERS": "1", "JOB_HEARTBEAT_SECONDS": "1"}


@pytest.mark.skipif(database_kind() != "postgresql", reason="workers share a PostgreSQL queue")
def test_a_worker_killed_mid_job_loses_nothing_and_doubles_nothing(
    harness: BotHarness, tmp_path: Path
) -> None:
    goals = [{"id": f"g{n}", "title": f"Reach of campaign {n}", "metric": "reach",
              "unit": "count", "baseline": "1000", "target": "5000", "start": "2026-06-01",
              "deadline": "2027-01-31", "owner": "U1"} for n in range(COMMANDS)]  # fmt: skip
    import_file(harness.services, team_id=TEAM, text=json.dumps({"goals": goals}))
    with bot_process(harness, tmp_path, settings=QUEUED) as front:
        driver = SlackDriver(harness.sandbox, bot_url=front.url)
        with worker_process(harness, tmp_path, QUEUED) as doomed:
            for n in range(COMMANDS):
                assert driver.command("U1", "/goals", f"checkin #{n + 1} {2001 + n}").status == 200
            harness.sandbox.wait_for(lambda: harness.sandbox.ephemerals("U1"), timeout=60)
            os.kill(doomed.pid, signal.SIGKILL)  # mid-way through the queue, maybe mid-job
            doomed.wait(10)

        def saved() -> list[int]:
            with Session(harness.engine) as session:
                return sorted(int(c.value) for c in session.exec(select(CheckIn)))

        with worker_process(harness, tmp_path, QUEUED):  # takes the dead worker's jobs once stale
            harness.sandbox.wait_for(lambda: len(saved()) == COMMANDS, timeout=90)
            assert saved() == [2001 + n for n in range(COMMANDS)]  # nothing lost, nothing twice
            assert len(harness.sandbox.ephemerals("U1")) <= COMMANDS  # no answer doubled


@pytest.mark.skipif(database_kind() != "postgresql", reason="workers share a PostgreSQL queue")
def test_a_worker_started_after_a_backlog_drains_it_promptly(
    harness: BotHarness, tmp_path: Path
) -> None:
    with bot_process(harness, tmp_path, settings=QUEUED) as front:
        driver = SlackDriver(harness.sandbox, bot_url=front.url)
        for _ in range(BACKLOG):  # queued with no worker running: no NOTIFY will wake one
            assert driver.command("U1", "/goals", "help").status == 200
        assert not harness.sandbox.ephemerals("U1")
        with worker_process(harness, tmp_path, QUEUED):
            # generous: a worker that waited for NOTIFYs between picks needed about 25 s
            harness.sandbox.wait_for(
                lambda: len(harness.sandbox.ephemerals("U1")) == BACKLOG, timeout=15
            )


def test_the_load_bench_runs_end_to_end() -> None:
    command = [sys.executable, "bench/load.py", "--runs", "1", "--requests", "30",
               "--rate", "15", "--seconds", "1", "--goals", "5", "--checkins", "50",
               "--workers", "1"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "bare run 1" in done.stdout and "one run 1" in done.stdout
    assert "one / bare" in done.stdout
    if database_kind() == "postgresql":
        assert "front+1 run 1" in done.stdout
