"""Test harness: a real database, the Slack sandbox and the bot over real sockets.

`BotHarness` is what most tests drive: `harness.driver` acts as a person in
Slack, `harness.sandbox` is the workspace to assert on, `harness.clock` is frozen
and advanced by hand.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, ExitStack
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import SQLModel

from bot.clock import FrozenClock
from bot.config import Settings, load_settings
from bot.sandbox import SlackDriver, SlackSandbox
from bot.services import Services
from bot.slack.app import create_app
from bot.slack.http import BackgroundServer, make_wsgi_app
from storage.db import make_engine, upgrade
from storage.oauth import oauth_metadata
from storage.scratch import scratch_database

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)  # a Sunday, 10:00 in Bucharest
TEAM = "T0SANDBOX"


def database_kind() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith("postgres") else "sqlite"


def fresh_database() -> AbstractContextManager[str]:
    """A new, empty database for this test process: an SQLite file, or a new PostgreSQL db."""
    url = os.environ.get("DATABASE_URL", "")
    server = load_settings(DATABASE_URL=url).DATABASE_URL if url.startswith("postgres") else None
    return scratch_database(server, label="checkin_test")


def migrated_engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


def empty_all_tables(engine: Engine) -> None:
    """Remove every row (faster than a new database per test), children first."""
    with engine.begin() as connection:
        for table in [*reversed(SQLModel.metadata.sorted_tables), *oauth_metadata.sorted_tables]:
            connection.execute(table.delete())


def make_services(engine: Engine, clock: FrozenClock, **settings: Any) -> Services:
    values: dict[str, Any] = {"DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    values.update(settings)
    return Services(engine=engine, clock=clock, settings=Settings(**values))


TOKEN_KEY = "bWFkZS11cC1mb3ItdGVzdHMtb25seS0zMi1ieXRlcyE="  # a Fernet key, for OAuth installs


class BotHarness:
    """The bot running over HTTP against a sandbox workspace, on a frozen clock."""

    def __init__(
        self, engine: Engine, *, now: datetime = NOW, socket_mode: bool = False, oauth: bool = False
    ) -> None:
        self.engine = engine
        self.clock = FrozenClock(now)
        self.sandbox = SlackSandbox(team_id=TEAM, clock=self.clock.now)
        self.socket_mode = socket_mode
        self.oauth = oauth  # installs through OAuth instead of a fixed bot token
        self._stack = ExitStack()

    def __enter__(self) -> BotHarness:
        self._stack.enter_context(self.sandbox)
        self.sandbox.add_user("U1", name="ana", tz="Europe/Bucharest")
        self.sandbox.add_user("U2", name="bogdan", tz="Asia/Tehran")
        self.sandbox.add_user("UADMIN", name="admin", tz="UTC", is_admin=True)
        # The bot is in #marketing because the harness invites it, as a person would.
        self.sandbox.add_channel("C1", "marketing", members=["U1", "U2", "UADMIN"])
        self.sandbox.invite("C1", self.sandbox.bot_user_id)
        credentials: dict[str, Any] = {"SLACK_BOT_TOKEN": self.sandbox.bot_token}
        if self.oauth:
            credentials = {
                "SLACK_CLIENT_ID": self.sandbox.client_id,
                "SLACK_CLIENT_SECRET": self.sandbox.client_secret,
                "TOKEN_ENCRYPTION_KEY": TOKEN_KEY,
            }
        self.services = make_services(
            self.engine,
            self.clock,
            **credentials,
            SLACK_APP_TOKEN=self.sandbox.app_token,
            SLACK_SIGNING_SECRET=self.sandbox.signing_secret,
            SLACK_API_URL=self.sandbox.api_url,
            DEFAULT_TIMEZONE="Europe/Bucharest",
        )
        self.app = create_app(self.services, process_before_response=True)
        if self.socket_mode:
            from bot.slack.socket_mode import SocketModeHandler

            handler = SocketModeHandler(self.app, app_token=self.sandbox.app_token)
            handler.connect()
            self._stack.callback(handler.close)
            self.sandbox.wait_for(lambda: self.sandbox.socket_connections > 0)
            self.driver = SlackDriver(self.sandbox, socket_mode=True)
        else:
            server = self._stack.enter_context(
                BackgroundServer(make_wsgi_app(self.app, self.services))
            )
            self.url = server.url
            self.driver = SlackDriver(self.sandbox, bot_url=server.url)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    # --- shortcuts for assertions -------------------------------------------------------

    def dm(self, user: str) -> list[Any]:
        """The bot's visible messages in its DM with `user` (thread replies included)."""
        channel = self.sandbox.im_channel(user)
        return [
            m
            for m in self.sandbox.channel_messages(channel, include_threads=True)
            if m.user == self.sandbox.bot_user_id
        ]

    def last_reply(self, user: str) -> Any:
        """The newest thing the bot showed `user`: a DM message or an ephemeral answer."""
        shown = [
            m
            for m in self.sandbox.messages
            if m.user == self.sandbox.bot_user_id
            and not m.deleted
            and (m.ephemeral_to == user or m.channel == self.sandbox.im_channel(user))
        ]
        assert shown, f"the bot showed {user} nothing"
        return shown[-1]
