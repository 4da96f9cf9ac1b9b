"""Uninstalling stops all sending at once; the data goes 30 days later, or on demand."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

from sqlmodel import select

from bot.scheduling.scheduler import purge_expired
from storage.models import CheckIn, Goal, Workspace
from tests.factories import make_goal, make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.reminder_helpers import reminders_to, tick
from tests.scenarios.test_deliveries import pings, runner, weekly_schedule

MONDAY_10_BUCHAREST = datetime.fromisoformat("2026-11-23T08:00:00+00:00")


def uninstall(harness: BotHarness, event: str = "app_uninstalled") -> None:
    harness.driver.uninstall(event)


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


def marked_uninstalled(harness: BotHarness) -> bool:
    with harness.services.session() as session:
        workspace = session.get(Workspace, TEAM)
        return workspace is not None and workspace.uninstalled_at is not None


def test_installed_again_with_the_same_token_reminders_resume(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    uninstall(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).sent == 0

    harness.driver.reinstall()
    harness.driver.open_home("U1")  # any signed request from the workspace

    assert not marked_uninstalled(harness)
    harness.clock.advance(timedelta(days=7))
    assert tick(harness).sent == 1
    assert len(reminders_to(harness, "U1")) == 1


def test_a_request_while_the_token_is_revoked_keeps_the_mark(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    uninstall(harness, "tokens_revoked")

    harness.driver.open_home("U1")

    assert marked_uninstalled(harness)


def test_the_purge_spares_a_workspace_that_came_back(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    uninstall(harness)
    harness.driver.reinstall()  # no request has said so yet: the purge asks Slack itself

    harness.clock.advance(timedelta(days=31))
    assert purge_expired(harness.services) == 0

    assert not marked_uninstalled(harness)
    with harness.services.session() as session:
        assert len(list(session.exec(select(Goal)))) == 1


def test_check_ins_made_after_coming_back_survive_the_purge(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    uninstall(harness)
    harness.clock.advance(timedelta(days=20))
    harness.driver.reinstall()
    harness.driver.command("U1", "/goals", "checkin reach 41k")

    harness.clock.advance(timedelta(days=11))
    assert purge_expired(harness.services) == 0

    with harness.services.session() as session:
        assert [c.value for c in session.exec(select(CheckIn))] == [41000]
