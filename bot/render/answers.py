"""Block Kit for answers to questions; the console and `checkin-bot ask` print the same blocks."""

from __future__ import annotations

from datetime import timedelta

from bot.core.dates import format_date
from bot.core.kpis import PLATFORMS, kpi
from bot.core.mrkdwn import escape, quoted
from bot.core.numbers.write import format_quantity
from bot.core.period import Period, per_period
from bot.core.progress import Status, progress_bar
from bot.core.questions import Question
from bot.render.common import Block, actions, button, clip, context, section
from bot.render.figures import IN_ANSWER, change_since, status_label
from bot.render.text import blocks_to_text
from bot.services.questions.answer import EXAMPLES, MAX_LISTED, Answer, ObjectiveScore, Said
from bot.services.questions.assess import GoalChange, GoalFacts

STATUS_ACTION = "question.status"
"""Prefix of the buttons that answer the status of one goal from a list of matches."""

_MINUTE, _HOUR, _DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
_JUST_NOW = timedelta(minutes=2)
"""A check-in younger than this was "just now", not "1 minute ago"."""

_SPANS = {
    None: "since the previous check-in",
    Period.WEEKLY: "over the last 7 days",
    Period.MONTHLY: "over the last 30 days",
}


def answer_blocks(answer: Answer) -> list[Block]:
    """The blocks of an answer: a card for one goal, lines for several.

    Example:
        >>> answer_blocks(Answer(Intent.HELP, Said.HELP))[0]["type"]
        'section'
    """
    if answer.said is Said.CARD:
        return _card(answer.goals[0])
    # One objective's section already says what the headline says.
    one_score = len(answer.objectives) == 1 and answer.objectives[0].score is not None
    headline = answer_headline(answer)
    blocks: list[Block] = (
        [] if one_score else [section(f"*{headline}*" if answer.goals else headline)]
    )
    if answer.goals:
        blocks.append(section("\n".join(_goal_line(goal) for goal in answer.goals)))
    lines = _lines(answer)
    if lines:
        blocks.append(section("\n".join(f"• {line}" for line in lines)))
    blocks.extend(section(_objective(o)) for o in answer.objectives)
    if answer.more:
        blocks.append(context(f"…and {answer.more} more."))
    if answer.said is Said.CHOOSE:
        blocks.append(
            actions(
                *(
                    button(goal.title, f"{STATUS_ACTION}.{index}", str(goal.goal_id))
                    for index, goal in enumerate(answer.goals)
                ),
                block_id="question.choices",
            )
        )
    return blocks


def answer_text(answer: Answer) -> str:
    """The answer as plain text: what the console and `checkin-bot ask` print."""
    text, _ = blocks_to_text(answer_blocks(answer), fallback=answer_headline(answer))
    return text


def answer_headline(answer: Answer) -> str:
    """One line that stands alone: Slack's notification text, and the answer's first line."""
    question, count = answer.question, answer.count
    match answer.said:
        case Said.NO_GOALS_YET:
            return (
                f"No goal tracks {_asked_about(question)}: this workspace has no goals yet. "
                "Set one up with `/goals new` (or send me “new goal”), "
                "or import a file with `checkin-bot import`."
            )
        case Said.UNTRACKED:
            return _untracked_headline(answer)
        case Said.CHOOSE:
            return f"{count} goals match {_asked_about(question)}; which one?"
        case Said.CARD:
            return _card_headline(answer.goals[0])
        case Said.LISTED:
            return _listed_headline(question, count)
        case Said.OWNERS:
            return _owners_headline(answer)
        case Said.CHANGES:
            assert question is not None
            what = _asked_about(question) if question.metrics else "your goals"
            return f"How {what} changed {_SPANS[question.period]}"
        case Said.DUE:
            return _due_headline(answer)
        case Said.NO_OBJECTIVE_MATCHES:
            titles = ", ".join(escape(title) for title in answer.objective_titles)
            return f"No objective matches {quoted(answer.unmatched)}. Objectives: {titles}."
        case Said.SCORES:
            return _scores_headline(answer.objectives)
        case _:
            return _FIXED_HEADLINES[answer.said]


_FIXED_HEADLINES = {
    Said.GONE: "That goal is gone: it was archived or deleted.",
    Said.NO_OBJECTIVES: "There are no OKR objectives here yet, so there is no score.",
    Said.HELP: (
        "Ask me about your goals in plain words, in English, Persian, Romanian, "
        "Turkish or Vietnamese. For example:"
    ),
    Said.UNKNOWN: "I didn't understand that question. Questions I can answer look like these:",
}
"""Headlines that say the same whatever was asked."""


def _untracked_headline(answer: Answer) -> str:
    tracked = sorted({_with_platform(escape(name), where) for name, where in answer.tracked})
    shown = tracked[:MAX_LISTED]
    more = f" and {len(tracked) - len(shown)} more" if len(tracked) > len(shown) else ""
    return (
        f"No goal tracks {_asked_about(answer.question)}. "
        f"Goals here track: {', '.join(shown)}{more}."
    )


def _listed_headline(question: Question | None, count: int) -> str:
    what = _list_scope(question)
    if not count:
        return f"No {what} right now."
    return f"{count} {what}" if count != 1 else f"1 {what}".replace("goals", "goal")


def _owners_headline(answer: Answer) -> str:
    if answer.count == 1:
        return _owner_line(*answer.owners[0]).replace("*", "")
    return f"Owners of {answer.count} goals"


def _due_headline(answer: Answer) -> str:
    assert answer.until is not None
    until, count = format_date(answer.until), answer.count
    if not count:
        return f"Nothing is due between today and {until}."
    return f"{count} goal{'s' if count != 1 else ''} due by {until}"


def _lines(answer: Answer) -> tuple[str, ...]:
    """The extra lines under the headline: owners, changes or example questions."""
    if answer.said is Said.OWNERS and answer.count != 1:
        return tuple(_owner_line(title, owner) for title, owner in answer.owners)
    if answer.said is Said.CHANGES:
        return tuple(_change_line(change) for change in answer.changes)
    if answer.said in (Said.HELP, Said.UNKNOWN):
        return tuple(f"“{example}”" for _, example in EXAMPLES)
    return ()


def _asked_about(question: Question | None) -> str:
    assert question is not None
    if question.metrics:
        what = " or ".join(kpi(key).name for key in question.metrics)
    else:
        what = quoted(question.subject) if question.subject else "that"
    return _with_platform(what, question.platform)


def _with_platform(what: str, platform: str | None) -> str:
    names: dict[str, str] = {p.key: p.name for p in PLATFORMS}
    return f"{what} on {names.get(platform, platform)}" if platform else what


def _list_scope(question: Question | None) -> str:
    assert question is not None
    parts = ["goals"]
    if question.metrics:
        parts.insert(0, " / ".join(kpi(key).name.lower() for key in question.metrics))
    if question.platform:
        parts.insert(0, next((p.name for p in PLATFORMS if p.key == question.platform), ""))
    if question.mine:
        parts.insert(0, "of your")
    if question.status is not None:
        parts.append(status_label(question.status))
    return " ".join(parts)


def _owner_line(title: str, owner_id: str | None) -> str:
    owner = f"owned by <@{owner_id}>" if owner_id else "nobody owns it yet"
    return f"*{escape(title)}*: {owner}"


def _change_line(moved: GoalChange) -> str:
    return f"*{escape(moved.title)}*: " + (
        _change(moved) or "no check-ins to compare in that span, so no change to report"
    )


def _change(moved: GoalChange | None) -> str | None:
    if moved is None or moved.change is None or moved.since is None:
        return None
    return change_since(moved.change, moved.unit, moved.currency, moved.since, IN_ANSWER)


def _scores_headline(scores: tuple[ObjectiveScore, ...]) -> str:
    first = scores[0]
    if len(scores) == 1 and first.score is not None:
        return f"{escape(first.title)}: score {first.score} ({first.verdict})"
    if len(scores) > 1:
        return f"Scores of {len(scores)} objectives"
    return f"{escape(first.title)} has no key results yet, so no score"


def _current(goal: GoalFacts) -> str | None:
    return format_quantity(goal.current) if goal.current is not None else None


def _target(goal: GoalFacts) -> str:
    if goal.target is None:
        return "no target"
    return format_quantity(goal.target) + per_period(goal.period)


def _card_headline(goal: GoalFacts) -> str:
    title, current = escape(goal.title), _current(goal)
    if current is None:
        return f"{title}: {status_label(Status.NO_DATA)} (target {_target(goal)})"
    return f"{title}: {current} of {_target(goal)}, {status_label(goal.status)}"


def _card(goal: GoalFacts) -> list[Block]:
    due = f" by {format_date(goal.deadline)}" if goal.deadline else ""
    ref = f"#{goal.ref}" if goal.ref.isdigit() else goal.ref  # "#3", as the list writes it
    title = f"*{escape(goal.title)}*  `{ref}`"
    current = _current(goal)
    if current is None:
        body = f"{title}\nNo data yet: nobody has checked in. Target {_target(goal)}{due}."
        return [section(body), context(_owner(goal))]
    lines = [
        title,
        f"*{current}* of {_target(goal)}{due}   `{progress_bar(goal.progress)}`",
        f"Expected by today: {_expected(goal)}   Status: *{status_label(goal.status)}*",
        _forecast(goal),
        "Since the previous check-in: "
        + (_change(goal.change) or "no earlier check-in to compare"),
    ]
    age = _age(goal.last_checkin_age)
    age = f"Last check-in: {age}" if age else "No check-in yet"
    return [section("\n".join(lines)), context(f"{_owner(goal)}   {age}")]


def _expected(goal: GoalFacts) -> str:
    if not goal.planned or goal.expected_share is None:
        return "no plan (the goal has no target or deadline)"
    percent = f"{int(goal.expected_share * 100)}%"  # cut toward zero, as the bar is
    if goal.expected is None:
        return percent
    return f"{percent} ({format_quantity(goal.expected)}{per_period(goal.period)})"


def _forecast(goal: GoalFacts) -> str:
    if goal.status is Status.ACHIEVED:
        return "Target reached: no forecast needed"
    if goal.forecast is None:
        return "Forecast: not enough check-ins yet for a trend"
    line = f"Forecast at the deadline: {format_quantity(goal.forecast)}{per_period(goal.period)}"
    if goal.eta is not None and goal.status is not Status.MISSED:
        line += f"; at this pace the target is reached on {format_date(goal.eta)}"
    return line


def _age(age: timedelta | None) -> str | None:
    if age is None:
        return None
    if age < _HOUR:
        return "just now" if age < _JUST_NOW else f"{age // _MINUTE} minutes ago"
    if age < _DAY:
        hours = age // _HOUR
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = age // _DAY
    return "yesterday" if days == 1 else f"{days} days ago"


def _owner(goal: GoalFacts) -> str:
    return f"Owner: <@{goal.owner_id}>" if goal.owner_id else "Owner: nobody yet"


def _goal_line(goal: GoalFacts) -> str:
    current = _current(goal)
    # Without a check-in the status is "no check-in yet" too: say it once.
    figures = (
        f"{current} of {_target(goal)} `{progress_bar(goal.progress)}`, {status_label(goal.status)}"
        if current is not None
        else f"{status_label(Status.NO_DATA)} (target {_target(goal)})"
    )
    due = f", due {format_date(goal.deadline)}" if goal.deadline else ""
    return clip(f"• *{escape(goal.title)}*: {figures}{due}", 200)


def _objective(score: ObjectiveScore) -> str:
    if score.score is None:
        return f"*{escape(score.title)}*: no key results yet, so no score"
    results = "\n".join(f"• {escape(title)}: {value}" for title, value in score.key_results)
    return f"*{escape(score.title)}*: score *{score.score}* ({score.verdict})\n{results}"
