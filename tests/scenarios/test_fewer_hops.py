"""How much database work one thread-reply check-in and one App Home cost, counted.

A reply in a reminder's thread is the bot's most frequent event: it is recorded in
one unit of work (event id included), and the Home refresh that follows it in one
more. The counts come from SQLAlchemy's own events on the bot's engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import select

from storage.models import CheckIn, ProcessedEvent
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick

REPLY_TRANSACTIONS = 3  # the check-in with its event id; the replier's language; the Home refresh
REPLY_STATEMENTS = 12  # the reply's row (one upsert), its goal's summary (one upsert), members
HOME_TRANSACTIONS = 1
HOME_STATEMENTS = 6  # goals, check-ins, digest channels, paused reminders, language, event id


@dataclass
class Work:
    """What reached the database: transactions begun and SQL statements sent."""

    transactions: int = 0
    statements: list[str] = field(default_factory=list)


@contextmanager
def counted(engine: Engine) -> Iterator[Work]:
    work = Work()

    def on_begin(_connection: Any) -> None:
        work.transactions += 1

    def on_statement(*args: Any) -> None:
        work.statements.append(" ".join(str(args[2]).split())[:120])

    event.listen(engine, "begin", on_begin)
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        yield work
    finally:
        event.remove(engine, "begin", on_begin)
        event.remove(engine, "before_cursor_execute", on_statement)


def test_a_reply_its_language_and_its_home_refresh_take_three_transactions(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    reminder = reminders_to(harness, "U1")[-1]
    harness.driver.message("U1", "40.5k", thread_ts=reminder.ts)  # the first reply sets up caches

    with counted(harness.services.engine) as work:
        harness.driver.message("U1", "41.2k, the reel did well", thread_ts=reminder.ts)

    assert work.transactions <= REPLY_TRANSACTIONS, work
    # PostgreSQL also locks the goal's row before refreshing its summary (storage.summaries).
    locks = harness.engine.dialect.name == "postgresql"
    assert len(work.statements) <= REPLY_STATEMENTS + locks, work
    with harness.services.session() as session:
        values = [c.value for c in session.exec(select(CheckIn).order_by(CheckIn.id))]  # type: ignore[arg-type]
        assert len(session.exec(select(ProcessedEvent)).all()) >= 2  # both replies recorded
    assert values == [Decimal(40500), Decimal(41200)]
    assert "41.2k / 60k" in str(harness.sandbox.home_views["U1"]["blocks"])


def test_opening_the_home_takes_one_transaction(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.driver.open_home("U1")  # sets up caches

    with counted(harness.services.engine) as work:
        harness.driver.open_home("U1")

    assert work.transactions <= HOME_TRANSACTIONS, work
    assert len(work.statements) <= HOME_STATEMENTS, work
    assert "Your goals at a glance" in str(harness.sandbox.home_views["U1"]["blocks"])
