"""Moving goals and check-ins in: `checkin-bot import` (`bot.services.export` writes them out).

One format, as JSON or CSV (see README, "Import and export"):
`{"goals": [{id, title, objective, ...}], "checkins": [{goal, value, at, author, note, source}]}`.
A CSV file has one row per goal or check-in, the same field names as columns, and
a `record` column saying `goal` or `checkin` (without it, a row naming a `goal`
is a check-in).

Choices worth knowing:
- A goal's `id` is optional and kept as its external id; goals without one (made
  in Slack, or imported without) are exported under their numeric id, as
  `ask --json` reports them.
- `metric`, `platform`, `category` and `unit` are read by `bot.core.vocabulary`, as
  the interview reads them, so goals are stored by the same keys however made.
- `objective` is the title of an OKR objective: goals sharing it become its key
  results. An objective of that title already in the workspace is reused, else
  one is created. Objectives are not rows of their own in the file.
- The whole file is checked before anything is written; any bad row stops the
  import, and each problem names its line and field. The import runs in one
  transaction, so nothing of a rejected file is kept.
- A check-in keeps the `source` the export gave it (reply, command, file, feed...);
  one without a source is an `import`. A file or feed check-in for a goal and moment
  that holds one already is skipped (a file's day is stored once), and not counted.
- In CSV, a cell a spreadsheet would run as a formula (starting with = + - @)
  is written with a protective apostrophe in front, which import removes again
  (see `bot.core.csv_cells`); JSON needs no such care.
- A date without a time is read in the workspace's time zone: a `start` at the
  first second of the day, a `deadline` at the last. Exports write full UTC times,
  so export -> import -> export gives the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import SQLModel

from bot.core.dates import end_of_day
from bot.core.period import IN_TOTAL, Period, counted_per, period_said, read_period
from bot.core.questions import start_of_day
from bot.core.values import CheckInSource, Direction, GoalKind, GoalState, Unit
from bot.core.vocabulary import (
    CATEGORY_CHOICES,
    PLATFORM_CHOICES,
    resolve_category,
    resolve_metric,
    resolve_platform,
    resolve_unit,
)
from bot.services import Services
from bot.services.import_files import (
    ImportRejected,
    Problem,
    read_rows,
    with_lines,
)
from storage.gc_pause import paused_collections
from storage.models import CheckIn, Goal
from storage.repo import ensure_workspace
from storage.schemas import column_limit
from storage.transfer import (
    goal_ids_by_ref,
    insert_rows,
    objective_ids_by_title,
)

# Where each CSV field is stored: its longest value is that column's length.
_STORED_IN: dict[str, tuple[type[SQLModel], str]] = {
    "id": (Goal, "external_id"),
    "title": (Goal, "title"),
    "objective": (Goal, "title"),
    "metric": (Goal, "metric_name"),
    "owner": (Goal, "owner_id"),
    "channel": (Goal, "channel_id"),
    "why": (Goal, "why"),
    "author": (CheckIn, "author_id"),
    "note": (CheckIn, "note"),
}
_LIMITS = {field: column_limit(*stored) or 10_000 for field, stored in _STORED_IN.items()}
_SOURCES = ", ".join(s.value for s in CheckInSource)
_UNITS = "count, percent, currency:XXX, duration, score or milestone"
_CURRENCY_PREFIX = "currency:"  # then an ISO 4217 code: "currency:EUR"
_PERIODS = (Period.WEEKLY.value, Period.MONTHLY.value, IN_TOTAL)  # "" is a total too
_CURRENCY_CODE_LENGTH = 3
_DATE_LENGTH = len("2026-12-31")


@dataclass(frozen=True, slots=True)
class ImportResult:
    goals: int
    checkins: int
    objectives: int


# --- checking rows ----------------------------------------------------------------------


class _Checker:
    """Reads one row's fields into column values, noting problems instead of raising."""

    def __init__(self, section: str, index: int, row: Any, problems: list[Problem]) -> None:
        self.section, self.index, self.problems = section, index, problems
        self.row = row if isinstance(row, dict) else {}
        if not isinstance(row, dict):
            self.fail("row", "expected an object with named fields")

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.section, self.index, field, message))

    def text(self, field: str, *, required: bool = False) -> str:
        value = self.row.get(field)
        value = "" if value is None else str(value).strip()
        if required and not value:
            self.fail(field, "is required")
        elif len(value) > (limit := _LIMITS.get(field, 10_000)):
            self.fail(field, f"is longer than {limit} characters")
        return value

    def decimal(self, field: str, *, required: bool = False) -> Decimal | None:
        typed = self.text(field, required=required)
        if not typed:
            return None
        try:
            value = Decimal(typed.replace(",", ""))
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            self.fail(field, f"{typed!r} is not a number (write e.g. 41200 or 3.5)")
            return None
        return value

    def moment(self, field: str, tz: ZoneInfo, *, end: bool, required: bool) -> datetime | None:
        typed = self.text(field, required=required)
        if not typed:
            return None
        try:
            if len(typed) == _DATE_LENGTH:  # a day without a time
                day = date.fromisoformat(typed)
                return end_of_day(day, tz) if end else start_of_day(day, tz).astimezone(UTC)
            at = datetime.fromisoformat(typed)
            if at.tzinfo is UTC:  # as exports write times: no conversion to pay for
                return at
            return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        except (ValueError, OverflowError):  # overflow: a day at the very edge of the calendar
            self.fail(field, f"{typed!r} is not a date (write 2026-12-31 or 2026-12-31T18:00:00Z)")
            return None

    def choice(self, field: str, allowed: set[str], default: str) -> str:
        typed = self.text(field).lower() or default
        if typed not in allowed:
            self.fail(field, f"{typed!r} is not one of {', '.join(sorted(allowed))}")
        return typed


def _goal_row(checker: _Checker, *, team_id: str, now: datetime, tz: ZoneInfo) -> dict[str, Any]:
    unit, currency = _unit(checker)
    metric_text = checker.text("metric")
    metric = resolve_metric(metric_text)
    if metric_text and metric is None:
        checker.fail("metric", f"{metric_text!r} is not a metric name (write e.g. reach)")
    platform_text = checker.text("platform")
    platform = resolve_platform(platform_text) if platform_text else None
    if platform_text and platform is None:
        checker.fail(
            "platform", f"{platform_text!r} is not a platform I know (one of {PLATFORM_CHOICES})"
        )
    category_text = checker.text("category")
    category = resolve_category(category_text) if category_text else None
    if category_text and category is None:
        checker.fail("category", f"{category_text!r} is not one of {CATEGORY_CHOICES}")
    return {
        "team_id": team_id,
        "external_id": checker.text("id") or None,
        "kind": GoalKind.GOAL.value,
        "title": checker.text("title", required=True),
        "why": checker.text("why"),
        "category": category,
        "metric": metric.key if metric else None,
        "metric_name": metric.name if metric else "",
        "platform": platform.key if platform else None,
        "unit": unit,
        "currency": currency,
        "direction": checker.choice("direction", {d.value for d in Direction}, "increase"),
        "baseline": checker.decimal("baseline"),
        "target": checker.decimal("target", required=True),
        "period": _period(checker),
        "start_at": checker.moment("start", tz, end=False, required=False) or now,
        "deadline": checker.moment("deadline", tz, end=True, required=True),
        "owner_id": checker.text("owner") or None,
        "channel_id": checker.text("channel") or None,
        "contributors": [],
        "state": checker.choice("status", {s.value for s in GoalState}, "active"),
        "created_at": now,
        "updated_at": now,
        "objective_id": None,
        "_objective": checker.text("objective"),
    }


def _period(checker: _Checker) -> Period | None:
    """What the target is counted over: weekly, monthly, or total (also "a month"...)."""
    typed = checker.text("period")
    said = period_said(typed.lower()) if typed.lower() in _PERIODS else read_period(typed)
    if typed and said is None:
        checker.fail("period", f"{typed!r} is not one of {', '.join(_PERIODS)}")
    return counted_per(said)


def _unit(checker: _Checker) -> tuple[str, str | None]:
    """The unit's key and, for money, its currency code ("currency:EUR")."""
    typed = checker.text("unit")
    code = typed.lower().removeprefix(_CURRENCY_PREFIX)
    if code != typed.lower() and len(code) == _CURRENCY_CODE_LENGTH and code.isalpha():
        return Unit.CURRENCY.value, code.upper()
    unit = resolve_unit(typed) if typed else Unit.COUNT
    if unit is None or unit is Unit.CURRENCY:
        checker.fail("unit", f"{typed!r} is not one of {_UNITS}")
        return Unit.COUNT.value, None
    return unit.value, None


def _checkin_row(checker: _Checker, *, team_id: str, now: datetime, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "_goal": checker.text("goal", required=True),
        "value": checker.decimal("value", required=True),
        "at": checker.moment("at", tz, end=False, required=True),
        "author_id": checker.text("author") or None,
        "note": checker.text("note"),
        "source": _source(checker),
        "created_at": now,
        "updated_at": now,
    }


def _source(checker: _Checker) -> CheckInSource:
    """Where the value was first given, as the export says; `import` when it does not."""
    typed = checker.text("source").lower()
    if not typed:
        return CheckInSource.IMPORT
    try:
        return CheckInSource(typed)
    except ValueError:
        checker.fail("source", f"{typed!r} is not one of {_SOURCES}")
        return CheckInSource.IMPORT


# --- import -----------------------------------------------------------------------------


def import_file(services: Services, *, team_id: str, text: str) -> ImportResult:
    """Check a whole file, then import all of it in one transaction, or nothing.

    Raises:
        ImportRejected: listing each problem with its line and field.

    Example:
        >>> import_file(services, team_id="T1", text='{"goals": [], "checkins": []}')
        ImportResult(goals=0, checkins=0, objectives=0)
    """
    with paused_collections():
        return _import(services, team_id=team_id, text=text)


def _import(services: Services, *, team_id: str, text: str) -> ImportResult:
    now = services.now()
    tz = ZoneInfo(services.settings.DEFAULT_TIMEZONE)
    rows = read_rows(text)
    problems: list[Problem] = []
    goals = [
        _goal_row(_Checker("goals", i, row, problems), team_id=team_id, now=now, tz=tz)
        for i, row in enumerate(rows.goals)
    ]
    checkins = [
        _checkin_row(_Checker("checkins", i, row, problems), team_id=team_id, now=now, tz=tz)
        for i, row in enumerate(rows.checkins)
    ]
    with services.session() as session:
        ensure_workspace(session=session, team_id=team_id, now=now, default_timezone=str(tz.key))
        existing = goal_ids_by_ref(session=session, team_id=team_id)
        _check_references(goals, checkins, existing, problems)
        if problems:
            raise ImportRejected(with_lines(problems, rows))
        objectives = _ensure_objectives(session, team_id, goals, now)
        for goal in goals:
            title = goal.pop("_objective")
            if title:
                goal["kind"], goal["objective_id"] = GoalKind.KEY_RESULT.value, objectives[title]
        insert_rows(session=session, team_id=team_id, model=Goal, rows=goals)
        ids = goal_ids_by_ref(session=session, team_id=team_id)
        for checkin in checkins:
            checkin["goal_id"] = ids[checkin.pop("_goal")]
        stored = insert_rows(session=session, team_id=team_id, model=CheckIn, rows=checkins)
    created = len({g.get("objective_id") for g in goals if g.get("objective_id")})
    return ImportResult(goals=len(goals), checkins=stored, objectives=created)


def _check_references(
    goals: list[dict[str, Any]],
    checkins: list[dict[str, Any]],
    existing: dict[str, int],
    problems: list[Problem],
) -> None:
    seen: set[str] = set()
    for index, goal in enumerate(goals):
        ref = goal["external_id"]
        if ref is None:  # a goal without an id can have no check-ins in the file
            continue
        if ref in seen:
            problems.append(Problem("goals", index, "id", f"{ref!r} is used by another goal above"))
        elif ref in existing:
            problems.append(Problem("goals", index, "id", f"{ref!r} is already in this workspace"))
        seen.add(ref)
    for index, checkin in enumerate(checkins):
        ref = checkin["_goal"]
        if ref and ref not in seen and ref not in existing:
            problems.append(Problem("checkins", index, "goal", f"no goal has the id {ref!r}"))


def _ensure_objectives(
    session: Any, team_id: str, goals: list[dict[str, Any]], now: datetime
) -> dict[str, int]:
    wanted = list(dict.fromkeys(g["_objective"] for g in goals if g["_objective"]))
    known = objective_ids_by_title(session=session, team_id=team_id)
    missing = [title for title in wanted if title not in known]
    if missing:
        rows = [
            {"team_id": team_id, "kind": GoalKind.OBJECTIVE.value, "title": title,
             "contributors": [], "start_at": now, "created_at": now, "updated_at": now}
            for title in missing
        ]  # fmt: skip
        insert_rows(session=session, team_id=team_id, model=Goal, rows=rows)
        known = objective_ids_by_title(session=session, team_id=team_id)
    return known
