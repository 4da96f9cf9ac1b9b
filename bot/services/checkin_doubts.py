"""The "did you mean …?" buttons of a far-off check-in: store it as typed, or corrected.

Nothing is stored while the bot asks, so each button carries the whole report (goal
ids, values, note, confidence, where it came from) and pressing it records that
report again, this time `confirmed`; an impossible value is still refused.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from bot.core.checkin_reply import Confidence, ReplyValue, Values
from bot.core.values import CheckInSource, Quantity
from bot.services import Services
from bot.services.checkin_goals import goal_ref
from bot.services.checkins import Implausible, Origin, Outcome, Report, record_values
from bot.services.permissions import Refusal, Refused, Requester
from storage.goal_histories import goal_histories

NOTE_LIMIT = 1500
"""Characters of a note a button keeps: Slack caps a button's value at 2,000."""


def button_value(doubt: Implausible, value: Decimal) -> str:
    """What a button stores: the report with the doubted value replaced by `value`."""
    report = doubt.report
    return json.dumps(
        {
            "values": [
                [v.goal.id, str(value if v.quantity == doubt.typed else v.quantity.value)]
                for v in report.values.values
            ],
            "note": report.values.note[:NOTE_LIMIT],
            "confidence": report.values.confidence,
            "origin": [report.origin.source, report.origin.channel_id, report.origin.message_ts],
        },
        separators=(",", ":"),
    )


def confirm_values(services: Services, author: Requester, button: str) -> Outcome:
    """Store the report a "did you mean" button carries; a stale or forged one is refused."""
    try:
        said = json.loads(button)
        typed = [(int(goal_id), Decimal(value)) for goal_id, value in said["values"]]
        source, channel_id, message_ts = said["origin"]
        confidence = Confidence(said["confidence"]) if said["confidence"] else None
        note = str(said["note"])
    except (ValueError, TypeError, KeyError, InvalidOperation):
        return Refused(Refusal.GOAL_GONE)
    with services.session() as session:
        histories = goal_histories(
            session=session, team_id=author.team_id, goal_ids=[g for g, _ in typed]
        )
        by_id = {h.goal.id: h.goal for h in histories}
        if any(goal_id not in by_id for goal_id, _ in typed):
            return Refused(Refusal.GOAL_GONE)
        values = tuple(
            ReplyValue(goal_ref(by_id[g]), Quantity(v, by_id[g].unit, by_id[g].currency))
            for g, v in typed
        )
        report = Report(
            author,
            Origin(CheckInSource(str(source)), channel_id, message_ts),
            Values(values, confidence, note),
            confirmed=True,
        )
        return record_values(session, services, report, histories)
