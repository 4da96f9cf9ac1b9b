"""Use cases of the bot, free of Slack: listeners and the CLI call these."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot.clock import Clock
from bot.config import Settings
from storage.db import session_scope


@dataclass
class Services:
    """What every use case needs: the database, the clock and the settings."""

    engine: Engine
    clock: Clock
    settings: Settings

    def now(self) -> datetime:
        return self.clock.now()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back (changing nothing) on error."""
        with session_scope(self.engine) as session:
            yield session
