"""Scheduled deliveries: reminders and digests, each sent once, in the right local time."""

from __future__ import annotations

from bot.scheduling.deliveries import DueSource
from bot.services import Services


def all_sources(services: Services) -> list[DueSource]:
    """Every kind of scheduled message the bot sends; features add theirs here."""
    from bot.scheduling.digests import DigestSource

    return [DigestSource(services)]
