"""Cross-cutting request handling: Slack's retries are recognised and handled once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.services import Services
from storage import repo


def register(app: App, services: Services) -> None:
    @app.middleware
    def handle_each_event_once(
        body: dict[str, Any], next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        """Skip an Events API delivery already handled here or by another replica.

        Slack re-sends an event it thinks was missed (`X-Slack-Retry-Num`); Bolt does not
        de-duplicate, so the event id is recorded in the shared database first.
        """
        event_id = body.get("event_id")
        team_id = body.get("team_id")
        if body.get("type") != "event_callback" or not event_id or not team_id:
            return next()
        with services.session() as session:
            first_time = repo.record_event_once(
                session=session, team_id=team_id, event_id=event_id, now=services.now()
            )
        if not first_time:
            return BoltResponse(status=200, body="")
        return next()
