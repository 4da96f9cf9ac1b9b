"""The repository API: workspace scoping, exact decimals, aware UTC times, exactly-once keys,
typed columns, create and update schemas, column limits and the cadence codec."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import StrEnum

import pytest
from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import StatementError
from sqlmodel import Session

from bot.core.cadence import Cadence, CadenceKind
from bot.core.kpis import MetricKey
from bot.core.platforms import PlatformKey
from bot.core.values import Category, Direction, GoalKind, GoalState, Unit
from bot.services.schedules import set_goal_schedule
from storage import repo
from storage.cadences import cadence_of
from storage.db import session_scope
from storage.deliveries import DeliveryKey, claim_delivery, delivery_settled
from storage.digests import get_subscription, get_subscription_by_id, save_subscription
from storage.models import DeliveryKind, DigestSubscription, Goal
from storage.reminders import get_schedule
from storage.schemas import (
    CheckInCreate,
    GoalCreate,
    GoalUpdate,
    MemberUpdate,
    SubscriptionChanges,
)
from tests.factories import make_checkin, make_goal, make_schedule

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_every_call_needs_a_workspace(db: Engine) -> None:
    with session_scope(db) as session, pytest.raises(repo.MissingWorkspace):
        repo.create_goal(session=session, team_id="", now=NOW, goal=GoalCreate(title="Reach 60k"))


def test_a_goal_is_invisible_from_another_workspace(db: Engine) -> None:
    with session_scope(db) as session:
        goal = make_goal(session, team_id="T1")
        make_goal(session, team_id="T2")

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
        goal = make_goal(session, team_id="T1", title="g", target=Decimal(value))
        make_checkin(session, goal.id or 0, Decimal(value), team_id="T1")

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
    goal = make_goal(session, team_id="T1", title="g")
    return make_schedule(session, goal, tz="UTC").id or 0


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
    key = DeliveryKey("T1", kind, rows[kind], "2026-11-23T08:00Z")
    lease = timedelta(minutes=2)
    with session_scope(db) as session:
        assert claim_delivery(
            session=session, key=key, claimed_by="replica-a", now=NOW, lease=lease
        )
    with session_scope(db) as session:
        again = claim_delivery(
            session=session, key=key, claimed_by="replica-b", now=NOW, lease=lease
        )
        assert again is None
        later = replace(key, period="later")
        assert claim_delivery(
            session=session, key=later, claimed_by="replica-b", now=NOW, lease=lease
        )


def test_a_claim_whose_lease_ran_out_is_taken_over_once(db: Engine) -> None:
    with session_scope(db) as session:
        key = DeliveryKey("T1", DeliveryKind.REMINDER, _schedule(session), "2026-11-23T08:00Z")
    lease = timedelta(minutes=2)
    with session_scope(db) as session:
        claim_delivery(session=session, key=key, claimed_by="dead", now=NOW, lease=lease)
    still_held = NOW + lease - timedelta(seconds=1)
    with session_scope(db) as session:
        assert not claim_delivery(
            session=session, key=key, claimed_by="b", now=still_held, lease=lease
        )
        assert not delivery_settled(session=session, key=key)
    expired = NOW + lease + timedelta(seconds=1)
    with session_scope(db) as session:
        taken = claim_delivery(session=session, key=key, claimed_by="b", now=expired, lease=lease)
        assert taken is not None
        assert (taken.claimed_by, taken.attempts, taken.status) == ("b", 2, "claimed")
    with session_scope(db) as session:  # a third replica, at the same moment, finds it held
        assert not claim_delivery(
            session=session, key=key, claimed_by="c", now=expired, lease=lease
        )


def test_a_reminder_and_a_digest_with_the_same_row_number_are_claimed_apart(db: Engine) -> None:
    with session_scope(db) as session:
        schedule_id = _schedule(session)
        _subscription(session, row_id=schedule_id)
    with session_scope(db) as session:
        claims = [
            claim_delivery(session=session, claimed_by="a", now=NOW, lease=timedelta(0),
                           key=DeliveryKey("T1", kind, schedule_id, "2026-11-23T08:00Z"))
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


# --- typed columns, schemas, limits and the cadence codec -------------------------------


@pytest.mark.parametrize(
    ("field", "given", "stored"),
    [
        ("platform", "instagram", PlatformKey.INSTAGRAM),
        ("platform", PlatformKey.X, PlatformKey.X),
        ("metric", "followers", MetricKey.FOLLOWERS),
        ("metric", "custom", MetricKey.CUSTOM),
        ("unit", "percent", Unit.PERCENT),
        ("direction", "decrease", Direction.DECREASE),
        ("category", "customer_service", Category.CUSTOMER_SERVICE),
        ("kind", "key_result", GoalKind.KEY_RESULT),
        ("state", "achieved", GoalState.ACHIEVED),
    ],
)
def test_a_closed_set_is_stored_as_its_key_and_read_back_as_its_member(
    db: Engine, field: str, given: str, stored: StrEnum
) -> None:
    with session_scope(db) as session:
        goal = GoalCreate.model_validate({"title": "g", field: given})
        goal_id = repo.create_goal(session=session, team_id="T1", goal=goal, now=NOW).id or 0

    with session_scope(db) as session:
        found = repo.get_goal(session=session, team_id="T1", goal_id=goal_id)
        assert found is not None
        value = getattr(found, field)
        assert value is stored and type(value) is type(stored)


@pytest.mark.parametrize(
    "fields",
    [
        {"platform": "Instagram"},  # a name, not a key: what the interview used to store
        {"metric": "Followers"},
        {"unit": "percentage"},
        {"state": "deleted"},
        {"colour": "red"},  # not a column
    ],
)
def test_a_word_outside_the_set_or_an_unknown_field_is_refused(fields: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        GoalCreate.model_validate({"title": "g", **fields})


def test_a_row_that_bypasses_the_schema_still_cannot_store_a_stray_word(db: Engine) -> None:
    stray = Goal(team_id="T1", title="g", start_at=NOW, created_at=NOW, updated_at=NOW)
    stray.platform = "Instagram"  # type: ignore[assignment]
    with pytest.raises(StatementError, match="Instagram"), session_scope(db) as session:
        session.add(stray)
        session.flush()


@pytest.mark.parametrize(
    ("schema", "field", "limit"),
    [
        (GoalCreate, "title", 300),
        (GoalCreate, "why", 1000),
        (GoalCreate, "metric_name", 200),
        (GoalUpdate, "title", 300),
        (CheckInCreate, "note", 3000),
        (MemberUpdate, "timezone", 64),
    ],
)
def test_text_is_clipped_to_its_column(schema: type[BaseModel], field: str, limit: int) -> None:
    required = {GoalCreate: {"title": "g"}, CheckInCreate: {"value": Decimal(1), "at": NOW}}
    made = schema.model_validate({**required.get(schema, {}), field: "x" * (limit + 50)})

    assert getattr(made, field) == "x" * limit


def test_an_update_writes_only_the_fields_it_names(db: Engine) -> None:
    with session_scope(db) as session:
        goal = make_goal(
            session, team_id="T1", title="g", target=Decimal(60000), channel_id="C1", owner_id="U1"
        )
        goal_id = goal.id or 0

    with session_scope(db) as session:
        changes = GoalUpdate(title="Reach 60k", channel_id=None)
        repo.update_goal(session=session, team_id="T1", goal_id=goal_id, changes=changes, now=NOW)

    with session_scope(db) as session:
        found = repo.get_goal(session=session, team_id="T1", goal_id=goal_id)
        assert found is not None
        assert (found.title, found.target, found.channel_id, found.owner_id) == (
            "Reach 60k",
            Decimal(60000),
            None,
            "U1",
        )


@pytest.mark.parametrize(
    "cadence",
    [
        Cadence(CadenceKind.DAILY, at=time(8, 30), tz="Asia/Tehran"),
        Cadence(CadenceKind.WEEKLY, weekdays=(0, 3), at=time(10), tz="Europe/Bucharest"),
        Cadence(
            CadenceKind.EVERY_N_WEEKS, weekdays=(4,), interval_weeks=2, anchor=date(2026, 11, 20)
        ),
        Cadence(CadenceKind.MONTHLY, day_of_month="last", at=time(17)),
        Cadence(CadenceKind.MONTHLY, day_of_month=15),
    ],
)
def test_a_reminder_schedule_stores_and_reads_back_its_cadence(
    db: Engine, cadence: Cadence
) -> None:
    with session_scope(db) as session:
        goal = make_goal(session, team_id="T1", title="g")
        schedule = set_goal_schedule(session=session, goal=goal,
                                     owner_id="U1", cadence=cadence, now=NOW)  # fmt: skip

    with session_scope(db) as session:
        found = get_schedule(session=session, team_id="T1", schedule_id=schedule.id or 0)
        assert found is not None and cadence_of(found) == cadence


@pytest.mark.parametrize(
    "cadence",
    [
        Cadence(CadenceKind.WEEKLY, weekdays=(2,), at=time(9), tz="Europe/Bucharest"),
        Cadence(CadenceKind.MONTHLY, day_of_month="last", at=time(9)),
        Cadence(CadenceKind.MONTHLY, day_of_month=1, at=time(7, 45)),
    ],
)
def test_a_digest_subscription_stores_and_reads_back_its_cadence(
    db: Engine, cadence: Cadence
) -> None:
    changes = SubscriptionChanges(
        filter_platform="youtube", filter_category="leads", cadence=cadence
    )
    with session_scope(db) as session:
        save_subscription(session=session, team_id="T1", channel_id="C1", now=NOW,
                          changes=changes)  # fmt: skip

    with session_scope(db) as session:
        found = get_subscription(session=session, team_id="T1", channel_id="C1")
        assert found is not None and cadence_of(found) == cadence
        assert (found.filter_platform, found.filter_category) == (
            PlatformKey.YOUTUBE,
            Category.LEADS,
        )


def test_a_subscription_is_found_by_id_only_in_its_own_workspace(db: Engine) -> None:
    with session_scope(db) as session:
        row_id = _subscription(session)

    with session_scope(db) as session:
        assert get_subscription_by_id(session=session, team_id="T1", subscription_id=row_id)
        assert get_subscription_by_id(session=session, team_id="T2", subscription_id=row_id) is None
        with pytest.raises(repo.MissingWorkspace):
            get_subscription_by_id(session=session, team_id="", subscription_id=row_id)
