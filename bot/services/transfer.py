"""Moving goals and check-ins in: `checkin-bot import` (`bot.services.export` writes them out).

One format, as JSON or CSV (see README, "Import and export"):
`{"goals": [{id, title, objective, ...}], "checkins": [{goal, value, at, author, note}]}`.
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
- In CSV, a cell a spreadsheet would run as a formula (starting with = + - @)
  is written with a protective apostrophe in front, which import removes again
  (see `bot.core.csv_cells`); JSON needs no such care.
- A date without a time is read in the workspace's time zone: a `start` at the
  first second of the day, a `deadline` at the last. Exports write full UTC times,
  so export -> import -> export gives the same file.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import SQLModel

from bot.core.csv_cells import unprotect_cell
from bot.core.dates import end_of_day
from bot.core.json_lines import element_lines
from bot.core.questions import start_of_day
from bot.core.values import Direction, GoalKind, GoalState, Unit
from bot.core.vocabulary import (
    CATEGORY_CHOICES,
    PLATFORM_CHOICES,
    resolve_category,
    resolve_metric,
    resolve_platform,
    resolve_unit,
)
from bot.errors import CheckinBotError
from bot.services import Services
from storage.models import CheckIn, Goal
from storage.repo import ensure_workspace
from storage.schemas import column_limit
from storage.transfer import (
    goal_ids_by_ref,
    insert_rows,
    objective_ids_by_title,
)

GOAL_FIELDS = (
    "id", "title", "objective", "category", "metric", "platform", "unit", "direction",
    "baseline", "target", "start", "deadline", "owner", "channel", "why", "status",
)  # fmt: skip
CHECKIN_FIELDS = ("goal", "value", "at", "author", "note")
CSV_FIELDS = ("record", *GOAL_FIELDS, *CHECKIN_FIELDS)

MAX_PROBLEMS_SHOWN = 20
"""Problems listed for a rejected file; the rest are counted."""

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
_UNITS = "count, percent, currency:XXX, duration, score or milestone"
_CURRENCY_PREFIX = "currency:"  # then an ISO 4217 code: "currency:EUR"
_CURRENCY_CODE_LENGTH = 3
_DATE_LENGTH = len("2026-12-31")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in an import file: where, which field, and what is expected."""

    section: str
    index: int
    field: str
    message: str
    line: int = 0

    def describe(self) -> str:
        return f"line {self.line}: {self.section[:-1]} {self.field}: {self.message}"


class ImportRejected(CheckinBotError):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = [p.describe() for p in problems[:MAX_PROBLEMS_SHOWN]]
        more = len(problems) - len(shown)
        tail = f"\n…and {more} more problems" if more else ""
        super().__init__(
            f"nothing imported: {len(problems)} problem(s) in the file\n" + "\n".join(shown) + tail
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    goals: int
    checkins: int
    objectives: int


# --- reading files ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rows:
    goals: list[dict[str, Any]]
    checkins: list[dict[str, Any]]
    goal_lines: list[int] | None  # known up front for CSV; found on demand for JSON
    checkin_lines: list[int] | None
    text: str


def _read(text: str) -> _Rows:
    start = text.lstrip()[:1]
    if not start:
        empty = Problem("files", 0, "format", "the file is empty; expected JSON or CSV", 1)
        raise ImportRejected([empty])
    if start in "{[":
        return _read_json(text)
    return _read_csv(text)


def _read_json(text: str) -> _Rows:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            [Problem("files", 0, "json", f"not valid JSON ({exc.msg})", exc.lineno)]
        ) from None
    if isinstance(data, list):  # a bare list of goals
        data = {"goals": data}
        # Wrapped on the same lines, so problems are found on the file's own lines.
        text = '{"goals": ' + text + "\n}"
    if not isinstance(data, dict) or not {"goals", "checkins"} & set(data):
        expected = 'expected {"goals": [...], "checkins": [...]} or a list of goals'
        raise ImportRejected([Problem("files", 0, "json", expected, 1)])
    goals, checkins = data.get("goals", []), data.get("checkins", [])
    if not isinstance(goals, list) or not isinstance(checkins, list):
        raise ImportRejected([Problem("files", 0, "json", "goals and checkins must be lists", 1)])
    return _Rows(goals, checkins, None, None, text)


def _read_csv(text: str) -> _Rows:
    # newline="": the csv module reads line ends itself, so a lone "\r" is a line end
    # and a line break inside a quoted cell stays in the cell.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error:
        header = []
    if not set(CSV_FIELDS) & set(header):
        expected = (
            "neither JSON nor CSV: a CSV file starts with a header row naming its columns "
            "(title, target, deadline, ...)"
        )
        raise ImportRejected([Problem("files", 0, "format", expected, 1)])
    goals: list[dict[str, Any]] = []
    checkins: list[dict[str, Any]] = []
    goal_lines: list[int] = []
    checkin_lines: list[int] = []
    try:
        for cells in reader:
            row = {k: unprotect_cell(v) if isinstance(v, str) else v for k, v in cells.items()}
            kind = (row.get("record") or "").strip().lower()
            is_checkin = kind == "checkin" or (not kind and bool((row.get("goal") or "").strip()))
            (checkins if is_checkin else goals).append(row)
            (checkin_lines if is_checkin else goal_lines).append(reader.line_num)
    except csv.Error as exc:
        problem = Problem("files", 0, "csv", f"not valid CSV ({exc})", reader.line_num + 1)
        raise ImportRejected([problem]) from None
    return _Rows(goals, checkins, goal_lines, checkin_lines, text)


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
        elif len(value) > _LIMITS.get(field, 10_000):
            self.fail(field, f"is longer than {_LIMITS[field]} characters")
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
        "source": "import",
        "created_at": now,
        "updated_at": now,
    }


# --- import -----------------------------------------------------------------------------


def import_file(services: Services, *, team_id: str, text: str) -> ImportResult:
    """Check a whole file, then import all of it in one transaction, or nothing.

    Raises:
        ImportRejected: listing each problem with its line and field.

    Example:
        >>> import_file(services, team_id="T1", text='{"goals": [], "checkins": []}')
        ImportResult(goals=0, checkins=0, objectives=0)
    """
    now = services.now()
    tz = ZoneInfo(services.settings.DEFAULT_TIMEZONE)
    rows = _read(text)
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
            raise ImportRejected(_with_lines(problems, rows))
        objectives = _ensure_objectives(session, team_id, goals, now)
        for goal in goals:
            title = goal.pop("_objective")
            if title:
                goal["kind"], goal["objective_id"] = GoalKind.KEY_RESULT.value, objectives[title]
        insert_rows(session=session, team_id=team_id, model=Goal, rows=goals)
        ids = goal_ids_by_ref(session=session, team_id=team_id)
        for checkin in checkins:
            checkin["goal_id"] = ids[checkin.pop("_goal")]
        insert_rows(session=session, team_id=team_id, model=CheckIn, rows=checkins)
    created = len({g.get("objective_id") for g in goals if g.get("objective_id")})
    return ImportResult(goals=len(goals), checkins=len(checkins), objectives=created)


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


def _with_lines(problems: list[Problem], rows: _Rows) -> list[Problem]:
    lines = {"goals": rows.goal_lines, "checkins": rows.checkin_lines}
    for section in lines:
        if lines[section] is None and any(p.section == section for p in problems):
            lines[section] = element_lines(rows.text, section)
    located = []
    for p in problems:
        known = lines.get(p.section) or []
        line = p.line or (known[p.index] if p.index < len(known) else 0)
        located.append(Problem(p.section, p.index, p.field, p.message, line))
    return sorted(located, key=lambda p: p.line)


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
