"""Engines, sessions and schema upgrades for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from bot.errors import CheckinBotError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseUnavailable(CheckinBotError):
    """The database cannot be reached; the message is one line fit for a person."""


def without_nul(parameters: Any) -> Any:
    """Statement parameters with NUL characters dropped from every text value.

    PostgreSQL refuses NUL in text, and a person can paste one into any message or
    form; it carries no meaning, so it is dropped on both databases alike.

    Example:
        >>> without_nul({"note": "41k\x00", "value": 41000})
        {'note': '41k', 'value': 41000}
    """
    if isinstance(parameters, str):
        return parameters.replace("\x00", "")
    if isinstance(parameters, dict):
        return {key: without_nul(value) for key, value in parameters.items()}
    if isinstance(parameters, list | tuple):
        return type(parameters)(without_nul(value) for value in parameters)
    return parameters


def _drop_nul_characters(
    _connection: Any,
    _cursor: Any,
    statement: str,
    parameters: Any,
    _context: Any,
    _executemany: bool,
) -> tuple[str, Any]:
    # repr() shows a NUL as the four characters \x00 and runs at C speed, so a batch of
    # thousands of imported rows without one is let through unwalked (a note that merely
    # mentions "\x00" is walked, and keeps its text).
    if "\\x00" not in repr(parameters):
        return statement, parameters
    return statement, without_nul(parameters)


def make_engine(url: str) -> Engine:
    """An engine tuned for the bot: WAL and foreign keys on SQLite, pre-ping on PostgreSQL;
    text values lose NUL characters on the way in (see `without_nul`)."""
    engine = _tuned_engine(url)
    event.listen(engine, "before_cursor_execute", _drop_nul_characters, retval=True)
    return engine


def _tuned_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; one fsync per checkpoint
            cursor.close()

        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)

    @event.listens_for(engine, "connect")
    def _utc_session(dbapi_connection: Any, _record: Any) -> None:
        # Times are stored and compared in UTC. Pinned here, the session's TimeZone no
        # longer follows the server's setting, and psycopg hands back datetimes in its
        # own `timezone.utc`, which `UTCDateTime` keeps as they are instead of converting
        # each (from ZoneInfo("Etc/UTC"), say: about 0.2 us a value, 23 ms of a digest).
        dbapi_connection.execute("SET TIME ZONE 'UTC'")
        dbapi_connection.commit()

    return engine


def check_connection(engine: Engine) -> None:
    """Raise `DatabaseUnavailable` with a readable reason when the database is unreachable."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        original = getattr(exc, "orig", None) or exc
        reason = (str(original).strip().splitlines() or [type(exc).__name__])[0]
        where = engine.url.render_as_string(hide_password=True)
        raise DatabaseUnavailable(
            f"DATABASE_URL cannot be reached ({where}): {reason}. "
            "Check that the server is running and the URL is right."
        ) from None


def takes_writes(engine: Engine) -> bool:
    """True when the database accepts a write: one is made and rolled back.

    A database can answer reads and refuse writes (a read-only SQLite file, a full disk,
    a PostgreSQL standby or read-only transaction default); the bot is no use then.
    """
    try:
        with engine.connect() as connection, connection.begin() as transaction:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            transaction.rollback()
    except SQLAlchemyError:
        return False
    return True


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to `engine`, independent of the working directory.

    Alembic (and mako) are imported here, not at start: only `migrate` and the readiness
    check need them, and they cost every other command a tenth of a second.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (what `checkin-bot migrate` runs)."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def newest_revision() -> str:
    """The head of the migration chain: each migration's file is named after its revision
    (`0020_goal_summaries.py` is "0020") and a new one takes the next number, so the
    highest is the head (tests/test_migrations.py checks both against Alembic)."""
    return max(path.name.split("_", 1)[0] for path in MIGRATIONS_DIR.glob("versions/[0-9]*.py"))


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the newest migration.

    Read without Alembic: its modules and the migration scripts it loads would stay in
    every serving process (9 MB resident), and `run` and /readyz ask this.
    """
    try:
        with engine.connect() as connection:
            current = connection.scalars(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:  # no alembic_version table: nothing migrated yet
        return False
    return current == [newest_revision()]
