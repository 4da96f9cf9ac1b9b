"""Which token speaks for which workspace: one fixed token, or one per OAuth installation.

Listeners get their client from Bolt (which authorizes each request); background
jobs (reminders, digests) ask `ClientsByWorkspace` for the workspace they send to.
With token rotation on, a token close to expiry is refreshed first.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from cryptography.fernet import MultiFernet
from slack_bolt import BoltContext
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.core.yaml_data import read_yaml
from bot.errors import CheckinBotError
from bot.services import Services
from bot.slack.client import make_client
from storage.oauth import TOKEN_TABLES, InstallationStore, state_store
from storage.purge import is_serving, welcome_back
from storage.tokens import KEY_SETTING, TokenKeyError, count_tokens, seal_tokens

log = logging.getLogger("checkin_bot.slack.workspaces")

ROTATE_BEFORE_MINUTES = 120  # refresh a rotating token this long before it expires


class WorkspaceNotInstalled(CheckinBotError, LookupError):
    """No installation (or no bot token) for a workspace."""


def manifest_scopes() -> list[str]:
    """The bot scopes the install asks for: the same list as manifest.yml."""
    data = read_yaml(files("bot").joinpath("data/manifest_scopes.yml").read_text())
    return list(data["bot"])


def _cipher(services: Services) -> MultiFernet:
    """OAuth installs store tokens, sealed: a key is needed, whether tokens exist yet or not."""
    cipher = services.settings.token_cipher
    if cipher is None:
        stored = count_tokens(services.engine, TOKEN_TABLES)
        held = f" and the database holds {stored} Slack tokens" if stored else ""
        raise TokenKeyError(
            f"{KEY_SETTING} is not set{held}: OAuth installs keep their tokens encrypted; "
            "make a key with `checkin-bot new-key` and set it (keep it safe, and the same "
            "on every replica)."
        )
    return cipher


def open_tokens(services: Services) -> None:
    """At start: the key opens every stored token (else one clear error), and tokens
    stored plain by an older version are sealed with it."""
    resealed = seal_tokens(services.engine, TOKEN_TABLES, _cipher(services))
    if resealed.sealed:
        log.info("encrypted %d Slack tokens that were stored in plain text", resealed.sealed)


def installation_store(services: Services) -> InstallationStore:
    settings = services.settings
    return InstallationStore(
        client_id=settings.SLACK_CLIENT_ID or "",
        engine=services.engine,
        now=services.now,
        cipher=_cipher(services),
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
        self.services = services
        self._fixed = None if services.settings.distributed else make_client(services)
        self._store = None
        if services.settings.distributed:
            # Every start (`run`, `tick`) builds one: the tokens are checked before any is due.
            open_tokens(services)
            self._store = installation_store(services)

    def __call__(self, team_id: str) -> WebClient:
        if self._fixed is not None:
            return self._fixed
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


def token_works(client_for: Callable[[str], WebClient], team_id: str) -> bool:
    """Whether Slack takes the bot's token for `team_id` (`auth.test`): the app is installed.

    An unreachable Slack counts as no: the caller keeps things as they are.
    """
    try:
        answer = client_for(team_id).auth_test()
    except (WorkspaceNotInstalled, SlackClientError, OSError) as exc:
        log.info("auth.test for %s: %s", team_id, exc)
        return False
    return answer.get("team_id") == team_id


RECHECK_SECONDS = 60.0
"""How long a process trusts that a workspace is not marked uninstalled before reading
the mark again; another replica's uninstall then a reinstall within it is seen late."""

_MARKING_EVENTS = ("app_uninstalled", "tokens_revoked")

Middleware = Callable[[BoltContext, dict[str, Any], WebClient, Callable[[], None]], None]


def comeback_check(services: Services) -> Middleware:
    """A middleware: a signed request from a workspace marked uninstalled, whose token works
    again (the app was installed again; in single-token mode nothing else says so), clears
    the mark, and reminders resume."""
    checked: dict[str, float] = {}  # team -> when it was last seen unmarked (monotonic)

    def check(
        context: BoltContext, body: dict[str, Any], client: WebClient, next: Callable[[], None]
    ) -> None:
        team_id = context.team_id or ""
        marking = (body.get("event") or {}).get("type") in _MARKING_EVENTS
        if marking:
            checked.pop(team_id, None)  # about to be marked: look again next time
        due = time.monotonic() - checked.get(team_id, -math.inf) >= RECHECK_SECONDS
        if team_id and not marking and due and _serving(services, client, team_id):
            checked[team_id] = time.monotonic()
        next()

    return check


def _serving(services: Services, client: WebClient, team_id: str) -> bool:
    """False while the workspace stays marked uninstalled; clears a mark whose token works."""
    with services.session() as session:
        if is_serving(session=session, team_id=team_id):
            return True
    if not token_works(lambda _team: client, team_id):
        return False
    with services.session() as session:
        welcome_back(session=session, team_id=team_id)
    log.info("workspace %s installed the app again: reminders resume", team_id)
    return True
