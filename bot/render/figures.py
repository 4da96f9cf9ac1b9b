"""How figures read: quantities, signed changes, shares of the way and statuses, written once.

The services hand over values (Decimal, `Quantity`, `Change`, `Status`); every surface
writes them through these functions, so a change or a status reads the same wherever
it appears, and a later translation has one place to look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

from bot.core.checkin_reply import Confidence
from bot.core.dates import format_date
from bot.core.numbers.write import format_quantity
from bot.core.okr_scores import ScoreVerdict, score_verdict
from bot.core.period import Period
from bot.core.progress import Status, progress_bar
from bot.core.trend import Change
from bot.core.values import Quantity, Unit
from bot.i18n import formats
from bot.i18n.catalogue import N_, SOURCE_LANGUAGE, Translator, translator

ENGLISH = translator(SOURCE_LANGUAGE)
"""The default `tr` of every function here: callers not yet translated read as before."""

NO_TARGET = N_("no target set")
_HUNDREDTH = Decimal("0.01")

# A shape as well as a colour, so status reads without colour vision; every surface
# (digests, lists, check-in answers) shows a status with the same mark and words.
STATUS_MARKS: dict[Status, str] = {
    Status.ACHIEVED: "🏁",
    Status.ON_TRACK: "✅",
    Status.AT_RISK: "⚠️",
    Status.OFF_TRACK: "🔻",
    Status.MISSED: "⛔",
    Status.NO_DATA: "❔",
}

STATUS_LABELS: dict[Status, str] = {
    Status.ON_TRACK: N_("on track"),
    Status.AT_RISK: N_("at risk"),
    Status.OFF_TRACK: N_("off track"),
    Status.ACHIEVED: N_("achieved"),
    Status.MISSED: N_("missed"),
    Status.NO_DATA: N_("no check-in yet"),
}
"""English labels; `status_label(status, tr)` says them in a person's language."""

# A person's confidence reads with the status words it shares ("at risk").
_CONFIDENCE_STATUS = {
    Confidence.ON_TRACK: Status.ON_TRACK,
    Confidence.AT_RISK: Status.AT_RISK,
    Confidence.OFF_TRACK: Status.OFF_TRACK,
}

VERDICTS: dict[ScoreVerdict, str] = {
    ScoreVerdict.BEHIND: N_("behind"),
    ScoreVerdict.PROGRESSING: N_("progressing"),
    ScoreVerdict.SUCCESS: N_("success"),
    ScoreVerdict.AHEAD: N_("ahead"),
    ScoreVerdict.FULLY_MET: N_("fully met"),
}
"""How an OKR score reads, in words a translator sees (the enum's values are English)."""


@dataclass(frozen=True, slots=True)
class ChangeWords:
    """How one surface writes a change: its signs, how a rate moves, and what it adds.

    The surfaces' habits are kept side by side here (see `AFTER_CHECKIN`, `IN_ANSWER`
    and `IN_DIGEST`) so that the one `change_since` writes them all, word for word.
    """

    minus: str  # the sign of a fall: "−" or "-"
    zero: str  # the sign of no change: "+" or "±"
    milestone_words: bool  # a milestone's change reads "done" or "undone"
    rate_points: str | None  # a change of a percentage reads in points: "{amount} points"
    pct_places: int | None  # decimals of the relative change; None: no trailing zeros
    pct_of_nothing: bool  # a change of zero still says "(+0.0%)"
    compact: bool  # large amounts shortened: "+3.1k"
    was: bool  # ends with the earlier value: "(was 44,000)"


AFTER_CHECKIN = ChangeWords(
    minus="−",
    zero="+",
    milestone_words=True,
    rate_points=None,
    pct_places=1,
    pct_of_nothing=True,
    compact=False,
    was=False,
)
"""The reply to a check-in: "+1,000 (+2.4%) since 23 Nov 2026"."""

IN_ANSWER = ChangeWords(
    minus="-",
    zero="±",
    milestone_words=False,
    rate_points=N_("{amount} points"),
    pct_places=2,
    pct_of_nothing=True,
    compact=False,
    was=True,
)
"""An answer to a question: "+2,000 (+4.55%) since 15 Nov 2026 (was 44,000)"."""

IN_DIGEST = ChangeWords(
    minus="-",
    zero="±",
    milestone_words=True,
    rate_points=N_("{amount} pts"),
    pct_places=None,
    pct_of_nothing=False,
    compact=True,
    was=False,
)
"""A digest's goal line, short enough for a 20-second read: "+3k (+6.82%) since last week"."""


def signed(
    delta: Decimal,
    unit: Unit,
    currency: str | None,
    words: ChangeWords,
    tr: Translator = ENGLISH,
) -> str:
    """An amount with its sign, as `words` write it: "+3.1k", "−500", "±0", "+0.5 pts".

    Example:
        >>> signed(Decimal("3100"), Unit.COUNT, None, IN_DIGEST)
        '+3.1k'
    """
    if unit is Unit.MILESTONE and words.milestone_words:
        return tr._("done") if delta > 0 else tr._("undone")
    sign = "+" if delta > 0 else words.minus if delta < 0 else words.zero
    if unit is Unit.PERCENT and words.rate_points:
        return sign + tr._(words.rate_points).format(amount=_points(abs(delta), tr.lang))
    amount = formats.quantity(Quantity(abs(delta), unit, currency), tr.lang, compact=words.compact)
    return sign + amount


def _points(amount: Decimal, lang: str) -> str:
    """Percentage points without the sign: "0.13" (rounded half up, as percentages are)."""
    if lang == SOURCE_LANGUAGE:
        return format_quantity(Quantity(amount, Unit.PERCENT)).removesuffix("%")
    return formats.number(amount.quantize(_HUNDREDTH, ROUND_HALF_UP), lang)


def change_since(  # noqa: PLR0913 (a change, how it is measured, and the reader's language)
    change: Change,
    unit: Unit,
    currency: str | None,
    since: date | Period,
    words: ChangeWords,
    *,
    tr: Translator = ENGLISH,
) -> str:
    """A change with its sign, its relative size and the day (or period) it is measured from.

    Example:
        >>> from datetime import datetime, timezone
        >>> at = datetime(2026, 11, 23, tzinfo=timezone.utc)
        >>> moved = Change(at, Decimal(41000), at, Decimal(42000), Decimal(1000), Decimal("2.44"))
        >>> change_since(moved, Unit.COUNT, None, at.date(), AFTER_CHECKIN)
        '+1,000 (+2.4%) since 23 Nov 2026'
        >>> change_since(moved, Unit.COUNT, None, Period.WEEKLY, IN_DIGEST)
        '+1k (+2.44%) since last week'
        >>> change_since(moved, Unit.COUNT, None, at.date(), IN_ANSWER, tr=translator("tr"))
        '+1.000 (+%2,44) 23 Kas 2026 tarihinden beri (önceki 41.000)'
    """
    written = signed(change.delta, unit, currency, words, tr)
    relative = ""
    if (
        change.pct is not None
        and not (unit is Unit.PERCENT and words.rate_points)
        and (change.delta or words.pct_of_nothing)
    ):
        relative = f" ({_signed_percent(change.pct, words.pct_places, tr.lang)})"
    if isinstance(since, Period):
        text = (
            tr._("{change} since last week")
            if since is Period.WEEKLY
            else tr._("{change} since last month")
        ).format(change=written + relative)
    else:
        text = tr._("{change} since {day}").format(
            change=written + relative, day=day_text(since, tr)
        )
    if words.was:
        before = formats.quantity(Quantity(change.then_value, unit, currency), tr.lang)
        text += " " + tr._("(was {value})").format(value=before)
    return text


def _signed_percent(pct: Decimal, places: int | None, lang: str) -> str:
    """ "+2.44%" in English; in another language its own sign and separators ("+%2,44")."""
    if lang == SOURCE_LANGUAGE:
        shown = pct if places is not None else pct.normalize()
        return f"{shown:{f'+.{places}f' if places is not None else '+f'}}%"
    rounded = pct.quantize(Decimal(1).scaleb(-places)) if places is not None else pct
    sign = "+" if pct >= 0 else "-"
    return sign + formats.percent(abs(rounded), lang)


def day_text(d: date, tr: Translator = ENGLISH) -> str:
    """English keeps the bot's own date format (existing tests); others use the locale's."""
    return format_date(d) if tr.lang == SOURCE_LANGUAGE else formats.day(d, tr.lang)


def amount_per(amount: str, period: Period | None, tr: Translator = ENGLISH) -> str:
    """An amount counted over `period`: "50,000 a month"; the amount alone without one."""
    if period is None:
        return amount
    per = tr._("{amount} a week") if period is Period.WEEKLY else tr._("{amount} a month")
    return per.format(amount=amount)


def by_count(tr: Translator, one: str, many: str, count: int, **values: str) -> str:
    """`one` or `many` (both marked with `N_`), as English counts, in `tr`'s words, with
    `{count}` and the other `values` filled in.

    Each catalogue phrases both so the count reads right in its language (Romanian puts
    the count where it needs no "de"); tests/i18n/test_catalogues.py checks every id
    as a message of its own, so `ngettext` pairs would fail it.
    """
    said = tr._(one if count == 1 else many)
    return said.format(count=formats.number(count, tr.lang), **values)


def share(fraction: Decimal, lang: str = SOURCE_LANGUAGE) -> str:
    """A share of the way as a whole percentage: "68%" ("۶۸٪", "%68")."""
    if lang == SOURCE_LANGUAGE:
        return f"{(fraction * 100):.0f}%"
    return formats.percent((fraction * 100).quantize(Decimal(1)), lang)


def progress_text(fraction: Decimal | None, tr: Translator = ENGLISH) -> str:
    """A text bar with the percentage in `tr`'s digits: "▓▓▓▓░░░░░░ 40%", "▓▓▓▓░░░░░░ ۴۰٪".

    Example:
        >>> progress_text(Decimal("0.4"), translator("tr"))
        '▓▓▓▓░░░░░░ %40'
    """
    if fraction is None:
        return tr._("no data")
    shown = progress_bar(fraction)
    if tr.lang == SOURCE_LANGUAGE:
        return shown
    bar, _, _ = shown.partition(" ")
    return f"{bar} {formats.percent(Decimal(int(fraction * 100)), tr.lang)}"


def status_label(status: Status, tr: Translator = ENGLISH) -> str:
    """A status in words: "on track"."""
    return tr._(STATUS_LABELS[status])


def status_with_mark(status: Status, tr: Translator = ENGLISH) -> str:
    """A status with its mark: "✅ on track"."""
    return f"{STATUS_MARKS[status]} {status_label(status, tr)}"


def confidence_label(confidence: Confidence, tr: Translator = ENGLISH) -> str:
    """How sure the person said they are: "at risk"."""
    return status_label(_CONFIDENCE_STATUS[confidence], tr)


def verdict_label(verdict: ScoreVerdict, tr: Translator = ENGLISH) -> str:
    """An OKR score's verdict in words: "success"."""
    return tr._(VERDICTS[verdict])


def okr_score_text(score: Decimal | None, tr: Translator = ENGLISH) -> str:
    """`OKR score 0.45 (progressing)`, or that no key result can be scored yet.

    Example:
        >>> okr_score_text(Decimal("0.65"))
        'OKR score 0.65 (success)'
    """
    if score is None:
        return "_" + tr._("no key results to score yet") + "_"
    return tr._("OKR score {score} ({verdict})").format(
        score=score_number(score, tr.lang), verdict=verdict_label(score_verdict(score), tr)
    )


def score_number(score: Decimal, lang: str) -> str:
    """An OKR score to two places: "0.45", "۰٫۴۵", "0,45"."""
    if lang == SOURCE_LANGUAGE:
        return f"{score:.2f}"
    return formats.number(score.quantize(Decimal("0.01")), lang)


def weekly_pace(
    per_week: Decimal, unit: Unit, currency: str | None, lang: str = SOURCE_LANGUAGE
) -> str:
    """What must happen each week, in the goal's unit; counts are whole things, rounded up,
    since 236.62 followers a week means 237.

    Example:
        >>> weekly_pace(Decimal("236.62"), Unit.COUNT, None)
        '237'
        >>> weekly_pace(Decimal("0.125"), Unit.PERCENT, None)
        '0.13%'
    """
    if unit is Unit.COUNT:
        per_week = per_week.to_integral_value(rounding=ROUND_UP)
    return formats.quantity(Quantity(per_week, unit, currency), lang)
