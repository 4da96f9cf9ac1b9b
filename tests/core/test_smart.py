"""The SMART review: each letter's verdict for plans a coach would judge the same way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from bot.core.smart import GoalPlan, Verdict, review
from bot.core.values import Category, Direction, Unit

TODAY = date(2026, 11, 22)
IN_A_MONTH = date(2026, 12, 22)

PIZZERIA = GoalPlan(
    metric_name="Followers",
    unit=Unit.COUNT,
    direction=Direction.INCREASE,
    baseline=Decimal(400),
    target=Decimal(480),
    start=TODAY,
    deadline=IN_A_MONTH,
    scope="Instagram",
    why="more people in the neighbourhood know our pizza",
    category=Category.AWARENESS,
    metric_categories=(Category.AWARENESS, Category.COMMUNITY),
    checkins=4,
)
RESPONSE_TIME = replace(
    PIZZERIA,
    metric_name="Response time",
    unit=Unit.DURATION,
    direction=Direction.DECREASE,
    baseline=Decimal(9000),
    target=Decimal(3600),
    deadline=date(2027, 3, 31),
    category=Category.CUSTOMER_SERVICE,
    metric_categories=(Category.CUSTOMER_SERVICE,),
)


def letter(plan: GoalPlan, name: str) -> tuple[Verdict, str]:
    found = next(x for x in review(plan).letters if x.letter == name)
    return found.verdict, found.reason


ACHIEVABLE = [
    # (case, plan, verdict, words in the reason, proposed target)
    ("pizzeria +20% in a month", PIZZERIA, Verdict.PASS, "realistic", None),
    ("+10,000 followers in a month", replace(PIZZERIA, target=Decimal(10400)), Verdict.FAIL,
     "not realistic", Decimal(500)),
    ("+40% in a month is ambitious", replace(PIZZERIA, target=Decimal(560)), Verdict.WARN,
     "ambitious", Decimal(500)),
    ("+10,000 in a month is a far stretch even for an OKR",
     replace(PIZZERIA, target=Decimal(10400), okr=True), Verdict.WARN, "70 %", None),
    ("+40% as an OKR is a welcome stretch", replace(PIZZERIA, target=Decimal(560), okr=True),
     Verdict.PASS, "stretch", None),
    ("halving response time over four months", RESPONSE_TIME, Verdict.PASS, "realistic", None),
    ("response time to a minute in a month",
     replace(RESPONSE_TIME, target=Decimal(60), deadline=IN_A_MONTH), Verdict.FAIL,
     "not realistic", Decimal(7200)),
    ("followers going down", replace(PIZZERIA, target=Decimal(300)), Verdict.FAIL,
     "wrong way", None),
    ("target equal to today", replace(PIZZERIA, target=Decimal(400)), Verdict.FAIL,
     "today's value", None),
    ("no baseline yet", replace(PIZZERIA, baseline=None), Verdict.WARN, "once there is", None),
    ("from zero", replace(PIZZERIA, baseline=Decimal(0)), Verdict.WARN, "from zero", None),
    ("NPS +5 points a month", replace(PIZZERIA, metric_name="NPS", unit=Unit.SCORE,
     baseline=Decimal(20), target=Decimal(24)), Verdict.PASS, "realistic", None),
    ("NPS +40 points in a month", replace(PIZZERIA, metric_name="NPS", unit=Unit.SCORE,
     baseline=Decimal(20), target=Decimal(60)), Verdict.FAIL, "not realistic", Decimal(25)),
    ("a milestone", replace(PIZZERIA, unit=Unit.MILESTONE, baseline=Decimal(0),
     target=Decimal(1)), Verdict.PASS, "milestone", None),
    ("a fast recent trend makes a big target realistic",
     replace(PIZZERIA, target=Decimal(800), trend_per_week=Decimal(80)), Verdict.PASS,
     "+80 a week in recent check-ins", None),
    ("a target far above the recent trend names the trend",
     replace(PIZZERIA, target=Decimal(10400), trend_per_week=Decimal(12)), Verdict.FAIL,
     "+12 a week in recent check-ins", Decimal(500)),
    ("a slow trend does not make a realistic target less so",
     replace(PIZZERIA, trend_per_week=Decimal(2)), Verdict.PASS, "realistic", None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "plan", "verdict", "words", "proposal"), ACHIEVABLE)
def test_achievable_judges_the_pace_against_the_baseline(
    case: str, plan: GoalPlan, verdict: Verdict, words: str, proposal: Decimal | None
) -> None:
    result = review(plan)
    achievable = result.letters[2]
    assert achievable.verdict is verdict, case
    assert words in achievable.reason, achievable.reason
    assert result.proposed_target == proposal


def test_pace_is_shown_per_week_and_per_month() -> None:
    _, reason = letter(PIZZERIA, "A")
    assert "+19 a week" in reason
    assert "+80 a month" in reason


def test_an_unrealistic_target_says_what_would_be_realistic() -> None:
    _, reason = letter(replace(PIZZERIA, target=Decimal(10400)), "A")
    assert "A realistic target is 500" in reason


OTHER_LETTERS = [
    ("S", PIZZERIA, Verdict.PASS, "Followers to 480 on Instagram"),
    ("S", replace(PIZZERIA, scope=None), Verdict.WARN, "where?"),
    ("S", replace(PIZZERIA, target=None), Verdict.FAIL, "No target"),
    ("M", PIZZERIA, Verdict.PASS, "today it is 400"),
    ("M", replace(PIZZERIA, baseline=None), Verdict.WARN, "first check-in"),
    ("R", PIZZERIA, Verdict.PASS, "brand awareness"),
    ("R", replace(PIZZERIA, category=None), Verdict.WARN, "why"),
    ("R", replace(PIZZERIA, category=Category.CUSTOMER_SERVICE), Verdict.WARN, "not a usual"),
    ("R", replace(PIZZERIA, metric_categories=()), Verdict.PASS, "brand awareness"),
    ("T", PIZZERIA, Verdict.PASS, "4 check-ins"),
    ("T", replace(PIZZERIA, checkins=1), Verdict.WARN, "only one check-in"),
    ("T", replace(PIZZERIA, deadline=None), Verdict.FAIL, "No deadline"),
    ("T", replace(PIZZERIA, deadline=TODAY), Verdict.FAIL, "no time"),
]


@pytest.mark.parametrize(("name", "plan", "verdict", "words"), OTHER_LETTERS)
def test_each_letter_has_a_verdict_and_a_reason(
    name: str, plan: GoalPlan, verdict: Verdict, words: str
) -> None:
    got, reason = letter(plan, name)
    assert got is verdict
    assert words in reason


def test_a_review_passes_unless_a_letter_fails() -> None:
    assert review(PIZZERIA).passes
    assert not review(replace(PIZZERIA, target=Decimal(10400))).passes
