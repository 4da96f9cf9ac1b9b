"""The global middleware: every listener finds `services` and the `actor` in Bolt's context.

Bolt injects context values by name, so a listener simply declares
`services: Services` and `actor: Actor` among its arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.services import Services
from bot.slack.actor import Actor, team_of
from bot.slack.workspaces import comeback_check

Middleware = Callable[[BoltContext, dict[str, Any], WebClient, Callable[[], None]], None]


def services_and_actor(services: Services) -> Middleware:
    """A middleware that puts `services` and a lazily resolved `actor` into the context."""

    def put_in_context(
        context: BoltContext, body: dict[str, Any], client: WebClient, next: Callable[[], None]
    ) -> None:
        context["services"] = services
        context["actor"] = Actor(
            team_of(body, context.team_id),
            context.user_id or "",
            services=services,
            client=client,
            written=written_in(body),
        )
        next()

    return put_in_context


def written_in(body: dict[str, Any]) -> str:
    """What the person wrote: a message's text, or a slash command's arguments."""
    event = body.get("event")
    text = event.get("text") if isinstance(event, dict) else body.get("text")
    return text if isinstance(text, str) else ""


def install(app: App, services: Services) -> None:
    app.use(comeback_check(services))
    app.use(services_and_actor(services))
