"""Goals as CSV, with the field names `checkin-bot export` uses, for `/goals export`.

The columns are the shared export format's goal fields, so a file from Slack and
one from the command line read the same way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime

from storage.models import Goal

GOAL_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "objective",
    "category",
    "metric",
    "platform",
    "unit",
    "direction",
    "baseline",
    "target",
    "start",
    "deadline",
    "owner",
    "channel",
    "why",
    "status",
)


def goal_record(goal: Goal, objectives: dict[int, str]) -> dict[str, str]:
    """One goal as export fields: text only, decimals exact, times ISO 8601 UTC.

    Example:
        >>> goal_record(Goal(id=1, team_id="T", title="Reach 60k"), {})["title"]
        'Reach 60k'
    """
    return {
        "id": str(goal.id or ""),
        "title": _text(goal.title),
        "objective": _text(objectives.get(goal.objective_id or 0, "")),
        "category": goal.category or "",
        "metric": goal.metric,
        "platform": goal.platform or "",
        "unit": goal.unit,
        "direction": goal.direction,
        "baseline": _decimal(goal.baseline),
        "target": _decimal(goal.target),
        "start": _when(goal.start_at),
        "deadline": _when(goal.deadline),
        "owner": goal.owner_id or "",
        "channel": goal.channel_id or "",
        "why": _text(goal.why),
        "status": goal.state,
    }


def goals_csv(goals: Sequence[Goal]) -> str:
    """The goals as a CSV text with a header row of `GOAL_FIELDS`."""
    objectives = {g.id or 0: g.title for g in goals if g.kind == "objective"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=GOAL_FIELDS, lineterminator="\n")
    writer.writeheader()
    for goal in goals:
        writer.writerow(goal_record(goal, objectives))
    return out.getvalue()


def _text(value: str) -> str:
    # A spreadsheet would run a cell starting with = + - @ as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _decimal(value: object) -> str:
    return "" if value is None else format(value, "f")


def _when(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""
