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
from bot.core.interview.state import Interview, Measure, Mode, Step
from bot.core.kpis import (
    KPI,
    kpi,
)
from bot.core.mrkdwn import escape, quoted
from bot.core.numbers.write import format_quantity
from bot.core.period import counted_per, per_period
from bot.core.values import CATEGORY_LABELS, Direction, Quantity, Unit

# --- control words ---------------------------------------------------------------------

CANCEL = frozenset({"cancel", "stop", "quit", "abort", "anuleaza", "renunt", "iptal", "vazgec",
                     "huy", "huy bo", "لغو", "انصراف"})  # fmt: skip
HELP = frozenset({"help", "ajutor", "yardim", "giup", "tro giup", "کمک", "راهنما"})
BACK = frozenset({"back", "go back", "undo", "inapoi", "geri", "quay lai", "برگشت", "قبلی"})
SKIP = frozenset({"skip", "none", "no", "nope", "-", "sari peste", "atla", "bo qua", "رد"})
UNKNOWN = frozenset({"i don t know", "i dont know", "don t know", "dont know", "idk", "unknown",
                      "not sure", "no idea", "nu stiu", "bilmiyorum", "khong biet",
                      "نمی دانم", "نمیدانم", "نمی دونم", "نمیدونم"})  # fmt: skip
ACCEPT = frozenset({"yes", "y", "ok", "okay", "accept", "save", "save it", "confirm", "done",
                     "looks good", "lgtm", "sure", "save anyway", "da", "salveaza", "evet",
                     "kaydet", "dong y", "luu", "ذخیره", "بله", "تایید"})  # fmt: skip
MORE_YES = frozenset({"add", "yes", "y", "another", "more", "add one", "add a key result"})
MORE_NO = frozenset({"done", "no", "that s all", "thats all", "finish", "enough", "n"})
SKIPPABLE = frozenset({Step.WHERE, Step.OWNER, Step.CADENCE, Step.CHANNEL})

EXAMPLE_WHY = "we want more people to see our Instagram"
EXAMPLE_OBJECTIVE = "Become the pizzeria everyone in Cluj knows"


# --- amounts, names and the summary ---------------------------------------------------


def amount(m: Measure, value: Decimal | None) -> str:
    """A value of the measure written as people read it ("480", "3.2%", "$1,500")."""
    if value is None:
        return "?"
    return format_quantity(Quantity(value, m.unit or Unit.COUNT, m.currency))


def per(m: Measure) -> str:
    """What follows an amount of a measure counted per week or month (" a month"), or nothing."""
    return per_period(counted_per(m.period))


def metric_words(m: Measure) -> str:
    name = m.metric_name or "the metric"
    return escape(name.lower() if m.metric_key else name)


def target_example(m: Measure) -> str:
    if m.direction is Direction.DECREASE:
        return "cut to under 1h, -30% or 45 min"
    return {Unit.PERCENT: "5%, +1.5pp or +20%", Unit.CURRENCY: "$5k or +20%"}.get(
        m.unit or Unit.COUNT, "60k, +20% or double it"
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
    lines: list[str] = []
    if interview.mode is Mode.OKR:
        lines.append(f"*Objective:* {quoted(interview.objective or '', 150)}")
    if interview.category is not None:
        why = f" – {quoted(interview.why)}" if interview.why else ""
        lines.append(f"*Why:* {CATEGORY_LABELS[interview.category]}{why}")
    lines.append(f"*Where:* {escape(interview.scope) if interview.scope else 'not given'}")
    for index, m in enumerate(interview.measures):
        label = "Goal" if interview.mode is Mode.SMART else f"KR{index + 1}"
        lines.append(f"*{label}:* {_measure_line(m, interview.deadline)}")
    if interview.owner:
        lines.append(f"*Owner:* <@{interview.owner}>")
    if interview.cadence:
        lines.append(f"*Check-ins:* {cadence_words(interview, tz)}")
    if interview.channel_answered:
        lines.append(
            f"*Digest:* {f'<#{interview.channel}>' if interview.channel else 'no channel'}"
        )
    return tuple(lines)


def _measure_line(m: Measure, deadline: date | None) -> str:
    name = escape(m.metric_name or "")
    if m.unit is Unit.MILESTONE:
        line = f"{name} done"
    else:
        target = amount(m, m.target) if m.target is not None else "?"
        start = amount(m, m.baseline) if m.baseline_known and m.baseline is not None else "unknown"
        line = f"{name} from {start} to {target}{per(m)}"
    if m.own_where:  # a key result read elsewhere than its objective says where
        line += f" on {escape(m.scope)}" if m.scope else ", no platform"
    return line + (f" by {format_date(deadline)}" if deadline else "")


def cadence_words(interview: Interview, tz: ZoneInfo) -> str:
    cadence = cadence_of(interview, tz.key)
    if cadence is None:
        return escape(interview.cadence or "")
    # The schedule runs in the owner's zone, which may not be the interviewer's.
    return describe_cadence(cadence).rsplit(" (", 1)[0] + ", in the owner's time zone"
