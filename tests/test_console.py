"""The console as a person uses it: time moves on with !wait, reminders arrive, replies check in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.console import WAIT_HELP, Console, Seat, open_console
from tests.factories import make_goal, make_schedule
from tests.harness import make_services

SUNDAY_MORNING = datetime.fromisoformat("2026-11-22T07:00:00+00:00")
USER, TEAM = "U0CONSOLE", "T0CONSOLE"


@pytest.fixture
def console(db: Engine, tmp_path: Path) -> Iterator[Console]:
    services = make_services(db, FrozenClock(SUNDAY_MORNING), DEFAULT_TIMEZONE="Europe/Bucharest")
    with services.session() as session:
        goal = make_goal(
            session,
            team_id=TEAM,
            now=SUNDAY_MORNING,
            title="Reach 60k on Instagram",
            metric="reach",
            metric_name="Reach",
            baseline=Decimal(40000),
            target=Decimal(60000),
            deadline=datetime.fromisoformat("2026-12-31T23:59:59+02:00"),
            owner_id=USER,
        )
        make_schedule(session, goal, owner=USER, now=SUNDAY_MORNING)
    with open_console(services, Seat(USER, TEAM, files_dir=tmp_path)) as running:
        yield running


def test_waiting_delivers_the_reminder_that_falls_due(console: Console) -> None:
    before = console.handle_line("!wait 1h")
    after = console.handle_line("!wait 1d")

    assert "Time to check in" not in before
    assert "(it is now Mon 23 Nov 2026 08:00 UTC)" in after
    assert "Time to check in on *Reach 60k on Instagram*" in after


def test_a_reply_in_the_reminders_thread_is_a_check_in(console: Console) -> None:
    console.handle_line("!wait 25h")

    answer = console.handle_line("> 41.2k, the reel did well")

    assert "41,200" in answer
    assert "the reel did well" in answer


@pytest.mark.parametrize(
    "line", ["!wait", "!wait soon", "!wait -2h", "!wait 5000 days", "!wait <!channel>"]
)
def test_a_wait_the_console_cannot_read_says_how_to_write_it(console: Console, line: str) -> None:
    assert console.handle_line(line) == WAIT_HELP
