"""Thin Slack listeners grouped by surface; each package exposes `register(app, services)`."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, errors, events, messages, views
from bot.services import Services


def register_all(app: App, services: Services) -> None:
    errors.register(app)
    commands.register(app, services)
    events.register(app, services)
    messages.register(app, services)
    actions.register(app, services)
    views.register(app, services)
