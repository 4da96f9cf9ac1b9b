"""The console as a person uses it: time moves on with !wait, reminders arrive, replies check in."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.console import WAIT_HELP, Console, Seat, open_console, run_console
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
    assert "(it is now Mon 23 Nov 2026 10:00 EET)" in after  # the person's time
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


def test_help_is_the_consoles_own_and_reaches_no_bot(console: Console) -> None:
    answer = console.handle_line("!help")

    assert "!home" in answer and "!people" in answer and "/goals help" in answer
    assert console.sandbox.messages == []
    assert "!help lists" in console.handle_line("!nonsense")


def test_people_and_channels_are_listed_by_name(console: Console) -> None:
    people = console.handle_line("!people")
    channels = console.handle_line("!channels")

    assert "@ana" in people and "@mihai" in people and "@you (you)" in people
    assert "#marketing" in channels and "#random (bot not invited)" in channels


def test_the_home_tab_shows_only_when_asked(console: Console) -> None:
    assert "[App Home]" not in console.handle_line("/goals list")

    home = console.handle_line("!home")

    assert home.startswith("[App Home]")
    assert "Reach 60k on Instagram" in home


def test_a_form_is_filled_in_field_by_field_with_mentions(console: Console) -> None:
    first = console.handle_line("/goals edit #1")
    assert "[Edit goal] field 1 of 5: Title" in first
    assert "“.” keeps Reach 60k on Instagram" in first

    assert "field 2 of 5: Target" in console.handle_line(".")
    assert "field 3 of 5: Deadline" in console.handle_line("60k a week")
    assert "field 4 of 5: Owner" in console.handle_line(".")
    assert "mention a channel" in console.handle_line("@ana")
    assert "Saved your changes" in console.handle_line("#marketing")

    shown = console.handle_line("/goals show #1")
    assert "60k a week" in shown and "@ana" in shown and "#marketing" in shown
    assert "*Needed per week:* 60,000 (60,000 a week)" in shown


def test_a_form_the_bot_refuses_asks_the_wrong_field_again(console: Console) -> None:
    console.handle_line("/goals edit #1")
    console.handle_line(".")

    for line in ["lots", ".", "."]:
        answer = console.handle_line(line)
    answer = console.handle_line(".")

    assert "(the form was not accepted)" in answer
    assert "field 2 of 5: Target" in answer
    assert "closed the form" in console.handle_line("!cancel")
    assert console.handle_line("!channels").startswith("Channels:")


def test_an_export_is_written_to_the_files_folder(console: Console) -> None:
    answer = console.handle_line("/goals export")

    [path] = console.files_dir.iterdir()
    assert f"saved to {path}]" in answer
    assert path.read_text(encoding="utf-8").startswith("record,id,title")


def test_the_console_runs_in_the_zone_of_now_or_tz() -> None:
    assert Seat.typed("U", "T", now="2026-11-22T09:00:00+03:30", tz=None, files=None).tz == (
        "Asia/Tehran"
    )
    assert Seat.typed("U", "T", now="2026-11-22T09:00:00+02:00", tz="Europe/Bucharest",
                      files=None).tz == "Europe/Bucharest"  # fmt: skip
    with pytest.raises(ValueError, match="not a time zone"):
        Seat.typed("U", "T", now=None, tz="Mars/Olympus", files=None)


def test_a_piped_session_reads_like_slack(db: Engine, tmp_path: Path) -> None:
    services = make_services(db, FrozenClock(SUNDAY_MORNING))
    typed = "new goal\nmore people should see our Instagram\nreach\n30k\n50k\n!2\n!wait 1h\n"
    out = io.StringIO()

    seat = Seat(USER, TEAM, "Asia/Tehran", tmp_path)
    run_console(services, seat, stdin=io.StringIO(typed), stdout=out)

    printed = out.getvalue()
    assert "Is 50,000 reach *a week*, *a month*, or *in total*" in printed
    assert "✓ Target: 50,000 reach a month." in printed
    assert "(it is now Sun 22 Nov 2026 11:30 +0330)" in printed
    assert "[App Home]" not in printed
