"""Throwaway databases for tests and benchmarks: made empty for one run, removed after it."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def scratch_database(server_url: str | None, *, label: str) -> Iterator[str]:
    """The URL of a new, empty database, dropped (or deleted) when the block ends.

    With a PostgreSQL `server_url` (whose user may create databases) the database
    is made on that server under a unique name starting with `label`; without one
    it is an SQLite file in a temporary folder.

    Example:
        >>> with scratch_database(None, label="checkin_bench") as url:
        ...     url.startswith("sqlite:///")
        True
    """
    if server_url is None:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/{label}.db"
        return
    base = make_url(server_url)
    name = f"{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
