"""Hostile import files: junk JSON and CSV, wrong types, huge numbers, duplicate ids.

`import_file` either imports the whole file or raises `ImportRejected` listing the
problems, and then nothing in the database has changed. Nothing else may escape.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.services.transfer import ImportRejected, ImportResult, import_file
from tests.harness import NOW, TEAM, make_services
from tests.scenarios.hostile import fuzz_settings, hostile_text, table_checksum

GOAL_FIELDS = ["id", "title", "why", "category", "metric", "platform", "unit", "direction",
               "baseline", "target", "period", "start", "deadline", "owner", "channel", "status",
               "objective"]  # fmt: skip
CHECKIN_FIELDS = ["goal", "value", "at", "author", "note"]

odd_values = st.one_of(
    st.sampled_from(
        ["g1", "g2", "41200", "1e400", "-1e400", "9" * 80, "0.000000000000000000000001",
         "NaN", "Infinity", "1,2,3", "2026-12-31", "0001-01-01", "9999-12-31",
         "2026-12-31T25:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
         "count", "percent", "currency:EUR", "currency:€€€", "increase", "decrease",
         "instagram", "reach", "okr", "archived", "U1", "C1", ""]
    ),
    hostile_text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip

goal_rows = st.fixed_dictionaries(
    {"id": st.sampled_from(["g1", "g2", "g1 "]), "title": hostile_text},
    optional={f: odd_values for f in GOAL_FIELDS if f not in ("id", "title")},
)
checkin_rows = st.fixed_dictionaries(
    {"goal": st.sampled_from(["g1", "g2", "g3"])},
    optional={f: odd_values for f in CHECKIN_FIELDS if f != "goal"},
)
row_lists = st.lists(st.one_of(goal_rows, odd_values), max_size=4)


def as_json(goals: list[Any], checkins: list[Any]) -> str:
    return json.dumps({"goals": goals, "checkins": checkins}, indent=1)


def as_csv(goals: list[Any], checkins: list[Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["record", *GOAL_FIELDS, *CHECKIN_FIELDS], extrasaction="ignore")
    writer.writeheader()
    for kind, rows in (("goal", goals), ("checkin", checkins)):
        for row in rows:
            if isinstance(row, dict):
                writer.writerow({"record": kind, **{k: str(v) for k, v in row.items()}})
    return out.getvalue()


files = st.one_of(
    st.builds(as_json, row_lists, st.lists(st.one_of(checkin_rows, odd_values), max_size=4)),
    st.builds(as_csv, st.lists(goal_rows, max_size=4), st.lists(checkin_rows, max_size=4)),
    st.builds(lambda g, c: as_json(g, c)[: len(as_json(g, c)) // 2], row_lists, row_lists),
    st.recursive(
        st.none() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(["goals", "checkins", "x"]), inner, max_size=3)
        ),
        max_leaves=8,
    ).map(json.dumps),
    hostile_text,
)


def test_import_files_are_imported_whole_or_refused_with_nothing_changed(db: Engine) -> None:
    services = make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")
    import_file(
        services,
        team_id=TEAM,
        text=as_json(
            [{"id": "g1", "title": "Reach", "target": "60000", "deadline": "2026-12-31"}], []
        ),
    )

    @fuzz_settings(150)
    @given(text=files)
    def run(text: str) -> None:
        before = table_checksum(db)
        try:
            result = import_file(services, team_id=TEAM, text=text)
        except ImportRejected as refused:
            assert refused.problems and str(refused).startswith("nothing imported")
            assert table_checksum(db) == before
        else:
            assert isinstance(result, ImportResult)

    run()
