"""`checkin-bot export` and `/goals export`: every goal and check-in, as JSON lines or CSV.

The format is the one `bot.services.transfer` imports (see README, "Import and
export"): exports write full UTC times and numbers without exponents, so
export -> import -> export gives the same file. CSV cells a spreadsheet would run as
a formula get a protective apostrophe (`bot.core.csv_cells`).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from bot.core.csv_cells import protect_cell
from bot.core.kpis import MetricKey
from bot.core.values import Unit
from bot.services import Services
from bot.services.import_files import CHECKIN_FIELDS, CSV_FIELDS
from bot.services.questions.assess import goal_ref
from storage.models import Goal
from storage.transfer import objective_titles, stream_checkins, stream_goals


def export_records(services: Services, *, team_id: str) -> Iterator[tuple[str, dict[str, str]]]:
    """("goal" | "checkin", fields) for everything in the workspace, goals first."""
    with services.session() as session:
        titles = objective_titles(session=session, team_id=team_id)
        refs: dict[int, str] = {}
        for goal in stream_goals(session=session, team_id=team_id):
            refs[goal.id or 0] = goal_ref(goal)
            yield "goal", _goal_fields(goal, titles)
        for goal_id, value, at, author, note, source in stream_checkins(
            session=session, team_id=team_id
        ):
            if goal_id in refs:
                fields = (refs[goal_id], _number(value), at.isoformat(), author or "", note, source)
                yield "checkin", dict(zip(CHECKIN_FIELDS, fields, strict=True))


def write_json(records: Iterator[tuple[str, dict[str, str]]], out: TextIO) -> None:
    """Write records as the JSON format, one goal or check-in per line."""
    out.write('{"goals": [')
    section, first = "goal", True
    for kind, fields in records:
        if kind != section:
            out.write('\n], "checkins": [')
            section, first = kind, True
        out.write(("\n" if first else ",\n") + json.dumps(fields, ensure_ascii=False))
        first = False
    if section == "goal":
        out.write('\n], "checkins": [')
    out.write("\n]}\n")


def write_csv(records: Iterator[tuple[str, dict[str, str]]], out: TextIO) -> None:
    """Write records as CSV: one header, then one row per goal or check-in.

    Cells a spreadsheet would run as formulas are protected (`bot.core.csv_cells`);
    import reads them back as they were.
    """
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for kind, fields in records:
        writer.writerow({"record": kind, **{k: protect_cell(v) for k, v in fields.items()}})


@dataclass(frozen=True, slots=True)
class CsvExport:
    """A workspace's export as CSV text, with what it holds."""

    text: str
    goals: int
    checkins: int


def export_csv(services: Services, *, team_id: str) -> CsvExport:
    """The file `checkin-bot export --format csv` writes for the workspace (`/goals export`).

    Example:
        >>> export_csv(services, team_id="T1").text.splitlines()[0][:15]
        'record,id,title'
    """
    held: Counter[str] = Counter()

    def counted() -> Iterator[tuple[str, dict[str, str]]]:
        for kind, fields in export_records(services, team_id=team_id):
            held[kind] += 1
            yield kind, fields

    out = io.StringIO()
    write_csv(counted(), out)
    return CsvExport(out.getvalue(), held["goal"], held["checkin"])


def _goal_fields(goal: Goal, objective_titles: dict[int, str]) -> dict[str, str]:
    unit = f"currency:{goal.currency}" if goal.unit == Unit.CURRENCY.value else goal.unit
    return {
        "id": goal_ref(goal),
        "title": goal.title,
        "objective": objective_titles.get(goal.objective_id or 0, ""),
        "category": goal.category or "",
        "metric": goal.metric_name if goal.metric is MetricKey.CUSTOM else goal.metric or "",
        "platform": goal.platform or "",
        "unit": unit,
        "direction": goal.direction,
        "baseline": _number(goal.baseline),
        "target": _number(goal.target),
        "period": goal.period or "",
        "start": goal.start_at.isoformat(),
        "deadline": goal.deadline.isoformat() if goal.deadline else "",
        "owner": goal.owner_id or "",
        "channel": goal.channel_id or "",
        "why": goal.why,
        "status": goal.state,
    }


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")
