"""PostgreSQL's COPY import stores exactly what SQLite's INSERT does, and nothing of a failure.

Batches are made tiny here so one file spans several COPY batches: a file's day given
twice lands in two batches and must still be stored once. On random rows, the bulk path
stores what the plain definition does: one `INSERT … ON CONFLICT DO NOTHING` a row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from bot.clock import FrozenClock
from bot.services.transfer import import_file
from storage import bulk_insert
from storage.models import CheckIn, Goal
from storage.scratch import scratch_database
from storage.transfer import insert_rows
from tests.harness import database_kind, make_services, migrated_engine

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
GOALS = [
    {"id": "reach", "title": "Reach on Instagram", "target": "50000", "deadline": "2026-12-31"},
    {"id": "sales", "title": "Sales", "unit": "currency:EUR", "target": "9000.5",
     "deadline": "2026-12-31"},
]  # fmt: skip
CHECKINS = [
    {"goal": "reach", "value": "41200.5", "at": "2026-11-01", "source": "file",
     "note": "première ✓"},
    {"goal": "reach", "value": "41300", "at": "2026-11-01", "source": "file"},  # that day again
    {"goal": "reach", "value": "42000", "at": "2026-11-02T10:00:00Z", "source": "feed",
     "note": "a\u0000b"},
    {"goal": "sales", "value": "10", "at": "2026-11-03T09:00:00Z", "source": "command"},
    {"goal": "sales", "value": "10", "at": "2026-11-03T09:00:00Z", "source": "command"},
    {"goal": "sales", "value": "0.00000001", "at": "2026-11-04T23:30:00+02:00", "author": "U1"},
    {"goal": "reach", "value": "123456789012.12345678", "at": "2026-11-05", "source": "reply"},
    {"goal": "reach", "value": "-3", "at": "2026-11-01", "source": "import", "note": "=SUM(A1)"},
    {"goal": "sales", "value": "7", "at": "2026-11-06", "source": "feed"},
]  # fmt: skip
FILE = json.dumps({"goals": GOALS, "checkins": CHECKINS})
AGAIN = json.dumps({"goals": [], "checkins": CHECKINS})
NOT_FROM_FILES = sum(c.get("source") not in ("file", "feed") for c in CHECKINS)


@pytest.fixture(autouse=True)
def tiny_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_insert, "COPY_BATCH_ROWS", 2)


@pytest.fixture
def sqlite_engine() -> Iterator[Engine]:
    with scratch_database(None, label="checkin_compare") as url:
        engine = migrated_engine(url)
        yield engine
        engine.dispose()


def stored(engine_or_session: Engine | Session) -> list[tuple[Any, ...]]:
    """Every check-in as a person would see it, in the order stored (ids themselves differ)."""
    query = (
        select(
            col(Goal.external_id), col(CheckIn.value), col(CheckIn.at), col(CheckIn.note),
            col(CheckIn.author_id), col(CheckIn.source), col(CheckIn.channel_id),
            col(CheckIn.message_ts), col(CheckIn.confidence), col(CheckIn.created_at),
        )
        .join(Goal, col(Goal.id) == col(CheckIn.goal_id))
        .order_by(col(CheckIn.id))
    )  # fmt: skip
    if isinstance(engine_or_session, Session):
        return [tuple(row) for row in engine_or_session.execute(query)]
    with Session(engine_or_session) as session:
        return [tuple(row) for row in session.execute(query)]


def checkin_count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(CheckIn)) or 0)


@pytest.mark.skipif(database_kind() != "postgresql", reason="compares PostgreSQL with SQLite")
def test_postgresql_stores_the_same_check_ins_as_sqlite_and_a_reimport_adds_only_non_file_ones(
    db: Engine, sqlite_engine: Engine
) -> None:
    results = {}
    for name, engine in (("postgresql", db), ("sqlite", sqlite_engine)):
        services = make_services(engine, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")
        first = import_file(services, team_id="T1", text=FILE)
        again = import_file(services, team_id="T1", text=AGAIN)
        results[name] = (first.checkins, again.checkins, stored(engine))

    assert results["postgresql"] == results["sqlite"]
    first, again, rows = results["postgresql"]
    assert (first, again) == (len(CHECKINS) - 1, NOT_FROM_FILES)
    assert rows[0] == (
        "reach", Decimal("41200.5"), datetime(2026, 10, 31, 22, 0, tzinfo=UTC), "première ✓",
        None, "file", None, None, None, NOW,
    )  # fmt: skip
    assert rows[1][1:4] == (Decimal("42000"), datetime(2026, 11, 2, 10, tzinfo=UTC), "ab")
    assert Decimal("123456789012.12345678") in {row[1] for row in rows}


def test_a_reimport_stores_each_files_day_once(db: Engine) -> None:
    services = make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")
    import_file(services, team_id="T1", text=FILE)
    before = stored(db)

    again = import_file(services, team_id="T1", text=AGAIN)

    after = stored(db)
    assert again.checkins == NOT_FROM_FILES
    assert Decimal("123456789012.12345678") in {row[1] for row in before}  # no float between
    assert before[1][3] == "ab"  # NUL dropped on the way in
    assert after[: len(before)] == before
    assert [row[5] for row in after[len(before) :]] == [
        "command",
        "command",
        "import",
        "reply",
        "import",
    ]


def test_a_row_the_database_refuses_in_a_late_batch_leaves_nothing_stored(db: Engine) -> None:
    services = make_services(db, FrozenClock(NOW))
    import_file(services, team_id="T1", text=json.dumps({"goals": GOALS, "checkins": []}))
    with Session(db) as session:
        goal_id = session.scalar(select(col(Goal.id)).where(col(Goal.external_id) == "reach"))
    good = {"team_id": "T1", "goal_id": goal_id, "value": Decimal(1), "created_at": NOW,
            "updated_at": NOW}  # fmt: skip
    rows = [{**good, "at": NOW.replace(day=d)} for d in range(1, 6)]
    rows.append({**good, "goal_id": -1, "at": NOW})  # no such goal: the foreign key refuses it

    with pytest.raises(IntegrityError), services.session() as session:
        insert_rows(session=session, team_id="T1", model=CheckIn, rows=rows)

    assert checkin_count(db) == 0
    with services.session() as session:  # the connection is fit for the next import
        assert insert_rows(session=session, team_id="T1", model=CheckIn, rows=rows[:5]) == 5
    assert [row[4:6] for row in stored(db)] == [(None, "command")] * 5  # the declared defaults


SOURCES = ["file", "feed", "import", "command", "reply"]
CHECKIN_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["reach", "sales"]),
        st.integers(min_value=1, max_value=4),  # few days: a file's day often comes again
        st.sampled_from(SOURCES),
        st.decimals(min_value=-(10**12), max_value=10**12, places=8, allow_nan=False),
        st.text(max_size=5),
    ),
    max_size=12,
)


def plain_insert(session: Session, rows: list[dict[str, Any]]) -> int:
    """The definition: one `INSERT … ON CONFLICT DO NOTHING` a row, by SQLAlchemy."""
    table = CheckIn.__table__  # type: ignore[attr-defined]
    dialect = session.connection().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return sum(
        session.execute(
            insert(table)
            .values(row)
            .on_conflict_do_nothing()
            .execution_options(preserve_rowcount=True)
        ).rowcount
        for row in rows
    )


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stored_before=CHECKIN_ROWS, imported=CHECKIN_ROWS, batch=st.integers(1, 5))
def test_the_bulk_insert_stores_what_one_insert_a_row_stores(
    db: Engine, stored_before: list[tuple[Any, ...]], imported: list[tuple[Any, ...]], batch: int
) -> None:
    services = make_services(db, FrozenClock(NOW))
    with services.session() as session:
        if not goal_numbers(session):
            import_file(services, team_id="T1", text=json.dumps({"goals": GOALS}))
    results = []
    for insert_imported in (bulk, plain_insert):
        with Session(db) as session:
            ids = {ref: goal_id for goal_id, ref in goal_numbers(session)}
            rows = [[check_in(ids, *row) for row in rows] for rows in (stored_before, imported)]
            plain_insert(session, rows[0])
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(bulk_insert, "COPY_BATCH_ROWS", batch)
                count = insert_imported(session, rows[1]) if rows[1] else 0
            session.flush()
            results.append((count, stored(session)))
            session.rollback()

    assert results[0] == results[1]


def bulk(session: Session, rows: list[dict[str, Any]]) -> int:
    table = CheckIn.__table__  # type: ignore[attr-defined]
    return bulk_insert.bulk_insert(session=session, table=table, rows=rows)


def goal_numbers(session: Session) -> list[tuple[int, str]]:
    return [
        (int(i), str(ref))
        for i, ref in session.execute(select(col(Goal.id), col(Goal.external_id)))
    ]


def check_in(
    ids: dict[str, int], goal: str, day: int, source: str, value: Decimal, note: str
) -> dict[str, Any]:
    at = datetime(2026, 11, day, 12, tzinfo=UTC)
    return {"team_id": "T1", "goal_id": ids[goal], "value": value, "at": at, "note": note,
            "source": source, "created_at": NOW, "updated_at": NOW}  # fmt: skip
