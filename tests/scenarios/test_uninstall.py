"""Uninstalling stops all sending at once; the data goes 30 days later, or on demand."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from sqlmodel import select

from bot.scheduling.scheduler import purge_expired
from storage.models import Goal
from tests.factories import make_goal
from tests.harness import TEAM, BotHarness
from tests.scenarios.test_deliveries import pings, runner, weekly_schedule

MONDAY_10_BUCHAREST = datetime.fromisoformat("2026-11-23T08:00:00+00:00")


def uninstall(harness: BotHarness, event: str = "app_uninstalled") -> None:
    harness.driver.event({"type": event, "event_ts": harness.sandbox.next_ts()})


def test_an_uninstalled_workspace_gets_no_more_reminders(harness: BotHarness) -> None:
    weekly_schedule(harness)
    uninstall(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)

    report = runner(harness).tick()

    assert report.sent == 0
    assert pings(harness) == []


def test_revoked_tokens_stop_sending_too(harness: BotHarness) -> None:
    weekly_schedule(harness)
    uninstall(harness, "tokens_revoked")
    harness.clock.set(MONDAY_10_BUCHAREST)

    assert runner(harness).tick().sent == 0


def test_data_is_kept_for_30_days_then_deleted(harness: BotHarness) -> None:
    weekly_schedule(harness)
    uninstall(harness)

    harness.clock.advance(timedelta(days=29))
    assert purge_expired(harness.services) == 0
    harness.clock.advance(timedelta(days=2))
    assert purge_expired(harness.services) == 1

    with harness.services.session() as session:
        assert list(session.exec(select(Goal))) == []


def test_purge_on_demand_deletes_one_workspace_only(harness: BotHarness) -> None:
    weekly_schedule(harness)
    with harness.services.session() as session:
        make_goal(session, team_id="T0OTHER", now=harness.clock.now())
    env = {"DATABASE_URL": harness.services.settings.DATABASE_URL, "PATH": "/usr/bin:/bin"}

    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--team", TEAM, "--yes"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert f"of workspace {TEAM}" in result.stdout
    with harness.services.session() as session:
        assert [g.team_id for g in session.exec(select(Goal))] == ["T0OTHER"]


def test_purge_without_confirmation_deletes_nothing(harness: BotHarness) -> None:
    weekly_schedule(harness)
    env = {"DATABASE_URL": harness.services.settings.DATABASE_URL, "PATH": "/usr/bin:/bin"}

    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--team", TEAM],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )

    assert result.returncode == 2
    assert "--yes" in result.stderr
    with harness.services.session() as session:
        assert len(list(session.exec(select(Goal)))) == 1
