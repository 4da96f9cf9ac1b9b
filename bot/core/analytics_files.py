"""Reading the CSV exports of analytics tools into dated values, one series per column.

Two layouts are read:

- **Meta Business Suite** (Facebook and Instagram insights, one metric per file): an
  optional `sep=,` line, a line holding only the metric's title ("Instagram reach"),
  then `"Date","Primary"` and one row per day (`"2025-11-23T00:00:00","41200"`), often
  in UTF-16 with a byte-order mark. The title names the metric and the platform.
- **A table**: a header row with a date column (`bot.core.vocabulary.is_date_column`:
  "Date", "Day", "Tarih", "Ngày", ...) and value columns, one row per day or week.
  Each value column names its metric (and perhaps its platform) through the metric
  catalogue in five languages; the file's name may name the platform.

Dates are ISO (`2025-11-23`, with or without a time) or written with slashes; a
column of slashed dates is read day-first or month-first only when some day in it
is over 12, otherwise it is refused as ambiguous. Values are read as `/goals checkin`
reads them ("41,200", "3.2%"); an empty cell is a day without a value. Any problem
(a bad date, an unreadable value, a day twice) is listed with its line, and then no
series is returned, so a caller stores all of a file or nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from bot.core.kpis import MetricKey
from bot.core.numbers.read import parse_quantity
from bot.core.parse_error import ParseError
from bot.core.platforms import Platform, detect_platform
from bot.core.vocabulary import MetricWord, is_date_column, resolve_metric
from bot.i18n.catalogue import N_

MAX_ROWS = 5000
"""Rows read from one file; a longer export is refused (a daily export of 13 years)."""

MAX_PROBLEMS = 20
"""Problems listed for a refused file; the rest are counted."""

_DELIMITERS = ",;\t"
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_PARENTHESES = re.compile(r"\([^)]*\)")
_MONTHS = 12
# A plain number read at once; "1.234" is left to `parse_quantity`, which reads a group of
# three after a dot as thousands, as people write them.
_PLAIN_NUMBER = re.compile(r"-?\d+(\.(\d{1,2}|\d{4,}))?")
# A duration column says its unit in its header ("Watch time (hours)", "Timp de vizionare
# (ore)", "İzlenme süresi (saat)", "زمان تماشا (ساعت)", "Thời gian xem (giờ)"); goals keep
# seconds. Whole words only: "(score)" holds "ore" but is no hours.
_HOUR, _MINUTE = Decimal(3600), Decimal(60)
_SECONDS_IN = {
    "hour": _HOUR, "hours": _HOUR, "hrs": _HOUR, "ore": _HOUR, "oră": _HOUR, "ora": _HOUR,
    "saat": _HOUR, "ساعت": _HOUR, "giờ": _HOUR, "minute": _MINUTE, "minutes": _MINUTE,
    "min": _MINUTE, "mins": _MINUTE, "minut": _MINUTE, "dakika": _MINUTE, "dk": _MINUTE,
    "دقیقه": _MINUTE, "phút": _MINUTE,
}  # fmt: skip
# Words joining a metric to its platform ("Reach on Instagram", "Acoperire pe Instagram",
# "دسترسی در اینستاگرام", "Lượt tiếp cận trên Instagram"), dropped with the platform.
_ON_WORDS = frozenset({"on", "in", "pe", "în", "din", "در", "trên", "của"})


class Layout(StrEnum):
    """Which layout a file was read as; the README lists them and where each is confirmed."""

    META = "meta_business_suite"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Series:
    """One value column: what it measures, where, and its values by day, oldest first."""

    header: str
    metric: MetricWord
    platform: Platform | None
    points: tuple[tuple[date, Decimal], ...]


@dataclass(frozen=True, slots=True)
class AnalyticsFile:
    """A file read whole: its layout and its series (each with at least one value)."""

    layout: Layout
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One thing wrong in a file: its line (0 for the file as a whole) and what.

    `message` is the English sentence with `{placeholders}` filled from `values` when it
    is worded, so a reply can first translate it into the person's language.
    """

    line: int
    message: str
    values: tuple[tuple[str, str], ...] = ()

    def worded(self, translate: Callable[[str], str] = str) -> str:
        """The problem as a sentence, through `translate` (a catalogue's `_`)."""
        return translate(self.message).format(**dict(self.values))


Problems = tuple[FileProblem, ...]


def read_analytics_file(data: bytes, filename: str = "") -> AnalyticsFile | Problems:
    """The series a CSV export holds, or the problems that keep it from being read.

    Example:
        >>> text = 'sep=,\\n"Instagram reach"\\n"Date","Primary"\\n"2025-11-23T00:00:00","41200"\\n'
        >>> found = read_analytics_file(text.encode(), "reach.csv")
        >>> found.layout, found.series[0].metric.key, found.series[0].platform.name
        (<Layout.META: 'meta_business_suite'>, <MetricKey.REACH: 'reach'>, 'Instagram')
        >>> read_analytics_file(b"Date,Reach\\n2025-11-31,5\\n")[0].worded()
        "'2025-11-31' is not a date (write 2025-11-23)"
    """
    text = _decode(data)
    if text is None:
        return (FileProblem(0, N_("the file is not text: export it as CSV (UTF-8 or UTF-16)")),)
    lines = text.splitlines()
    delimiter = ","
    first = 0
    if lines and lines[0].strip().lower().startswith("sep="):
        delimiter = lines[0].strip()[4:5] or ","
        first = 1
    elif lines:
        delimiter = max(_DELIMITERS, key=lines[0].count)
    rows = _rows(lines[first:], delimiter)
    if isinstance(rows, FileProblem):
        return (rows,)
    offset = first
    title = ""
    if len(rows) > 1 and len([c for c in rows[0] if c.strip()]) == 1 and _dated_header(rows[1]):
        title, rows, offset = rows[0][0].strip(), rows[1:], offset + 1
    if not rows or not _dated_header(rows[0]):
        expected = N_(
            "no header row with a date column: the first row should name the columns, "
            "e.g. `Date,Reach`"
        )
        return (FileProblem(offset + 1, expected),)
    if len(rows) - 1 > MAX_ROWS:
        many = N_("the file has {rows} rows; at most {most} are read")
        return (FileProblem(0, many, (("rows", str(len(rows) - 1)), ("most", str(MAX_ROWS)))),)
    layout = Layout.META if title else Layout.TABLE
    return _read_table(rows, offset, title or filename.rsplit(".", 1)[0], layout)


def describe_problems(
    problems: Problems,
    translate: Callable[[str], str] = str,
    write_number: Callable[[int], str] = str,
) -> list[str]:
    """The problems as lines to show, the first `MAX_PROBLEMS` of them and a count of the rest,
    through `translate` (a catalogue's `_`; English when none) and `write_number` (the
    language's digits)."""
    at_line = translate(N_("line {line}: {problem}"))
    shown = [
        at_line.format(line=write_number(p.line), problem=p.worded(translate))
        if p.line
        else p.worded(translate)
        for p in problems
    ]
    more = len(shown) - MAX_PROBLEMS
    rest = [translate(N_("…and {more} more")).format(more=write_number(more))] if more > 0 else []
    return shown[:MAX_PROBLEMS] + rest


def _decode(data: bytes) -> str | None:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _rows(lines: list[str], delimiter: str) -> list[list[str]] | FileProblem:
    # newline="": the csv module reads line ends itself, so a quoted cell may span lines.
    reader = csv.reader(io.StringIO("\n".join(lines), newline=""), delimiter=delimiter)
    try:
        return [row for row in reader]
    except csv.Error as exc:
        return FileProblem(reader.line_num, N_("not valid CSV ({error})"), (("error", str(exc)),))


def _dated_header(row: list[str]) -> bool:
    return any(is_date_column(cell) for cell in row) and len(row) > 1


def _read_table(
    rows: list[list[str]], offset: int, title: str, layout: Layout
) -> AnalyticsFile | Problems:
    header = [cell.strip() for cell in rows[0]]
    day_column = next(i for i, cell in enumerate(header) if is_date_column(cell))
    problems: list[FileProblem] = []
    days = _read_days(
        [(offset + 2 + n, row) for n, row in enumerate(rows[1:])], day_column, problems
    )
    title_platform = detect_platform(title) if title else None
    series = []
    for column, name in enumerate(header):
        if column == day_column or not name:
            continue
        points = _read_values(days, column, name, problems)
        if points:
            named = title if layout is Layout.META else name
            series.append(
                Series(name, _metric(named), detect_platform(name) or title_platform, points)
            )
    if problems:
        return tuple(problems)
    if not series:
        return (FileProblem(0, N_("no values: every value column is empty")),)
    return AnalyticsFile(layout, tuple(series))


def _read_days(
    rows: list[tuple[int, list[str]]], column: int, problems: list[FileProblem]
) -> list[tuple[int, date, list[str]]]:
    """(line, day, cells) of each row that has cells; a row without a day is a problem."""
    cells = [(line, row[column].strip() if column < len(row) else "", row) for line, row in rows]
    cells = [(line, typed, row) for line, typed, row in cells if any(c.strip() for c in row)]
    day_first = _day_first([typed for _, typed, _ in cells])
    days = []
    for line, typed, row in cells:
        day = _read_day(typed, day_first)
        if isinstance(day, FileProblem):
            problems.append(FileProblem(line, day.message, day.values))
        else:
            days.append((line, day, row))
    return days


def _day_first(typed: list[str]) -> bool | None:
    """For slashed dates: True when some first part is over 12, False when some second is."""
    parts = [m.groups() for m in map(_SLASHED.fullmatch, typed) if m]
    if any(int(a) > _MONTHS for a, _, _ in parts):
        return True
    if any(int(b) > _MONTHS for _, b, _ in parts):
        return False
    return None


def _read_day(typed: str, day_first: bool | None) -> date | FileProblem:
    """The day a cell names, or what is wrong with it (its line filled in by the caller)."""
    slashed = _SLASHED.fullmatch(typed)
    try:
        if slashed is None:
            return datetime.fromisoformat(typed.replace(" ", "T", 1)).date()
        a, b, year = (int(part) for part in slashed.groups())
        if day_first is None and a != b:
            either = N_(
                "{typed} could be {one} or {other} (day or month first?) (write 2025-11-23)"
            )
            values = (("typed", repr(typed)), ("one", f"{a}/{b}"), ("other", f"{b}/{a}"))
            return FileProblem(0, either, values)
        return date(year, b, a) if day_first else date(year, a, b)
    except ValueError:
        if not typed:
            return FileProblem(0, N_("a row without a date (write 2025-11-23)"))
        return FileProblem(
            0, N_("{typed} is not a date (write 2025-11-23)"), (("typed", repr(typed)),)
        )


def _read_values(
    days: list[tuple[int, date, list[str]]], column: int, name: str, problems: list[FileProblem]
) -> tuple[tuple[date, Decimal], ...]:
    points: dict[date, Decimal] = {}
    scale = _scale(name)
    for line, day, row in days:
        typed = row[column].strip() if column < len(row) else ""
        if not typed:
            continue
        value = _number(typed)
        if value is None:
            said = (("column", name), ("typed", repr(typed)))
            problems.append(FileProblem(line, N_("{column}: {typed} is not a number"), said))
        elif day in points:
            twice = (("column", name), ("day", day.isoformat()))
            problems.append(FileProblem(line, N_("{column}: {day} appears twice"), twice))
        else:
            points[day] = value * scale
    return tuple(sorted(points.items()))


def _number(typed: str) -> Decimal | None:
    """A cell's number as `/goals checkin` reads it ("41,200", "3.2%", "41.2k"), or None."""
    if _PLAIN_NUMBER.fullmatch(typed):
        return Decimal(typed)
    parsed = parse_quantity(typed)
    return None if isinstance(parsed, ParseError) or parsed.rest.strip() else parsed.quantity.value


def _scale(header: str) -> Decimal:
    """What a value of a duration column is in seconds: 3600 for "Watch time (hours)"."""
    said = re.findall(r"\w+", " ".join(_PARENTHESES.findall(header.lower())))
    return next((_SECONDS_IN[word] for word in said if word in _SECONDS_IN), Decimal(1))


def _metric(name: str) -> MetricWord:
    """The metric a column (or a Meta file's title) names, without its platform or a
    parenthesis and the word joining them: "Instagram reach" -> reach, "Acoperire pe
    Instagram" -> reach, "Watch time (hours)" -> watch time."""
    bare = _PARENTHESES.sub(" ", name)
    platform = detect_platform(bare)
    if platform is not None:
        words = bare.split()
        kept = [w for w in words if detect_platform(w) is None]
        while kept and kept[-1].casefold() in _ON_WORDS:
            kept.pop()
        while kept and kept[0].casefold() in _ON_WORDS:
            kept.pop(0)
        bare = " ".join(kept) or bare
    return resolve_metric(bare) or MetricWord(MetricKey.CUSTOM, name, None)
