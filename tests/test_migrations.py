"""Alembic migrations: they build the schema from nothing, and match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from storage.db import schema_is_current
from storage.oauth import oauth_metadata


def test_upgrade_from_empty_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())

    expected = [*SQLModel.metadata.sorted_tables, *oauth_metadata.sorted_tables]
    assert {t.name for t in expected} <= tables
    assert schema_is_current(engine)


def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    """What `alembic check` does: autogenerate finds nothing to add, drop or change."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, [SQLModel.metadata, oauth_metadata])

    assert differences == []
