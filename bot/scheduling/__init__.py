"""Scheduled deliveries: reminders and digests, each sent once, in the right local time."""

from __future__ import annotations

from bot.scheduling.deliveries import DueSource
from bot.services import Services


def all_sources(services: Services) -> list[DueSource]:
    """Every kind of scheduled message the bot sends; features add theirs here."""
    # Imported here: the sources use `bot.scheduling.deliveries`, which imports this package.
    from bot.scheduling.digests import DigestSource
    from bot.scheduling.reminders import ReminderSource

    return [ReminderSource(services), DigestSource(services)]
