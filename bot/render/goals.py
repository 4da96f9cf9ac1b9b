"""Block Kit for goal management: the list, one goal's card, the edit modal, the archive check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.mrkdwn import escape, quoted
from bot.core.numbers.write import format_quantity
from bot.core.period import Period, per_period
from bot.core.progress import progress_bar
from bot.core.values import CheckInSource, GoalState, Quantity
from bot.render.common import (
    CHANNEL_FILTER,
    Block,
    actions,
    button,
    chunk_lines,
    clip,
    context,
    counted,
    header,
    input_block,
    modal,
    section,
)
from bot.render.digest import period_change
from bot.render.figures import STATUS_LABELS, STATUS_MARKS, okr_score_text, weekly_pace
from bot.services.goal_admin import GoalRow, NotFound, ObjectiveRow
from storage.models import CheckIn, Goal

LIST_SECTIONS = 45
EDIT_CALLBACK = "goal.edit"


def not_found_text(missing: NotFound) -> str:
    """No goal fits what the person typed: say so, with a way to find the numbers."""
    if not missing.query.strip():
        return "Name a goal by its number or title, e.g. `#3` or `reach`."
    return (
        f"I found no goal matching {quoted(missing.query, 40)}. "
        "`/goals list` shows them with numbers."
    )


def goal_summary(row: GoalRow) -> str:
    """`#3 ✅ *Reach 60k* ▓▓▓░░ 35% 47k / 60k · on track` (or the goal's state without a plan)."""
    name = f"`#{row.number}` *{escape(row.title)}*"
    if row.state == GoalState.ARCHIVED:
        return f"{name} · _archived_"
    if row.objective is not None:
        return f"{name} · {objective_figures(row.objective)}"
    if row.line is None:
        return f"{name} · _no target or deadline to measure against_"
    line = row.line
    return (
        f"{name} {STATUS_MARKS[line.status]} `{line.bar}` {line.value} · "
        f"_{STATUS_LABELS[line.status]}_" + (f" · <@{row.owner_id}>" if row.owner_id else "")
    )


def objective_figures(objective: ObjectiveRow) -> str:
    """`OKR score 0.45 (progressing) · due 31 Dec 2026`: an objective, by its key results."""
    due = f" · due {objective.deadline:%d %b %Y}" if objective.deadline else ""
    return okr_score_text(objective.score) + due


def summary_with_key_results(row: GoalRow) -> str:
    """The goal's summary; an objective's is followed by a line per key result:
    `↳ KR #2 *Reach to 20,000* `▓▓▓░░░░░░░ 30%` · score 0.30`."""
    key_results = row.objective.key_results if row.objective else ()
    return "\n".join(
        [
            goal_summary(row),
            *(
                f"↳ KR `#{kr.number}` *{escape(kr.title)}* `{progress_bar(kr.progress)}`"
                f" · score {kr.score}"
                for kr in key_results
            ),
        ]
    )


def list_blocks(rows: list[GoalRow]) -> tuple[str, list[Block]]:
    """`/goals list`: every goal, numbered, within one message's limits."""
    if not rows:
        text = "No goals yet. DM me “new goal” or type `/goals new` to set one."
        return text, [section(text)]
    chunks = chunk_lines([goal_summary(row) for row in rows])
    blocks = [header(f"Goals ({len(rows)})")]
    blocks += [section(chunk) for chunk in chunks[:LIST_SECTIONS]]
    if len(chunks) > LIST_SECTIONS:
        blocks.append(context("More goals than fit here: `/goals export` sends them all as CSV."))
    blocks.append(context("`/goals show #N` for details, `/goals edit #N`, `/goals archive #N`."))
    return f"{len(rows)} goals", blocks


SOURCE_WORDS = {
    CheckInSource.REPLY: "reply",
    CheckInSource.COMMAND: "command",
    CheckInSource.MODAL: "form",
    CheckInSource.IMPORT: "import",
    CheckInSource.FILE: "file",
    CheckInSource.FEED: "feed",
    CheckInSource.API: "API",
}
"""Where a check-in came from, as a goal's history says it."""


def checkin_history(goal: Goal, latest: Sequence[CheckIn], zone: ZoneInfo) -> str:
    """A goal's latest check-ins, each with its day, value and source.

    Example: `23 Nov 41,200 (file) · 16 Nov 39,800 (reply)`.
    """
    return " · ".join(
        f"{c.at.astimezone(zone):%d %b} "
        f"{format_quantity(Quantity(c.value, goal.unit, goal.currency))} ({SOURCE_WORDS[c.source]})"
        for c in latest
    )


def show_blocks(
    row: GoalRow, goal: Goal, latest: Sequence[CheckIn], zone: ZoneInfo
) -> tuple[str, list[Block]]:
    """`/goals show`: one goal's figures, where it stands, its latest check-ins (with where
    each came from), and what to do next."""
    lines = [summary_with_key_results(row)]
    if goal.why:
        lines.append(f"*Why:* {escape(goal.why)}")
    if row.line is not None:
        state = row.line.progress
        lines.append(f"*This week:* {period_change(row.line, Period.WEEKLY)}")
        if state.required_per_week is not None and state.required_per_week != 0:
            pace = weekly_pace(state.required_per_week, goal.unit, goal.currency)
            if goal.period is None:
                lines.append(f"*Needed per week from here:* {pace}")
            elif goal.target is not None:
                target = format_quantity(Quantity(goal.target, goal.unit, goal.currency))
                lines.append(f"*Needed per week:* {pace} ({target}{per_period(goal.period)})")
        if state.eta is not None:
            lines.append(f"*Trend reaches the target on:* {state.eta:%d %b %Y}")
    if goal.deadline:
        lines.append(f"*Deadline:* {goal.deadline:%d %b %Y}")
    if goal.channel_id:
        lines.append(f"*Channel:* <#{goal.channel_id}>")
    if latest:
        lines.append(f"*Latest check-ins:* {checkin_history(goal, latest, zone)}")
    value = str(row.goal_id)
    blocks = [
        section("\n".join(lines)),
        actions(
            button("Chart", "goal.chart", value),
            button("Edit", "goal.edit", value),
            button("Archive", "goal.archive", value, style="danger"),
        ),
    ]
    return escape(row.title), blocks


def ambiguous_blocks(rows: tuple[GoalRow, ...], verb: str) -> tuple[str, list[Block]]:
    """Several goals fit: list them so the person can repeat the command with a number."""
    text = f"Which goal? Repeat with its number, e.g. `/goals {verb} #{rows[0].number}`."
    return text, [section(text), section("\n".join(goal_summary(row) for row in rows))]


def archive_confirm_blocks(row: GoalRow) -> tuple[str, list[Block]]:
    text = f"Archive “{escape(row.title)}”? It leaves digests and lists; its check-ins are kept."
    return text, [
        section(
            f"Archive *{escape(row.title)}*? It leaves digests and lists; its check-ins are kept."
        ),
        actions(
            button("Archive", "goal.archive_confirm", str(row.goal_id), style="danger"),
            button("Cancel", "goal.archive_cancel", str(row.goal_id)),
        ),
    ]


KEPT = "Kept it: nothing was archived."
"""The answer to Cancel under the archive question."""


def archived_text(title: str) -> str:
    """The archive question, answered yes."""
    return f"Archived “{escape(title)}”. Its check-ins are kept."


NEEDS_TITLE = "A goal needs a title."
PICK_DEADLINE = "Pick the deadline from the calendar."


def saved_text(title: str) -> str:
    """The edit form, saved."""
    return f"Saved your changes to “{escape(title)}”."


def edit_modal(goal: Goal) -> dict[str, Any]:
    """The edit form: title, target, deadline, owner and channel, prefilled."""

    def text_input(block_id: str, label: str, initial: str) -> Block:
        element: Block = {"type": "plain_text_input", "action_id": "value"}
        if initial:
            element["initial_value"] = clip(initial, 3000)
        return input_block(block_id, label, element)

    owner: Block = {"type": "users_select", "action_id": "value"}
    if goal.owner_id:
        owner["initial_user"] = goal.owner_id
    channel: Block = {
        "type": "conversations_select",
        "action_id": "value",
        "filter": CHANNEL_FILTER,
    }
    if goal.channel_id:
        channel["initial_conversation"] = goal.channel_id
    deadline: Block = {"type": "datepicker", "action_id": "value"}
    if goal.deadline:
        deadline["initial_date"] = goal.deadline.date().isoformat()
    target = "" if goal.target is None else format(goal.target.normalize(), "f")
    target += per_period(goal.period) if target else ""
    return modal(
        EDIT_CALLBACK,
        "Edit goal",
        "Save",
        [
            text_input("title", "Title", goal.title),
            text_input("target", "Target", target),
            input_block("deadline", "Deadline", deadline),
            input_block("owner", "Owner", owner, optional=True),
            input_block("channel", "Channel for its digest", channel, optional=True),
        ],
        private_metadata=str(goal.id),
    )


@dataclass(frozen=True)
class ExportWords:
    """What goes with the CSV of `/goals export`: the file's title, its comment, the reply."""

    title: str
    comment: str
    reply: str


def export_words(*, goals: int, checkins: int, day: date) -> ExportWords:
    """E.g. a reply "I sent you a CSV of 3 goals and 1 check-in in a direct message."."""
    held = f"{counted(goals, 'goal')} and {counted(checkins, 'check-in')}"
    return ExportWords(
        title=f"Goals export {day:%Y-%m-%d}",
        comment=f"Your export: {held}. `checkin-bot import` reads it back.",
        reply=f"I sent you a CSV of {held} in a direct message.",
    )


def chart_title(title: str) -> str:
    """The title drawn on a goal's chart and given to its file."""
    return f"{title}: check-ins vs plan"


def chart_alt_text(title: str) -> str:
    """The chart described for a screen reader."""
    return f"Check-ins of {title} against the straight line to its target"


def no_plan_to_chart(title: str) -> str:
    return f"“{escape(title)}” has no target or deadline, so there is no plan to chart against."


def chart_posted(title: str, *, here: bool) -> str:
    """Where the chart went: here, or to the person's DM when the bot cannot post here."""
    if here:
        return f"Here is the chart of “{escape(title)}”."
    return (
        f"I can't post in this channel, so I sent the chart of “{escape(title)}” to you directly."
    )
