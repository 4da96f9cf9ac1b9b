"""Slack's retries are recognised and handled once, off the path of the acknowledgement.

Slack re-sends an event it thinks was missed (`X-Slack-Retry-Num`); Bolt does not
de-duplicate, so every event listener starts with `first_delivery`, which records
the event id in the shared database (a unique key, so a retry reaching another
replica is caught too). It runs inside the listener, after Bolt has acknowledged
the event, so the database write never delays Slack's 3-second deadline.
"""

from __future__ import annotations

from typing import Any

from bot.services import Services
from storage import repo


def first_delivery(services: Services, body: dict[str, Any]) -> bool:
    """True the first time an event is seen; False for a retry already handled anywhere."""
    event_id, team_id = body.get("event_id"), body.get("team_id")
    if not event_id or not team_id:
        return True
    with services.session() as session:
        return repo.record_event_once(
            session=session, team_id=str(team_id), event_id=str(event_id), now=services.now()
        )
