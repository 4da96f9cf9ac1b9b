"""Block Kit for goal management: the list, one goal's card, the edit modal, the archive check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.mrkdwn import escape, quoted
from bot.core.period import Period, per_period
from bot.core.values import CheckInSource, GoalState, Quantity
from bot.i18n import formats
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
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
from bot.render.digest import value_vs_target
from bot.render.figures import (
    ENGLISH,
    IN_DIGEST,
    STATUS_MARKS,
    amount_per,
    by_count,
    change_since,
    day_text,
    okr_score_text,
    progress_text,
    score_number,
    status_label,
    weekly_pace,
)
from bot.services.goal_admin import GoalRow, NotFound, ObjectiveRow
from storage.models import CheckIn, Goal

LIST_SECTIONS = 45
EDIT_CALLBACK = "goal.edit"


def not_found_text(missing: NotFound, tr: Translator = ENGLISH) -> str:
    """No goal fits what the person typed: say so, with a way to find the numbers."""
    if not missing.query.strip():
        return rtl(tr._("Name a goal by its number or title, e.g. `#3` or `reach`."), tr.lang)
    text = tr._("I found no goal matching {words}. `/goals list` shows them with numbers.")
    return rtl(text.format(words=quoted(missing.query, 40)), tr.lang)


def goal_summary(row: GoalRow, tr: Translator = ENGLISH) -> str:
    """`#3 ✅ *Reach 60k* ▓▓▓░░ 35% 47k / 60k · on track` (or the goal's state without a plan)."""
    name = f"`#{row.number}` *{escape(row.title)}*"
    if row.state == GoalState.ARCHIVED:
        return f"{name} · _{tr._('archived')}_"
    if row.objective is not None:
        return f"{name} · {objective_figures(row.objective, tr)}"
    if row.line is None:
        return f"{name} · _{tr._('no target or deadline to measure against')}_"
    line = row.line
    return (
        f"{name} {STATUS_MARKS[line.status]} `{progress_text(line.progress.progress, tr)}` "
        f"{value_vs_target(line, tr)} · "
        f"_{status_label(line.status, tr)}_" + (f" · <@{row.owner_id}>" if row.owner_id else "")
    )


def objective_figures(objective: ObjectiveRow, tr: Translator = ENGLISH) -> str:
    """`OKR score 0.45 (progressing) · due 31 Dec 2026`: an objective, by its key results."""
    score = okr_score_text(objective.score, tr)
    if not objective.deadline:
        return score
    return tr._("{score} · due {day}").format(score=score, day=day_text(objective.deadline, tr))


def summary_with_key_results(row: GoalRow, tr: Translator = ENGLISH) -> str:
    """The goal's summary; an objective's is followed by a line per key result:
    `↳ KR #2 *Reach to 20,000* `▓▓▓░░░░░░░ 30%` · score 0.30`."""
    key_results = row.objective.key_results if row.objective else ()
    return "\n".join(
        [
            goal_summary(row, tr),
            *(
                f"↳ {tr._('KR')} `#{kr.number}` *{escape(kr.title)}* "
                f"`{progress_text(kr.progress, tr)}` · "
                + tr._("score {score}").format(score=score_number(kr.score, tr.lang))
                for kr in key_results
            ),
        ]
    )


def list_blocks(rows: list[GoalRow], tr: Translator = ENGLISH) -> tuple[str, list[Block]]:
    """`/goals list`: every goal, numbered, within one message's limits."""
    if not rows:
        text = rtl(tr._("No goals yet. DM me “new goal” or type `/goals new` to set one."), tr.lang)
        return text, [section(text)]
    chunks = chunk_lines([rtl(goal_summary(row, tr), tr.lang) for row in rows])
    count = formats.number(len(rows), tr.lang)
    blocks = [header(tr._("Goals ({count})").format(count=count))]
    blocks += [section(chunk) for chunk in chunks[:LIST_SECTIONS]]
    if len(chunks) > LIST_SECTIONS:
        more = tr._("More goals than fit here: `/goals export` sends them all as CSV.")
        blocks.append(context(rtl(more, tr.lang)))
    show = tr._("`/goals show #N` for details, `/goals edit #N`, `/goals archive #N`.")
    blocks.append(context(rtl(show, tr.lang)))
    said = by_count(tr, N_("{count} goal"), N_("{count} goals"), len(rows))
    return rtl(said, tr.lang), blocks


SOURCE_WORDS = {
    CheckInSource.REPLY: N_("reply"),
    CheckInSource.COMMAND: N_("command"),
    CheckInSource.MODAL: N_("form"),
    CheckInSource.IMPORT: N_("import"),
    CheckInSource.FILE: N_("file"),
    CheckInSource.FEED: N_("feed"),
    CheckInSource.API: "API",
}
"""Where a check-in came from, as a goal's history says it."""


def checkin_history(
    goal: Goal, latest: Sequence[CheckIn], zone: ZoneInfo, tr: Translator = ENGLISH
) -> str:
    """A goal's latest check-ins, each with its day, value and source.

    Example: `23 Nov 41,200 (file) · 16 Nov 39,800 (reply)`.
    """
    return " · ".join(
        f"{_day_month(c.at.astimezone(zone).date(), tr.lang)} "
        f"{formats.quantity(Quantity(c.value, goal.unit, goal.currency), tr.lang)}"
        f" ({tr._(SOURCE_WORDS[c.source])})"
        for c in latest
    )


def _day_month(d: date, lang: str) -> str:
    # English histories have always zero-padded the day ("03 Nov").
    return f"{d:%d %b}" if lang == "en" else formats.day_month(d, lang)


def show_blocks(
    row: GoalRow, goal: Goal, latest: Sequence[CheckIn], zone: ZoneInfo, tr: Translator = ENGLISH
) -> tuple[str, list[Block]]:
    """`/goals show`: one goal's figures, where it stands, its latest check-ins (with where
    each came from), and what to do next."""
    lines = [summary_with_key_results(row, tr)]
    if goal.why:
        lines.append(tr._("*Why:* {why}").format(why=escape(goal.why)))
    if row.line is not None:
        lines.extend(_plan_lines(row, goal, tr))
    if goal.deadline:
        lines.append(tr._("*Deadline:* {day}").format(day=_long_day(goal.deadline.date(), tr)))
    if goal.channel_id:
        lines.append(tr._("*Channel:* <#{channel}>").format(channel=goal.channel_id))
    if latest:
        history = checkin_history(goal, latest, zone, tr)
        lines.append(tr._("*Latest check-ins:* {history}").format(history=history))
    value = str(row.goal_id)
    blocks = [
        section(rtl("\n".join(lines), tr.lang)),
        actions(
            button(tr._("Chart"), "goal.chart", value),
            button(tr._("Edit"), "goal.edit", value),
            button(tr._("Archive"), "goal.archive", value, style="danger"),
        ),
    ]
    return escape(row.title), blocks


def _long_day(d: date, tr: Translator) -> str:
    # English goal cards have always zero-padded the day ("03 Nov 2026").
    return f"{d:%d %b %Y}" if tr.lang == "en" else day_text(d, tr)


def _plan_lines(row: GoalRow, goal: Goal, tr: Translator) -> list[str]:
    """This week's change, the pace still needed, and when the trend gets there."""
    assert row.line is not None
    line, state = row.line, row.line.progress
    if line.change is None:
        change = tr._("no change to compare since last week")
    else:
        change = change_since(
            line.change, line.unit, line.currency, Period.WEEKLY, IN_DIGEST, tr=tr
        )
    lines = [tr._("*This week:* {change}").format(change=change)]
    if state.required_per_week is not None and state.required_per_week != 0:
        pace = weekly_pace(state.required_per_week, goal.unit, goal.currency, tr.lang)
        if goal.period is None:
            lines.append(tr._("*Needed per week from here:* {pace}").format(pace=pace))
        elif goal.target is not None:
            target = formats.quantity(Quantity(goal.target, goal.unit, goal.currency), tr.lang)
            lines.append(
                tr._("*Needed per week:* {pace} ({target})").format(
                    pace=pace, target=amount_per(target, goal.period, tr)
                )
            )
    if state.eta is not None:
        eta = _long_day(state.eta.date(), tr)
        lines.append(tr._("*Trend reaches the target on:* {day}").format(day=eta))
    return lines


def ambiguous_blocks(
    rows: tuple[GoalRow, ...], verb: str, tr: Translator = ENGLISH
) -> tuple[str, list[Block]]:
    """Several goals fit: list them so the person can repeat the command with a number."""
    text = tr._("Which goal? Repeat with its number, e.g. `/goals {verb} #{number}`.")
    text = rtl(text.format(verb=verb, number=rows[0].number), tr.lang)
    summaries = "\n".join(rtl(goal_summary(row, tr), tr.lang) for row in rows)
    return text, [section(text), section(summaries)]


def archive_confirm_blocks(row: GoalRow, tr: Translator = ENGLISH) -> tuple[str, list[Block]]:
    ask = tr._("Archive {title}? It leaves digests and lists; its check-ins are kept.")
    title = escape(row.title)
    return rtl(ask.format(title=f"“{title}”"), tr.lang), [
        section(rtl(ask.format(title=f"*{title}*"), tr.lang)),
        actions(
            button(tr._("Archive"), "goal.archive_confirm", str(row.goal_id), style="danger"),
            button(tr._("Cancel"), "goal.archive_cancel", str(row.goal_id)),
        ),
    ]


KEPT = N_("Kept it: nothing was archived.")
"""The answer to Cancel under the archive question (translate it when saying it)."""


def archived_text(title: str, tr: Translator = ENGLISH) -> str:
    """The archive question, answered yes."""
    said = tr._("Archived “{title}”. Its check-ins are kept.")
    return rtl(said.format(title=escape(title)), tr.lang)


NEEDS_TITLE = N_("A goal needs a title.")
PICK_DEADLINE = N_("Pick the deadline from the calendar.")


def saved_text(title: str, tr: Translator = ENGLISH) -> str:
    """The edit form, saved."""
    return rtl(tr._("Saved your changes to “{title}”.").format(title=escape(title)), tr.lang)


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
