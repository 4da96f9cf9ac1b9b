"""Every kind of scheduled message the bot sends, for the delivery runner to tick through."""

from __future__ import annotations

from bot.blocks.reminders import reminder_message
from bot.scheduling.deliveries import DueSource
from bot.scheduling.digests import DigestSource
from bot.services import Services
from bot.services.reminders import ReminderSource


def all_sources(services: Services) -> list[DueSource]:
    """Reminders and digests; features add theirs here."""
    return [ReminderSource(services, reminder_message), DigestSource(services)]
