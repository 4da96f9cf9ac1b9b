"""A flow metric's period read from what people type, in the five languages."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.kpis import catalogue, is_flow
from bot.core.period import IN_TOTAL, Period, PeriodSaid, read_period
from bot.core.progress import GoalFigures, assess
from bot.core.trend import Point
from bot.core.values import Direction

MONTHLY, WEEKLY = Period.MONTHLY, Period.WEEKLY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50k a month", MONTHLY),
        ("50k per month", MONTHLY),
        ("50,000 monthly", MONTHLY),
        ("50k/mo", MONTHLY),
        ("12k a week", WEEKLY),
        ("2h 30m per week", WEEKLY),
        ("1,000 sign-ups in total", IN_TOTAL),
        ("5 bin/ay", MONTHLY),
        ("ayda 5 bin", MONTHLY),
        ("haftada 2 bin", WEEKLY),
        ("toplamda 800", IN_TOTAL),
        ("50 nghìn mỗi tháng", MONTHLY),
        ("10 nghìn mỗi tuần", WEEKLY),
        ("tổng cộng 800", IN_TOTAL),
        ("۵۰ هزار در ماه", MONTHLY),
        ("۱۰ هزار در هفته", WEEKLY),
        ("در مجموع ۸۰۰", IN_TOTAL),
        ("50k pe lună", MONTHLY),
        ("10k pe săptămână", WEEKLY),
        ("800 în total", IN_TOTAL),
    ],
)
def test_a_period_is_read_in_every_language(text: str, expected: PeriodSaid) -> None:
    assert read_period(text) == expected


@pytest.mark.parametrize(
    "text",
    ["50k", "50k in a month", "50k within a month", "50 nghìn trong một tháng", "total reach 50k",
     "3 ay içinde 50 bin", "50k by the end of the month", "60k, +20% or double it"],
)  # fmt: skip
def test_a_deadline_or_no_period_is_not_read_as_one(text: str) -> None:
    assert read_period(text) is None


@given(st.text(max_size=300))
def test_any_text_reads_as_a_period_or_none(text: str) -> None:
    assert read_period(text) in (None, Period.WEEKLY, Period.MONTHLY, IN_TOTAL)


def test_the_catalogue_marks_flows_and_levels() -> None:
    flows = {k.key.value for k in catalogue() if k.flow}

    assert {"reach", "impressions", "video_views", "sign_ups", "sales_revenue"} <= flows
    assert not flows & {"followers", "engagement_rate", "ctr", "nps", "response_time"}
    assert is_flow("link_clicks") and not is_flow("followers") and not is_flow("custom")


START, DEADLINE = datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 30, tzinfo=UTC)


def _figures(period: Period | None) -> GoalFigures:
    return GoalFigures(
        Decimal(30000), Decimal(50000), Direction.INCREASE, START, DEADLINE, period=period
    )


def test_a_monthly_target_is_judged_by_the_latest_months_figure() -> None:
    months = [Point(datetime(2026, 12, 1, tzinfo=UTC), Decimal(38000)),
              Point(datetime(2027, 1, 1, tzinfo=UTC), Decimal(52000))]  # fmt: skip

    state = assess(_figures(MONTHLY), months, datetime(2027, 1, 2, tzinfo=UTC))

    assert state.current == 52000
    assert state.status.value == "achieved"


def test_a_monthly_targets_pace_is_what_it_means_a_week() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    points = [Point(now, Decimal(38000))]

    monthly = assess(_figures(MONTHLY), points, now)
    total = assess(_figures(None), points, now)

    assert monthly.required_per_week == Decimal("11666.67")  # 50,000 * 7 / 30
    assert monthly.required_per_month == Decimal(50000)
    assert total.required_per_week == Decimal("1400.00")  # 12,000 more in 60 days
