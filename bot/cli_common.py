"""What every command-line command shares: its one error, and how it opens the database.

Light to import (`--help` loads no database or Slack library): `build_services`
imports what it needs when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.errors import CheckinBotError

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from bot.services import Services


class UsageError(CheckinBotError):
    """A command-line mistake; printed as one line, exit status 2."""


def build_services(settings: Settings, clock: Clock | None = None, *, migrate: bool) -> Services:
    """Connect to the database (upgrading it first when asked) and bundle the services."""
    from bot.clock import SystemClock
    from bot.config import ConfigError
    from bot.services import Services
    from storage.db import check_connection, make_engine, schema_is_current, upgrade

    engine = make_engine(settings.DATABASE_URL)
    check_connection(engine)
    if not schema_is_current(engine):  # read without Alembic: a usual start never loads it
        if not migrate:
            raise ConfigError(
                "DATABASE_URL points at a database whose schema is not current: "
                "run `checkin-bot migrate`."
            )
        upgrade(engine)
    return Services(engine=engine, clock=clock or SystemClock(), settings=settings)
