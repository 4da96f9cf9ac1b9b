"""Workspace events: the App Home tab, uninstalls and revoked tokens."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.listeners.home import publish_home
from bot.services import Services
from bot.slack.actor import Actor
from bot.slack.once import once
from bot.slack.workspaces import installation_store
from storage import repo

logger = logging.getLogger("checkin_bot.events")


def opens_the_home_tab(event: dict[str, Any]) -> bool:
    return event.get("tab") in (None, "home")


@once
def show_home(actor: Actor) -> None:
    publish_home(actor)


@once
def stop_serving(services: Services, actor: Actor) -> None:
    """The workspace uninstalled the app or revoked its tokens: stop sending to it at once."""
    team_id = actor.team_id
    with services.session() as session:
        workspace = repo.ensure_workspace(session=session, team_id=team_id, now=services.now())
        workspace.uninstalled_at = services.now()
    if services.settings.distributed:
        installation_store(services).delete_all(enterprise_id=None, team_id=team_id)
    logger.info("workspace %s uninstalled the app or revoked its tokens", team_id)


def ignore_other_tabs() -> None:
    """The Messages and About tabs: acknowledged, with nothing to do."""


def register(app: App) -> None:
    app.event("app_home_opened", matchers=[opens_the_home_tab])(show_home)
    app.event("app_home_opened")(ignore_other_tabs)
    app.event("app_uninstalled")(stop_serving)
    app.event("tokens_revoked")(stop_serving)
