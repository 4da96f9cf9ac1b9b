"""Alembic migrations: they build the schema from nothing, and match the models exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, select

from bot.core.period import Period
from storage import repo
from storage.db import (
    alembic_config,
    make_engine,
    newest_revision,
    schema_is_current,
    session_scope,
)
from storage.models import GoalFeed, ReminderSchedule, Workspace
from storage.oauth import oauth_metadata
from storage.schemas import GoalCreate, MemberUpdate
from tests.harness import fresh_database

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def test_upgrade_from_empty_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())

    expected = [*SQLModel.metadata.sorted_tables, *oauth_metadata.sorted_tables]
    assert {t.name for t in expected} <= tables
    assert schema_is_current(engine)


def not_the_job_queue(name: str | None, kind: str, _parents: object) -> bool:
    """The job queue's tables are pgqueuer's, created and upgraded by it (bot/jobs), not ours."""
    return not (kind == "table" and (name or "").startswith("pgqueuer"))


def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    """What `alembic check` does: autogenerate finds nothing to add, drop or change."""
    with engine.connect() as connection:
        opts = {"compare_type": True, "include_name": not_the_job_queue}
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, [SQLModel.metadata, oauth_metadata])

    assert differences == []


def test_rows_written_before_typed_columns_are_normalised() -> None:
    """0004: platform names and case become keys, metric names keys or custom names,
    and a delivery's "schedule:12" target its foreign key."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.downgrade(alembic_config(engine), "base")
            command.upgrade(alembic_config(engine), "0003")
            with engine.begin() as connection:
                _insert_rows_the_old_way(connection)

            command.upgrade(alembic_config(engine), "head")

            with engine.connect() as connection:
                goals = connection.execute(
                    text("SELECT title, kind, metric, metric_name, platform, unit FROM goal")
                ).all()
                deliveries = connection.execute(
                    text("SELECT kind, schedule_id, subscription_id, period FROM delivery")
                ).all()
                platform = connection.execute(
                    text("SELECT filter_platform FROM digestsubscription")
                ).scalar_one()
                checkin = connection.execute(text("SELECT confidence, source FROM checkin")).one()
        finally:
            engine.dispose()

    assert sorted(goals) == [
        ("Custom", "goal", "custom", "pizza orders", None, "count"),
        ("Followers", "goal", "followers", "Followers", "instagram", "count"),
        ("Imported", "goal", "reach", "Reach", "instagram", "percent"),
        ("Objective", "objective", None, "", "tiktok", "count"),
    ]
    assert deliveries == [("reminder", 1, None, "2026-11-23T08:00:00+00:00")]
    assert platform == "youtube"
    assert tuple(checkin) == (None, "reply")


def _insert_rows_the_old_way(connection: Connection) -> None:
    columns = (
        "id, team_id, title, kind, metric, metric_name, platform, unit, direction, state,"
        " why, contributors, start_at, created_at, updated_at"
    )
    at = "2026-11-22 08:00:00"
    for row in [
        "1, 'T1', 'Followers', 'goal', 'Followers', '', 'Instagram', 'count'",
        "2, 'T1', 'Imported', 'goal', 'reach', 'Reach', 'instagram', 'PERCENT'",
        "3, 'T1', 'Custom', 'goal', 'pizza orders', '', 'our flyers', 'count'",
        "4, 'T1', 'Objective', 'objective', '', '', 'TikTok', 'count'",
    ]:
        connection.execute(
            text(
                f"INSERT INTO goal ({columns}) VALUES"
                f" ({row}, 'increase', 'active', '', '[]', '{at}', '{at}', '{at}')"
            )
        )
    connection.execute(
        text(
            "INSERT INTO reminderschedule (id, team_id, goal_id, frequency, weekdays,"
            " interval_weeks, local_time, timezone, active, created_at, updated_at)"
            f" VALUES (1, 'T1', 1, 'weekly', '0', 1, '10:00', 'UTC', true, '{at}', '{at}')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO digestsubscription (id, team_id, channel_id, frequency, weekday,"
            " day_of_month, local_time, timezone, filter_platform, active, created_at,"
            f" updated_at) VALUES (1, 'T1', 'C1', 'weekly', 0, 1, '09:00', 'UTC', 'YouTube',"
            f" true, '{at}', '{at}')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO checkin (id, team_id, goal_id, value, note, at, confidence, source,"
            f" created_at, updated_at) VALUES (1, 'T1', 1, '41200', '', '{at}', 'very sure',"
            f" 'Reply', '{at}', '{at}')"
        )
    )
    for id_, target in [(1, "schedule:1"), (2, "schedule:99"), (3, "channel:C1")]:
        connection.execute(
            text(
                "INSERT INTO delivery (id, team_id, kind, target, period, status, claimed_at,"
                f" late, attempts) VALUES ({id_}, 'T1', 'reminder', '{target}',"
                f" '2026-11-23T08:00:00+00:00', 'sent', '{at}', false, 1)"
            )
        )


OLD_PAUSED_REASONS = {
    "paused by <@U123>": "paused_by:U123",
    "channel_not_found: the goal's channel no longer exists, or I can't see it": (
        "channel_not_found"
    ),
    "account_inactive: Slack answered account_inactive": "account_inactive",
    "the goal is achieved": "goal_achieved",
    "the goal is archived": "goal_archived",
    "the goal was deleted": "goal_deleted",
    "the goal's deadline has passed": "deadline_passed",
    "paused_by:U9": "paused_by:U9",
    "is_archived": "is_archived",
}


def test_paused_reasons_written_in_words_become_codes() -> None:
    """0005: a schedule paused before reasons were codes reads the code after the upgrade."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.downgrade(alembic_config(engine), "base")
            command.upgrade(alembic_config(engine), "0004")
            with engine.begin() as connection:
                _insert_paused_schedules(connection, list(OLD_PAUSED_REASONS))

            command.upgrade(alembic_config(engine), "head")

            with engine.connect() as connection:
                stored = connection.execute(
                    text("SELECT id, paused_reason FROM reminderschedule ORDER BY id")
                ).all()
        finally:
            engine.dispose()

    assert [reason for _, reason in stored] == list(OLD_PAUSED_REASONS.values())


def _insert_paused_schedules(connection: Connection, reasons: list[str]) -> None:
    at = "2026-11-22 08:00:00"
    for id_, reason in enumerate(reasons, start=1):  # one schedule per goal
        connection.execute(
            text(
                "INSERT INTO goal (id, team_id, title, kind, metric, metric_name, unit, direction,"
                f" state, why, contributors, start_at, created_at, updated_at) VALUES ({id_},"
                " 'T1', 'Reach', 'goal', 'reach', 'Reach', 'count', 'increase', 'active', '',"
                f" '[]', '{at}', '{at}', '{at}')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO reminderschedule (id, team_id, goal_id, frequency, weekdays,"
                " interval_weeks, local_time, timezone, active, paused_reason, created_at,"
                f" updated_at) VALUES ({id_}, 'T1', {id_}, 'weekly', '0', 1, '10:00', 'UTC',"
                f" false, :reason, '{at}', '{at}')"
            ),
            {"reason": reason},
        )


def test_a_reply_stored_twice_keeps_its_newest_check_in_and_channel_goals_stay_team_goals() -> None:
    """0007: duplicates of one reply's check-in fold into the newest; a goal with a channel,
    reminded there until now, is marked a team goal so its reminders stay there."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.downgrade(alembic_config(engine), "base")
            command.upgrade(alembic_config(engine), "0005")
            with engine.begin() as connection:
                _insert_goals_and_checkins(connection)

            command.upgrade(alembic_config(engine), "head")

            with engine.connect() as connection:
                checkins = connection.execute(
                    text("SELECT id, value FROM checkin ORDER BY id")
                ).all()
                teams = connection.execute(text("SELECT id, team FROM goal ORDER BY id")).all()
        finally:
            engine.dispose()

    assert [(id_, int(value)) for id_, value in checkins] == [(2, 42), (3, 43), (4, 44), (5, 45)]
    assert [(id_, bool(team)) for id_, team in teams] == [(1, True), (2, False)]


def _insert_goals_and_checkins(connection: Connection) -> None:
    at = "2026-11-22 08:00:00"
    for id_, channel in ((1, "'C1'"), (2, "NULL")):
        connection.execute(
            text(
                "INSERT INTO goal (id, team_id, title, kind, metric, metric_name, unit, direction,"
                f" state, why, contributors, channel_id, start_at, created_at, updated_at) VALUES"
                f" ({id_}, 'T1', 'Reach', 'goal', 'reach', 'Reach', 'count', 'increase', 'active',"
                f" '', '[]', {channel}, '{at}', '{at}', '{at}')"
            )
        )
    rows = (  # (id, goal, channel, message ts, value): 1 and 2 are one reply stored twice
        (1, 1, "'D1'", "'1.1'", 41), (2, 1, "'D1'", "'1.1'", 42), (3, 2, "'D1'", "'1.1'", 43),
        (4, 1, "NULL", "NULL", 44), (5, 1, "NULL", "NULL", 45),
    )  # fmt: skip
    for id_, goal, channel, ts, value in rows:
        connection.execute(
            text(
                "INSERT INTO checkin (id, team_id, goal_id, value, note, at, source, channel_id,"
                f" message_ts, created_at, updated_at) VALUES ({id_}, 'T1', {goal}, {value}, '',"
                f" '{at}', 'reply', {channel}, {ts}, '{at}', '{at}')"
            )
        )


def test_existing_goals_are_numbered_per_workspace_in_id_order() -> None:
    """0008: each workspace's oldest goal becomes #1, and new goals count on from there,
    also for a workspace whose goals came before its row."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.downgrade(alembic_config(engine), "base")
            command.upgrade(alembic_config(engine), "0005")
            at = "2026-11-22 08:00:00"
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO workspace (team_id, name, default_timezone, created_at)"
                        f" VALUES ('T1', '', 'UTC', '{at}')"
                    )
                )
                for goal_id, team in [(3, "T1"), (5, "T2"), (8, "T1"), (9, "T2"), (12, "T1")]:
                    connection.execute(
                        text(
                            "INSERT INTO goal (id, team_id, title, kind, metric, metric_name,"
                            " unit, direction, state, why, contributors, start_at, created_at,"
                            f" updated_at) VALUES ({goal_id}, '{team}', 'g{goal_id}', 'goal',"
                            f" 'reach', 'Reach', 'count', 'increase', 'active', '', '[]',"
                            f" '{at}', '{at}', '{at}')"
                        )
                    )

            command.upgrade(alembic_config(engine), "head")

            with engine.connect() as connection:
                numbered = connection.execute(
                    text("SELECT team_id, id, number FROM goal ORDER BY id")
                ).all()
            with session_scope(engine) as session:
                later = repo.create_goal(
                    session=session, team_id="T2", now=NOW, goal=GoalCreate(title="Later")
                )
                later_number = later.number
        finally:
            engine.dispose()

    assert [tuple(row) for row in numbered] == [
        ("T1", 3, 1), ("T2", 5, 1), ("T1", 8, 2), ("T2", 9, 2), ("T1", 12, 3),
    ]  # fmt: skip
    assert later_number == 3


def test_schedules_and_workspaces_from_before_nudges_read_with_the_defaults() -> None:
    """0014: an existing schedule has one time and nothing pending; an existing workspace
    escalates after 2 missed check-ins and sends no follow-ups; it downgrades cleanly."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.downgrade(alembic_config(engine), "base")
            command.upgrade(alembic_config(engine), "0011")
            at = "2026-11-22 08:00:00"
            with engine.begin() as connection:
                for insert in (
                    "INSERT INTO workspace (team_id, name, default_timezone, created_at)"
                    f" VALUES ('T1', '', 'UTC', '{at}')",
                    "INSERT INTO goal (id, team_id, number, title, kind, metric_name, unit,"
                    " direction, state, why, contributors, start_at, created_at, updated_at)"
                    f" VALUES (1, 'T1', 1, 'g', 'goal', 'Reach', 'count', 'increase', 'active',"
                    f" '', '[]', '{at}', '{at}', '{at}')",
                    "INSERT INTO reminderschedule (id, team_id, goal_id, frequency, weekdays,"
                    " interval_weeks, local_time, timezone, active, created_at, updated_at)"
                    f" VALUES (1, 'T1', 1, 'weekly', '0', 1, '10:00', 'UTC', true, '{at}',"
                    f" '{at}')",
                ):
                    connection.execute(text(insert))

            command.upgrade(alembic_config(engine), "head")

            with session_scope(engine) as session:
                row = session.exec(select(ReminderSchedule)).one()
                workspace = session.exec(select(Workspace)).one()
                read = (row.more_times, row.missed, row.follow_up_at, row.escalate_at)
                settings = (workspace.follow_up_minutes, workspace.escalate_after)
            command.downgrade(alembic_config(engine), "0011")
        finally:
            engine.dispose()

    assert read == ([], 0, None, None)
    assert settings == (None, 2)


def test_goals_from_before_periods_are_totals_and_the_period_goes_down_and_up() -> None:
    """0013: a goal saved before periods reads as a total (NULL); a downgrade drops the
    column and an upgrade brings it back empty."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.downgrade(alembic_config(engine), "base")
            command.upgrade(alembic_config(engine), "0011")
            at = "2026-11-22 08:00:00"
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO goal (team_id, number, title, kind, metric, metric_name,"
                        " unit, direction, state, why, contributors, team, start_at, created_at,"
                        " updated_at) VALUES ('T1', 1, 'Reach', 'goal', 'reach', 'Reach',"
                        f" 'count', 'increase', 'active', '', '[]', false, '{at}', '{at}', '{at}')"
                    )
                )
            command.upgrade(alembic_config(engine), "head")
            with session_scope(engine) as session:
                monthly = repo.create_goal(
                    session=session,
                    team_id="T2",
                    now=NOW,
                    goal=GoalCreate(title="Reach 50k a month", period=Period.MONTHLY),
                )
                assert monthly.period is Period.MONTHLY
            with engine.connect() as connection:
                periods = connection.execute(
                    text("SELECT title, period FROM goal ORDER BY id")
                ).all()

            command.downgrade(alembic_config(engine), "0011")
            command.upgrade(alembic_config(engine), "head")
            with engine.connect() as connection:
                after = connection.execute(text("SELECT period FROM goal")).scalars().all()
        finally:
            engine.dispose()

    assert [tuple(row) for row in periods] == [("Reach", None), ("Reach 50k a month", "monthly")]
    assert after == [None, None]


def test_goal_feeds_come_and_go_with_their_migration_and_their_goal() -> None:
    """0017: the goalfeed table; downgrading drops it, and a goal's deletion takes its feed."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.upgrade(alembic_config(engine), "0011")
            without = set(inspect(engine).get_table_names())
            command.upgrade(alembic_config(engine), "head")
            with session_scope(engine) as session:
                goal = repo.create_goal(
                    session=session, team_id="T1", now=NOW, goal=GoalCreate(title="Reach")
                )
                session.add(
                    GoalFeed(
                        team_id="T1", goal_id=goal.id or 0, url="https://example.com/r.csv",
                        created_by="U1", next_fetch_at=NOW, created_at=NOW,
                    )
                )  # fmt: skip
            with session_scope(engine) as session:
                session.execute(text("DELETE FROM goal"))
            with engine.connect() as connection:
                feeds = connection.execute(text("SELECT count(*) FROM goalfeed")).scalar()
            command.downgrade(alembic_config(engine), "0011")
            after = set(inspect(engine).get_table_names())
        finally:
            engine.dispose()

    assert "goalfeed" not in without and "goalfeed" not in after
    assert feeds == 0


def test_a_files_day_stored_twice_folds_into_the_first_and_cannot_come_back() -> None:
    """0018: two file values of one goal and day (a race before the index) keep the first;
    a reply at that instant is not a file's and stays; after it, the database refuses a
    second file value for that day."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.upgrade(alembic_config(engine), "0017")
            with engine.begin() as connection:
                _insert_file_values(connection)
            command.upgrade(alembic_config(engine), "head")
            with engine.connect() as connection:
                kept = connection.execute(text("SELECT id FROM checkin ORDER BY id")).scalars()
                kept_ids = list(kept)
            with engine.begin() as connection:
                try:
                    connection.execute(text(_checkin_row(9, "feed", 49)))
                    refused = False
                except IntegrityError:
                    refused = True
            command.downgrade(alembic_config(engine), "0017")
            with engine.begin() as connection:
                connection.execute(text(_checkin_row(9, "feed", 49)))
        finally:
            engine.dispose()

    assert kept_ids == [1, 3, 4]
    assert refused


def _insert_file_values(connection: Connection) -> None:
    at = "2026-11-22 10:00:00"
    connection.execute(
        text(
            "INSERT INTO goal (id, team_id, number, title, kind, metric, metric_name, unit,"
            " direction, state, why, contributors, start_at, created_at, updated_at) VALUES"
            f" (1, 'T1', 1, 'Reach', 'goal', 'reach', 'Reach', 'count', 'increase', 'active',"
            f" '', '[]', '{at}', '{at}', '{at}')"
        )
    )
    for id_, source, value in ((1, "file", 41), (2, "feed", 42), (3, "reply", 43), (4, "file", 44)):
        connection.execute(text(_checkin_row(id_, source, value, day=23 if id_ == 4 else 22)))


def _checkin_row(id_: int, source: str, value: int, day: int = 22) -> str:
    at = f"2026-11-{day} 10:00:00"
    return (
        "INSERT INTO checkin (id, team_id, goal_id, value, note, at, source, created_at,"
        f" updated_at) VALUES ({id_}, 'T1', 1, {value}, '', '{at}', '{source}', '{at}', '{at}')"
    )


def test_languages_come_and_go_with_their_migration() -> None:
    """0019: a member's language and Slack locale, a digest's language; rows keep their data."""
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            command.upgrade(alembic_config(engine), "0018")
            with engine.begin() as connection:
                connection.execute(
                    text("INSERT INTO member (team_id, user_id, is_admin, updated_at)"
                         " VALUES ('T1', 'U1', false, :now)"),
                    {"now": NOW},
                )  # fmt: skip
            command.upgrade(alembic_config(engine), "0019")
            with session_scope(engine) as session:
                member = repo.upsert_member(
                    session=session, team_id="T1", user_id="U1", now=NOW,
                    changes=MemberUpdate(language="fa", slack_locale="fa-IR"),
                )  # fmt: skip
                chosen = (member.language, member.slack_locale)
            digest_columns = {c["name"] for c in inspect(engine).get_columns("digestsubscription")}
            command.downgrade(alembic_config(engine), "0018")
            after = {c["name"] for c in inspect(engine).get_columns("member")}
            with engine.connect() as connection:
                kept = connection.execute(text("SELECT count(*) FROM member")).scalar()
        finally:
            engine.dispose()

    assert chosen == ("fa", "fa-IR")
    assert "language" in digest_columns
    assert not {"language", "slack_locale"} & after
    assert kept == 1


def test_the_schema_is_current_only_at_the_head_that_the_file_names_tell() -> None:
    """`run` and /readyz take the newest revision from the file names, without Alembic:
    each file is named after its revision, and the highest number is Alembic's head."""
    scripts = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    every = list(scripts.walk_revisions())
    with fresh_database() as url:
        engine = make_engine(url)
        try:
            before_any = schema_is_current(engine)
            command.upgrade(alembic_config(engine), str(every[0].down_revision))
            one_behind = schema_is_current(engine)
            command.upgrade(alembic_config(engine), "head")
            at_head = schema_is_current(engine)
        finally:
            engine.dispose()

    assert all(Path(s.path).name.split("_", 1)[0] == s.revision for s in every)
    assert scripts.get_heads() == [newest_revision()]
    assert (before_any, one_behind, at_head) == (False, False, True)
