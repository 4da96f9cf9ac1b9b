"""Block Kit for the team digest: a message readable in 20 seconds, details in its thread.

The main message carries the headline, the goals that need attention first (up to
`MAIN_LINES`), wins, losses, opportunities and who has not checked in. Every
goal's line is also in the thread when they do not all fit, so a digest of any
size stays inside Slack's limits (50 blocks a message, 3000 characters a section).
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core.digest import STATUS_LABELS, STATUS_MARKS, DigestLine, Highlight
from bot.core.mrkdwn import escape
from bot.core.period import Period
from bot.render.common import Block, chunk_lines, context, divider, header, section
from bot.services.digests import DigestView

MAIN_LINES = 10
"""Goal lines in the main message; the rest (and all of them) go to the thread."""

SECTION_ITEMS = 5
"""Goals named per section (wins, losses, opportunities) in the main message."""

REPLY_SECTIONS = 40
"""Sections per thread reply, well under the 50-block limit."""


@dataclass(frozen=True)
class DigestMessage:
    """The digest as Slack messages: the main post, and replies for its thread."""

    text: str
    blocks: list[Block]
    replies: list[list[Block]]
    chart_title: str


def digest_title(view: DigestView) -> str:
    """E.g. "Weekly digest · 16–23 Nov 2026"."""
    zone = ZoneInfo(view.timezone)
    start = view.digest.since.astimezone(zone)
    end = view.digest.now.astimezone(zone)
    kind = "Weekly" if view.digest.period is Period.WEEKLY else "Monthly"
    same_month = (start.year, start.month) == (end.year, end.month)
    first = f"{start.day}" if same_month else f"{start.day} {start:%b}"
    return f"{kind} digest · {first}–{end.day} {end:%b} {end.year}"


def goal_line(line: DigestLine) -> str:
    """One goal in one line: mark, title, bar, value vs target, change, status."""
    return (
        f"{STATUS_MARKS[line.status]} *{escape(line.title)}*  `{line.bar}`  {line.value} · "
        f"{line.change} · _{STATUS_LABELS[line.status]}_"
    )


def digest_message(view: DigestView, *, late: bool = False) -> DigestMessage:
    """The digest as a main message and its thread replies; `late` says it was held up."""
    digest = view.digest
    title = digest_title(view)
    total = len(digest.lines)
    blocks: list[Block] = [header(title), section(f"*{digest.headline}*")]
    if not digest.lines:
        blocks.append(
            section(
                f"No goals with a target and a deadline in this digest ({view.filters.describe()})."
            )
        )
        return DigestMessage(f"{title}: {digest.headline}", blocks, [], title)

    shown = [goal_line(line) for line in digest.lines[:MAIN_LINES]]
    blocks.append(divider())
    blocks.extend(section(chunk) for chunk in chunk_lines(shown))
    if total > MAIN_LINES:
        blocks.append(
            context(f"…and {total - MAIN_LINES} more goals: every goal is in the thread.")
        )
    blocks.append(divider())
    for name, items in (
        ("Wins", digest.wins),
        ("Losses", digest.losses),
        ("Opportunities", digest.opportunities),
    ):
        blocks.append(section(_highlights(name, items)))
    blocks.append(section(_not_checked_in(view)))
    note = (
        f"{view.filters.describe().capitalize()} · times in {view.timezone} · chart in the thread"
    )
    if late:
        note += " · sent late: I was offline when it was due"
    blocks.append(context(note))

    replies: list[list[Block]] = []
    if total > MAIN_LINES or any(
        len(items) > SECTION_ITEMS for items in (digest.wins, digest.losses, digest.opportunities)
    ):
        chunks = chunk_lines([goal_line(line) for line in digest.lines])
        for start in range(0, len(chunks), REPLY_SECTIONS):
            replies.append([section(chunk) for chunk in chunks[start : start + REPLY_SECTIONS]])
        for name, items in (
            ("Wins", digest.wins),
            ("Losses", digest.losses),
            ("Opportunities", digest.opportunities),
        ):
            if len(items) > SECTION_ITEMS:
                lines = [f"*{name}*"] + [_highlight(item) for item in items]
                replies.append([section(chunk) for chunk in chunk_lines(lines)][:REPLY_SECTIONS])
    return DigestMessage(f"{title}: {digest.headline}", blocks, replies, title)


def _highlight(item: Highlight) -> str:
    return f"• *{escape(item.title)}*: {item.reason}"


def _highlights(name: str, items: tuple[Highlight, ...]) -> str:
    if not items:
        return f"*{name}*: none this time."
    lines = [_highlight(item) for item in items[:SECTION_ITEMS]]
    if len(items) > SECTION_ITEMS:
        lines.append(f"…and {len(items) - SECTION_ITEMS} more in the thread.")
    return f"*{name}*\n" + "\n".join(lines)


def _not_checked_in(view: DigestView) -> str:
    people = view.digest.not_checked_in
    noun = view.digest.period.noun
    if not people:
        return f"Everyone has checked in this {noun}. 🙌"
    return f"*Not checked in this {noun}:* " + ", ".join(f"<@{user}>" for user in people)
