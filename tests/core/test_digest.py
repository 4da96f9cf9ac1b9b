"""The digest of a known team on a frozen Monday: counts, sections and who is chased."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.core.digest import Reason, compose_digest
from bot.core.period import Period
from bot.core.progress import Status
from bot.render.digest import headline, highlight_reason, period_change
from tests.digest_data import NOW, TEAM_GOALS, tracked


def weekly():
    return compose_digest(tracked(), period=Period.WEEKLY, now=NOW)


@pytest.mark.parametrize(
    ("status", "count"),
    [
        (Status.ON_TRACK, 2),
        (Status.AT_RISK, 1),
        (Status.OFF_TRACK, 1),
        (Status.ACHIEVED, 1),
        (Status.NO_DATA, 1),
        (Status.MISSED, 0),
    ],
)
def test_the_headline_counts_each_status(status: Status, count: int) -> None:
    assert weekly().count(status) == count


def test_the_headline_reads_in_one_line() -> None:
    assert headline(weekly()) == (
        "2 on track · 1 at risk · 1 off track · 1 achieved · 1 no check-in yet"
    )


def test_goals_needing_attention_are_listed_first() -> None:
    assert [line.title for line in weekly().lines] == [
        "Reply within an hour",
        "Newsletter sign-ups",
        "TikTok views",
        "Engagement rate 5%",
        "Instagram reach 60k",
        "YouTube subscribers 5k",
    ]


@pytest.mark.parametrize(
    ("title", "value", "delta", "change"),
    [
        ("Instagram reach 60k", "47k / 60k", "3000", "+3k (+6.82%) since last week"),
        ("Newsletter sign-ups", "250 / 1k", "50", "+50 (+25%) since last week"),
        ("Engagement rate 5%", "4.5% / 5%", "-0.1", "-0.1 pts since last week"),
        ("Reply within an hour", "1h 53m 20s / 1h", None, "no change to compare since last week"),
        ("TikTok views", "– / 100k", None, "no change to compare since last week"),
    ],
)
def test_each_line_shows_value_against_target_and_the_change(
    title: str, value: str, delta: str | None, change: str
) -> None:
    line = next(line for line in weekly().lines if line.title == title)
    assert line.value == value
    assert (line.change and line.change.delta) == (delta and Decimal(delta))
    assert period_change(line, Period.WEEKLY) == change


@pytest.mark.parametrize(
    ("section", "title", "reason", "words"),
    [
        ("wins", "YouTube subscribers 5k", Reason.TARGET_REACHED, "target reached"),
        (
            "wins",
            "Instagram reach 60k",
            Reason.GAINING,
            "+3k (+6.82%) since last week, +15 points of the way",
        ),
        (
            "losses",
            "Reply within an hour",
            Reason.OFF_TRACK,
            "off track (11% done, plan says 37%)",
        ),
        ("losses", "Engagement rate 5%", Reason.FALLING, "falling: -0.1 pts since last week"),
        ("opportunities", "Engagement rate 5%", Reason.CLOSE, "close: +0.5 pts to go"),
    ],
)
def test_each_highlight_says_why_in_a_few_words(
    section: str, title: str, reason: Reason, words: str
) -> None:
    item = next(item for item in getattr(weekly(), section) if item.title == title)
    assert item.reason is reason
    assert highlight_reason(item, Period.WEEKLY) == words


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("wins", ["YouTube subscribers 5k", "Instagram reach 60k", "Newsletter sign-ups"]),
        ("losses", ["Reply within an hour", "Engagement rate 5%"]),
        ("opportunities", ["Newsletter sign-ups", "Engagement rate 5%"]),
    ],
)
def test_sections_name_the_right_goals(section: str, expected: list[str]) -> None:
    assert [item.title for item in getattr(weekly(), section)] == expected


def test_an_at_risk_goal_comes_with_the_pace_that_recovers_it() -> None:
    newsletter = next(o for o in weekly().opportunities if o.title == "Newsletter sign-ups")
    assert (newsletter.reason, newsletter.amount) == (Reason.RECOVERY_PACE, Decimal(140))
    assert highlight_reason(newsletter, Period.WEEKLY) == "+140 a week gets it back on course"


def test_only_owners_without_a_check_in_this_week_are_chased() -> None:
    assert weekly().not_checked_in == ("U2",)


def test_the_monthly_digest_compares_month_over_month() -> None:
    monthly = compose_digest(tracked(), period=Period.MONTHLY, now=NOW)
    instagram = next(line for line in monthly.lines if line.title == "Instagram reach 60k")

    assert monthly.since == NOW - timedelta(days=30)
    assert period_change(instagram, Period.MONTHLY) == "+7k (+17.5%) since last month"
    assert monthly.not_checked_in == ("U2",)  # TikTok views: never checked in


def test_an_empty_team_has_an_all_zero_headline() -> None:
    empty = compose_digest([], period=Period.WEEKLY, now=NOW)
    assert headline(empty) == "0 on track · 0 at risk · 0 off track · 0 achieved"
    assert (empty.wins, empty.losses, empty.not_checked_in) == ((), (), ())


def test_the_dataset_has_one_goal_per_spec() -> None:
    assert len(tracked()) == len(TEAM_GOALS)
