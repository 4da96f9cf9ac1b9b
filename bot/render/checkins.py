"""Block Kit for check-in answers: where each goal stands right after a value is given."""

from __future__ import annotations

from bot.core.mrkdwn import escape
from bot.render.common import Block, context, section
from bot.services.checkins import GoalAnswer, Recorded


def answer_lines(answer: GoalAnswer) -> str:
    """One goal's answer as mrkdwn lines: value, progress, plan, status, change, note."""
    lines = [f"*{escape(answer.title)}*: {answer.value}"]
    if answer.change:
        lines[0] += f"  ({answer.change})"
    if answer.became_baseline:
        lines.append("This first value is the goal's baseline: progress counts from here.")
    if answer.progress:
        lines.append(f"Progress: {answer.progress}")
    if answer.expected:
        lines.append(f"Expected by today: {answer.expected}")
    status = f"Status: {answer.status}"
    if answer.confidence:
        status += f"  ·  you feel {answer.confidence}"
    lines.append(status)
    if answer.note:
        lines.append(f"Note: _{escape(answer.note)}_")
    return "\n".join(lines)


def recorded_blocks(recorded: Recorded) -> tuple[str, list[Block]]:
    """The notification text and blocks answering a check-in."""
    verb = "Updated" if recorded.updated else "Got it"
    titles = ", ".join(f"“{escape(a.title)}” {a.value}" for a in recorded.answers)
    blocks: list[Block] = [section(answer_lines(a)) for a in recorded.answers[:40]]
    if recorded.updated:
        blocks.append(context("Updated from your edited message."))
    return f"{verb}: {titles}", blocks


def question_text(message: str, example: str) -> str:
    """A value the bot could not read: what went wrong and what works.

    Both may quote what the person typed or a goal's title, so both are escaped here.
    """
    return f"{escape(message)} For example: `{escape(example)}`. Nothing was saved."
