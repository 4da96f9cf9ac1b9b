"""Button presses and menu choices (`block_actions`)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import reminders
from bot.services import Services


def register(app: App, services: Services) -> None:
    """Features add their action listeners here."""
    reminders.register(app, services)
