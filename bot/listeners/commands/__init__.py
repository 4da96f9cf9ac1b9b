"""Slash commands: `/goals` and its subcommands."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands import goals
from bot.services import Services


def register(app: App, services: Services) -> None:
    goals.register(app, services)
