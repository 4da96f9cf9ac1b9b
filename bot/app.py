"""Builds the Bolt app: one factory for Socket Mode, HTTP mode, the console and tests."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot import observability
from bot.listeners import register_all
from bot.services import Services
from bot.slack_retries import retry_handlers


def make_client(
    services: Services, *, token: str | None = None, timeout: int = 15
) -> observability.MeteredWebClient:
    """A Web API client that waits out 429s and retries 5xx, dropped connections and timeouts.

    Waits go through `services.clock`, so a frozen clock moves on instead of sleeping.
    """
    settings = services.settings
    return observability.MeteredWebClient(
        token=token or settings.SLACK_BOT_TOKEN,
        base_url=settings.SLACK_API_URL,
        timeout=timeout,
        retry_handlers=retry_handlers(services.clock),
    )


def create_app(services: Services, *, process_before_response: bool = False) -> App:
    """The bot's Bolt app with every listener registered.

    `process_before_response=True` finishes each listener before answering Slack; the
    console and tests use it so that a reply is there as soon as the request returns.
    """
    oauth = None
    if services.settings.distributed:
        from bot.workspaces import oauth_settings

        oauth = oauth_settings(services)
    app = observability.ObservedApp(
        client=make_client(services),
        oauth_settings=oauth,
        signing_secret=services.settings.SLACK_SIGNING_SECRET or "",
        process_before_response=process_before_response,
        logger=logging.getLogger("checkin_bot.bolt"),
    )
    register_all(app, services)
    return app
