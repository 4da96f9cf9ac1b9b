"""The SMART review of a planned goal: each measure judged, and the buttons it offers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.interview.state import Choice, Interview, Mode, Prompt, Step, where_of
from bot.core.interview.words import amount, checkin_count, known_kpi, metric_name, place_name
from bot.core.mrkdwn import escape
from bot.core.period import counted_per
from bot.core.smart import GoalPlan, SmartReview, review
from bot.core.values import Category, Direction, Unit


def review_choices(
    interview: Interview, reviews: tuple[tuple[str, SmartReview], ...]
) -> tuple[Choice, ...]:
    tr = interview.tr
    passes = all(r.passes for _, r in reviews)
    choices = [Choice(tr._("Save") if passes else tr._("Save anyway"), "save")]
    for index, (_, result) in enumerate(reviews):
        measure = interview.measures[index]
        if result.proposed_target is not None:
            # The button sends the English form, which the readers understand in any language.
            sent = amount(measure, result.proposed_target)
            shown = tr._("Use {amount} instead").format(
                amount=amount(measure, result.proposed_target, tr.lang)
            )
            prefix = f"kr{index + 1} " if interview.mode is Mode.OKR else ""
            choices.append(Choice(shown, f"change {prefix}target to {sent}"))
    if interview.mode is Mode.SMART:
        choices.append(Choice(tr._("Make it an OKR"), "okr"))
    return tuple(choices)


def smart_reviews(
    interview: Interview,
    *,
    now: datetime,
    tz: ZoneInfo,
    trends: Mapping[int, Decimal] | None = None,
) -> tuple[tuple[str, SmartReview], ...]:
    """The SMART review of each measure (one for a goal, one per key result).

    `trends` maps a measure's index to its metric's recent change per week, where
    check-ins of the same metric exist; Achievable then weighs that pace too.
    """
    today = now.astimezone(tz).date()
    checkins = checkin_count(interview, now=now, tz=tz)
    category_metrics: tuple[Category, ...]
    results = []
    for index, m in enumerate(interview.measures):
        known = known_kpi(m)
        category_metrics = known.categories if known else ()
        scope = where_of(interview, index)[1]
        plan = GoalPlan(
            metric_name=metric_name(m, interview.lang),
            unit=m.unit or Unit.COUNT,
            direction=m.direction or Direction.INCREASE,
            baseline=m.baseline if m.baseline_known else None,
            target=m.target,
            start=today,
            deadline=interview.deadline,
            scope=place_name(scope, interview.tr) if scope else None,
            why=interview.why or "",
            category=interview.category,
            metric_categories=category_metrics,
            checkins=checkins,
            okr=interview.mode is Mode.OKR,
            currency=m.currency,
            trend_per_week=(trends or {}).get(index),
            period=counted_per(m.period),
            lang=interview.lang,
        )
        title = (
            metric_name(m, interview.lang)
            if interview.mode is Mode.SMART
            else f"KR{index + 1}: {metric_name(m, interview.lang)}"
        )
        results.append((escape(title), review(plan)))
    return tuple(results)


def with_trends(
    interview: Interview,
    prompt: Prompt,
    trends: Mapping[int, Decimal],
    *,
    now: datetime,
    tz: ZoneInfo,
) -> Prompt:
    """The prompt with its SMART review judged against the recent `trends` too.

    The trends come from stored check-ins, which the pure interview cannot read, so
    the service adds them to a review once the interview has reached it.

    Example:
        >>> from datetime import UTC
        >>> from bot.core.interview.form import FormAnswers, fill
        >>> from bot.core.interview.machine import ask
        >>> now, tz = datetime(2026, 11, 22, 8, tzinfo=UTC), ZoneInfo("UTC")
        >>> state = fill("U1", FormAnswers(why="sell more", metric="followers", baseline="400",
        ...              target="+20%", deadline="2026-12-22"), now=now, tz=tz)
        >>> prompt = ask(state, now=now, tz=tz)
        >>> judged = with_trends(state, prompt, {0: Decimal(25)}, now=now, tz=tz)
        >>> achievable = judged.reviews[0][1].letters[2]
        >>> achievable.name, "against +25 a week in recent check-ins" in achievable.reason
        ('Achievable', True)
    """
    if prompt.step is not Step.REVIEW or not trends:
        return prompt
    reviews = smart_reviews(interview, now=now, tz=tz, trends=trends)
    return replace(prompt, reviews=reviews, choices=review_choices(interview, reviews))
