"""Modal submissions (`view_submission`)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.views import checkins, dashboard, interview
from bot.services import Services


def register(app: App, services: Services) -> None:
    """Features add their modal listeners here."""
    dashboard.register(app, services)
    checkins.register(app, services)
    interview.register(app, services)
