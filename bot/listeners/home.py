"""Publishing the App Home: on `app_home_opened` and after any change to goals."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.render.home import home_blocks
from bot.services import Services
from bot.services.home import HomeView, home_view, views_to_refresh

log = logging.getLogger("checkin_bot.home")


def publish_home(
    services: Services, client: WebClient, team_id: str, user_id: str, *, page: int = 0
) -> None:
    """Show `user_id` their current App Home; a failure is logged, never raised.

    Features call this after changing goals so the Home tab never shows stale figures.

    Example:
        >>> publish_home(services, client, "T1", "U1")
    """
    _publish(client, home_view(services, team_id=team_id, user_id=user_id, page=page))


def refresh_homes(
    services: Services,
    client: WebClient,
    team_id: str,
    *,
    actor: str,
    goal_ids: Iterable[int] = (),
    also: Iterable[str] = (),
) -> None:
    """Republish the Home of everyone a change shows on: the actor, the goals' owners, `also`.

    `also` names people the goals no longer point at, such as an owner replaced by an edit.

    Example:
        >>> refresh_homes(services, client, "T1", actor="U1", goal_ids=[7])
    """
    views = views_to_refresh(services, team_id=team_id, actor=actor, goal_ids=goal_ids, also=also)
    for view in views:
        _publish(client, view)


def _publish(client: WebClient, view: HomeView) -> None:
    try:
        client.views_publish(
            user_id=view.user_id, view={"type": "home", "blocks": home_blocks(view)}
        )
    except SlackApiError as exc:
        log.warning(
            "could not publish App Home for %s: %s", view.user_id, exc.response.get("error")
        )
