"""Goal numbers: what people see and type as "#3", counted per workspace from 1,
never handed out twice, also when replicas create goals at the same moment."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import Engine

from storage import repo
from storage.db import session_scope
from storage.models import Goal
from storage.transfer import insert_rows
from tests.factories import make_goal

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_each_workspace_counts_its_own_goals_from_one(db: Engine) -> None:
    with session_scope(db) as session:
        numbers = [(g.team_id, g.number) for g in (
            make_goal(session, team_id="T1"), make_goal(session, team_id="T1"),
            make_goal(session, team_id="T2"), make_goal(session, team_id="T1"),
        )]  # fmt: skip

    assert numbers == [("T1", 1), ("T1", 2), ("T2", 1), ("T1", 3)]


def test_an_import_takes_the_next_numbers_in_file_order(db: Engine) -> None:
    with session_scope(db) as session:
        make_goal(session, team_id="T1")
        row = {"team_id": "T1", "start_at": NOW, "created_at": NOW, "updated_at": NOW,
               "contributors": []}  # fmt: skip
        insert_rows(session=session, team_id="T1", model=Goal, rows=[
            {**row, "title": "second"}, {**row, "title": "third"},
        ])  # fmt: skip

    with session_scope(db) as session:
        goals = repo.list_goals(session=session, team_id="T1")
        assert [(g.title, g.number) for g in goals] == [
            ("Reach 60k", 1), ("second", 2), ("third", 3),
        ]  # fmt: skip


def test_a_deleted_goals_number_is_not_given_to_the_next_goal(db: Engine) -> None:
    with session_scope(db) as session:
        make_goal(session, team_id="T1")
        last = make_goal(session, team_id="T1")
        session.delete(last)

    with session_scope(db) as session:
        assert make_goal(session, team_id="T1").number == 3


def test_goals_created_at_the_same_moment_get_different_numbers(db: Engine) -> None:
    """Eight sessions (as from several replicas) create a goal each at once."""
    with session_scope(db) as session:
        repo.ensure_workspace(session=session, team_id="T1", now=NOW)
    start = threading.Barrier(8)
    numbers: list[int] = []
    failures: list[BaseException] = []

    def create() -> None:
        try:
            start.wait()
            with session_scope(db) as session:
                numbers.append(make_goal(session, team_id="T1").number)
        except BaseException as exc:  # reported below: a thread's error is otherwise lost
            failures.append(exc)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(numbers) == list(range(1, 9))
