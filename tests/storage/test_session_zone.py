"""A PostgreSQL session reads and writes times in UTC, whatever the server's zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text

from storage.db import make_engine
from storage.types import utc_times
from tests.harness import database_kind


@pytest.mark.skipif(database_kind() != "postgresql", reason="a PostgreSQL session setting")
def test_times_come_back_in_utc_when_the_server_keeps_another_zone(db: Engine) -> None:
    # The server (or the database, or the URL) may set another TimeZone: here the URL does.
    url = db.url.update_query_dict({"options": "-c TimeZone=Asia/Tehran"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW TimeZone")).scalar() == "UTC"
            moment = connection.execute(
                text("SELECT TIMESTAMPTZ '2026-03-20 23:30:00+00'")
            ).scalar()
            day = connection.execute(
                text("SELECT (TIMESTAMPTZ '2026-03-20 23:30:00+00')::date")
            ).scalar()
    finally:
        engine.dispose()
    assert moment == datetime(2026, 3, 20, 23, 30, tzinfo=UTC)
    assert moment.tzinfo is UTC  # kept as it is by the bulk reads, not converted
    assert next(utc_times([moment], sqlite=False)) is moment
    assert str(day) == "2026-03-20"  # Tehran's day would be the 21st
