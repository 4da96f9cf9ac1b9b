"""Import and export as a team uses them: spreadsheets in, backups out, nothing half-done."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from bot.clock import FrozenClock
from bot.services.export import export_records, write_csv, write_json
from bot.services.transfer import ImportRejected, import_file
from storage.models import CheckIn, Goal
from tests.harness import database_kind, make_services
from tests.test_cli import run_cli

DATASET = Path(__file__).parents[1] / "data" / "questions_dataset.json"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


@pytest.fixture
def services(db: Engine) -> Any:
    return make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")


def export(services: Any, team: str, fmt: str = "json") -> str:
    out = io.StringIO()
    (write_csv if fmt == "csv" else write_json)(export_records(services, team_id=team), out)
    return out.getvalue()


def counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        goals = session.scalar(select(func.count()).select_from(Goal))
        checkins = session.scalar(select(func.count()).select_from(CheckIn))
    return int(goals or 0), int(checkins or 0)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_then_export_gives_the_same_file(services: Any, fmt: str) -> None:
    import_file(services, team_id="T1", text=DATASET.read_text("utf-8"))
    first = export(services, "T1", fmt)

    import_file(services, team_id="T2", text=first)

    assert export(services, "T2", fmt) == first


def test_an_export_keeps_every_field_of_the_file(services: Any) -> None:
    import_file(services, team_id="T1", text=DATASET.read_text("utf-8"))

    data = json.loads(export(services, "T1"))

    revenue = next(g for g in data["goals"] if g["id"] == "revenue")
    assert revenue["unit"] == "currency:EUR"
    assert revenue["objective"] == "Holiday sales"
    assert revenue["deadline"] == "2026-12-20T21:59:59+00:00"  # end of day in Bucharest
    assert len(data["checkins"]) == 13
    assert data["checkins"][0] == {
        "goal": "reach-ig", "value": "34000", "at": "2026-10-15T09:00:00+00:00",
        "author": "U1", "note": "", "source": "import",
    }  # fmt: skip


def test_a_checkin_keeps_its_source_through_export_and_import(services: Any) -> None:
    text = (
        '{"goals": [{"id": "g", "title": "Reach", "target": "10", "deadline": "2026-12-31"}],'
        ' "checkins": [{"goal": "g", "value": "4", "at": "2026-11-01", "source": "file"},'
        ' {"goal": "g", "value": "5", "at": "2026-11-02", "source": "Reply"}]}'
    )
    import_file(services, team_id="T1", text=text)

    sources = [c["source"] for c in json.loads(export(services, "T1"))["checkins"]]

    assert sources == ["file", "reply"]


def test_a_files_day_imported_again_is_stored_once_and_other_values_as_given(
    services: Any, db: Engine
) -> None:
    goal = {"id": "g", "title": "Reach", "target": "10", "deadline": "2026-12-31"}
    import_file(services, team_id="T1", text=json.dumps({"goals": [goal], "checkins": []}))
    day = {"goal": "g", "value": "4", "at": "2026-11-01T10:00:00Z"}
    rows = [{**day, "source": source} for source in ("file", "feed", "command")]
    text = json.dumps({"goals": [], "checkins": rows})

    first = import_file(services, team_id="T1", text=text)
    again = import_file(services, team_id="T1", text=text)

    sources = [c["source"] for c in json.loads(export(services, "T1"))["checkins"]]
    assert (first.checkins, again.checkins) == (2, 1)
    assert sources == ["file", "command", "command"]


def test_an_unknown_source_is_refused_with_the_choices(services: Any, db: Engine) -> None:
    text = (
        '{"goals": [{"id": "g", "title": "Reach", "target": "10", "deadline": "2026-12-31"}],'
        ' "checkins": [{"goal": "g", "value": "4", "at": "2026-11-01", "source": "telepathy"}]}'
    )
    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T1", text=text)

    assert "checkin source: 'telepathy' is not one of reply, command" in str(rejected.value)
    assert counts(db) == (0, 0)


def test_a_field_longer_than_any_column_is_refused_with_its_limit(
    services: Any, db: Engine
) -> None:
    text = (
        '{"goals": [{"id": "g", "title": "Reach", "target": "10", "deadline": "2026-12-31"}],'
        f' "checkins": [{{"goal": "g", "value": "{"1" * 10_001}", "at": "2026-11-01"}}]}}'
    )
    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T1", text=text)

    assert "checkin value: is longer than 10000 characters" in str(rejected.value)
    assert counts(db) == (0, 0)


BAD_ROWS = [
    ({"target": "lots"}, "goal target", "'lots' is not a number"),
    ({"unit": "apples"}, "goal unit", "'apples' is not one of"),
    ({"deadline": "next year-ish"}, "goal deadline", "'next year-ish' is not a date"),
    ({"title": ""}, "goal title", "is required"),
    ({"id": "reach-ig"}, "goal id", "'reach-ig' is used by another goal above"),
    ({"direction": "sideways"}, "goal direction", "'sideways' is not one of"),
    ({"platform": "myspace"}, "goal platform", "'myspace' is not a platform"),
]


@pytest.mark.parametrize(("change", "where", "message"), BAD_ROWS)
def test_a_bad_goal_row_is_named_by_line_and_field_and_nothing_is_imported(
    services: Any, db: Engine, change: dict[str, str], where: str, message: str
) -> None:
    data = json.loads(DATASET.read_text("utf-8"))
    data["goals"][2].update(change)
    text = "{\n" + '"goals": [\n' + ",\n".join(json.dumps(g) for g in data["goals"])
    text += '\n],\n"checkins": ' + json.dumps(data["checkins"]) + "\n}"

    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T1", text=text)

    assert f"line 5: {where}: {message}" in str(rejected.value)  # the third goal's line
    assert counts(db) == (0, 0)


def test_a_check_in_for_an_unknown_goal_is_refused_on_its_csv_line(
    services: Any, db: Engine
) -> None:
    import_file(services, team_id="T1", text=DATASET.read_text("utf-8"))
    csv_text = export(services, "T1", "csv").replace(
        "checkin,,,,,,,,,,,,,,,,,,views-yt", "checkin,,,,,,,,,,,,,,,,,,views-x", 1
    )

    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T2", text=csv_text)

    assert "checkin goal: no goal has the id 'views-x'" in str(rejected.value)
    assert "line 16:" in str(rejected.value)
    assert counts(db) == (10, 13)  # only T1's rows


@pytest.mark.parametrize(
    "text",
    [
        "\r0",
        'title\n"' + "x" * 200_000 + '"\n',
        'title\r\nreach\r\n"unclosed\n',
        'record,title\n"a"b"\n',
    ],
)
def test_a_broken_csv_file_gets_a_clear_refusal_and_keeps_nothing(
    services: Any, db: Engine, text: str
) -> None:
    # Found by Hypothesis: a lone carriage return made the csv module raise past the check.
    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T1", text=text)

    assert "line " in str(rejected.value)
    assert counts(db) == (0, 0)


def test_importing_the_same_ids_twice_is_refused(services: Any) -> None:
    import_file(services, team_id="T1", text=DATASET.read_text("utf-8"))

    with pytest.raises(ImportRejected, match="'reach-ig' is already in this workspace"):
        import_file(services, team_id="T1", text=DATASET.read_text("utf-8"))


def test_cells_a_spreadsheet_would_run_are_protected_and_import_back_exactly(
    services: Any,
) -> None:
    titles = ['=HYPERLINK("http://x","win")', "-20% response time", "'=x", "'quoted"]
    goals = [
        {"id": f"g{n}", "title": t, "target": "10", "deadline": "2027-01-31", "why": "@here"}
        for n, t in enumerate(titles)
    ]
    checkins = [{"goal": "g0", "value": "-5", "at": "2026-11-20", "note": "+1 from me"}]
    import_file(services, team_id="T1", text=json.dumps({"goals": goals, "checkins": checkins}))

    sheet = export(services, "T1", "csv")
    import_file(services, team_id="T2", text=sheet)

    assert "'=HYPERLINK" in sheet and "'-20% response time" in sheet and "''=x" in sheet
    assert "'@here" in sheet and "'+1 from me" in sheet and ",-5," in sheet
    back = json.loads(export(services, "T2"))
    assert [g["title"] for g in back["goals"]] == titles
    assert {g["why"] for g in back["goals"]} == {"@here"}
    assert back["checkins"][0]["value"] == "-5" and back["checkins"][0]["note"] == "+1 from me"
    assert export(services, "T2", "csv") == sheet


def test_a_spreadsheet_with_dates_and_platform_names_imports(services: Any) -> None:
    sheet = "record,id,title,platform,target,deadline,goal,value,at\n"
    sheet += "goal,f1,Grow followers,Insta,480,2026-12-31,,,\n"
    sheet += "checkin,,,,,,f1,440,2026-11-20\n"

    result = import_file(services, team_id="T1", text=sheet)

    data = json.loads(export(services, "T1"))
    assert (result.goals, result.checkins) == (1, 1)
    assert data["goals"][0]["platform"] == "instagram"
    assert data["checkins"][0]["at"] == "2026-11-19T22:00:00+00:00"  # midnight in Bucharest


@pytest.mark.skipif(database_kind() != "sqlite", reason="the CLI test uses its own SQLite file")
def test_cli_imports_then_asks_in_json(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "DEFAULT_TIMEZONE": "Europe/Bucharest"}

    imported = run_cli("import", str(DATASET), env=env, cwd=tmp_path)
    asked = run_cli(
        "ask", "reach on instagram?", "--json", "--now", "2026-11-22T10:00:00+02:00",
        env=env, cwd=tmp_path,
    )  # fmt: skip
    exported = run_cli("export", "--format", "csv", env=env, cwd=tmp_path)

    assert imported.returncode == 0, imported.stderr
    assert "Imported 8 goals" in imported.stdout
    answer = json.loads(asked.stdout)
    assert answer["intent"] == "status" and answer["goals"] == ["reach-ig"]
    assert "46,000" in answer["text"]
    assert exported.stdout.startswith("record,id,title,objective")


@pytest.mark.skipif(database_kind() != "sqlite", reason="the CLI test uses its own SQLite file")
def test_cli_import_of_a_bad_file_says_where_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"goals": [\n{"id": "a", "title": "A", "target": "x", "deadline": "2027-01-01"}\n]}'
    )

    result = run_cli(
        "import", str(bad), env={"DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}, cwd=tmp_path
    )

    assert result.returncode == 1
    assert "line 2: goal target: 'x' is not a number" in result.stderr
    assert "Traceback" not in result.stderr


WRITTEN_WITH_NAMES = [
    {"title": "Views on YouTube", "metric": "video views", "platform": "YouTube",
     "category": "brand awareness", "target": "50000", "deadline": "2026-12-31"},
    {"title": "Engagement", "metric": "Engagement rate", "platform": "insta", "unit": "percent",
     "category": "topluluk", "target": "4.5", "deadline": "2026-12-31"},
    {"id": "pizzas", "title": "Pizzas", "metric": "Pizza orders by phone", "platform": "site",
     "category": "فروش", "target": "150", "deadline": "2026-12-31", "baseline": "120"},
    {"title": "Reach", "metric": "Reach", "platform": "X (Twitter)", "target": "9000",
     "deadline": "2026-12-31", "unit": "Count"},
]  # fmt: skip


def test_goals_written_with_names_and_without_ids_import_by_their_keys(services: Any) -> None:
    text = json.dumps({"goals": WRITTEN_WITH_NAMES, "checkins": [
        {"goal": "pizzas", "value": "130", "at": "2026-11-20"}]})  # fmt: skip

    result = import_file(services, team_id="T1", text=text)

    goals = json.loads(export(services, "T1"))["goals"]
    assert (result.goals, result.checkins) == (4, 1)
    assert [(g["metric"], g["platform"], g["category"]) for g in goals] == [
        ("video_views", "youtube", "awareness"),
        ("engagement_rate", "instagram", "community"),
        ("Pizza orders by phone", "website", "conversions"),
        ("reach", "x", ""),
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_custom_metrics_and_platforms_survive_export_import_export(services: Any, fmt: str) -> None:
    import_file(services, team_id="T1", text=json.dumps(WRITTEN_WITH_NAMES))
    first = export(services, "T1", fmt)

    # Fresh workspaces: the goals get other numbers, but their references stay
    # (the CLI test below does the same into a fresh database).
    import_file(services, team_id="T2", text=first)
    second = export(services, "T2", fmt)
    import_file(services, team_id="T3", text=second)

    assert second == first
    assert export(services, "T3", fmt) == first
    assert "Pizza orders by phone" in first and "custom" not in first


NOT_GOALS = [
    ("", "the file is empty; expected JSON or CSV"),
    ("   \n\n", "the file is empty"),
    ("myhost.example\n", "neither JSON nor CSV"),
    ("\x00\x01binary", "neither JSON nor CSV"),
    ('{"name": "not goals"}', 'expected {"goals": [...]'),
    ("42", "neither JSON nor CSV"),
    ('"text"', "neither JSON nor CSV"),
    ("[1, 2]", "goal row: expected an object"),
    ('{"goals": {"title": "A"}}', "goals and checkins must be lists"),
]


@pytest.mark.parametrize(("text", "said"), NOT_GOALS)
def test_a_file_that_holds_no_goals_is_refused_clearly(
    services: Any, db: Engine, text: str, said: str
) -> None:
    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T1", text=text)

    assert said in str(rejected.value)
    assert counts(db) == (0, 0)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"metric": "12000"}, "goal metric: '12000' is not a metric name"),
        ({"platform": "myspace"}, "(one of instagram, youtube, tiktok,"),
        ({"unit": "apples"}, "'apples' is not one of count, percent"),
    ],
)
def test_a_refusal_lists_the_real_choices(services: Any, change: dict[str, str], said: str) -> None:
    goal = {"title": "A", "target": "1", "deadline": "2026-12-31", **change}

    with pytest.raises(ImportRejected) as rejected:
        import_file(services, team_id="T1", text=json.dumps([goal]))

    assert said in str(rejected.value)


@pytest.mark.skipif(database_kind() != "sqlite", reason="the CLI test uses its own SQLite file")
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"myhost\n", "neither JSON nor CSV"),
        (b"", "the file is empty"),
        (b"\xff\xfe\x00\x00\x89PNG", "not a text file"),
        (b'{"version": 2}', 'expected {"goals"'),
    ],
)
def test_cli_refuses_a_file_that_holds_no_goals_with_exit_1(
    tmp_path: Path, content: bytes, said: str
) -> None:
    odd = tmp_path / "hostname"
    odd.write_bytes(content)

    result = run_cli("import", str(odd), env={"DATABASE_URL": f"sqlite:///{tmp_path}/h.db"})

    assert result.returncode == 1
    assert said in result.stderr and "Traceback" not in result.stderr
    assert "Imported" not in result.stdout


@pytest.mark.skipif(database_kind() != "sqlite", reason="the CLI test uses its own SQLite file")
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cli_export_import_export_into_a_fresh_database_gives_the_same_bytes(
    tmp_path: Path, fmt: str
) -> None:
    names = tmp_path / "names.json"
    names.write_text(json.dumps({"goals": WRITTEN_WITH_NAMES}), encoding="utf-8")
    first_db = {"DATABASE_URL": f"sqlite:///{tmp_path}/first.db"}
    fresh_db = {"DATABASE_URL": f"sqlite:///{tmp_path}/fresh.db"}
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"

    assert run_cli("import", str(names), env=first_db).returncode == 0
    run_cli("export", "--format", fmt, "--output", str(first), env=first_db)
    assert run_cli("import", str(first), env=fresh_db).returncode == 0
    run_cli("export", "--format", fmt, "--output", str(second), env=fresh_db)

    assert second.read_bytes() == first.read_bytes()
    assert b"Pizza orders by phone" in first.read_bytes()


PERIODS_FILE = """record,id,title,metric,target,period,deadline
goal,reach-m,Reach 50k a month,reach,50000,monthly,2026-12-31
goal,signups,Sign-ups,sign ups,800,,2026-12-31
goal,views-w,Views,video views,9000,a week,2026-12-31
"""


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_targets_period_goes_out_and_comes_back(services: Any, fmt: str) -> None:
    import_file(services, team_id="T1", text=PERIODS_FILE)
    first = export(services, "T1", fmt)
    import_file(services, team_id="T2", text=first)

    with Session(services.engine) as session:
        periods = session.exec(select(Goal.external_id, Goal.period).where(Goal.team_id == "T2"))
        assert sorted(periods.all()) == [("reach-m", "monthly"), ("signups", None),
                                         ("views-w", "weekly")]  # fmt: skip
    assert export(services, "T2", fmt) == first


def test_a_period_it_cannot_read_is_named_with_its_line(services: Any) -> None:
    with pytest.raises(ImportRejected, match="period: 'fortnightly' is not one of weekly"):
        import_file(services, team_id="T1", text=PERIODS_FILE.replace("monthly", "fortnightly"))
