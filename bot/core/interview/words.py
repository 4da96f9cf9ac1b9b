"""How the interview words things: control words, amounts, metric names, the summary."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.cadence import Cadence
from bot.core.cadence.describe import describe_cadence
from bot.core.cadence.occurrences import count_occurrences
from bot.core.cadence.parse import parse_cadence
from bot.core.dates import end_of_day, format_date
from bot.core.interview.state import DEFAULT_CADENCE, Choice, Interview, Measure, Mode, Step
from bot.core.kpis import (
    KPI,
    PLATFORMS,
    kpi,
)
from bot.core.mrkdwn import escape, quoted
from bot.core.period import counted_per, per_period
from bot.core.values import CATEGORY_LABELS, Direction, Quantity, Unit
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import day, quantity

# --- control words ---------------------------------------------------------------------

CANCEL = frozenset({"cancel", "stop", "quit", "abort", "anuleaza", "renunt", "renunta", "iptal",
                     "vazgec", "huy", "huy bo", "thoi", "لغو", "انصراف", "لغو کن"})  # fmt: skip
HELP = frozenset({"help", "ajutor", "yardim", "giup", "tro giup", "giup do", "کمک", "راهنما"})
BACK = frozenset({"back", "go back", "undo", "inapoi", "geri", "geri don", "quay lai", "tro lai",
                   "برگشت", "بازگشت", "قبلی"})  # fmt: skip
SKIP = frozenset({"skip", "none", "no", "nope", "-", "sari peste", "nu", "atla", "gec", "hayir",
                   "bo qua", "khong", "رد", "رد کن", "نه", "بگذر"})  # fmt: skip
UNKNOWN = frozenset({"i don t know", "i dont know", "don t know", "dont know", "idk", "unknown",
                      "not sure", "no idea", "nu stiu", "bilmiyorum", "khong biet",
                      "نمی دانم", "نمیدانم", "نمی دونم", "نمیدونم"})  # fmt: skip
ACCEPT = frozenset({"yes", "y", "ok", "okay", "accept", "save", "save it", "confirm", "done",
                     "looks good", "lgtm", "sure", "save anyway", "da", "salveaza", "evet",
                     "tamam", "kaydet", "co", "dong y", "luu", "luu lai", "ذخیره", "ذخیره کن",
                     "بله", "اره", "تایید"})  # fmt: skip
MORE_YES = frozenset({"add", "yes", "y", "another", "more", "add one", "add a key result",
                       "adauga", "da", "ekle", "evet", "them", "co", "اضافه کن",
                       "بله"})  # fmt: skip
MORE_NO = frozenset({"done", "no", "that s all", "thats all", "finish", "enough", "n", "gata",
                      "nu", "tamam", "yeter", "hayir", "xong", "khong", "کافیه", "کافی است",
                      "نه"})  # fmt: skip
ME = frozenset({"me", "myself", "i", "mine", "eu", "ben", "bana", "toi", "من", "خودم"})
"""Owner words: the person answering (Romanian, Turkish, Vietnamese and Persian too)."""
START = {
    "new goal": False, "set a goal": False, "goal new": False, "new okr": True,
    "obiectiv nou": False, "un obiectiv nou": False, "okr nou": True,
    "yeni hedef": False, "hedef belirle": False, "yeni okr": True,
    "muc tieu moi": False, "okr moi": True,
    "هدف جدید": False, "یک هدف جدید": False, "okr جدید": True,
}  # fmt: skip
"""What starts an interview in a DM, as `normalise` leaves it, and whether it is an OKR."""
HERE = frozenset({"here", "this channel", "aici", "acest canal", "burasi", "bu kanal", "o day",
                   "kenh nay", "اینجا", "همین کانال"})  # fmt: skip
"""The channel the interview runs in, as an answer to "which channel?"."""
SKIPPABLE = frozenset({Step.WHERE, Step.OWNER, Step.CADENCE, Step.CHANNEL})

EXAMPLE_WHY = N_("we want more people to see our Instagram")
EXAMPLE_OBJECTIVE = N_("Become the pizzeria everyone in Cluj knows")
DIRECTIONS = (Choice(N_("Higher is better"), "higher"), Choice(N_("Lower is better"), "lower"))


# --- amounts, names and the summary ---------------------------------------------------


def amount(m: Measure, value: Decimal | None, lang: str = "en") -> str:
    """A value of the measure written as people of `lang` read it ("480", "3.2%", "۳٫۲٪")."""
    if value is None:
        return "?"
    return quantity(Quantity(value, m.unit or Unit.COUNT, m.currency), lang)


def per(m: Measure) -> str:
    """What follows an amount of a measure counted per week or month (" a month"), or nothing."""
    return per_period(counted_per(m.period))


def translated(tr: Translator, text: str) -> str:
    """`text` from another module (a reader's problem or example) in the person's language,
    where the catalogue has it; gettext reads "" as its header, so that stays "" here."""
    return tr._(text) if text else text


def place_name(scope: str, tr: Translator) -> str:
    """A platform's name in the person's language ("All channels"), else the scope as typed."""
    return tr._(scope) if scope in {p.name for p in PLATFORMS} else scope


def metric_name(m: Measure, lang: str) -> str:
    """The metric's name in `lang`: the KPI catalogue's own word for a known metric
    ("فالوور", "takipçi"), else the name as the person gave it."""
    known = known_kpi(m)
    if known is None or lang == "en":
        return m.metric_name or ""
    return known.name_in(lang)


def metric_words(m: Measure, tr: Translator) -> str:
    if not m.metric_name:
        return tr._("the metric")
    name = metric_name(m, tr.lang)
    return escape(name.lower() if m.metric_key else name)


def target_example(m: Measure) -> str:
    if m.direction is Direction.DECREASE:
        return N_("cut to under 1h, -30% or 45 min")
    return {Unit.PERCENT: N_("5%, +1.5pp or +20%"), Unit.CURRENCY: N_("$5k or +20%")}.get(
        m.unit or Unit.COUNT, N_("60k, +20% or double it")
    )


def known_kpi(m: Measure) -> KPI | None:
    try:
        return kpi(m.metric_key) if m.metric_key else None
    except KeyError:
        return None


def checkin_count(interview: Interview, *, now: datetime, tz: ZoneInfo) -> int:
    """How many check-ins the chosen cadence gives between now and the deadline."""
    cadence = cadence_of(interview, tz.key)
    if cadence is None or interview.deadline is None:
        return 0
    return count_occurrences(cadence, now, end_of_day(interview.deadline, tz))


def cadence_of(interview: Interview, tz: str) -> Cadence | None:
    """The interview's check-in cadence in time zone `tz` (the owner's), once chosen."""
    if interview.cadence is None:
        return None
    parsed = parse_cadence(interview.cadence, tz=tz)
    return parsed if isinstance(parsed, Cadence) else None


def summarise(interview: Interview, *, tz: ZoneInfo) -> tuple[str, ...]:
    """The planned goal in plain lines, as the review and the saved card show it."""
    tr = interview.tr
    lines: list[str] = []
    if interview.mode is Mode.OKR:
        lines.append(tr._("*Objective:* {objective}").format(
            objective=quoted(interview.objective or "", 150)))  # fmt: skip
    if interview.category is not None:
        why = f" – {quoted(interview.why)}" if interview.why else ""
        label = tr._(CATEGORY_LABELS[interview.category])
        lines.append(tr._("*Why:* {why}").format(why=label + why))
    where = escape(place_name(interview.scope, tr)) if interview.scope else tr._("not given")
    lines.append(tr._("*Where:* {where}").format(where=where))
    for index, m in enumerate(interview.measures):
        line = _measure_line(m, interview.deadline, tr)
        if interview.mode is Mode.SMART:
            lines.append(tr._("*Goal:* {goal}").format(goal=line))
        else:
            lines.append(f"*KR{index + 1}:* {line}")
    if interview.owner:
        lines.append(tr._("*Owner:* {owner}").format(owner=f"<@{interview.owner}>"))
    if interview.cadence:
        lines.append(tr._("*Check-ins:* {cadence}").format(cadence=cadence_words(interview, tz)))
    if interview.channel_answered:
        digest = f"<#{interview.channel}>" if interview.channel else tr._("no channel")
        lines.append(tr._("*Digest:* {channel}").format(channel=digest))
    return tuple(lines)


def _measure_line(m: Measure, deadline: date | None, tr: Translator) -> str:
    lang = tr.lang
    name = escape(metric_name(m, lang))
    if m.unit is Unit.MILESTONE:
        line = tr._("{metric} done").format(metric=name)
    else:
        target = amount(m, m.target, lang) if m.target is not None else "?"
        known = m.baseline_known and m.baseline is not None
        start = amount(m, m.baseline, lang) if known else tr._("unknown")
        line = tr._("{metric} from {start} to {target}").format(
            metric=name, start=start, target=target) + per_in(m, tr)  # fmt: skip
    if m.own_where:  # a key result read elsewhere than its objective says where
        where = (
            tr._(" on {where}").format(where=escape(place_name(m.scope, tr))) if m.scope else None
        )
        line += where or tr._(", no platform")
    if deadline is None:
        return line
    return line + tr._(" by {deadline}").format(deadline=shown_day(deadline, lang))


def shown_day(d: date, lang: str) -> str:
    """A deadline as the person reads it: English as always, else the locale's (Solar Hijri)."""
    return format_date(d) if lang == "en" else day(d, lang)


CADENCE_CHOICES = (
    Choice(N_("Weekly, Monday 10:00"), DEFAULT_CADENCE),
    Choice(N_("Daily, 10:00"), "daily at 10:00"),
    Choice(N_("Every 2 weeks"), "every 2 weeks on monday at 10:00"),
    Choice(N_("Monthly, on the 1st"), "monthly on the 1st at 10:00"),
)
"""The usual check-in cadences, offered as buttons and in the form; the first is the default."""


def cadence_words(interview: Interview, tz: ZoneInfo) -> str:
    cadence = cadence_of(interview, tz.key)
    if cadence is None:
        return escape(interview.cadence or "")
    tr = interview.tr
    # Said without its zone (said next) and what a fortnightly one counts from.
    said = describe_cadence(cadence, tr).rsplit(" (", 1)[0]
    # The schedule runs in the owner's zone, which may not be the interviewer's.
    return said + tr._(", in the owner's time zone")


def per_in(m: Measure, tr: Translator) -> str:
    """`per` in the interview's language (" a month", " pe lună")."""
    said = per(m)
    return tr._(said) if said else ""
