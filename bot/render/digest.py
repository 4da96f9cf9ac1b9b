"""Block Kit for the team digest: a message readable in 20 seconds, details in its thread.

The main message carries the headline, the goals that need attention first (up to
`MAIN_LINES`), wins, losses, opportunities and who has not checked in. Every
goal's line is also in the thread when they do not all fit, so a digest of any
size stays inside Slack's limits (50 blocks a message, 3000 characters a section).
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.digest import Digest, DigestLine, Highlight, Reason
from bot.core.digest_request import DigestFilters
from bot.core.mrkdwn import escape
from bot.core.period import Period
from bot.core.progress import Status
from bot.core.values import CATEGORY_LABELS, Quantity, Unit
from bot.i18n import formats
from bot.i18n.bidi import RTL_LANGUAGES, persian_separators, rtl
from bot.i18n.catalogue import N_, Translator, translator
from bot.render.common import Block, chunk_lines, context, divider, header, section
from bot.render.figures import (
    IN_DIGEST,
    STATUS_MARKS,
    change_since,
    okr_score_text,
    progress_text,
    signed,
    status_label,
)
from bot.services.digests import DigestView

MAIN_LINES = 10
"""Goal lines in the main message; the rest (and all of them) go to the thread."""

SECTION_ITEMS = 5
"""Goals named per section (wins, losses, opportunities) in the main message."""

REPLY_SECTIONS = 40
"""Sections per thread reply, well under the 50-block limit."""

ENGLISH = translator("en")

DETAILS_TEXT = N_("Digest details")
"""The notification text of each reply in a digest's thread (translated when posted)."""

# A count before each status in the headline; English reads "2 on track".
_COUNTED: dict[Status, str] = {
    Status.ON_TRACK: N_("{count} on track"),
    Status.AT_RISK: N_("{count} at risk"),
    Status.OFF_TRACK: N_("{count} off track"),
    Status.ACHIEVED: N_("{count} achieved"),
    Status.MISSED: N_("{count} missed"),
    Status.NO_DATA: N_("{count} no check-in yet"),
}
_SINCE = {Period.WEEKLY: N_("since last week"), Period.MONTHLY: N_("since last month")}
_PER = {Period.WEEKLY: N_("{amount} a week"), Period.MONTHLY: N_("{amount} a month")}


@dataclass(frozen=True)
class DigestMessage:
    """The digest as Slack messages: the main post, and replies for its thread."""

    text: str
    blocks: list[Block]
    replies: list[list[Block]]
    chart_title: str
    chart_alt_text: str
    details_text: str
    lang: str


def as_source(tr: Translator) -> bool:
    """English exactly as the bot always wrote it (its own short figures and dates), rather
    than through the catalogue; a translator standing in for English (tests) is not."""
    return type(tr.translations) is gettext.NullTranslations


def digest_title(view: DigestView, tr: Translator = ENGLISH) -> str:
    """E.g. "Weekly digest · 16–23 Nov 2026"; in Persian on the Solar Hijri calendar."""
    zone = ZoneInfo(view.timezone)
    start = view.digest.since.astimezone(zone)
    end = view.digest.now.astimezone(zone)
    if view.digest.period is Period.WEEKLY:
        title = tr._("Weekly digest · {dates}")
    else:
        title = tr._("Monthly digest · {dates}")
    return title.format(dates=_span(start, end, tr.lang))


def _span(start: datetime, end: datetime, lang: str) -> str:
    if lang != "en":  # English keeps its "16–23 Nov 2026"
        return f"{formats.day_month(start.date(), lang)}–{formats.day(end.date(), lang)}"
    same_month = (start.year, start.month) == (end.year, end.month)
    first = f"{start.day}" if same_month else f"{start.day} {start:%b}"
    return f"{first}–{end.day} {end:%b} {end.year}"


def headline(digest: Digest, tr: Translator = ENGLISH) -> str:
    """E.g. "2 on track · 1 at risk · 1 off track · 1 achieved · 1 no check-in yet"."""
    return " · ".join(
        tr._(_COUNTED[s]).format(count=formats.number(count, tr.lang))
        for s, count in digest.headline_counts
    )


def filters_text(filters: DigestFilters, tr: Translator) -> str:
    """Which goals the digest covers: "all goals", "Instagram goals of <@U2>"."""
    if as_source(tr):
        return filters.describe()
    parts = [tr._(CATEGORY_LABELS[filters.category])] if filters.category else []
    parts += [filters.platform] if filters.platform else []
    text = tr._("{kinds} goals").format(kinds=" ".join(parts)) if parts else tr._("all goals")
    if filters.owner_id:
        text = tr._("{goals} of {owner}").format(goals=text, owner=f"<@{filters.owner_id}>")
    return text


def period_change(line: DigestLine, period: Period, tr: Translator = ENGLISH) -> str:
    """How a goal moved since last week or month: "+3k (+6.82%) since last week"."""
    if line.change is None:
        if period is Period.WEEKLY:
            return tr._("no change to compare since last week")
        return tr._("no change to compare since last month")
    if as_source(tr):
        return change_since(line.change, line.unit, line.currency, period, IN_DIGEST)
    amount = _signed(line.change.delta, line, tr)
    pct = line.change.pct
    if pct is not None and line.change.delta and line.unit is not Unit.PERCENT:
        amount += f" ({_sign(pct)}{formats.percent(abs(pct), tr.lang)})"
    return f"{amount} {tr._(_SINCE[period])}"


def _sign(delta: Decimal) -> str:
    return "+" if delta > 0 else "-" if delta < 0 else "±"


def _signed(delta: Decimal, line: DigestLine, tr: Translator) -> str:
    """An amount with its sign in `tr`'s language: "+۳٫۱ هزار", "+0,5 puncte"."""
    if as_source(tr):
        return signed(delta, line.unit, line.currency, IN_DIGEST)
    if line.unit is Unit.MILESTONE:
        return tr._("done") if delta > 0 else tr._("undone")
    if line.unit is Unit.PERCENT:
        points = formats.number(abs(delta), tr.lang)
        return _sign(delta) + tr._("{amount} pts").format(amount=points)
    return _sign(delta) + _amount(abs(delta), line, tr.lang)


def _amount(value: Decimal, line: DigestLine, lang: str) -> str:
    return formats.quantity(Quantity(value, line.unit, line.currency), lang, compact=True)


def value_vs_target(line: DigestLine, tr: Translator) -> str:
    """ "41.2k / 50k", in `tr`'s digits and words."""
    if as_source(tr):
        return line.value
    target = _amount(line.target, line, tr.lang)
    if line.per is not None:
        target = tr._(_PER[line.per]).format(amount=target)
    current = line.progress.current
    return f"{'–' if current is None else _amount(current, line, tr.lang)} / {target}"


def goal_line(line: DigestLine, period: Period, tr: Translator = ENGLISH) -> str:
    """One goal in one line: mark, title, bar, value vs target, change, status."""
    bar = progress_text(line.progress.progress, tr)
    return (
        f"{STATUS_MARKS[line.status]} *{escape(line.title)}*  `{bar}`  "
        f"{value_vs_target(line, tr)} · {period_change(line, period, tr)} · "
        f"_{status_label(line.status, tr)}_"
    )


def highlight_reason(item: Highlight, period: Period, tr: Translator = ENGLISH) -> str:
    """Why a goal is a win, a loss or an opportunity, in a few words."""
    line = item.line
    amount = _signed(item.amount or Decimal(0), line, tr)
    match item.reason:
        case Reason.TARGET_REACHED:
            return tr._("target reached")
        case Reason.GAINING:
            points = int((line.gain or Decimal(0)) * 100)
            return tr._("{change}, {points} points of the way").format(
                change=period_change(line, period, tr), points=_points(points, tr.lang)
            )
        case Reason.OFF_TRACK:
            done = _percent(line.progress.progress, tr.lang)
            planned = _percent(line.progress.expected, tr.lang)
            return tr._("off track ({done} done, plan says {planned})").format(
                done=done, planned=planned
            )
        case Reason.MISSED:
            return tr._("deadline passed short of the target")
        case Reason.FALLING:
            return tr._("falling: {change}").format(change=period_change(line, period, tr))
        case Reason.CLOSE:
            return tr._("close: {amount} to go").format(amount=amount)
        case Reason.RECOVERY_PACE:
            if period is Period.WEEKLY:
                return tr._("{amount} a week gets it back on course").format(amount=amount)
            return tr._("{amount} a month gets it back on course").format(amount=amount)


def _points(points: int, lang: str) -> str:
    sign = "+" if points >= 0 else "-"
    return sign + formats.number(abs(points), lang)


def digest_message(
    view: DigestView, *, late: bool = False, tr: Translator | None = None
) -> DigestMessage:
    """The digest in the channel's language (or `tr`'s), as a main message and its thread
    replies; `late` says it was held up."""
    tr = tr or translator(view.language)
    message = _digest_message(view, tr, late=late)
    if tr.lang not in RTL_LANGUAGES:
        return message
    return DigestMessage(
        rtl(message.text, tr.lang),
        rtl_blocks(message.blocks, tr.lang),
        [rtl_blocks(reply, tr.lang) for reply in message.replies],
        persian_separators(message.chart_title),  # drawn, not isolated: charts order it
        rtl(message.chart_alt_text, tr.lang),
        rtl(message.details_text, tr.lang),
        tr.lang,
    )


def rtl_blocks(blocks: list[Block], lang: str) -> list[Block]:
    """Every text of the blocks ready for a right-to-left reader (as they are in others)."""
    return [_rtl_node(block, lang) for block in blocks]


def _rtl_node(node: Block, lang: str) -> Block:
    out: Block = {}
    for key, value in node.items():
        if key == "text" and isinstance(value, str):
            out[key] = rtl(value, lang)
        elif isinstance(value, dict):
            out[key] = _rtl_node(value, lang)
        elif isinstance(value, list):
            out[key] = [_rtl_node(v, lang) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


def _digest_message(view: DigestView, tr: Translator, *, late: bool) -> DigestMessage:
    digest = view.digest
    title = digest_title(view, tr)
    total = len(digest.lines)
    top = headline(digest, tr)
    text = f"{title}: {top}"
    details = tr._(DETAILS_TEXT)
    blocks: list[Block] = [header(title), section(f"*{top}*")]
    if not digest.lines:
        empty = tr._("No goals with a target and a deadline in this digest ({filters}).")
        blocks.append(section(empty.format(filters=filters_text(view.filters, tr))))
        return DigestMessage(text, blocks, [], title, _chart_alt(view, tr), details, tr.lang)

    lines = [goal_line(line, digest.period, tr) for line in digest.lines]
    highlights = (
        (tr._("Wins"), digest.wins),
        (tr._("Losses"), digest.losses),
        (tr._("Opportunities"), digest.opportunities),
    )
    blocks.append(divider())
    blocks.extend(section(chunk) for chunk in chunk_lines(lines[:MAIN_LINES]))
    if total > MAIN_LINES:
        more = tr._("…and {count} more goals: every goal is in the thread.")
        blocks.append(context(more.format(count=formats.number(total - MAIN_LINES, tr.lang))))
    if view.objectives:
        scored = [
            f"• *{escape(name)}*: {okr_score_text(score, tr)}" for name, score in view.objectives
        ]
        heading = tr._("Objectives")
        blocks.append(section(f"*{heading}*\n" + "\n".join(scored[:SECTION_ITEMS])))
    blocks.append(divider())
    for name, items in highlights:
        blocks.append(section(_highlights(name, items, digest.period, tr)))
    blocks.append(section(_not_checked_in(view, tr)))
    blocks.append(context(_note(view, tr, late=late)))

    replies: list[list[Block]] = []
    if total > MAIN_LINES or any(len(items) > SECTION_ITEMS for _, items in highlights):
        chunks = chunk_lines(lines)
        for start in range(0, len(chunks), REPLY_SECTIONS):
            replies.append([section(chunk) for chunk in chunks[start : start + REPLY_SECTIONS]])
        for name, items in highlights:
            if len(items) > SECTION_ITEMS:
                listed = [f"*{name}*"] + [_highlight(item, digest.period, tr) for item in items]
                replies.append([section(chunk) for chunk in chunk_lines(listed)][:REPLY_SECTIONS])
    return DigestMessage(text, blocks, replies, title, _chart_alt(view, tr), details, tr.lang)


def _note(view: DigestView, tr: Translator, *, late: bool) -> str:
    covered = filters_text(view.filters, tr)
    note = tr._("{goals} · times in {zone} · chart in the thread").format(
        goals=covered[:1].upper() + covered[1:], zone=view.timezone
    )
    if late:
        note += " · " + tr._("sent late: I was offline when it was due")
    return note


def _chart_alt(view: DigestView, tr: Translator) -> str:
    return tr._("Check-ins against the plan: {headline}").format(headline=headline(view.digest, tr))


def _percent(fraction: Decimal | None, lang: str) -> str:
    # Truncated, not rounded: a goal 79.6% of the way is not yet "80% done".
    if fraction is None:
        return "–"
    return formats.percent(Decimal(int(fraction * 100)), lang)


def _highlight(item: Highlight, period: Period, tr: Translator) -> str:
    return f"• *{escape(item.title)}*: {highlight_reason(item, period, tr)}"


def _highlights(name: str, items: tuple[Highlight, ...], period: Period, tr: Translator) -> str:
    if not items:
        return tr._("*{section}*: none this time.").format(section=name)
    lines = [_highlight(item, period, tr) for item in items[:SECTION_ITEMS]]
    if len(items) > SECTION_ITEMS:
        more = tr._("…and {count} more in the thread.")
        lines.append(more.format(count=formats.number(len(items) - SECTION_ITEMS, tr.lang)))
    return f"*{name}*\n" + "\n".join(lines)


def _not_checked_in(view: DigestView, tr: Translator) -> str:
    people = view.digest.not_checked_in
    weekly = view.digest.period is Period.WEEKLY
    if not people:
        if weekly:
            return tr._("Everyone has checked in this week.") + " 🙌"
        return tr._("Everyone has checked in this month.") + " 🙌"
    week, month = tr._("Not checked in this week:"), tr._("Not checked in this month:")
    heading = week if weekly else month
    return f"*{heading}* " + ", ".join(f"<@{user}>" for user in people)
