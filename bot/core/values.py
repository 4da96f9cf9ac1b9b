"""The vocabulary every layer shares: units, directions, categories and quantities.

Values are `Decimal` everywhere so that "41.2k" stays 41200 exactly and money never
drifts. Durations are held in seconds, percentages as the number a person reads
(3.2 means 3.2 %), currency amounts in the currency's main unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Unit(StrEnum):
    """What kind of number a metric is; decides parsing and display."""

    COUNT = "count"
    PERCENT = "percent"
    CURRENCY = "currency"
    DURATION = "duration"
    SCORE = "score"
    MILESTONE = "milestone"


class Direction(StrEnum):
    """Whether a metric improves by going up (followers) or down (response time)."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Category(StrEnum):
    """The business objective a goal serves: the "why" of the method in DOMAIN.md."""

    AWARENESS = "awareness"
    REPUTATION = "reputation"
    COMMUNITY = "community"
    CONVERSIONS = "conversions"
    INSIGHTS = "insights"
    LEADS = "leads"
    CUSTOMER_SERVICE = "customer_service"
    RECRUITING = "recruiting"
    CRISIS = "crisis"
    INTERNAL_COMMS = "internal_comms"


CATEGORY_LABELS: dict[Category, str] = {
    Category.AWARENESS: "Brand awareness",
    Category.REPUTATION: "Brand reputation",
    Category.COMMUNITY: "Engaged community",
    Category.CONVERSIONS: "Conversions / sales",
    Category.INSIGHTS: "Customer / market insights",
    Category.LEADS: "Leads",
    Category.CUSTOMER_SERVICE: "Customer service",
    Category.RECRUITING: "Recruiting",
    Category.CRISIS: "Crisis management",
    Category.INTERNAL_COMMS: "Internal communication",
}


class GoalKind(StrEnum):
    """A plain SMART goal, an OKR objective, or one key result under an objective."""

    GOAL = "goal"
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"


class GoalState(StrEnum):
    """Lifecycle of a stored goal (the progress status is computed, not stored)."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    ARCHIVED = "archived"


class CheckInSource(StrEnum):
    """Where a check-in's value was given."""

    REPLY = "reply"  # a reply in a reminder's thread
    COMMAND = "command"  # /goals checkin
    MODAL = "modal"  # the check-in form
    IMPORT = "import"  # `checkin-bot import` (or a file of an export that had no source)
    FILE = "file"  # an analytics export dropped into the bot's DM or a reminder's thread
    FEED = "feed"  # a CSV URL the goal follows, fetched on a schedule
    API = "api"  # the REST API


FROM_FILES = (CheckInSource.FILE, CheckInSource.FEED)
"""Sources kept one value per day: a later file or feed row for a day held is skipped."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it measures: `Quantity(Decimal("41200"), Unit.COUNT)`."""

    value: Decimal
    unit: Unit = Unit.COUNT
    currency: str | None = None  # ISO 4217 code when unit is CURRENCY
