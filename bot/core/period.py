"""A week or a month: the span a digest covers, a change question looks back over, and
a flow metric's target is counted over ("50k a month").

`read_period` reads the span a target is stated over, in the five languages the bot
speaks, so the interview (and anything else reading a target) can keep it.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final, Literal, TypeAlias

from bot.core.wording import MAX_INPUT_CHARS, normalise

WEEK_DAYS = 7
"""Days in a week-over-week comparison and in a "per week" rate."""

MONTH_DAYS = 30
"""Days in a month-over-month comparison and in a "per month" rate.

A fixed 30 days rather than the calendar month, so that "this month vs last month"
compares equal spans whatever the month and whenever the check-ins fall.
"""


class Period(StrEnum):
    """A week or a month, counted as `WEEK_DAYS` or `MONTH_DAYS` days.

    The values are what a digest subscription stores as its frequency, and what a
    goal stores as the period its target is counted over.

    Example:
        >>> Period("monthly").days
        30
    """

    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def days(self) -> int:
        return WEEK_DAYS if self is Period.WEEKLY else MONTH_DAYS

    @property
    def noun(self) -> str:
        return "week" if self is Period.WEEKLY else "month"


IN_TOTAL: Final = "total"
"""What `read_period` answers for "in total": a flow counted over the whole goal."""

PeriodSaid: TypeAlias = Period | Literal["total"]
"""A span read from text: a week, a month, or the whole goal ("in total")."""

# Phrases as `normalise` leaves them (no case, no diacritics, "/" a space). Kept to
# phrases that cannot be a deadline: "in a month" and "trong một tháng" are deadlines.
# fmt: off
_PHRASES: Final[dict[PeriodSaid, tuple[str, ...]]] = {
    Period.WEEKLY: (
        "a week", "per week", "each week", "every week", "weekly", "a wk", "per wk", "pw",
        "pe saptamana", "saptamanal", "saptamanala", "in fiecare saptamana", "saptamanal",
        "haftada", "haftalik", "her hafta", "haftada bir",
        "moi tuan", "hang tuan", "mot tuan", "moi tuan mot",
        "در هفته", "هفتگی", "هر هفته", "هفته ای", "هفتگى",
    ),
    Period.MONTHLY: (
        "a month", "per month", "each month", "every month", "monthly", "a mo", "per mo",
        "pe luna", "lunar", "lunara", "in fiecare luna",
        "ayda", "aylik", "her ay",
        "moi thang", "hang thang", "mot thang",
        "در ماه", "ماهانه", "ماهیانه", "هر ماه", "ماهی یک بار",
    ),
    IN_TOTAL: (
        "in total", "total of", "overall", "altogether", "all together", "in all",
        "cumulative", "cumulatively", "all time",
        "cu totul", "cumulat", "per total",
        "toplamda", "toplam olarak",
        "tong cong", "tong so",
        "در مجموع", "مجموعا", "در کل", "جمعا", "روی هم",
    ),
}
# fmt: on
_SLASHED: Final[dict[PeriodSaid, tuple[str, ...]]] = {
    Period.WEEKLY: ("week", "wk", "w", "saptamana", "hafta", "tuan", "هفته"),
    Period.MONTHLY: ("month", "mo", "mth", "luna", "ay", "thang", "ماه"),
}
_NOT_AFTER: Final = frozenset({"in", "within", "trong", "intr", "under"})
"""Words that make "a month" a deadline ("in a month") rather than a rate."""


def _words(phrases: tuple[str, ...]) -> str:
    ordered = sorted({normalise(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in ordered)


_PHRASE_RE: Final = re.compile(
    "|".join(f"(?P<{key}>(?<!\\S)(?:{_words(p)})(?!\\S))" for key, p in _PHRASES.items())
)
_SLASH_RE: Final = re.compile(
    "|".join(f"(?P<{key}>/\\s*(?:{_words(p)})(?![^\\W\\d_]))" for key, p in _SLASHED.items())
)
_BY_NAME: Final[dict[str, PeriodSaid]] = {str(key): key for key in _PHRASES}


def read_period(text: str) -> PeriodSaid | None:
    """The span `text` states a quantity over, or None when it states none.

    Reads "a month", "per week", "monthly", "/mo", "in total" and their Persian,
    Romanian, Turkish and Vietnamese forms; "in a month" is a deadline, not a rate.

    Example:
        >>> [read_period(t) for t in ("50k a month", "5 bin/ay", "50 nghìn mỗi tuần")]
        [<Period.MONTHLY: 'monthly'>, <Period.MONTHLY: 'monthly'>, <Period.WEEKLY: 'weekly'>]
        >>> read_period("۵۰ هزار در ماه"), read_period("1,000 sign-ups in total")
        (<Period.MONTHLY: 'monthly'>, 'total')
        >>> read_period("50k in a month") is None
        True
    """
    text = text[:MAX_INPUT_CHARS]
    slashed = _SLASH_RE.search(_lower_keeping_slashes(text))
    if slashed is not None and slashed.lastgroup:
        return _BY_NAME[slashed.lastgroup]
    normal = normalise(text)
    for found in _PHRASE_RE.finditer(normal):
        before = normal[: found.start()].split()[-1:]
        if found.lastgroup and not (before and before[0] in _NOT_AFTER):
            return _BY_NAME[found.lastgroup]
    return None


def _lower_keeping_slashes(text: str) -> str:
    """`text` with case and diacritics gone but "/" kept, for the slashed forms ("5k/mo")."""
    return "/".join(normalise(part) for part in text.split("/"))


def per_period(period: Period | None) -> str:
    """What follows an amount counted over `period`: " a week", " a month", or nothing.

    Example:
        >>> "50,000" + per_period(Period.MONTHLY)
        '50,000 a month'
    """
    return f" a {period.noun}" if period is not None else ""


def period_said(value: str | None) -> PeriodSaid | None:
    """A span stored as text ("weekly", "monthly", "total") read back; ValueError otherwise.

    Example:
        >>> period_said("monthly"), period_said("total"), period_said(None)
        (<Period.MONTHLY: 'monthly'>, 'total', None)
    """
    if value is None:
        return None
    return IN_TOTAL if value == IN_TOTAL else Period(value)


def counted_per(said: PeriodSaid | None) -> Period | None:
    """The period a goal stores for a span said: a week or a month; None for a total.

    Example:
        >>> counted_per("total") is None, counted_per(Period.WEEKLY)
        (True, <Period.WEEKLY: 'weekly'>)
    """
    return said if isinstance(said, Period) else None
