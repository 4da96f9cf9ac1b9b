"""The repository API: workspace scoping, exact decimals, aware UTC times, exactly-once keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from storage import repo
from storage.db import session_scope

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_every_call_needs_a_workspace(db: Engine) -> None:
    with session_scope(db) as session, pytest.raises(repo.MissingWorkspace):
        repo.create_goal(session=session, team_id="", title="Reach 60k", now=NOW)


def test_a_goal_is_invisible_from_another_workspace(db: Engine) -> None:
    with session_scope(db) as session:
        goal = repo.create_goal(session=session, team_id="T1", title="Reach 60k", now=NOW)
        repo.create_goal(session=session, team_id="T2", title="Reach 60k", now=NOW)

    with session_scope(db) as session:
        assert repo.get_goal(session=session, team_id="T2", goal_id=goal.id or 0) is None
        assert [g.team_id for g in repo.list_goals(session=session, team_id="T1")] == ["T1"]
        with pytest.raises(LookupError):
            repo.add_checkin(
                session=session,
                team_id="T2",
                goal_id=goal.id or 0,
                value=Decimal(1),
                at=NOW,
                now=NOW,
            )


@pytest.mark.parametrize("value", ["41200", "3.25", "0.00000001", "12345678901234567.5", "-42"])
def test_values_come_back_exactly(db: Engine, value: str) -> None:
    with session_scope(db) as session:
        goal = repo.create_goal(
            session=session, team_id="T1", title="g", now=NOW, target=Decimal(value)
        )
        repo.add_checkin(
            session=session,
            team_id="T1",
            goal_id=goal.id or 0,
            value=Decimal(value),
            at=NOW,
            now=NOW,
        )

    with session_scope(db) as session:
        checkin = repo.list_checkins(session=session, team_id="T1", goal_id=goal.id or 0)[0]
        assert checkin.value == Decimal(value)
        assert repo.get_goal(session=session, team_id="T1", goal_id=goal.id or 0).target == Decimal(
            value
        )  # type: ignore[union-attr]


def test_times_are_stored_as_aware_utc(db: Engine) -> None:
    bucharest_evening = datetime(2026, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=2)))
    with session_scope(db) as session:
        goal = repo.create_goal(
            session=session, team_id="T1", title="g", now=NOW, deadline=bucharest_evening
        )

    with session_scope(db) as session:
        stored = repo.get_goal(session=session, team_id="T1", goal_id=goal.id or 0)
        assert stored is not None and stored.deadline is not None
        assert stored.deadline.tzinfo is not None and stored.deadline.utcoffset() == timedelta(0)
        assert stored.deadline == bucharest_evening


def test_a_naive_time_is_refused(db: Engine) -> None:
    with pytest.raises(Exception, match="naive"), session_scope(db) as session:
        repo.create_goal(
            session=session, team_id="T1", title="g", now=NOW, deadline=datetime(2026, 12, 31)
        )


def test_an_event_is_recorded_once_per_workspace(db: Engine) -> None:
    with session_scope(db) as session:
        assert repo.record_event_once(session=session, team_id="T1", event_id="Ev1", now=NOW)
        assert not repo.record_event_once(session=session, team_id="T1", event_id="Ev1", now=NOW)
        assert repo.record_event_once(session=session, team_id="T2", event_id="Ev1", now=NOW)


def test_a_delivery_can_be_claimed_only_once(db: Engine) -> None:
    key = {
        "team_id": "T1",
        "kind": "reminder",
        "target": "schedule:1",
        "period": "2026-11-23T08:00Z",
    }
    with session_scope(db) as session:
        assert repo.claim_delivery(session=session, claimed_by="replica-a", now=NOW, **key)
    with session_scope(db) as session:
        assert repo.claim_delivery(session=session, claimed_by="replica-b", now=NOW, **key) is None


def test_a_failed_unit_of_work_changes_nothing(db: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(db) as session:
        repo.create_goal(session=session, team_id="T1", title="half-made", now=NOW)
        raise RuntimeError("the next step failed")

    with session_scope(db) as session:
        assert repo.list_goals(session=session, team_id="T1") == []


def test_a_member_another_replica_just_cached_is_updated_not_inserted_twice(
    db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(db) as session:
        repo.upsert_member(session=session, team_id="T1", user_id="U1", now=NOW, timezone="UTC")
    # This replica read before the other one committed: it saw no row and inserts.
    monkeypatch.setattr(repo, "get_member", lambda **_: None)

    with session_scope(db) as session:
        member = repo.upsert_member(
            session=session, team_id="T1", user_id="U1", now=NOW, timezone="Asia/Tehran"
        )
        assert member.timezone == "Asia/Tehran"
    monkeypatch.undo()
    with session_scope(db) as session:
        stored = repo.get_member(session=session, team_id="T1", user_id="U1")
        assert stored is not None and stored.timezone == "Asia/Tehran"
