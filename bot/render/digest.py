"""Block Kit for the team digest: a message readable in 20 seconds, details in its thread.

The main message carries the headline, the goals that need attention first (up to
`MAIN_LINES`), wins, losses, opportunities and who has not checked in. Every
goal's line is also in the thread when they do not all fit, so a digest of any
size stays inside Slack's limits (50 blocks a message, 3000 characters a section).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.digest import Digest, DigestLine, Highlight, Reason
from bot.core.mrkdwn import escape
from bot.core.period import Period
from bot.render.common import Block, chunk_lines, context, divider, header, section
from bot.render.figures import (
    IN_DIGEST,
    STATUS_LABELS,
    STATUS_MARKS,
    change_since,
    okr_score_text,
    signed,
)
from bot.services.digests import DigestView

MAIN_LINES = 10
"""Goal lines in the main message; the rest (and all of them) go to the thread."""

SECTION_ITEMS = 5
"""Goals named per section (wins, losses, opportunities) in the main message."""

REPLY_SECTIONS = 40
"""Sections per thread reply, well under the 50-block limit."""

DETAILS_TEXT = "Digest details"
"""The notification text of each reply in a digest's thread."""


@dataclass(frozen=True)
class DigestMessage:
    """The digest as Slack messages: the main post, and replies for its thread."""

    text: str
    blocks: list[Block]
    replies: list[list[Block]]
    chart_title: str
    chart_alt_text: str


def digest_title(view: DigestView) -> str:
    """E.g. "Weekly digest · 16–23 Nov 2026"."""
    zone = ZoneInfo(view.timezone)
    start = view.digest.since.astimezone(zone)
    end = view.digest.now.astimezone(zone)
    kind = "Weekly" if view.digest.period is Period.WEEKLY else "Monthly"
    same_month = (start.year, start.month) == (end.year, end.month)
    first = f"{start.day}" if same_month else f"{start.day} {start:%b}"
    return f"{kind} digest · {first}–{end.day} {end:%b} {end.year}"


def headline(digest: Digest) -> str:
    """E.g. "2 on track · 1 at risk · 1 off track · 1 achieved · 1 no check-in yet"."""
    return " · ".join(f"{count} {STATUS_LABELS[s]}" for s, count in digest.headline_counts)


def period_change(line: DigestLine, period: Period) -> str:
    """How a goal moved since last week or month: "+3k (+6.82%) since last week"."""
    if line.change is None:
        return f"no change to compare since last {period.noun}"
    return change_since(line.change, line.unit, line.currency, period, IN_DIGEST)


def goal_line(line: DigestLine, period: Period) -> str:
    """One goal in one line: mark, title, bar, value vs target, change, status."""
    return (
        f"{STATUS_MARKS[line.status]} *{escape(line.title)}*  `{line.bar}`  {line.value} · "
        f"{period_change(line, period)} · _{STATUS_LABELS[line.status]}_"
    )


def highlight_reason(item: Highlight, period: Period) -> str:
    """Why a goal is a win, a loss or an opportunity, in a few words."""
    line = item.line
    amount = signed(item.amount or Decimal(0), line.unit, line.currency, IN_DIGEST)
    match item.reason:
        case Reason.TARGET_REACHED:
            return "target reached"
        case Reason.GAINING:
            points = int((line.gain or Decimal(0)) * 100)
            return f"{period_change(line, period)}, {points:+d} points of the way"
        case Reason.OFF_TRACK:
            done, planned = _percent(line.progress.progress), _percent(line.progress.expected)
            return f"off track ({done} done, plan says {planned})"
        case Reason.MISSED:
            return "deadline passed short of the target"
        case Reason.FALLING:
            return f"falling: {period_change(line, period)}"
        case Reason.CLOSE:
            return f"close: {amount} to go"
        case Reason.RECOVERY_PACE:
            return f"{amount} a {period.noun} gets it back on course"


def digest_message(view: DigestView, *, late: bool = False) -> DigestMessage:
    """The digest as a main message and its thread replies; `late` says it was held up."""
    digest = view.digest
    title = digest_title(view)
    total = len(digest.lines)
    blocks: list[Block] = [header(title), section(f"*{headline(digest)}*")]
    if not digest.lines:
        blocks.append(
            section(
                f"No goals with a target and a deadline in this digest ({view.filters.describe()})."
            )
        )
        return DigestMessage(f"{title}: {headline(digest)}", blocks, [], title, _chart_alt(view))

    lines = [goal_line(line, digest.period) for line in digest.lines]
    highlights = (
        ("Wins", digest.wins),
        ("Losses", digest.losses),
        ("Opportunities", digest.opportunities),
    )
    blocks.append(divider())
    blocks.extend(section(chunk) for chunk in chunk_lines(lines[:MAIN_LINES]))
    if total > MAIN_LINES:
        blocks.append(
            context(f"…and {total - MAIN_LINES} more goals: every goal is in the thread.")
        )
    if view.objectives:
        scored = [
            f"• *{escape(title)}*: {okr_score_text(score)}" for title, score in view.objectives
        ]
        blocks.append(section("*Objectives*\n" + "\n".join(scored[:SECTION_ITEMS])))
    blocks.append(divider())
    for name, items in highlights:
        blocks.append(section(_highlights(name, items, digest.period)))
    blocks.append(section(_not_checked_in(view)))
    note = (
        f"{view.filters.describe().capitalize()} · times in {view.timezone} · chart in the thread"
    )
    if late:
        note += " · sent late: I was offline when it was due"
    blocks.append(context(note))

    replies: list[list[Block]] = []
    if total > MAIN_LINES or any(len(items) > SECTION_ITEMS for _, items in highlights):
        chunks = chunk_lines(lines)
        for start in range(0, len(chunks), REPLY_SECTIONS):
            replies.append([section(chunk) for chunk in chunks[start : start + REPLY_SECTIONS]])
        for name, items in highlights:
            if len(items) > SECTION_ITEMS:
                listed = [f"*{name}*"] + [_highlight(item, digest.period) for item in items]
                replies.append([section(chunk) for chunk in chunk_lines(listed)][:REPLY_SECTIONS])
    return DigestMessage(f"{title}: {headline(digest)}", blocks, replies, title, _chart_alt(view))


def _chart_alt(view: DigestView) -> str:
    return f"Check-ins against the plan: {headline(view.digest)}"


def _percent(fraction: Decimal | None) -> str:
    # Truncated, not rounded: a goal 79.6% of the way is not yet "80% done".
    return "–" if fraction is None else f"{int(fraction * 100)}%"


def _highlight(item: Highlight, period: Period) -> str:
    return f"• *{escape(item.title)}*: {highlight_reason(item, period)}"


def _highlights(name: str, items: tuple[Highlight, ...], period: Period) -> str:
    if not items:
        return f"*{name}*: none this time."
    lines = [_highlight(item, period) for item in items[:SECTION_ITEMS]]
    if len(items) > SECTION_ITEMS:
        lines.append(f"…and {len(items) - SECTION_ITEMS} more in the thread.")
    return f"*{name}*\n" + "\n".join(lines)


def _not_checked_in(view: DigestView) -> str:
    people = view.digest.not_checked_in
    noun = view.digest.period.noun
    if not people:
        return f"Everyone has checked in this {noun}. 🙌"
    return f"*Not checked in this {noun}:* " + ", ".join(f"<@{user}>" for user in people)
