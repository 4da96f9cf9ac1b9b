"""Publishing the App Home: on `app_home_opened` and after any change to goals."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n.catalogue import translator
from bot.render.home import home_blocks
from bot.services.home import HomeView, home_view, views_to_refresh
from bot.slack.actor import Actor

log = logging.getLogger("checkin_bot.home")


def publish_home(actor: Actor, *, page: int = 0) -> None:
    """Show the person their current App Home; a failure is logged, never raised.

    Features call this after changing goals so the Home tab never shows stale figures.

    Example:
        >>> publish_home(actor, page=1)
    """
    view = home_view(actor.services, team_id=actor.team_id, user_id=actor.user_id, page=page)
    _publish(actor.client, view)


def refresh_homes(actor: Actor, *, goal_ids: Iterable[int] = (), also: Iterable[str] = ()) -> None:
    """Republish the Home of everyone a change shows on: the actor, the goals' owners, `also`.

    `also` names people the goals no longer point at, such as an owner replaced by an edit.

    Example:
        >>> refresh_homes(actor, goal_ids=[7])
    """
    views = views_to_refresh(
        actor.services, team_id=actor.team_id, actor=actor.user_id, goal_ids=goal_ids, also=also
    )
    for view in views:  # each Home in its owner's language, not the changer's
        _publish(actor.client, view)


def _publish(client: WebClient, view: HomeView) -> None:
    try:
        blocks = home_blocks(view, translator(view.language))
        client.views_publish(user_id=view.user_id, view={"type": "home", "blocks": blocks})
    except SlackApiError as exc:
        log.warning(
            "could not publish App Home for %s: %s", view.user_id, exc.response.get("error")
        )
