"""One goal in an answer: its card ("how are we doing on reach?") and its line in a list.

Every figure is a stored value or the progress math's, written in the asker's language
through `bot.i18n.formats` (via `bot.render.figures`); nothing here computes a number.
"""

from __future__ import annotations

from datetime import timedelta

from babel.units import format_unit

from bot.core.mrkdwn import escape
from bot.core.progress import Status
from bot.core.values import Quantity
from bot.i18n import formats
from bot.i18n.catalogue import Translator
from bot.render.common import Block, clip, context, section
from bot.render.figures import (
    IN_ANSWER,
    amount_per,
    change_since,
    day_text,
    progress_text,
    share,
    status_label,
)
from bot.services.questions.assess import GoalChange, GoalFacts

_MINUTE, _HOUR, _DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
_JUST_NOW = timedelta(minutes=2)
"""A check-in younger than this was "just now", not "1 minute ago"."""


def change_text(moved: GoalChange | None, tr: Translator) -> str | None:
    """How a goal moved: "+2,000 (+4.55%) since 15 Nov 2026 (was 44,000)"; None if it did not."""
    if moved is None or moved.change is None or moved.since is None:
        return None
    return change_since(moved.change, moved.unit, moved.currency, moved.since, IN_ANSWER, tr=tr)


def _figure(q: Quantity, tr: Translator) -> str:
    return formats.quantity(q, tr.lang)


def _current(goal: GoalFacts, tr: Translator) -> str | None:
    return _figure(goal.current, tr) if goal.current is not None else None


def _target(goal: GoalFacts, tr: Translator) -> str:
    if goal.target is None:
        return tr._("no target")
    return amount_per(_figure(goal.target, tr), goal.period, tr)


def card_headline(goal: GoalFacts, tr: Translator) -> str:
    """The card in one line: Slack's notification text."""
    title, current = escape(goal.title), _current(goal, tr)
    if current is None:
        return tr._("{title}: {status} (target {target})").format(
            title=title, status=status_label(Status.NO_DATA, tr), target=_target(goal, tr)
        )
    return tr._("{title}: {current} of {target}, {status}").format(
        title=title, current=current, target=_target(goal, tr), status=status_label(goal.status, tr)
    )


def card(goal: GoalFacts, tr: Translator) -> list[Block]:
    """One goal's status: where it is, where the plan says it should be, and where it heads."""
    ref = f"#{goal.ref}" if goal.ref.isdigit() else goal.ref  # "#3", as the list writes it
    title = f"*{escape(goal.title)}*  `{ref}`"
    target = _target(goal, tr)
    if goal.deadline:
        target = tr._("{target} by {day}").format(target=target, day=day_text(goal.deadline, tr))
    current = _current(goal, tr)
    if current is None:
        body = tr._("No data yet: nobody has checked in. Target {target}.").format(target=target)
        return [section(f"{title}\n{body}"), context(_owner(goal, tr))]
    since = tr._("Since the previous check-in: {change}").format(
        change=change_text(goal.change, tr) or tr._("no earlier check-in to compare")
    )
    lines = [
        title,
        tr._("*{current}* of {target}").format(current=current, target=target)
        + f"   `{progress_text(goal.progress, tr)}`",
        tr._("Expected by today: {expected}").format(expected=_expected(goal, tr))
        + "   "
        + tr._("Status: *{status}*").format(status=status_label(goal.status, tr)),
        _forecast(goal, tr),
        since,
    ]
    age = _age(goal.last_checkin_age, tr)
    age = tr._("Last check-in: {age}").format(age=age) if age else tr._("No check-in yet")
    return [section("\n".join(lines)), context(f"{_owner(goal, tr)}   {age}")]


def _expected(goal: GoalFacts, tr: Translator) -> str:
    if not goal.planned or goal.expected_share is None:
        return tr._("no plan (the goal has no target or deadline)")
    percent = share(goal.expected_share, tr.lang)  # as a check-in's answer says it
    if goal.expected is None:
        return percent
    return f"{percent} ({amount_per(_figure(goal.expected, tr), goal.period, tr)})"


def _forecast(goal: GoalFacts, tr: Translator) -> str:
    if goal.status is Status.ACHIEVED:
        return tr._("Target reached: no forecast needed")
    if goal.forecast is None:
        return tr._("Forecast: not enough check-ins yet for a trend")
    line = tr._("Forecast at the deadline: {forecast}").format(
        forecast=amount_per(_figure(goal.forecast, tr), goal.period, tr)
    )
    if goal.eta is not None and goal.status is not Status.MISSED:
        line += tr._("; at this pace the target is reached on {day}").format(
            day=day_text(goal.eta, tr)
        )
    return line


def _age(age: timedelta | None, tr: Translator) -> str | None:
    if age is None:
        return None
    if age < _JUST_NOW:
        return tr._("just now")
    if age >= _DAY and age // _DAY == 1:
        return tr._("yesterday")
    for size, unit in ((_DAY, "duration-day"), (_HOUR, "duration-hour")):
        if age >= size:
            return tr._("{duration} ago").format(duration=_duration(age // size, unit, tr.lang))
    return tr._("{duration} ago").format(
        duration=_duration(age // _MINUTE, "duration-minute", tr.lang)
    )


def _duration(count: int, unit: str, lang: str) -> str:
    """ "5 hours", "21 de ore", "۵ ساعت": CLDR knows each language's plural forms."""
    text = format_unit(count, unit, length="long", locale=lang)
    return formats.persian_digits(text) if lang == "fa" else text


def _owner(goal: GoalFacts, tr: Translator) -> str:
    if goal.owner_id:
        return tr._("Owner: <@{user}>").format(user=goal.owner_id)
    return tr._("Owner: nobody yet")


def goal_line(goal: GoalFacts, tr: Translator) -> str:
    """A goal in a list answer: figures, bar, status and due day, within 200 characters."""
    current = _current(goal, tr)
    # Without a check-in the status is "no check-in yet" too: say it once.
    if current is not None:
        figures = tr._("{current} of {target}").format(current=current, target=_target(goal, tr))
        figures += f" `{progress_text(goal.progress, tr)}`, {status_label(goal.status, tr)}"
    else:
        figures = tr._("{status} (target {target})").format(
            status=status_label(Status.NO_DATA, tr), target=_target(goal, tr)
        )
    due = tr._(", due {day}").format(day=day_text(goal.deadline, tr)) if goal.deadline else ""
    return clip(f"• *{escape(goal.title)}*: {figures}{due}", 200)
