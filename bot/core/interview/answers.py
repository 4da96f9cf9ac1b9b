"""Readers, one per step: each turns an answer into the new state and an echo, or a Problem."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.cadence.parse import parse_cadence
from bot.core.dates import DEADLINE_EXAMPLE, AmbiguousDate, format_date, parse_deadline
from bot.core.interview.state import (
    DEFAULT_CADENCE,
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
    EXAMPLE_OBJECTIVE,
    EXAMPLE_WHY,
    MORE_NO,
    MORE_YES,
    SKIP,
    UNKNOWN,
    amount,
    cadence_words,
    known_kpi,
    metric_words,
    per,
    target_example,
)
from bot.core.kpis import detect_platform, is_flow, normalise
from bot.core.mrkdwn import escape, quoted
from bot.core.numbers.read import EXAMPLES, parse_quantity
from bot.core.numbers.targets import parse_target
from bot.core.parse_error import ParseError
from bot.core.period import IN_TOTAL, PeriodSaid, read_period
from bot.core.values import CATEGORY_LABELS, Direction, Quantity, Unit
from bot.core.vocabulary import resolve_category, resolve_metric, resolve_platform, resolve_unit

_Read = tuple[Interview, tuple[str, ...]] | Problem
_HAS_WORD = re.compile(r"\w", re.UNICODE)
_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)  # a place is named in letters, never "400"
METRIC_EXAMPLE = "reach, followers, engagement rate, or your own name such as “pizzas sold”"
_WEEKS_FROM_DAYS = 14  # a deadline this far off is told in weeks, a nearer one in days


def _read_why(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return Problem("Tell me in a few words why the team wants this.", EXAMPLE_WHY)
    why = " ".join(text.split())[:300]
    category = resolve_category(text)
    answered = replace(i, why=why, category=category)
    echo = [f"Why: {CATEGORY_LABELS[category]}." if category else f"Why: {quoted(why)}."]
    platform = detect_platform(text)
    if platform is not None and not i.where_answered:
        answered = replace(
            answered, where_answered=True, platform=platform.key, scope=platform.name
        )
        echo.append(f"Where: {platform.name}.")
    return answered, tuple(echo)


def _read_category(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    category = resolve_category(text)
    if category is None:
        return Problem("I couldn't tell which objective that is; pick the closest.", "awareness")
    return replace(i, category=category), (f"Why: {CATEGORY_LABELS[category]}.",)


def _where(text: str) -> tuple[str | None, str | None] | Problem:
    """The platform key and scope an answer to "where?" names; (None, None) when skipped."""
    if normalise(text) in SKIP:
        return None, None
    if not _HAS_LETTER.search(text):
        return Problem("Name a platform or a scope.", "Instagram, website or all channels")
    platform = resolve_platform(text)
    scope = platform.name if platform else " ".join(text.split())[:100]
    return (platform.key if platform else None), scope


def _read_where(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    where = _where(text)
    if isinstance(where, Problem):
        return where
    platform, scope = where
    answered = replace(i, where_answered=True, platform=platform, scope=scope)
    return answered, (f"Where: {escape(scope) if scope else 'not given'}.",)


def read_kr_where(i: Interview, index: int, text: str) -> _Read:
    """Key result `index` read somewhere of its own ("change kr3 where to website")."""
    where = _where(text)
    if isinstance(where, Problem):
        return where
    platform, scope = where
    measure = replace(i.measures[index], platform=platform, scope=scope, own_where=True)
    changed = replace(with_measure(i, index, measure), current=i.current)
    return changed, (f"Where for KR{index + 1}: {escape(scope) if scope else 'not given'}.",)


def _read_objective(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return Problem("Name the objective in a few words.", EXAMPLE_OBJECTIVE)
    objective = " ".join(text.split())[:300]
    return replace(i, objective=objective), (f"Objective: {quoted(objective, 150)}.",)


def _read_metric(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    found = resolve_metric(text, in_sentence=True)
    if found is None:
        said = "That is a number; name" if _HAS_WORD.search(text) else "Name"
        return Problem(f"{said} the metric you will count.", METRIC_EXAMPLE)
    kept = _kr_where(i, text)  # a key result's own platform survives a change of metric
    if found.kpi is not None:
        kpi = found.kpi
        measure = replace(
            kept, metric_key=kpi.key, metric_name=kpi.name, unit=kpi.unit, direction=kpi.direction
        )
        better = "higher" if kpi.direction is Direction.INCREASE else "lower"
        guess = f" (I read {quoted(text, 40)} as {kpi.name})" if found.typo else ""
        echo = f"Metric: {kpi.name}, a {kpi.unit.value}; {better} is better{guess}."
    else:
        name = found.name[:100]
        measure = replace(kept, metric_name=name)
        echo = f"Metric: {quoted(name)}, a custom metric. I'll ask two things about it."
    own = (f"Where for KR{i.current + 1}: {escape(measure.scope or '')}.",)
    return _metric_set(i, measure), (echo, *(own if measure.own_where else ()))


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
        return Problem("Pick one of the kinds of number below.", "count, percent or duration")
    measure = replace(i.measure, unit=unit)
    answered = _metric_set(i, measure)
    return answered, (f"Kind of number: {unit.value}.",)


_HIGHER = frozenset({"higher", "higher is better", "up", "more", "increase", "grow", "bigger"})
_LOWER = frozenset({"lower", "lower is better", "down", "less", "fewer", "decrease", "reduce"})


def _read_direction(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word not in _HIGHER | _LOWER:
        return Problem("Is a higher or a lower value better?", "higher or lower")
    direction = Direction.INCREASE if word in _HIGHER else Direction.DECREASE
    better = "Higher" if direction is Direction.INCREASE else "Lower"
    return with_measure(i, i.current, replace(i.measure, direction=direction)), (
        f"{better} is better.",
    )


def _read_baseline(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    m = i.measure
    if normalise(text).removesuffix(" yet") in UNKNOWN or text.strip() == "?":  # "not sure yet"
        known = replace(m, baseline=None, baseline_known=False)
        echo = "Baseline: not known yet. Your first check-in will become the baseline."
        return with_measure(i, i.current, known), (echo,)
    parsed = parse_quantity(text, unit_hint=m.unit)
    if isinstance(parsed, ParseError):
        return Problem(escape(parsed.message), parsed.example)
    problem = _unit_problem(m, parsed.quantity)
    if problem is not None:
        return problem
    quantity = parsed.quantity
    measure = replace(m, baseline=quantity.value, baseline_known=True,
                      currency=quantity.currency or m.currency,
                      period=_period_in(m, text))  # fmt: skip
    about = "about " if parsed.approximate else ""
    echo = (f"Baseline: {about}{amount(measure, quantity.value)} {metric_words(measure)}"
            f"{per(measure)} today.")  # fmt: skip
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
        return Problem(escape(parsed.message), target_example(m))
    problem = _unit_problem(m, parsed.quantity)
    if problem is not None:
        return problem
    target = parsed.quantity.value
    if baseline is not None:
        if target == baseline.value:
            return Problem(
                "That is today's value; the target should be a change.", target_example(m)
            )
        up = target > baseline.value
        if up != (m.direction is Direction.INCREASE):
            better = "higher" if m.direction is Direction.INCREASE else "lower"
            return Problem(
                f"For {escape(m.metric_name or 'this metric')} {better} is better, but "
                f"{amount(m, target)} goes the other way from today's "
                f"{amount(m, baseline.value)}.",
                target_example(m),
            )
    measure = replace(m, target=target, target_relative=parsed.relative,
                      currency=parsed.quantity.currency or m.currency,
                      period=_period_in(m, text))  # fmt: skip
    change = (
        f" ({parsed.relative} from {amount(m, baseline.value)})"
        if parsed.relative and baseline
        else ""
    )
    echo = f"Target: {amount(measure, target)} {metric_words(measure)}{per(measure)}{change}."
    return with_measure(i, i.current, measure), (echo,)


def _period_in(m: Measure, text: str) -> PeriodSaid | None:
    """The span a flow's (or a custom metric's) number is said over; a level has none."""
    level = known_kpi(m) is not None and not is_flow(m.metric_key)
    return None if level else read_period(text) or m.period


def _read_period(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    said = read_period(text)
    if said is None:
        return Problem("Say whether the target is a week's, a month's, or the total.", "a month")
    measure = replace(i.measure, period=said)
    target = f"{amount(measure, measure.target)} {metric_words(measure)}"
    if said == IN_TOTAL:
        return with_measure(i, i.current, measure), (f"Target: {target} in total.",)
    return with_measure(i, i.current, measure), (f"Target: {target}{per(measure)}.",)


def _unit_problem(m: Measure, quantity: Quantity) -> Problem | None:
    unit = m.unit or Unit.COUNT
    if quantity.unit is not unit:
        return Problem(
            f"{escape(m.metric_name or 'This metric')} is a {unit.value}, "
            f"but that reads as a {quantity.unit.value}.",
            EXAMPLES[unit],
        )
    if unit in (Unit.COUNT, Unit.DURATION) and quantity.value < 0:
        return Problem("That can't be below zero.", EXAMPLES[unit])
    return None


def _read_more(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in MORE_NO or len(i.measures) >= MAX_KEY_RESULTS:
        return replace(i, measures_done=True), (f"Key results: {len(i.measures)}.",)
    if word in MORE_YES:
        added = replace(i, measures=(*i.measures, Measure()), current=len(i.measures))
        return added, (f"Key result {len(i.measures) + 1}:",)
    return Problem("Add another key result, or say done.", "add or done")


def _read_deadline(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    found = parse_deadline(text, now=now, tz=tz)
    if isinstance(found, ParseError):
        return Problem(escape(found.message), found.example)
    if isinstance(found, AmbiguousDate):
        choices = tuple(Choice(format_date(d), d.isoformat()) for d in found.options)
        return Problem(found.message, DEADLINE_EXAMPLE, choices)
    days = (found - now.astimezone(tz).date()).days
    weeks = f"{days // 7} weeks" if days >= _WEEKS_FROM_DAYS else f"{days} days"
    answered = replace(i, deadline=found, deadline_options=())
    if i.mode is Mode.SMART and i.measure.target is not None:
        m = i.measure
        goal = f"{amount(m, m.target)} {metric_words(m)}{per(m)}"
        echo = f"Target: {goal} by {format_date(found)} (in {weeks})."
    else:
        echo = f"Deadline: {format_date(found)} (in {weeks})."
    return answered, (echo,)


_MENTION = re.compile(r"^\s*<@(?P<id>[UW][A-Z0-9]{1,30})(?:\|[^>]*)?>\s*$")
_ME = frozenset({"me", "myself", "i", "mine", "eu", "ben", "toi", "من"})


def _read_owner(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in _ME or word in SKIP:
        return replace(i, owner=i.user_id), ("Owner: you.",)
    mention = _MENTION.match(text)
    if mention is None:
        return Problem("Say “me”, or mention the owner with @.", "me or @ana")
    owner = mention["id"]
    return replace(i, owner=owner), (f"Owner: <@{owner}>.",)


def _read_cadence(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    wanted = DEFAULT_CADENCE if normalise(text) in SKIP | {"default"} else text
    parsed = parse_cadence(wanted, tz=tz.key)
    if isinstance(parsed, ParseError):
        return Problem(escape(parsed.message), parsed.example)
    chosen = " ".join(wanted.lower().split())
    answered = replace(i, cadence=chosen)
    return answered, (f"Check-ins: {cadence_words(answered, tz)}.",)


# A public (C…) or private (C…, or G… from before 2021) channel, as Slack writes a mention.
CHANNEL_MENTION = re.compile(r"<#(?P<id>[CG][A-Z0-9]{1,30})(?:\|[^>]*)?>")


def mentioned_channel(text: str, *, anywhere: bool = False) -> str | None:
    """The channel an answer names by mention, if that is all it says (or `anywhere` in it).

    Example:
        >>> mentioned_channel("<#G024BE91L|secret-plans>"), mentioned_channel("#marketing")
        ('G024BE91L', None)
        >>> mentioned_channel("digest in <#C1|marketing>", anywhere=True)
        'C1'
    """
    found = CHANNEL_MENTION.search(text) if anywhere else CHANNEL_MENTION.fullmatch(text.strip())
    return found["id"] if found else None


def _read_channel(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in SKIP and i.team and i.here_channel:
        # A team goal belongs to the channel it was set in; its digest goes there.
        team_channel = i.here_channel
        return replace(i, channel_answered=True, channel=team_channel), (
            f"Digest: <#{team_channel}>, the team's channel.",
        )
    if word in SKIP:
        return replace(i, channel_answered=True, channel=None), ("Digest: no channel for now.",)
    if word in ("here", "this channel") and i.here_channel:
        channel: str | None = i.here_channel
    else:
        channel = mentioned_channel(text)
    if channel is None:
        return Problem("Mention the channel with #, or skip.", "#marketing or skip")
    return replace(i, channel_answered=True, channel=channel), (f"Digest: <#{channel}>.",)


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
    Step.OWNER: _read_owner,
    Step.CADENCE: _read_cadence,
    Step.CHANNEL: _read_channel,
}
