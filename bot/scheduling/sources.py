"""Every kind of scheduled message the bot sends, for the delivery runner to tick through."""

from __future__ import annotations

from bot.scheduling.deliveries import DueSource
from bot.scheduling.digests import DigestSource
from bot.scheduling.nudges import EscalationSource, FollowUpSource
from bot.scheduling.reminders import ReminderSource
from bot.services import Services


def all_sources(services: Services) -> list[DueSource]:
    """Reminders, their follow-ups and escalations, and digests; features add theirs here."""
    return [
        ReminderSource(services),
        FollowUpSource(services),
        EscalationSource(services),
        DigestSource(services),
    ]
