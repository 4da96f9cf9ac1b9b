"""Progress analytics: what a team sees in check-in replies, reminders and digests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.core.okr_scores import ScoreVerdict, kr_score, objective_score, score_verdict
from bot.core.progress import (
    STATUS_RULES,
    GoalFigures,
    Status,
    assess,
    expected_progress,
    expected_value,
    progress,
    progress_bar,
    required_per,
)
from bot.core.trend import (
    Change,
    Point,
    change_since,
    change_since_last,
    eta,
    forecast,
    trend_per_week,
)
from bot.core.values import Direction, Unit

UP = Direction.INCREASE
DOWN = Direction.DECREASE
D = Decimal


def jan(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day - 1, hours=hour)


def points(*pairs: tuple[int, str]) -> list[Point]:
    """Check-ins as (day of January 2026, value)."""
    return [Point(jan(day), D(value)) for day, value in pairs]


# Followers 400 -> 700 over January (30 days: halfway is Jan 16).
FOLLOWERS = GoalFigures(D("400"), D("700"), UP, jan(1), jan(31))
NO_BASELINE = GoalFigures(None, D("700"), UP, jan(1), jan(31))
# Response time 120 s -> 60 s over the same month (lower is better).
RESPONSE_TIME = GoalFigures(D("120"), D("60"), DOWN, jan(1), jan(31), Unit.DURATION)
NO_BASELINE = GoalFigures(None, D("700"), UP, jan(1), jan(31))


@pytest.mark.parametrize(
    ("baseline", "target", "current", "direction", "expected"),
    [
        ("400", "480", "440", UP, "0.5000"),
        ("120", "60", "90", DOWN, "0.5000"),
        ("400", "480", "520", UP, "1.5000"),  # past the target
        ("400", "480", "380", UP, "-0.2500"),  # below the baseline
        ("120", "60", "150", DOWN, "-0.5000"),  # worse than the baseline, lower-is-better
        ("120", "60", "45", DOWN, "1.2500"),
        ("0", "3", "1", UP, "0.3333"),
        ("50", "50", "50", UP, "1"),  # baseline == target, met
        ("50", "50", "49", UP, "0"),  # baseline == target, short
        ("50", "50", "49", DOWN, "1"),
        ("50", "50", "51", DOWN, "0"),
    ],
)
def test_progress_is_the_share_of_the_way_from_baseline_to_target(
    baseline: str, target: str, current: str, direction: Direction, expected: str
) -> None:
    assert progress(D(baseline), D(target), D(current), direction) == D(expected)


@pytest.mark.parametrize(
    ("baseline", "current"), [(D("400"), None), (None, D("440")), (None, None)]
)
def test_progress_is_unknown_without_a_current_value_or_baseline(
    baseline: Decimal | None, current: Decimal | None
) -> None:
    assert progress(baseline, D("480"), current, UP) is None


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (jan(1) - timedelta(days=3), "0"),
        (jan(1), "0"),
        (jan(4), "0.1000"),
        (jan(16), "0.5000"),
        (jan(31), "1"),
        (jan(31) + timedelta(days=9), "1"),
    ],
)
def test_expected_progress_runs_linearly_from_start_to_deadline(
    at: datetime, expected: str
) -> None:
    assert expected_progress(jan(1), jan(31), at) == D(expected)
    assert expected_value(D("400"), D("700"), jan(1), jan(31), at) == (
        D("400") + D("300") * D(expected)
    ).quantize(D("0.01"))


def test_expected_value_goes_down_for_lower_is_better_metrics() -> None:
    assert expected_value(D("120"), D("60"), jan(1), jan(31), jan(16)) == D("90.00")


@pytest.mark.parametrize(
    ("case", "figures", "check_ins", "now", "status"),
    [
        ("no baseline, nothing reported", NO_BASELINE, [], jan(16), Status.NO_DATA),
        ("just set, at its baseline", FOLLOWERS, [], jan(1, 1), Status.ON_TRACK),
        ("still at its baseline halfway", FOLLOWERS, [], jan(16), Status.OFF_TRACK),
        ("still at its baseline at the deadline", FOLLOWERS, [], jan(31, 1), Status.MISSED),
        ("target reached", FOLLOWERS, [(10, "700")], jan(16), Status.ACHIEVED),
        ("target passed", FOLLOWERS, [(10, "720")], jan(16), Status.ACHIEVED),
        ("reached after the deadline too", FOLLOWERS, [(30, "720")], jan(31, 1), Status.ACHIEVED),
        ("lower-is-better reached", RESPONSE_TIME, [(12, "55")], jan(16), Status.ACHIEVED),
        ("deadline passed short", FOLLOWERS, [(30, "690")], jan(31, 1), Status.MISSED),
        ("deadline passed, lower-is-better", RESPONSE_TIME, [(30, "61")], jan(31), Status.MISSED),
        ("exactly on plan", FOLLOWERS, [(16, "550")], jan(16), Status.ON_TRACK),
        ("within 10 points of plan", FOLLOWERS, [(16, "521")], jan(16), Status.ON_TRACK),
        ("lower-is-better on plan", RESPONSE_TIME, [(16, "90")], jan(16), Status.ON_TRACK),
        ("20 points behind", FOLLOWERS, [(16, "490")], jan(16), Status.AT_RISK),
        ("25 points behind", FOLLOWERS, [(16, "475")], jan(16), Status.AT_RISK),
        ("40 points behind", FOLLOWERS, [(16, "430")], jan(16), Status.OFF_TRACK),
        ("below the baseline", FOLLOWERS, [(16, "380")], jan(16), Status.OFF_TRACK),
        ("lower-is-better getting worse", RESPONSE_TIME, [(16, "130")], jan(16), Status.OFF_TRACK),
        (
            "a dip after a strong run: the trend still gets there",
            FOLLOWERS,
            [(15, "650"), (16, "490")],
            jan(16),
            Status.ON_TRACK,
        ),
        (
            "no baseline: first check-in starts the plan",
            NO_BASELINE,
            [(6, "500"), (16, "600")],
            jan(16),
            Status.ON_TRACK,
        ),
    ],
)
def test_status_follows_the_documented_rules(
    case: str,
    figures: GoalFigures,
    check_ins: list[tuple[int, str]],
    now: datetime,
    status: Status,
) -> None:
    assert assess(figures, points(*check_ins), now).status is status, case


def test_status_rules_table_lists_every_status_once_in_checking_order() -> None:
    listed = [status for status, _ in STATUS_RULES]
    assert sorted(listed) == sorted(Status)
    assert listed[:3] == [Status.NO_DATA, Status.ACHIEVED, Status.MISSED]


def test_assess_bundles_what_a_check_in_reply_shows() -> None:
    result = assess(FOLLOWERS, points((16, "550"), (2, "410"), (9, "480")), jan(16, 12))
    assert result.current == D("550")
    assert result.last_at == jan(16)
    assert result.baseline == D("400")
    assert result.progress == D("0.5000")
    assert result.expected == D("0.5167")
    assert result.expected_value == D("555.00")
    assert result.change_last == Change(jan(9), D("480"), jan(16), D("550"), D("70"), D("14.58"))
    assert result.change_week == result.change_last
    assert result.change_month is None
    # 150 more followers in 14.5 days.
    assert result.required_per_week == D("72.41")
    assert result.required_per_month == D("310.34")
    assert result.forecast is not None and result.eta is not None


def test_missing_baseline_uses_the_first_check_in() -> None:
    result = assess(NO_BASELINE, points((6, "500"), (16, "600")), jan(16))
    assert result.baseline == D("500")
    assert result.progress == D("0.5000")
    assert result.expected == D("0.4000")  # 10 of the 25 days from the first check-in
    assert result.expected_value == D("580.00")


def test_check_ins_after_now_are_not_seen() -> None:
    result = assess(FOLLOWERS, points((10, "500"), (20, "700")), jan(16))
    assert result.current == D("500")
    assert result.status is not Status.ACHIEVED


def test_no_baseline_and_no_check_ins_gives_no_numbers() -> None:
    result = assess(NO_BASELINE, [], jan(16))
    assert (result.current, result.progress, result.change_last) == (None, None, None)
    assert (result.required_per_week, result.eta, result.expected_value) == (None, None, None)
    assert result.forecast is None


def test_the_baseline_is_the_first_point_before_any_check_in() -> None:
    result = assess(FOLLOWERS, [], jan(16))
    # The baseline is a value, not a check-in: nobody has checked in yet.
    assert (result.current, result.last_at, result.progress) == (D("400"), None, D("0"))
    assert result.expected_value == D("550.00")
    assert result.change_last is None and result.forecast is None
    assert result.required_per_week is not None


def test_the_last_check_in_is_the_latest_check_in_not_the_baseline() -> None:
    assert assess(FOLLOWERS, points((8, "450")), jan(16)).last_at == jan(8)


def test_the_first_check_in_changes_from_the_baseline() -> None:
    change = assess(FOLLOWERS, points((8, "450")), jan(8)).change_last
    assert change is not None
    assert (change.then_at, change.then_value, change.delta) == (jan(1), D("400"), D("50"))


def test_achieved_goal_needs_nothing_more_and_has_no_eta() -> None:
    result = assess(FOLLOWERS, points((10, "720")), jan(16))
    assert result.required_per_week == D("0.00")
    assert result.eta is None


def test_after_the_deadline_no_rate_is_required() -> None:
    result = assess(FOLLOWERS, points((30, "600")), jan(31, 1))
    assert result.required_per_week is None
    assert result.required_per_month is None


def test_milestones_get_no_trend_or_rates() -> None:
    milestone = GoalFigures(D("0"), D("1"), UP, jan(1), jan(31), Unit.MILESTONE)
    result = assess(milestone, points((5, "0"), (10, "0")), jan(16))
    assert (result.forecast, result.eta, result.required_per_week) == (None, None, None)


def test_goal_figures_need_aware_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        GoalFigures(D("1"), D("2"), UP, datetime(2026, 1, 1), jan(31))


@pytest.mark.parametrize(
    ("case", "check_ins", "target", "direction", "at_deadline", "reaches_at"),
    [
        ("two points", [(1, "400"), (8, "420")], "480", UP, "485.71", jan(29)),
        (
            "three points on a line",
            [(1, "400"), (11, "500"), (21, "600")],
            "700",
            UP,
            "700.00",
            jan(31),
        ),
        (
            "given out of order",
            [(21, "600"), (1, "400"), (11, "500")],
            "700",
            UP,
            "700.00",
            jan(31),
        ),
        (
            "noisy points",
            [(1, "400"), (11, "520"), (21, "580")],
            "700",
            UP,
            "680.00",
            datetime(2026, 2, 2, 5, 20, tzinfo=UTC),
        ),
        ("lower is better", [(1, "120"), (16, "90")], "60", DOWN, "60.00", jan(31)),
        ("flat line", [(1, "400"), (16, "400")], "700", UP, "400.00", None),
        ("moving away", [(1, "400"), (16, "380")], "700", UP, "360.00", None),
        ("lower-is-better getting worse", [(1, "120"), (16, "130")], "60", DOWN, "140.00", None),
    ],
)
def test_forecast_and_eta_follow_the_least_squares_trend(
    case: str,
    check_ins: list[tuple[int, str]],
    target: str,
    direction: Direction,
    at_deadline: str,
    reaches_at: datetime | None,
) -> None:
    trend = points(*check_ins)
    assert forecast(trend, jan(31)) == D(at_deadline), case
    assert eta(trend, D(target), direction) == reaches_at, case


@pytest.mark.parametrize(
    "check_ins",
    [[], [(5, "400")], [(5, "400"), (5, "420")]],
    ids=["none", "one", "same moment"],
)
def test_no_trend_without_two_distinct_moments(check_ins: list[tuple[int, str]]) -> None:
    assert forecast(points(*check_ins), jan(31)) is None
    assert eta(points(*check_ins), D("700"), UP) is None


def test_eta_beyond_the_calendar_is_unknown() -> None:
    crawl = [Point(jan(1), D("0")), Point(jan(1) + timedelta(days=3000), D("0.000001"))]
    assert eta(crawl, D("1e12"), UP) is None


WEEKS = points((1, "400"), (8, "420"), (15, "450"), (22, "455"))


@pytest.mark.parametrize(
    ("now", "days", "then_at", "then_value", "now_value", "delta", "pct"),
    [
        (jan(22), 7, jan(15), "450", "455", "5", "1.11"),
        (jan(21), 7, jan(8), "420", "450", "30", "7.14"),  # then = last at or before Jan 14
        (jan(31), 30, jan(1), "400", "455", "55", "13.75"),
        (jan(22), 21, jan(1), "400", "455", "55", "13.75"),
    ],
)
def test_change_since_compares_with_the_last_check_in_before_the_window(
    now: datetime,
    days: int,
    then_at: datetime,
    then_value: str,
    now_value: str,
    delta: str,
    pct: str,
) -> None:
    change = change_since(WEEKS, now=now, days=days)
    assert change is not None
    assert (change.then_at, change.then_value, change.now_value) == (
        then_at,
        D(then_value),
        D(now_value),
    )
    assert (change.delta, change.pct) == (D(delta), D(pct))


@pytest.mark.parametrize(
    ("check_ins", "now", "days"),
    [
        ([(1, "400"), (8, "420")], jan(10), 30),  # nothing old enough
        ([(1, "400")], jan(20), 7),  # nothing new in the last week
        ([], jan(20), 7),
    ],
)
def test_change_since_is_unknown_without_two_check_ins_across_the_window(
    check_ins: list[tuple[int, str]], now: datetime, days: int
) -> None:
    assert change_since(points(*check_ins), now=now, days=days) is None


def test_change_since_last_compares_the_two_latest_check_ins() -> None:
    change = change_since_last(points((9, "480"), (2, "410"), (16, "456")))
    assert change == Change(jan(9), D("480"), jan(16), D("456"), D("-24"), D("-5.00"))
    assert change_since_last(points((9, "480"))) is None


def test_change_from_zero_has_no_percentage() -> None:
    change = change_since_last(points((1, "0"), (2, "15")))
    assert change is not None and change.delta == D("15") and change.pct is None


@pytest.mark.parametrize(
    ("current", "target", "now", "days", "expected"),
    [
        ("440", "480", jan(1), 7, "10.00"),  # 40 more over four weeks
        ("90", "60", jan(1), 7, "-7.50"),  # lower is better: a signed drop per week
        ("440", "480", jan(1), 28, "40.00"),
        ("500", "480", jan(1), 7, "-5.00"),  # already past: could lose ground
        ("440", "480", jan(29), 7, None),  # deadline reached
    ],
)
def test_required_per_spreads_the_remaining_change_over_the_time_left(
    current: str, target: str, now: datetime, days: int, expected: str | None
) -> None:
    needed = required_per(D(current), D(target), now=now, deadline=jan(29), days=days)
    assert needed == (None if expected is None else D(expected))


@pytest.mark.parametrize(
    ("fraction", "score"),
    [
        (D("0.6547"), "0.65"),
        (D("0.655"), "0.66"),
        (D("1.4"), "1.00"),
        (D("-0.3"), "0.00"),
        (None, "0.00"),
    ],
)
def test_kr_score_is_progress_clamped_to_zero_one(fraction: Decimal | None, score: str) -> None:
    assert kr_score(fraction) == D(score)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (["0.5", "0.7", "1.0"], "0.73"),
        (["0.6", "0.7", "0.65"], "0.65"),
        (["0"], "0.00"),
    ],
)
def test_objective_score_averages_its_key_results(scores: list[str], expected: str) -> None:
    assert objective_score([D(score) for score in scores]) == D(expected)


def test_objective_without_key_results_has_no_score() -> None:
    assert objective_score([]) is None


@pytest.mark.parametrize(
    ("score", "verdict"),
    [
        ("0", ScoreVerdict.BEHIND),
        ("0.39", ScoreVerdict.BEHIND),
        ("0.4", ScoreVerdict.PROGRESSING),
        ("0.59", ScoreVerdict.PROGRESSING),
        ("0.6", ScoreVerdict.SUCCESS),
        ("0.7", ScoreVerdict.SUCCESS),
        ("0.71", ScoreVerdict.AHEAD),
        ("0.99", ScoreVerdict.AHEAD),
        ("1.0", ScoreVerdict.FULLY_MET),
    ],
)
def test_score_verdict_reads_scores_as_stretch_targets(score: str, verdict: ScoreVerdict) -> None:
    assert score_verdict(D(score)) is verdict


@pytest.mark.parametrize(
    ("fraction", "width", "bar"),
    [
        (D("0.4"), 10, "▓▓▓▓░░░░░░ 40%"),
        (D("0"), 10, "░░░░░░░░░░ 0%"),
        (D("1"), 10, "▓▓▓▓▓▓▓▓▓▓ 100%"),
        (D("0.999"), 10, "▓▓▓▓▓▓▓▓▓░ 99%"),
        (D("1.2"), 10, "▓▓▓▓▓▓▓▓▓▓ 120%"),
        (D("-0.15"), 10, "░░░░░░░░░░ -15%"),
        (D("-0.001"), 10, "░░░░░░░░░░ 0%"),
        (D("0.5"), 4, "▓▓░░ 50%"),
        (None, 10, "no data"),
    ],
)
def test_progress_bar_shows_a_clamped_bar_and_the_true_percentage(
    fraction: Decimal | None, width: int, bar: str
) -> None:
    assert progress_bar(fraction, width) == bar


@pytest.mark.parametrize(
    ("case", "series", "per_week"),
    [
        ("one goal, +40 in two weeks", [[(1, "400"), (15, "440")]], "20.00"),
        ("two goals at different levels", [[(1, "400"), (15, "440")], [(1, "9000"), (8, "9100")]],
         "60.00"),
        ("falling", [[(1, "120"), (15, "100")]], "-10.00"),
        ("a goal with one check-in is left out", [[(1, "400"), (15, "440")], [(3, "50")]],
         "20.00"),
        ("no goal with two moments", [[(1, "400")], [], [(5, "1"), (5, "2")]], None),
    ],
)  # fmt: skip
def test_trend_per_week_averages_each_goals_own_line(
    case: str, series: list[list[tuple[int, str]]], per_week: str | None
) -> None:
    found = trend_per_week([points(*goal) for goal in series])
    assert found == (D(per_week) if per_week else None), case
