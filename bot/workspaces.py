"""Which token speaks for which workspace: one fixed token, or one per OAuth installation.

Listeners get their client from Bolt (which authorizes each request); background
jobs (reminders, digests) ask `ClientsByWorkspace` for the workspace they send to.
With token rotation on, a token close to expiry is refreshed first.
"""

from __future__ import annotations

import logging

import yaml
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.errors import CheckinBotError
from bot.services import Services
from storage.oauth import InstallationStore, state_store

log = logging.getLogger("checkin_bot.workspaces")

ROTATE_BEFORE_MINUTES = 120  # refresh a rotating token this long before it expires


class WorkspaceNotInstalled(CheckinBotError, LookupError):
    """No installation (or no bot token) for a workspace."""


def manifest_scopes() -> list[str]:
    """The bot scopes the install asks for: the same list as manifest.yml."""
    from importlib.resources import files

    data = yaml.safe_load(files("bot").joinpath("data/manifest_scopes.yml").read_text())
    return list(data["bot"])


def installation_store(services: Services) -> InstallationStore:
    settings = services.settings
    return InstallationStore(
        client_id=settings.SLACK_CLIENT_ID or "", engine=services.engine, now=services.now
    )


def oauth_settings(services: Services) -> OAuthSettings:
    """Bolt's OAuth flow: installs at /slack/install, state and installations in our database."""
    settings = services.settings
    return OAuthSettings(
        client_id=settings.SLACK_CLIENT_ID,
        client_secret=settings.SLACK_CLIENT_SECRET,
        scopes=manifest_scopes(),
        installation_store=installation_store(services),
        state_store=state_store(services.engine),
        install_path="/slack/install",
        redirect_uri_path="/slack/oauth_redirect",
        authorization_url=settings.slack_web_url + "oauth/v2/authorize",
        token_rotation_expiration_minutes=ROTATE_BEFORE_MINUTES,
    )


class ClientsByWorkspace:
    """A Web API client for a workspace, for work that no Slack request started."""

    def __init__(self, services: Services) -> None:
        from bot.app import make_client

        self.services = services
        self._fixed = None if services.settings.distributed else make_client(services)
        self._store = installation_store(services) if services.settings.distributed else None

    def __call__(self, team_id: str) -> WebClient:
        if self._fixed is not None:
            return self._fixed
        from bot.app import make_client

        assert self._store is not None
        bot = self._store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            raise WorkspaceNotInstalled(f"workspace {team_id} has no installation")
        if bot.bot_refresh_token:
            settings = self.services.settings
            rotator = TokenRotator(
                client_id=settings.SLACK_CLIENT_ID or "",
                client_secret=settings.SLACK_CLIENT_SECRET or "",
                client=make_client(self.services),
            )
            refreshed = rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_BEFORE_MINUTES
            )
            if refreshed is not None:
                self._store.save_bot(refreshed)
                bot = refreshed
        return make_client(self.services, token=bot.bot_token)
