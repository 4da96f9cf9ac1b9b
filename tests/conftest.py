"""Fixtures shared by the suite: the database (SQLite or PostgreSQL) and the bot harness.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points at
one; each test process gets a fresh database, emptied between tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine

from tests.harness import BotHarness, empty_all_tables, fresh_database, migrated_engine

settings.register_profile(
    "checkin", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("checkin")


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    with fresh_database() as url:
        engine = migrated_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Engine]:
    """The migrated database, empty at the start of the test."""
    empty_all_tables(engine)
    yield engine


@pytest.fixture
def harness(db: Engine) -> Iterator[BotHarness]:
    """The bot over HTTP against the sandbox; fails the test on any Block Kit violation."""
    with BotHarness(db) as running:
        yield running
        assert running.sandbox.problems == [], running.sandbox.problems
