"""What the bot says about an analytics export dropped in Slack: what it read, with Save and
Cancel; what it stored; and why it read nothing (the file's problems, or no goal for it).
Every reply is in the person's language, its numbers and dates as that language writes them."""

from __future__ import annotations

import json
from datetime import date

from babel.units import format_unit

from bot.core.analytics_files import Problems, Series, describe_problems
from bot.core.mrkdwn import escape
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import day_month, number, persian_digits, quantity
from bot.render.common import Block, actions, button, section
from bot.services.analytics_checkins import FilePlan, FileSaved, SeriesPlan, Unmatched
from bot.slack.files import MAX_FILE_BYTES, FileTrouble

FILE_SAVE = "analytics_file.save"
FILE_CANCEL = "analytics_file.cancel"

_CANCELLED = N_("Nothing saved from that file.")

_DAYS_SHOWN = 14  # a series shorter than this is counted in days, a longer one in weeks

_TROUBLE_WORDS = {
    FileTrouble.GONE: N_("I can't open that file any more (was it deleted?). Nothing was saved."),
    FileTrouble.NOT_CSV: N_(
        "I read analytics exports saved as CSV (comma, semicolon or tab separated). "
        "Export the report as CSV and drop that file here."
    ),
    FileTrouble.TOO_BIG: N_("That file is over {megabytes} MB; export a shorter period as CSV."),
    FileTrouble.NO_DOWNLOAD: N_("Slack didn't let me download that file. Nothing was saved."),
}


def trouble_text(trouble: FileTrouble, tr: Translator) -> str:
    """Why a file could not be fetched from Slack; nothing was saved."""
    text = tr._(_TROUBLE_WORDS[trouble]).format(
        megabytes=number(MAX_FILE_BYTES // 1_000_000, tr.lang)
    )
    return rtl(text, tr.lang)


def cancelled_text(tr: Translator) -> str:
    return rtl(tr._(_CANCELLED), tr.lang)


def metric_name(series: Series, lang: str) -> str:
    """The metric in `lang`: the KPI catalogue's first word for it there ("ریچ", "erişim",
    "acoperire", "tiếp cận"); a custom metric keeps the name its column gave it."""
    kpi = series.metric.kpi
    if kpi is None or lang == "en":
        return series.metric.name
    name = kpi.name_in(lang)
    return name[:1].upper() + name[1:]


def series_label(series: Series, tr: Translator) -> str:
    """ "Instagram reach", "ریچ Instagram", "Instagram erişim": the platform (when known)
    and the metric, in the order the language puts them."""
    metric = metric_name(series, tr.lang)
    if series.platform is None:
        return metric
    label = tr._("{platform} {metric}").format(
        platform=series.platform.name, metric=metric[:1].lower() + metric[1:]
    )
    return label[:1].upper() + label[1:]


def span_words(first: date, last: date, lang: str) -> str:
    """How long a series covers: "1 day", "12 days", "6 weeks" (CLDR's units and plurals:
    "20 de săptămâni", "۶ هفته")."""
    days = (last - first).days + 1
    count, unit = (days, "day") if days < _DAYS_SHOWN else (round(days / 7), "week")
    text = format_unit(count, f"duration-{unit}", length="long", locale=lang)
    return persian_digits(text) if lang == "fa" else text


def _counted(count: int, one: str, other: str, tr: Translator) -> str:
    """`one` or `other` by English's rule, translated, with the count in `tr`'s digits.

    Each catalogue phrases both forms so they read right for any count in its language:
    a gettext plural entry cannot pass tests/i18n/test_catalogues.py, which compares a
    message's placeholders with its id's (Vietnamese has one form, Romanian three).
    """
    return tr._(one if count == 1 else other).format(count=number(count, tr.lang))


def _values(count: int, tr: Translator) -> str:
    return _counted(count, N_("{count} value"), N_("{count} values"), tr)


def plan_line(plan: SeriesPlan, tr: Translator) -> str:
    """ "*Instagram reach*, 6 weeks, last 41,200 on 23 Nov → `#1` Reach 60k: 7 new values"."""
    points = plan.series.points
    (first, _), (last_day, _) = points[0], points[-1]
    text = tr._("*{label}*, {span}, last {value} on {day} → `#{number}` {title}: {new}")
    return text.format(
        label=escape(series_label(plan.series, tr)),
        span=span_words(first, last_day, tr.lang),
        value=quantity(plan.last, tr.lang),
        day=day_month(last_day, tr.lang),
        number=plan.goal_number,
        title=escape(plan.goal_title),
        new=_counted(plan.new, N_("{count} new value"), N_("{count} new values"), tr)
        if plan.new
        else tr._("nothing new"),
    )


def unmatched_line(unmatched: Unmatched, tr: Translator) -> str:
    label = escape(series_label(unmatched.series, tr))
    if unmatched.candidates:
        numbers = tr._(", ").join(f"`#{n}`" for n in unmatched.candidates)
        text = tr._(
            "*{label}*: several goals measure it ({numbers}); drop the file in the thread of "
            "the reminder of the one you mean"
        )
        return text.format(label=label, numbers=numbers)
    text = tr._("*{label}*: no goal of yours measures it (start one with `/goals new`)")
    return text.format(label=label)


def preview_blocks(
    plan: FilePlan, file_id: str, thread_ts: str | None, tr: Translator
) -> tuple[str, list[Block]]:
    """What a file holds and where it would go, with Save and Cancel when anything is new."""
    lines = [plan_line(p, tr) for p in plan.plans]
    if plan.unmatched:
        lines += [tr._("Not saved:")] + [unmatched_line(u, tr) for u in plan.unmatched]
    new = sum(p.new for p in plan.plans)
    if not plan.plans:
        head = tr._("I read the file, but none of it goes to a goal.")
    elif not new:
        head = tr._("Everything in this file is already stored.")
    else:
        one, other = (
            N_("I read {count} new value. Save it?"),
            N_("I read {count} new values. Save them?"),
        )
        head = _counted(new, one, other, tr)
    head = rtl(head, tr.lang)
    blocks = [section(head), section(rtl("\n".join(lines), tr.lang))]
    if new:
        value = json.dumps({"file": file_id, "thread": thread_ts or ""})
        blocks.append(
            actions(
                button(tr._("Save"), FILE_SAVE, value, style="primary"),
                button(tr._("Cancel"), FILE_CANCEL, value),
            )
        )
    return head, blocks


def saved_text(saved: FileSaved, tr: Translator) -> str:
    """ "Saved 7 values: `#1` Instagram reach 60k (7). 2 were already stored."."""
    count = sum(n for _, _, n in saved.stored)
    if not count:  # Save pressed twice, or on two replicas: the other press stored them
        text = tr._("Already saved: nothing new in that file ({before} stored before).")
        return rtl(text.format(before=_values(saved.skipped, tr)), tr.lang)
    goals = tr._(", ").join(
        f"`#{goal}` {escape(title)} ({number(n, tr.lang)})" for goal, title, n in saved.stored
    )
    text = tr._("Saved {values} from the file: {goals}.").format(
        values=_values(count, tr), goals=goals
    )
    if saved.skipped:
        one, other = N_("{count} value already stored."), N_("{count} values already stored.")
        text += " " + _counted(saved.skipped, one, other, tr)
    return rtl(text, tr.lang)


def problems_text(problems: Problems, tr: Translator) -> str:
    """A file that could not be read: each problem on its line; nothing was saved."""
    described = describe_problems(problems, tr._, lambda n: number(n, tr.lang))
    listed = "\n".join(f"• {escape(p)}" for p in described)
    text = tr._("I couldn't read that file, so nothing was saved:")
    return rtl(f"{text}\n{listed}", tr.lang)
