"""The interview as plain JSON values, so it can wait in the database between answers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.core.interview.state import Interview, Measure, Mode, Step
from bot.core.period import period_said
from bot.core.values import Category, Direction, Unit


def to_json(interview: Interview) -> dict[str, Any]:
    """The interview as plain JSON values, for `InterviewState.data`."""
    return {
        "version": 1,
        "user_id": interview.user_id,
        "mode": interview.mode.value,
        "step": interview.step.value,
        "why": interview.why,
        "category": interview.category.value if interview.category else None,
        "where_answered": interview.where_answered,
        "platform": interview.platform,
        "scope": interview.scope,
        "objective": interview.objective,
        "measures": [_measure_json(m) for m in interview.measures],
        "current": interview.current,
        "measures_done": interview.measures_done,
        "deadline": interview.deadline.isoformat() if interview.deadline else None,
        "deadline_options": [d.isoformat() for d in interview.deadline_options],
        "owner": interview.owner,
        "cadence": interview.cadence,
        "channel_answered": interview.channel_answered,
        "channel": interview.channel,
        "here_channel": interview.here_channel,
        "team": interview.team,
        "history": [[s.value, index] for s, index in interview.history],
        "pending": [[s.value, text] for s, text in interview.pending],
    }


def _measure_json(m: Measure) -> dict[str, Any]:
    return {
        "metric_key": m.metric_key,
        "metric_name": m.metric_name,
        "unit": m.unit.value if m.unit else None,
        "direction": m.direction.value if m.direction else None,
        "currency": m.currency,
        "baseline": str(m.baseline) if m.baseline is not None else None,
        "baseline_known": m.baseline_known,
        "target": str(m.target) if m.target is not None else None,
        "target_relative": m.target_relative,
        "period": m.period,
        "platform": m.platform,
        "scope": m.scope,
        "own_where": m.own_where,
    }


def from_json(data: dict[str, Any]) -> Interview | None:
    """The interview stored by `to_json`, or None when the data is unreadable."""
    try:
        measures = tuple(_measure_from(m) for m in data["measures"])
        if not measures:
            return None
        interview = Interview(
            user_id=str(data["user_id"]),
            mode=Mode(data["mode"]),
            step=Step(data["step"]),
            why=data.get("why"),
            category=Category(data["category"]) if data.get("category") else None,
            where_answered=bool(data.get("where_answered")),
            platform=data.get("platform"),
            scope=data.get("scope"),
            objective=data.get("objective"),
            measures=measures,
            current=min(int(data.get("current", 0)), len(measures) - 1),
            measures_done=bool(data.get("measures_done")),
            deadline=_date(data.get("deadline")),
            deadline_options=tuple(d for d in map(_date, data.get("deadline_options", [])) if d),
            owner=data.get("owner"),
            cadence=data.get("cadence"),
            channel_answered=bool(data.get("channel_answered")),
            channel=data.get("channel"),
            here_channel=data.get("here_channel"),
            team=bool(data.get("team")),
            history=tuple((Step(s), int(index)) for s, index in data.get("history", [])),
            pending=tuple((Step(s), str(text)) for s, text in data.get("pending", [])),
        )
    except (KeyError, ValueError, TypeError, AttributeError, InvalidOperation):
        return None
    return interview


def _measure_from(data: dict[str, Any]) -> Measure:
    return Measure(
        metric_key=data.get("metric_key"),
        metric_name=data.get("metric_name"),
        unit=Unit(data["unit"]) if data.get("unit") else None,
        direction=Direction(data["direction"]) if data.get("direction") else None,
        currency=data.get("currency"),
        baseline=Decimal(data["baseline"]) if data.get("baseline") is not None else None,
        baseline_known=data.get("baseline_known"),
        target=Decimal(data["target"]) if data.get("target") is not None else None,
        target_relative=data.get("target_relative"),
        period=period_said(data.get("period")),
        platform=data.get("platform"),
        scope=data.get("scope"),
        own_where=bool(data.get("own_where")),
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
