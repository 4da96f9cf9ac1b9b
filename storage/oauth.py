"""Slack installations and OAuth state, kept in our database beside everything else.

The tables are slack_sdk's own (so its SQLAlchemy stores read and write them), but
they are declared here on a metadata Alembic knows, so they are created and
upgraded by the same migrations as ours. Their token columns are wider `Text` here
(a sealed token is longer than the token) and sealed by the store (`storage.tokens`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from cryptography.fernet import MultiFernet
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, Table, Text

from storage.db import session_scope
from storage.repo import ensure_workspace
from storage.tokens import seal_columns, token_columns

INSTALLATIONS, BOTS, STATES = "slack_installations", "slack_bots", "slack_oauth_states"
STATE_LIFETIME_SECONDS = 600


def _wide_tokens(table: Table) -> Table:
    for column in token_columns(table):
        column.type = Text()
    return table


oauth_metadata = MetaData()
# The raw tables (what the database holds): migrations, purges, `storage.tokens`.
TOKEN_TABLES = [
    _wide_tokens(
        SQLAlchemyInstallationStore.build_installations_table(oauth_metadata, INSTALLATIONS)
    ),
    _wide_tokens(SQLAlchemyInstallationStore.build_bots_table(oauth_metadata, BOTS)),
]
SQLAlchemyOAuthStateStore.build_oauth_states_table(oauth_metadata, STATES)


class InstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's store, with tokens sealed by `cipher`, which also (re)opens the
    workspace for sending on each install."""

    def __init__(self, *, client_id: str, engine: Engine, now: Any, cipher: MultiFernet) -> None:
        super().__init__(
            client_id=client_id,
            engine=engine,
            installations_table_name=INSTALLATIONS,
            bots_table_name=BOTS,
            logger=logging.getLogger("checkin_bot.oauth"),
        )
        # The store's own copies of the tables: every read and write of it goes through them.
        seal_columns(self.installations, cipher)
        seal_columns(self.bots, cipher)
        self._now = now  # a callable returning the current aware datetime

    def save(self, installation: Installation) -> None:
        super().save(installation)
        if installation.team_id:
            with session_scope(self.engine) as session:
                now: datetime = self._now()
                workspace = ensure_workspace(session=session, team_id=installation.team_id, now=now)
                workspace.name = installation.team_name or workspace.name
                workspace.bot_user_id = installation.bot_user_id
                workspace.uninstalled_at = None


def state_store(engine: Engine) -> SQLAlchemyOAuthStateStore:
    """OAuth `state` values, shared by every replica through the database."""
    return SQLAlchemyOAuthStateStore(
        expiration_seconds=STATE_LIFETIME_SECONDS, engine=engine, table_name=STATES
    )
