"""Block Kit for answers to questions; the console and `checkin-bot ask` print the same blocks."""

from __future__ import annotations

from bot.core.dates import format_date
from bot.core.digest import STATUS_LABELS
from bot.core.mrkdwn import escape
from bot.core.progress import Status
from bot.render.common import Block, actions, button, clip, context, section
from bot.render.text import blocks_to_text
from bot.services.questions import Answer, GoalFacts, ObjectiveScore

STATUS_ACTION = "question.status"
"""Prefix of the buttons that answer the status of one goal from a list of matches."""


def answer_blocks(answer: Answer) -> list[Block]:
    """The blocks of an answer: a card for one goal, lines for several.

    Example:
        >>> answer_blocks(Answer(Intent.LIST, "No goals at risk right now."))[0]["type"]
        'section'
    """
    if answer.detail and answer.goals:
        return _card(answer.goals[0])
    # One objective's section already says what the headline says.
    one_score = len(answer.objectives) == 1 and answer.objectives[0].score is not None
    blocks: list[Block] = (
        [] if one_score else [section(f"*{answer.headline}*" if answer.goals else answer.headline)]
    )
    if answer.goals:
        blocks.append(section("\n".join(_goal_line(goal) for goal in answer.goals)))
    if answer.lines:
        blocks.append(section("\n".join(f"• {line}" for line in answer.lines)))
    blocks.extend(section(_objective(o)) for o in answer.objectives)
    if answer.more:
        blocks.append(context(f"…and {answer.more} more."))
    if answer.choose:
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
    text, _ = blocks_to_text(answer_blocks(answer), fallback=answer.headline)
    return text


def _card(goal: GoalFacts) -> list[Block]:
    due = f" by {format_date(goal.deadline)}" if goal.deadline else ""
    title = f"*{escape(goal.title)}*  `{goal.ref}`"
    if goal.current is None:
        body = f"{title}\nNo data yet: nobody has checked in. Target {goal.target}{due}."
        return [section(body), context(_owner(goal))]
    lines = [
        title,
        f"*{goal.current}* of {goal.target}{due}   `{goal.bar}`",
        f"Expected by today: {goal.expected}   Status: *{STATUS_LABELS[goal.status]}*",
        _forecast(goal),
        "Since the previous check-in: " + (goal.change or "no earlier check-in to compare"),
    ]
    age = f"Last check-in: {goal.last_checkin_age}"
    return [section("\n".join(lines)), context(f"{_owner(goal)}   {age}")]


def _forecast(goal: GoalFacts) -> str:
    if goal.status is Status.ACHIEVED:
        return "Target reached: no forecast needed"
    if goal.forecast is None:
        return "Forecast: not enough check-ins yet for a trend"
    line = f"Forecast at the deadline: {goal.forecast}"
    if goal.eta is not None and goal.status is not Status.MISSED:
        line += f"; at this pace the target is reached on {format_date(goal.eta)}"
    return line


def _owner(goal: GoalFacts) -> str:
    return f"Owner: <@{goal.owner_id}>" if goal.owner_id else "Owner: nobody yet"


def _goal_line(goal: GoalFacts) -> str:
    figures = (
        f"{goal.current} of {goal.target} `{goal.bar}`"
        if goal.current is not None
        else f"{STATUS_LABELS[Status.NO_DATA]} (target {goal.target})"
    )
    due = f", due {format_date(goal.deadline)}" if goal.deadline else ""
    return clip(f"• *{escape(goal.title)}*: {figures}, {STATUS_LABELS[goal.status]}{due}", 200)


def _objective(score: ObjectiveScore) -> str:
    if score.score is None:
        return f"*{escape(score.title)}*: no key results yet, so no score"
    results = "\n".join(f"• {escape(title)}: {value}" for title, value in score.key_results)
    return f"*{escape(score.title)}*: score *{score.score}* ({score.verdict})\n{results}"
