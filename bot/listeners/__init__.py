"""Thin Slack listeners grouped by surface; each package exposes `register(app)`.

Listeners are module-level functions; Bolt injects what they name, including
`services` and `actor`, which the global middleware puts into the context.
"""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, errors, events, messages, views
from bot.services import Services
from bot.slack import middleware


def register_all(app: App, services: Services) -> None:
    errors.register(app)
    middleware.install(app, services)
    commands.register(app)
    events.register(app)
    messages.register(app)
    actions.register(app)
    views.register(app)
