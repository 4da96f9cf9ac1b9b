"""Workspace events: the App Home tab, uninstalls and revoked tokens."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.listeners.home import publish_home
from bot.listeners.once import first_delivery
from bot.services import Services
from storage import repo

logger = logging.getLogger("checkin_bot.events")


def register(app: App, services: Services) -> None:
    @app.event("app_home_opened")
    def show_dashboard(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") not in (None, "home") or not first_delivery(services, body):
            return
        publish_home(services, client, str(body.get("team_id", "")), str(event["user"]))

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    def stop_serving(body: dict[str, Any]) -> None:
        team_id = str(body.get("team_id", ""))
        if not first_delivery(services, body):
            return
        with services.session() as session:
            workspace = repo.ensure_workspace(session=session, team_id=team_id, now=services.now())
            workspace.uninstalled_at = services.now()
        if services.settings.distributed:
            from bot.slack.workspaces import installation_store

            installation_store(services).delete_all(enterprise_id=None, team_id=team_id)
        logger.info("workspace %s uninstalled the app or revoked its tokens", team_id)
