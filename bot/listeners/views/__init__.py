"""Modal submissions (`view_submission`)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.views import checkins, digests, goals, interview


def register(app: App) -> None:
    """Features add their modal listeners here."""
    goals.register(app)
    digests.register(app)
    checkins.register(app)
    interview.register(app)
