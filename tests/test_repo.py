"""The repository API: workspace scoping, exact decimals, aware UTC times, exactly-once keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.core.cadence import Cadence, CadenceKind
from bot.services.schedules import set_goal_schedule
from storage import repo
from storage.db import session_scope
from storage.models import DeliveryKind, DigestSubscription
from storage.schemas import CheckInCreate, GoalCreate, MemberUpdate

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_every_call_needs_a_workspace(db: Engine) -> None:
    with session_scope(db) as session, pytest.raises(repo.MissingWorkspace):
        repo.create_goal(session=session, team_id="", now=NOW, goal=GoalCreate(title="Reach 60k"))


def test_a_goal_is_invisible_from_another_workspace(db: Engine) -> None:
    with session_scope(db) as session:
        goal = repo.create_goal(
            session=session, team_id="T1", now=NOW, goal=GoalCreate(title="Reach 60k")
        )
        repo.create_goal(session=session, team_id="T2", now=NOW, goal=GoalCreate(title="Reach 60k"))

    with session_scope(db) as session:
        assert repo.get_goal(session=session, team_id="T2", goal_id=goal.id or 0) is None
        assert [g.team_id for g in repo.list_goals(session=session, team_id="T1")] == ["T1"]
        with pytest.raises(LookupError):
            repo.add_checkin(
                session=session,
                team_id="T2",
                goal_id=goal.id or 0,
                now=NOW,
                checkin=CheckInCreate(value=Decimal(1), at=NOW),
            )


@pytest.mark.parametrize("value", ["41200", "3.25", "0.00000001", "12345678901234567.5", "-42"])
def test_values_come_back_exactly(db: Engine, value: str) -> None:
    with session_scope(db) as session:
        goal = repo.create_goal(
            session=session,
            team_id="T1",
            now=NOW,
            goal=GoalCreate(title="g", target=Decimal(value)),
        )
        repo.add_checkin(
            session=session,
            team_id="T1",
            goal_id=goal.id or 0,
            now=NOW,
            checkin=CheckInCreate(value=Decimal(value), at=NOW),
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
            session=session,
            team_id="T1",
            now=NOW,
            goal=GoalCreate(title="g", deadline=bucharest_evening),
        )

    with session_scope(db) as session:
        stored = repo.get_goal(session=session, team_id="T1", goal_id=goal.id or 0)
        assert stored is not None and stored.deadline is not None
        assert stored.deadline.tzinfo is not None and stored.deadline.utcoffset() == timedelta(0)
        assert stored.deadline == bucharest_evening


def test_a_naive_time_is_refused(db: Engine) -> None:
    with pytest.raises(Exception, match="naive"), session_scope(db) as session:
        repo.create_goal(
            session=session,
            team_id="T1",
            now=NOW,
            goal=GoalCreate(title="g", deadline=datetime(2026, 12, 31)),
        )


def test_an_event_is_recorded_once_per_workspace(db: Engine) -> None:
    with session_scope(db) as session:
        assert repo.record_event_once(session=session, team_id="T1", event_id="Ev1", now=NOW)
        assert not repo.record_event_once(session=session, team_id="T1", event_id="Ev1", now=NOW)
        assert repo.record_event_once(session=session, team_id="T2", event_id="Ev1", now=NOW)


def _schedule(session: Session) -> int:
    goal = repo.create_goal(session=session, team_id="T1", goal=GoalCreate(title="g"), now=NOW)
    schedule = set_goal_schedule(
        session=session,
        team_id="T1",
        goal_id=goal.id or 0,
        owner_id="U1",
        cadence=Cadence(CadenceKind.WEEKLY, weekdays=(0,)),
        now=NOW,
    )
    return schedule.id or 0


def _subscription(session: Session, row_id: int | None = None) -> int:
    row = DigestSubscription(id=row_id, team_id="T1", channel_id="C1", created_at=NOW,
                             updated_at=NOW)  # fmt: skip
    session.add(row)
    session.flush()
    return row.id or 0


@pytest.mark.parametrize("kind", list(DeliveryKind))
def test_a_delivery_can_be_claimed_only_once(db: Engine, kind: DeliveryKind) -> None:
    with session_scope(db) as session:
        rows = {
            DeliveryKind.REMINDER: _schedule(session),
            DeliveryKind.DIGEST: _subscription(session),
        }
    key = {"team_id": "T1", "kind": kind, "row_id": rows[kind], "period": "2026-11-23T08:00Z"}
    with session_scope(db) as session:
        assert repo.claim_delivery(session=session, claimed_by="replica-a", now=NOW, **key)
    with session_scope(db) as session:
        assert repo.claim_delivery(session=session, claimed_by="replica-b", now=NOW, **key) is None
        assert repo.claim_delivery(
            session=session, claimed_by="replica-b", now=NOW, **{**key, "period": "later"}
        )


def test_a_reminder_and_a_digest_with_the_same_row_number_are_claimed_apart(db: Engine) -> None:
    with session_scope(db) as session:
        schedule_id = _schedule(session)
        _subscription(session, row_id=schedule_id)
    with session_scope(db) as session:
        claims = [
            repo.claim_delivery(session=session, team_id="T1", kind=kind, row_id=schedule_id,
                                period="2026-11-23T08:00Z", claimed_by="a", now=NOW)
            for kind in DeliveryKind
        ]  # fmt: skip
    assert [(c.schedule_id, c.subscription_id) for c in claims if c] == [
        (schedule_id, None),
        (None, schedule_id),
    ]


def test_a_failed_unit_of_work_changes_nothing(db: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(db) as session:
        repo.create_goal(session=session, team_id="T1", now=NOW, goal=GoalCreate(title="half-made"))
        raise RuntimeError("the next step failed")

    with session_scope(db) as session:
        assert repo.list_goals(session=session, team_id="T1") == []


def test_a_member_another_replica_just_cached_is_updated_not_inserted_twice(
    db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(db) as session:
        repo.upsert_member(
            session=session,
            team_id="T1",
            user_id="U1",
            now=NOW,
            changes=MemberUpdate(timezone="UTC"),
        )
    # This replica read before the other one committed: it saw no row and inserts.
    monkeypatch.setattr(repo, "get_member", lambda **_: None)

    with session_scope(db) as session:
        member = repo.upsert_member(
            session=session,
            team_id="T1",
            user_id="U1",
            now=NOW,
            changes=MemberUpdate(timezone="Asia/Tehran"),
        )
        assert member.timezone == "Asia/Tehran"
    monkeypatch.undo()
    with session_scope(db) as session:
        stored = repo.get_member(session=session, team_id="T1", user_id="U1")
        assert stored is not None and stored.timezone == "Asia/Tehran"
