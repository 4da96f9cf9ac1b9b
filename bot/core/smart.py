"""The SMART review: each letter of a planned goal with a verdict and a reason.

The interview shows this before anything is saved, so the person can fix what a
coach would question. Achievable is judged against the baseline (and, when known,
the recent trend): the pizzeria in DOMAIN.md going from 400 to 480 followers in a
month is realistic, 400 to 10,400 is not, and the review proposes what would be.
OKR key results are stretch targets, so their Achievable never fails.

Paces are linear for growth (+25 % of the baseline per month is realistic) and
compounding for reductions (-20 % of what is left per month), so a "lower is
better" metric never runs into zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from bot.core.dates import format_date
from bot.core.period import Period, per_period
from bot.core.values import CATEGORY_LABELS, Category, Direction, Quantity, Unit
from bot.i18n.catalogue import N_, Translator, translator
from bot.i18n.formats import day, number, quantity

REALISTIC_GROWTH_PER_MONTH = Decimal("0.25")
"""Growth per month, as a share of the baseline, a team can usually reach without budget."""

STRETCH_GROWTH_PER_MONTH = Decimal("0.50")
"""Beyond this a growth target is not a plan but a wish."""

REALISTIC_DROP_PER_MONTH = Decimal("0.20")
STRETCH_DROP_PER_MONTH = Decimal("0.35")

REALISTIC_SCORE_POINTS_PER_MONTH = Decimal(5)
"""Scores (NPS, CSAT) move by points, not by percentages of themselves."""

STRETCH_SCORE_POINTS_PER_MONTH = Decimal(10)

TREND_ALLOWANCE = Decimal("1.5")
"""A target needing up to 1.5 times the recent weekly pace counts as realistic."""

OKR_SUCCESS = Decimal("0.7")
"""Reaching 70 % of a key result's way counts as success (DOMAIN.md: 60-70 %)."""

_MONTH_DAYS = Decimal(30)
_WEEK_DAYS = Decimal(7)
_FEWEST_CHECKINS = 2  # one check-in before the deadline cannot show a trend in time to act
_TENTHS_BELOW = 10  # a weekly pace this small keeps one decimal: "+1.5 followers a week"


class Verdict(StrEnum):
    """How a letter of SMART fares: fine, worth a second look, or to be fixed."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class GoalPlan:
    """A goal as planned in the interview, before it is saved.

    `start` and `deadline` are local calendar dates of the person planning it.
    `metric_categories` are the objectives the catalogue says the metric serves
    (empty for a custom metric). `checkins` is how many check-ins the cadence
    gives before the deadline. `trend_per_week` is the metric's recent change per
    week where check-ins of it exist.
    """

    metric_name: str
    unit: Unit
    direction: Direction
    baseline: Decimal | None
    target: Decimal | None
    start: date
    deadline: date | None
    scope: str | None = None
    why: str = ""
    category: Category | None = None
    metric_categories: tuple[Category, ...] = ()
    checkins: int = 0
    okr: bool = False
    currency: str | None = None
    trend_per_week: Decimal | None = None
    period: Period | None = None  # what a flow metric's target is counted over
    lang: str = "en"  # the language the reasons are written in

    @property
    def tr(self) -> Translator:
        return translator(self.lang)


@dataclass(frozen=True, slots=True)
class LetterReview:
    """One letter of SMART: `LetterReview("A", "Achievable", Verdict.PASS, "...")`."""

    letter: str
    name: str
    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class SmartReview:
    """The five letters, and a realistic target when the planned one is not."""

    letters: tuple[LetterReview, ...]
    proposed_target: Decimal | None

    @property
    def passes(self) -> bool:
        """True when no letter failed (warnings are the person's call)."""
        return all(letter.verdict is not Verdict.FAIL for letter in self.letters)


def review(plan: GoalPlan) -> SmartReview:
    """Judge a planned goal letter by letter.

    Example:
        >>> plan = GoalPlan("Followers", Unit.COUNT, Direction.INCREASE, Decimal(400),
        ...                 Decimal(10400), date(2026, 11, 22), date(2026, 12, 22))
        >>> result = review(plan)
        >>> result.letters[2].verdict, result.proposed_target
        (<Verdict.FAIL: 'fail'>, Decimal('500'))
    """
    achievable, proposal = _achievable(plan)
    letters = (_specific(plan), _measurable(plan), achievable, _relevant(plan), _time_bound(plan))
    return SmartReview(letters, proposal)


def _show(plan: GoalPlan, value: Decimal) -> str:
    return quantity(Quantity(value, plan.unit, plan.currency), plan.lang)


def _day(plan: GoalPlan, d: date) -> str:
    return format_date(d) if plan.lang == "en" else day(d, plan.lang)


def _per(plan: GoalPlan) -> str:
    said = per_period(plan.period)
    return plan.tr._(said) if said else ""


def _specific(plan: GoalPlan) -> LetterReview:
    def verdict(v: Verdict, reason: str) -> LetterReview:
        return LetterReview("S", N_("Specific"), v, reason)

    _ = plan.tr._
    if not plan.metric_name:
        return verdict(Verdict.FAIL, _("No metric yet: say what you will count."))
    if plan.target is None:
        said = _("No target number for {metric} yet.")
        return verdict(Verdict.FAIL, said.format(metric=plan.metric_name))
    goal = _("{metric} to {target}").format(
        metric=plan.metric_name, target=_show(plan, plan.target) + _per(plan)
    )
    if not plan.scope:
        said = _("{goal}, but where? Name a platform or scope (Instagram, all channels).")
        return verdict(Verdict.WARN, said.format(goal=goal))
    return verdict(Verdict.PASS, _("{goal} on {where}.").format(goal=goal, where=plan.scope))


def _measurable(plan: GoalPlan) -> LetterReview:
    def verdict(v: Verdict, reason: str) -> LetterReview:
        return LetterReview("M", N_("Measurable"), v, reason)

    _ = plan.tr._
    if plan.unit is Unit.MILESTONE:
        return verdict(Verdict.PASS, _("A milestone: done or not done, checked at each check-in."))
    if plan.baseline is None:
        said = _("No baseline yet: the first check-in of {metric} becomes the baseline.")
        return verdict(Verdict.WARN, said.format(metric=plan.metric_name))
    said = _("{metric} is a {unit} you can read off your analytics; today it is {baseline}.")
    return verdict(
        Verdict.PASS,
        said.format(
            metric=plan.metric_name, unit=_(plan.unit.value), baseline=_show(plan, plan.baseline)
        ),
    )


def _relevant(plan: GoalPlan) -> LetterReview:
    def verdict(v: Verdict, reason: str) -> LetterReview:
        return LetterReview("R", N_("Relevant"), v, reason)

    _ = plan.tr._
    if plan.category is None:
        return verdict(Verdict.WARN, _("No business objective: say why this goal matters."))
    label = _(CATEGORY_LABELS[plan.category])
    label = label.lower() if plan.lang == "en" else label
    if plan.metric_categories and plan.category not in plan.metric_categories:
        said = _("{metric} is not a usual measure of {objective}; check that it serves the why.")
        return verdict(Verdict.WARN, said.format(metric=plan.metric_name, objective=label))
    why = f": “{plan.why[:80]}”" if plan.why else ""
    return verdict(Verdict.PASS, _("Serves {objective}.").format(objective=label + why))


def _time_bound(plan: GoalPlan) -> LetterReview:
    def verdict(v: Verdict, reason: str) -> LetterReview:
        return LetterReview("T", N_("Time-bound"), v, reason)

    _ = plan.tr._
    if plan.deadline is None:
        return verdict(Verdict.FAIL, _("No deadline yet."))
    if plan.deadline <= plan.start:
        said = _("{deadline} leaves no time.")
        return verdict(Verdict.FAIL, said.format(deadline=_day(plan, plan.deadline)))
    deadline = _day(plan, plan.deadline)
    if plan.checkins == 0:
        said = _("By {deadline}, with no check-in on the way: check in more often.")
        return verdict(Verdict.WARN, said.format(deadline=deadline))
    if plan.checkins < _FEWEST_CHECKINS:
        said = _("By {deadline}, with only one check-in on the way: check in more often.")
        return verdict(Verdict.WARN, said.format(deadline=deadline))
    said = _("By {deadline}, with {count} check-ins on the way.")
    return verdict(
        Verdict.PASS, said.format(deadline=deadline, count=number(plan.checkins, plan.lang))
    )


# --- achievable ------------------------------------------------------------------------


def _achievable(plan: GoalPlan) -> tuple[LetterReview, Decimal | None]:
    def verdict(v: Verdict, reason: str) -> LetterReview:
        return LetterReview("A", N_("Achievable"), v, reason)

    _ = plan.tr._
    if plan.unit is Unit.MILESTONE:
        return verdict(
            Verdict.PASS, _("A milestone: achievable if the team plans the steps.")
        ), None
    if plan.baseline is None or plan.target is None or plan.deadline is None:
        said = _("I'll judge the pace once there is a baseline, a target and a deadline.")
        return verdict(Verdict.WARN, said), None
    days = Decimal((plan.deadline - plan.start).days)
    if days <= 0:
        return verdict(Verdict.FAIL, _("There is no time left to reach it.")), None
    months = days / _MONTH_DAYS
    change = plan.target - plan.baseline
    pace = _("That is {weekly} a week ({monthly} a month)").format(
        weekly=_signed(plan, change / days * _WEEK_DAYS), monthly=_signed(plan, change / months)
    )
    if plan.trend_per_week is not None:
        pace += _(", against {weekly} a week in recent check-ins").format(
            weekly=_signed(plan, plan.trend_per_week)
        )
    if (change > 0) != (plan.direction is Direction.INCREASE) and change != 0:
        said = _("{pace}: the wrong way for {metric}.")
        return verdict(Verdict.FAIL, said.format(pace=pace, metric=plan.metric_name)), None
    if change == 0:
        return verdict(Verdict.FAIL, _("The target is today's value: nothing to achieve.")), None
    bounds = _bounds(plan, months)
    if bounds is None:
        said = _("{pace}; from zero I can't judge a pace, so watch the first weeks.")
        return verdict(Verdict.WARN, said.format(pace=pace)), None
    realistic, stretch = bounds
    realistic = _with_trend(plan, realistic, days)
    from_today = _show(plan, plan.baseline)
    if _within(plan, plan.target, realistic):
        said = _("{pace}: realistic from {baseline}.")
        return verdict(Verdict.PASS, said.format(pace=pace, baseline=from_today)), None
    if plan.okr:
        success = plan.baseline + change * OKR_SUCCESS
        said = _("{pace}: a stretch, as key results should be; reaching {success} (70 %) "
                 "would count as success.")  # fmt: skip
        return verdict(
            Verdict.PASS if _within(plan, plan.target, stretch) else Verdict.WARN,
            said.format(pace=pace, success=_show(plan, success)),
        ), None
    proposal = _nice(plan, realistic)
    if _within(plan, plan.target, stretch):
        said = _("{pace}: ambitious. {proposal} would be a safer target.")
        return verdict(
            Verdict.WARN, said.format(pace=pace, proposal=_show(plan, proposal))
        ), proposal
    said = _("{pace}: not realistic from {baseline} in that time. A realistic target is "
             "{proposal}.")  # fmt: skip
    shown = said.format(pace=pace, baseline=from_today, proposal=_show(plan, proposal))
    return verdict(Verdict.FAIL, shown), proposal


def _bounds(plan: GoalPlan, months: Decimal) -> tuple[Decimal, Decimal] | None:
    """The realistic and the stretch value reachable by the deadline, or None from zero."""
    baseline = plan.baseline
    assert baseline is not None
    sign = 1 if plan.direction is Direction.INCREASE else -1
    if plan.unit is Unit.SCORE:
        return (
            baseline + sign * REALISTIC_SCORE_POINTS_PER_MONTH * months,
            baseline + sign * STRETCH_SCORE_POINTS_PER_MONTH * months,
        )
    if baseline <= 0:
        return None
    if plan.direction is Direction.INCREASE:
        return (
            baseline * (1 + REALISTIC_GROWTH_PER_MONTH * months),
            baseline * (1 + STRETCH_GROWTH_PER_MONTH * months),
        )
    return (
        baseline * (1 - REALISTIC_DROP_PER_MONTH) ** months,
        baseline * (1 - STRETCH_DROP_PER_MONTH) ** months,
    )


def _with_trend(plan: GoalPlan, realistic: Decimal, days: Decimal) -> Decimal:
    """A recent pace in the right direction makes its own continuation realistic."""
    if plan.trend_per_week is None or plan.baseline is None:
        return realistic
    by_trend = plan.baseline + plan.trend_per_week * TREND_ALLOWANCE * days / _WEEK_DAYS
    if plan.direction is Direction.INCREASE:
        return max(realistic, by_trend)
    return min(realistic, by_trend)


def _within(plan: GoalPlan, target: Decimal, bound: Decimal) -> bool:
    return target <= bound if plan.direction is Direction.INCREASE else target >= bound


def _nice(plan: GoalPlan, value: Decimal) -> Decimal:
    """A round proposal on the safe side: two significant figures, whole for counts."""
    down = plan.direction is Direction.INCREASE
    if value != 0:
        exponent = value.copy_abs().adjusted() - 1
        step = Decimal(1).scaleb(exponent)
        if plan.unit in (Unit.COUNT, Unit.DURATION, Unit.SCORE):
            step = max(step, Decimal(1))
        value = (value / step).quantize(
            Decimal(1), rounding=ROUND_FLOOR if down else ROUND_CEILING
        ) * step
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _signed(plan: GoalPlan, value: Decimal) -> str:
    size = abs(value)
    if plan.unit in (Unit.COUNT, Unit.DURATION):
        # "+18.67 followers a week" is false precision; tenths only below ten.
        size = size.quantize(
            Decimal("0.1") if size < _TENTHS_BELOW else Decimal(1), rounding=ROUND_HALF_UP
        )
    shown = _show(plan, size)
    return ("+" if value >= 0 else "-") + shown
