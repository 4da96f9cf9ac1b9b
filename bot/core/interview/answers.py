"""Readers, one per step: each turns an answer into the new state and an echo, or a Problem."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.dates import DEADLINE_EXAMPLE, AmbiguousDate, parse_deadline
from bot.core.interview.follow_up import Read, read_cadence, read_channel, read_owner
from bot.core.interview.state import (
    MAX_KEY_RESULTS,
    Choice,
    Interview,
    Measure,
    Mode,
    Problem,
    Step,
    with_measure,
)
from bot.core.interview.words import (
    DIRECTIONS,
    EXAMPLE_OBJECTIVE,
    EXAMPLE_WHY,
    MORE_NO,
    MORE_YES,
    SKIP,
    UNKNOWN,
    amount,
    known_kpi,
    metric_name,
    metric_words,
    per_in,
    place_name,
    shown_day,
    target_example,
    translated,
)
from bot.core.kpis import detect_platform, is_flow, normalise
from bot.core.mrkdwn import escape, quoted
from bot.core.numbers.read import EXAMPLES, parse_quantity
from bot.core.numbers.targets import parse_target
from bot.core.parse_error import ParseError
from bot.core.period import IN_TOTAL, PeriodSaid, read_period
from bot.core.values import CATEGORY_LABELS, Category, Direction, Quantity, Unit
from bot.core.vocabulary import resolve_category, resolve_metric, resolve_platform, resolve_unit
from bot.i18n.catalogue import N_
from bot.i18n.formats import number
from bot.i18n.problems import problem_text

_Read = Read
_HAS_WORD = re.compile(r"\w", re.UNICODE)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)  # a place is named in letters, never "400"
METRIC_EXAMPLE = N_("reach, followers, engagement rate, or your own name such as “pizzas sold”")
_WEEKS_FROM_DAYS = 14  # a deadline this far off is told in weeks, a nearer one in days


def _read_why(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return Problem(i.tr._("Tell me in a few words why the team wants this."),
                       i.tr._(EXAMPLE_WHY))  # fmt: skip
    why = " ".join(text.split())[:300]
    category = resolve_category(text)
    answered = replace(i, why=why, category=category)
    echo = [_why_echo(i, category, why)]
    platform = detect_platform(text)
    if platform is not None and not i.where_answered:
        answered = replace(
            answered, where_answered=True, platform=platform.key, scope=platform.name
        )
        echo.append(i.tr._("Where: {where}.").format(where=place_name(platform.name, i.tr)))
    return answered, tuple(echo)


def _why_echo(i: Interview, category: Category | None, why: str) -> str:
    said = i.tr._(CATEGORY_LABELS[category]) if category else quoted(why)
    return i.tr._("Why: {why}.").format(why=said)


def _read_category(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    category = resolve_category(text)
    if category is None:
        return Problem(i.tr._("I couldn't tell which objective that is; pick the closest."),
                       i.tr._("awareness"))  # fmt: skip
    return replace(i, category=category), (_why_echo(i, category, ""),)


def _where(i: Interview, text: str) -> tuple[str | None, str | None] | Problem:
    """The platform key and scope an answer to "where?" names; (None, None) when skipped."""
    if normalise(text) in SKIP:
        return None, None
    if not _HAS_LETTER.search(text):
        return Problem(i.tr._("Name a platform or a scope."),
                       i.tr._("Instagram, website or all channels"))  # fmt: skip
    platform = resolve_platform(text)
    scope = platform.name if platform else " ".join(text.split())[:100]
    return (platform.key if platform else None), scope


def _read_where(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    where = _where(i, text)
    if isinstance(where, Problem):
        return where
    platform, scope = where
    answered = replace(i, where_answered=True, platform=platform, scope=scope)
    said = escape(place_name(scope, i.tr)) if scope else i.tr._("not given")
    return answered, (i.tr._("Where: {where}.").format(where=said),)


def read_kr_where(i: Interview, index: int, text: str) -> _Read:
    """Key result `index` read somewhere of its own ("change kr3 where to website")."""
    where = _where(i, text)
    if isinstance(where, Problem):
        return where
    platform, scope = where
    measure = replace(i.measures[index], platform=platform, scope=scope, own_where=True)
    changed = replace(with_measure(i, index, measure), current=i.current)
    said = escape(place_name(scope, i.tr)) if scope else i.tr._("not given")
    return changed, (_kr_where_echo(i, index, said),)


def _kr_where_echo(i: Interview, index: int, where: str) -> str:
    return i.tr._("Where for KR{number}: {where}.").format(number=index + 1, where=where)


def _read_objective(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return Problem(i.tr._("Name the objective in a few words."), i.tr._(EXAMPLE_OBJECTIVE))
    objective = " ".join(text.split())[:300]
    echo = i.tr._("Objective: {objective}.").format(objective=quoted(objective, 150))
    return replace(i, objective=objective), (echo,)


def _read_metric(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    found = resolve_metric(text, in_sentence=True)
    if found is None:
        said = (
            i.tr._("That is a number; name the metric you will count.")
            if _HAS_WORD.search(text)
            else i.tr._("Name the metric you will count.")
        )
        return Problem(said, i.tr._(METRIC_EXAMPLE))
    kept = _kr_where(i, text)  # a key result's own platform survives a change of metric
    if found.kpi is not None:
        kpi = found.kpi
        measure = replace(
            kept, metric_key=kpi.key, metric_name=kpi.name, unit=kpi.unit, direction=kpi.direction
        )
        echo = _metric_echo(i, measure, text if found.typo else None)
    else:
        name = found.name[:100]
        measure = replace(kept, metric_name=name)
        echo = i.tr._("Metric: {metric}, a custom metric. I'll ask two things about it.").format(
            metric=quoted(name)
        )
    own = (_kr_where_echo(i, i.current, escape(place_name(measure.scope or "", i.tr))),)
    return _metric_set(i, measure), (echo, *(own if measure.own_where else ()))


def _metric_echo(i: Interview, m: Measure, typo: str | None) -> str:
    tr = i.tr
    name = metric_name(m, tr.lang)
    if m.direction is Direction.INCREASE:
        echo = tr._("Metric: {metric}, a {unit}; higher is better.")
    else:
        echo = tr._("Metric: {metric}, a {unit}; lower is better.")
    echo = echo.format(metric=name, unit=tr._((m.unit or Unit.COUNT).value))
    if typo is None:
        return echo
    guess = tr._("I read {said} as {metric}.").format(said=quoted(typo, 40), metric=name)
    return f"{echo[:-1]} ({guess[:-1]})."


def _kr_where(i: Interview, text: str) -> Measure:
    """The measure before its metric, with the platform its answer names ("tiktok
    followers") when that is not the objective's: each key result may be read elsewhere."""
    kept = Measure(platform=i.measure.platform, scope=i.measure.scope,
                   own_where=i.measure.own_where)  # fmt: skip
    platform = detect_platform(text) if i.mode is Mode.OKR else None
    if platform is None or platform.key == (i.measure.platform if kept.own_where else i.platform):
        return kept
    return Measure(platform=platform.key, scope=platform.name, own_where=True)


def _metric_set(i: Interview, measure: Measure) -> Interview:
    if measure.unit is Unit.MILESTONE:
        # Not done today, done by the deadline: nothing else to ask.
        measure = replace(measure, direction=Direction.INCREASE, baseline=Decimal(0),
                          baseline_known=True, target=Decimal(1))  # fmt: skip
    return with_measure(i, i.current, measure)


def _read_unit(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    unit = resolve_unit(text)
    if unit is None:
        return Problem(i.tr._("Pick one of the kinds of number below."),
                       i.tr._("count, percent or duration"))  # fmt: skip
    measure = replace(i.measure, unit=unit)
    answered = _metric_set(i, measure)
    return answered, (i.tr._("Kind of number: {unit}.").format(unit=i.tr._(unit.value)),)


_HIGHER = frozenset({"higher", "higher is better", "up", "more", "increase", "grow", "bigger"})
_LOWER = frozenset({"lower", "lower is better", "down", "less", "fewer", "decrease", "reduce"})


def _read_direction(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word not in _HIGHER | _LOWER:
        return Problem(i.tr._("Is a higher or a lower value better?"), i.tr._("higher or lower"))
    direction = Direction.INCREASE if word in _HIGHER else Direction.DECREASE
    better = DIRECTIONS[0 if direction is Direction.INCREASE else 1].label
    return with_measure(i, i.current, replace(i.measure, direction=direction)), (
        i.tr._(better) + ".",
    )


def _read_baseline(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    m = i.measure
    if normalise(text).removesuffix(" yet") in UNKNOWN or text.strip() == "?":  # "not sure yet"
        known = replace(m, baseline=None, baseline_known=False)
        echo = i.tr._("Baseline: not known yet. Your first check-in will become the baseline.")
        return with_measure(i, i.current, known), (echo,)
    parsed = parse_quantity(text, unit_hint=m.unit)
    if isinstance(parsed, ParseError):
        return Problem(escape(problem_text(parsed, i.tr)), translated(i.tr, parsed.example))
    problem = _unit_problem(i, parsed.quantity)
    if problem is not None:
        return problem
    quantity = parsed.quantity
    measure = replace(m, baseline=quantity.value, baseline_known=True,
                      currency=quantity.currency or m.currency,
                      period=_period_in(m, text))  # fmt: skip
    tr = i.tr
    said = f"{amount(measure, quantity.value, tr.lang)} {metric_words(measure, tr)}"
    said += per_in(measure, tr)
    if parsed.approximate:
        echo = tr._("Baseline: about {amount} today.").format(amount=said)
    else:
        echo = tr._("Baseline: {amount} today.").format(amount=said)
    return with_measure(i, i.current, measure), (echo,)


def _read_target(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    m = i.measure
    baseline = (
        Quantity(m.baseline, m.unit or Unit.COUNT, m.currency)
        if m.baseline_known and m.baseline is not None
        else None
    )
    parsed = parse_target(text, baseline=baseline, unit_hint=m.unit)
    if isinstance(parsed, ParseError):
        return Problem(escape(problem_text(parsed, i.tr)), i.tr._(target_example(m)))
    problem = _unit_problem(i, parsed.quantity)
    if problem is not None:
        return problem
    target = parsed.quantity.value
    if baseline is not None:
        if target == baseline.value:
            return Problem(
                i.tr._("That is today's value; the target should be a change."),
                i.tr._(target_example(m)),
            )
        up = target > baseline.value
        if up != (m.direction is Direction.INCREASE):
            return _wrong_way(i, target, baseline.value)
    measure = replace(m, target=target, target_relative=parsed.relative,
                      currency=parsed.quantity.currency or m.currency,
                      period=_period_in(m, text))  # fmt: skip
    tr = i.tr
    change = (
        " ("
        + tr._("{change} from {amount}").format(
            change=parsed.relative, amount=amount(m, baseline.value, tr.lang)
        )
        + ")"
        if parsed.relative and baseline
        else ""
    )
    said = f"{amount(measure, target, tr.lang)} {metric_words(measure, tr)}{per_in(measure, tr)}"
    echo = tr._("Target: {target}.").format(target=said + change)
    return with_measure(i, i.current, measure), (echo,)


def _wrong_way(i: Interview, target: Decimal, baseline: Decimal) -> Problem:
    tr, m = i.tr, i.measure
    if m.direction is Direction.INCREASE:
        said = tr._("For {metric} higher is better, but {target} goes the other way from "
                    "today's {baseline}.")  # fmt: skip
    else:
        said = tr._("For {metric} lower is better, but {target} goes the other way from "
                    "today's {baseline}.")  # fmt: skip
    metric = escape(metric_name(m, tr.lang)) if m.metric_name else tr._("this metric")
    shown = said.format(metric=metric, target=amount(m, target, tr.lang),
                        baseline=amount(m, baseline, tr.lang))  # fmt: skip
    return Problem(shown, tr._(target_example(m)))


def _period_in(m: Measure, text: str) -> PeriodSaid | None:
    """The span a flow's (or a custom metric's) number is said over; a level has none."""
    level = known_kpi(m) is not None and not is_flow(m.metric_key)
    return None if level else read_period(text) or m.period


def _read_period(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    said = read_period(text)
    if said is None:
        return Problem(i.tr._("Say whether the target is a week's, a month's, or the total."),
                       i.tr._("a month"))  # fmt: skip
    tr, measure = i.tr, replace(i.measure, period=said)
    target = f"{amount(measure, measure.target, tr.lang)} {metric_words(measure, tr)}"
    if said == IN_TOTAL:
        echo = tr._("Target: {target} in total.").format(target=target)
    else:
        echo = tr._("Target: {target}.").format(target=target + per_in(measure, tr))
    return with_measure(i, i.current, measure), (echo,)


def _unit_problem(i: Interview, quantity: Quantity) -> Problem | None:
    tr, m = i.tr, i.measure
    unit = m.unit or Unit.COUNT
    if quantity.unit is not unit:
        metric = escape(metric_name(m, tr.lang)) if m.metric_name else tr._("This metric")
        said = tr._("{metric} is a {unit}, but that reads as a {read}.")
        return Problem(
            said.format(metric=metric, unit=tr._(unit.value), read=tr._(quantity.unit.value)),
            tr._(EXAMPLES[unit]),
        )
    if unit in (Unit.COUNT, Unit.DURATION) and quantity.value < 0:
        return Problem(tr._("That can't be below zero."), tr._(EXAMPLES[unit]))
    return None


def _read_more(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in MORE_NO or len(i.measures) >= MAX_KEY_RESULTS:
        echo = i.tr._("Key results: {count}.").format(count=number(len(i.measures), i.tr.lang))
        return replace(i, measures_done=True), (echo,)
    if word in MORE_YES:
        added = replace(i, measures=(*i.measures, Measure()), current=len(i.measures))
        return added, (i.tr._("Key result {number}:").format(number=len(i.measures) + 1),)
    return Problem(i.tr._("Add another key result, or say done."), i.tr._("add or done"))


def _read_deadline(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    found, tr = parse_deadline(text, now=now, tz=tz), i.tr
    if isinstance(found, ParseError):  # the reader's fixed messages are in the catalogue
        return Problem(escape(problem_text(found, tr)), translated(tr, found.example))
    if isinstance(found, AmbiguousDate):
        first, second = (shown_day(d, tr.lang) for d in found.options)
        choices = tuple(Choice(shown_day(d, tr.lang), d.isoformat()) for d in found.options)
        asked = tr._("Did you mean {first} or {second}?").format(first=first, second=second)
        return Problem(asked, tr._(DEADLINE_EXAMPLE), choices)
    days = (found - now.astimezone(tz).date()).days
    # A deadline is at least a day away; from two weeks on it is told in weeks.
    if days >= _WEEKS_FROM_DAYS:
        weeks = tr._("in {count} weeks").format(count=number(days // 7, tr.lang))
    else:
        weeks = tr._("in {count} days").format(count=number(days, tr.lang))
    when = f"{shown_day(found, tr.lang)} ({weeks})"
    answered = replace(i, deadline=found, deadline_options=())
    if i.mode is Mode.SMART and i.measure.target is not None:
        m = i.measure
        goal = f"{amount(m, m.target, tr.lang)} {metric_words(m, tr)}{per_in(m, tr)}"
        echo = tr._("Target: {target} by {deadline}.").format(target=goal, deadline=when)
    else:
        echo = tr._("Deadline: {deadline}.").format(deadline=when)
    return answered, (echo,)


READERS = {
    Step.WHY: _read_why,
    Step.CATEGORY: _read_category,
    Step.WHERE: _read_where,
    Step.OBJECTIVE: _read_objective,
    Step.METRIC: _read_metric,
    Step.UNIT: _read_unit,
    Step.DIRECTION: _read_direction,
    Step.BASELINE: _read_baseline,
    Step.TARGET: _read_target,
    Step.PERIOD: _read_period,
    Step.MORE: _read_more,
    Step.DEADLINE: _read_deadline,
    Step.OWNER: read_owner,
    Step.CADENCE: read_cadence,
    Step.CHANNEL: read_channel,
}
