"""Reading an import file (JSON or CSV) into rows, and the problems found in it.

`bot.services.transfer` checks the rows and imports them; this module only tells a
file of goals from anything else and remembers which line each row came from, so
every problem names its line.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.core.csv_cells import unprotect_cell
from bot.core.json_lines import element_lines
from bot.errors import CheckinBotError

GOAL_FIELDS = (
    "id", "title", "objective", "category", "metric", "platform", "unit", "direction",
    "baseline", "target", "period", "start", "deadline", "owner", "channel", "why", "status",
)  # fmt: skip
CHECKIN_FIELDS = ("goal", "value", "at", "author", "note", "source")
CSV_FIELDS = ("record", *GOAL_FIELDS, *CHECKIN_FIELDS)

MAX_PROBLEMS_SHOWN = 20
"""Problems listed for a rejected file; the rest are counted."""


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
class Rows:
    goals: list[dict[str, Any]]
    checkins: list[dict[str, Any]]
    goal_lines: list[int] | None  # known up front for CSV; found on demand for JSON
    checkin_lines: list[int] | None
    text: str


def read_rows(text: str) -> Rows:
    start = text.lstrip()[:1]
    if not start:
        empty = Problem("files", 0, "format", "the file is empty; expected JSON or CSV", 1)
        raise ImportRejected([empty])
    if start in "{[":
        return _read_json(text)
    return _read_csv(text)


def _read_json(text: str) -> Rows:
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
    return Rows(goals, checkins, None, None, text)


def _read_csv(text: str) -> Rows:
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
    return Rows(goals, checkins, goal_lines, checkin_lines, text)


def with_lines(problems: list[Problem], rows: Rows) -> list[Problem]:
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
