"""Reading analytics exports: the Meta Business Suite layout, any dated table, and the
problems of a file that cannot be read whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.analytics_files import (
    MAX_PROBLEMS,
    AnalyticsFile,
    Layout,
    describe_problems,
    read_analytics_file,
)
from bot.core.kpis import MetricKey
from bot.core.platforms import PlatformKey

SAMPLES = Path(__file__).parents[1] / "data" / "analytics"


def read(text: str, filename: str = "export.csv") -> AnalyticsFile:
    found = read_analytics_file(text.encode(), filename)
    assert isinstance(found, AnalyticsFile), found
    return found


def problems(text: str) -> list[str]:
    found = read_analytics_file(text.encode(), "export.csv")
    assert not isinstance(found, AnalyticsFile), found
    return describe_problems(found)


def test_a_meta_business_suite_export_in_utf16_names_its_metric_and_platform() -> None:
    found = read_analytics_file((SAMPLES / "instagram_reach_meta.csv").read_bytes(), "x.csv")

    assert isinstance(found, AnalyticsFile)
    [series] = found.series
    assert found.layout is Layout.META
    assert series.metric.key is MetricKey.REACH
    assert series.platform is not None and series.platform.key is PlatformKey.INSTAGRAM
    assert series.points[0] == (date(2025, 10, 13), Decimal(30100))
    assert series.points[-1] == (date(2025, 11, 23), Decimal(41200))


def test_a_table_gives_one_series_per_value_column_with_durations_in_seconds() -> None:
    found = read_analytics_file((SAMPLES / "youtube_channel.csv").read_bytes(), "youtube.csv")

    assert isinstance(found, AnalyticsFile)
    by_metric = {s.metric.key: s for s in found.series}
    assert set(by_metric) == {MetricKey.VIDEO_VIEWS, MetricKey.WATCH_TIME, MetricKey.FOLLOWERS}
    assert by_metric[MetricKey.WATCH_TIME].points[0][1] == Decimal("35.5") * 3600
    assert all(s.platform and s.platform.key is PlatformKey.YOUTUBE for s in found.series)


@pytest.mark.parametrize(
    ("header", "metric"),
    [
        ("Tarih,Erişim", MetricKey.REACH),  # Turkish
        ("Ngày,Lượt tiếp cận", MetricKey.REACH),  # Vietnamese
        ("تاریخ,فالوور", MetricKey.FOLLOWERS),  # Persian
        ("Data,Urmăritori", MetricKey.FOLLOWERS),  # Romanian
        ("Day;Sessions", MetricKey.SESSIONS),  # semicolons, as European spreadsheets write
        ("Date\tImpressions", MetricKey.IMPRESSIONS),  # tabs
    ],
)
def test_columns_are_named_in_five_languages_and_any_common_delimiter(
    header: str, metric: MetricKey
) -> None:
    delimiter = next(d for d in ",;\t" if d in header)
    found = read(f"{header}\n2025-11-23{delimiter}41200\n")

    assert found.series[0].metric.key is metric


def test_a_column_outside_the_catalogue_is_kept_under_its_own_name() -> None:
    [series] = read("Date,Pizza orders\n2025-11-23,12\n").series

    assert (series.metric.key, series.metric.name) == (MetricKey.CUSTOM, "Pizza orders")


@pytest.mark.parametrize(
    ("cells", "first"),
    [
        (["11/23/2025", "11/30/2025"], date(2025, 11, 23)),  # month first, as LinkedIn writes
        (["23/11/2025", "30/11/2025"], date(2025, 11, 23)),  # day first
        (["23.11.2025", "30.11.2025"], date(2025, 11, 23)),
        (["2025-11-23 00:00:00", "2025-11-30 00:00:00"], date(2025, 11, 23)),
        (["05/05/2025", "06/06/2025"], date(2025, 5, 5)),  # the same either way
    ],
)
def test_slashed_dates_are_read_as_the_column_allows(cells: list[str], first: date) -> None:
    rows = "".join(f"{cell},{n}\n" for n, cell in enumerate(cells, 1))
    [series] = read("Date,Reach\n" + rows).series

    assert series.points[0] == (first, Decimal(1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date,Reach\n03/04/2025,5\n", "line 2: '03/04/2025' could be 3/4 or 4/3"),
        ("Date,Reach\n2025-11-31,5\n", "line 2: '2025-11-31' is not a date"),
        ("Date,Reach\n2025-11-23,lots\n", "line 2: Reach: 'lots' is not a number"),
        ("Date,Reach\n2025-11-23,5\n2025-11-23,6\n", "line 3: Reach: 2025-11-23 appears twice"),
        ("Date,Reach\n,5\n", "line 2: a row without a date"),
        ("Reach,Followers\n5,6\n", "line 1: no header row with a date column"),
        ("Date,Reach\n2025-11-23,\n", "no values: every value column is empty"),
        ("", "line 1: no header row with a date column"),
    ],
)
def test_a_file_with_problems_lists_them_by_line_and_gives_no_values(
    text: str, expected: str
) -> None:
    assert problems(text)[0].startswith(expected)


def test_a_file_that_is_not_text_is_refused_with_what_to_export() -> None:
    found = read_analytics_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "chart.png")

    assert not isinstance(found, AnalyticsFile)
    assert "export it as CSV" in found[0].message


def test_many_problems_are_listed_up_to_a_limit_and_counted() -> None:
    rows = "".join(f"2025-01-{day:02d},x\n" for day in range(1, 31))

    shown = problems("Date,Reach\n" + rows)

    assert len(shown) == MAX_PROBLEMS + 1 and shown[-1] == "…and 10 more"


@given(st.binary(max_size=400))
def test_any_bytes_give_series_or_problems_never_an_exception(data: bytes) -> None:
    found = read_analytics_file(data, "any.csv")

    assert isinstance(found, AnalyticsFile) or len(found) >= 1


@given(st.text(max_size=300))
def test_any_text_under_a_dated_header_gives_series_or_problems(text: str) -> None:
    found = read_analytics_file(("Date,Reach\n" + text).encode(), "any.csv")

    assert isinstance(found, AnalyticsFile) or all(p.message for p in found)
