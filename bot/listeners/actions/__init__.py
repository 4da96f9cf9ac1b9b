"""Button presses and menu choices (`block_actions`)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import dashboard, interview, questions, reminders
from bot.services import Services


def register(app: App, services: Services) -> None:
    """Features add their action listeners here."""
    interview.register(app, services)
    questions.register(app, services)
    dashboard.register(app, services)
    reminders.register(app, services)
