"""Slash commands: `/goals` and its subcommands."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.goals import COMMAND, goals_command


def register(app: App) -> None:
    app.command(COMMAND)(goals_command)
