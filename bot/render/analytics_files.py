"""What the bot says about an analytics export dropped in Slack: what it read, with Save and
Cancel; what it stored; and why it read nothing (the file's problems, or no goal for it)."""

from __future__ import annotations

import json
from datetime import date

from bot.core.analytics_files import Series
from bot.core.mrkdwn import escape
from bot.core.numbers.write import format_quantity
from bot.render.common import Block, actions, button, counted, section
from bot.services.analytics_checkins import FilePlan, FileSaved, SeriesPlan, Unmatched
from bot.slack.files import MAX_FILE_BYTES, FileTrouble

FILE_SAVE = "analytics_file.save"
FILE_CANCEL = "analytics_file.cancel"

FILE_CANCELLED = "Nothing saved from that file."

_DAYS_SHOWN = 14  # a series shorter than this is counted in days, a longer one in weeks

TROUBLE_WORDS = {
    FileTrouble.GONE: "I can't open that file any more (was it deleted?). Nothing was saved.",
    FileTrouble.NOT_CSV: (
        "I read analytics exports saved as CSV (comma, semicolon or tab separated). "
        "Export the report as CSV and drop that file here."
    ),
    FileTrouble.TOO_BIG: (
        f"That file is over {MAX_FILE_BYTES // 1_000_000} MB; export a shorter period as CSV."
    ),
    FileTrouble.NO_DOWNLOAD: "Slack didn't let me download that file. Nothing was saved.",
}


def series_label(series: Series) -> str:
    """ "Instagram reach": the platform (when known) and the metric."""
    metric = series.metric.name
    if series.platform is None:
        return metric
    return f"{series.platform.name} {metric[:1].lower()}{metric[1:]}"


def span_words(first: date, last: date) -> str:
    """How long a series covers: "1 day", "12 days", "6 weeks"."""
    days = (last - first).days + 1
    return counted(days, "day") if days < _DAYS_SHOWN else counted(round(days / 7), "week")


def plan_line(plan: SeriesPlan) -> str:
    """ "*Instagram reach*, 6 weeks, last 41,200 on 23 Nov → `#1` Reach 60k: 7 new values"."""
    points = plan.series.points
    (first, _), (last_day, _) = points[0], points[-1]
    new = f"{counted(plan.new, 'new value')}" if plan.new else "nothing new"
    return (
        f"*{escape(series_label(plan.series))}*, {span_words(first, last_day)}, last "
        f"{format_quantity(plan.last)} on {last_day.day} {last_day:%b} → "
        f"`#{plan.goal_number}` {escape(plan.goal_title)}: {new}"
    )


def unmatched_line(unmatched: Unmatched) -> str:
    label = f"*{escape(series_label(unmatched.series))}*"
    if unmatched.candidates:
        numbers = ", ".join(f"`#{n}`" for n in unmatched.candidates)
        return (
            f"{label}: several goals measure it ({numbers}); drop the file in the thread of "
            "the reminder of the one you mean"
        )
    return f"{label}: no goal of yours measures it (start one with `/goals new`)"


def preview_blocks(plan: FilePlan, file_id: str, thread_ts: str | None) -> tuple[str, list[Block]]:
    """What a file holds and where it would go, with Save and Cancel when anything is new."""
    lines = [plan_line(p) for p in plan.plans]
    if plan.unmatched:
        lines += ["Not saved:"] + [unmatched_line(u) for u in plan.unmatched]
    new = sum(p.new for p in plan.plans)
    if not plan.plans:
        head = "I read the file, but none of it goes to a goal."
    elif not new:
        head = "Everything in this file is already stored."
    else:
        head = f"I read {counted(new, 'new value')}. Save them?"
    blocks = [section(head), section("\n".join(lines))]
    if new:
        value = json.dumps({"file": file_id, "thread": thread_ts or ""})
        blocks.append(
            actions(
                button("Save", FILE_SAVE, value, style="primary"),
                button("Cancel", FILE_CANCEL, value),
            )
        )
    return head, blocks


def saved_text(saved: FileSaved) -> str:
    """ "Saved 7 values: `#1` Instagram reach 60k (7). 2 were already stored."."""
    count = sum(n for _, _, n in saved.stored)
    if not count:  # Save pressed twice, or on two replicas: the other press stored them
        before = counted(saved.skipped, "value")
        return f"Already saved: nothing new in that file ({before} stored before)."
    goals = ", ".join(f"`#{number}` {escape(title)} ({n})" for number, title, n in saved.stored)
    already = f" {counted(saved.skipped, 'value')} already stored." if saved.skipped else ""
    return f"Saved {counted(count, 'value')} from the file: {goals}.{already}"


def problems_text(problems: list[str]) -> str:
    """A file that could not be read: each problem on its line; nothing was saved."""
    listed = "\n".join(f"• {escape(p)}" for p in problems)
    return f"I couldn't read that file, so nothing was saved:\n{listed}"
