"""Button presses and menu choices (`block_actions`)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import (
    analytics_files,
    checkins,
    goals,
    home,
    interview,
    questions,
    reminders,
)


def register(app: App) -> None:
    """Features add their action listeners here."""
    interview.register(app)
    questions.register(app)
    home.register(app)
    goals.register(app)
    reminders.register(app)
    checkins.register(app)
    analytics_files.register(app)
