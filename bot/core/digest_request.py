"""Reading `/goals digest ...`: subscribe a channel, change its schedule or filters, or stop.

What people type, after `/goals digest`:

| typed                                          | means |
| ---------------------------------------------- | ----- |
| `here weekly mon 09:00`                        | this channel, Mondays at 09:00 |
| `here monthly 1st 9am Europe/Bucharest`        | the 1st of each month, in that time zone |
| `weekly fri 16:00 category awareness`          | only brand-awareness goals |
| `here weekly platform instagram owner @bogdan` | only Instagram goals owned by that person |
| `here language tr`                             | the digest in Turkish (`auto`: the default) |
| `off`                                          | stop this channel's digest |
| (nothing) or `status`                          | say what this channel gets |

"here" is optional (a subscription is always for the channel the command was
typed in). Weekly without a day means Monday, monthly without a date the 1st,
no time means 09:00. The time zone is the one named, else the channel's current
one, else the workspace default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.parse import parse_cadence
from bot.core.languages import read_language
from bot.core.mrkdwn import escape
from bot.core.parse_error import ParseError
from bot.core.period import Period
from bot.core.platforms import detect_platform
from bot.core.values import CATEGORY_LABELS, Category

DEFAULT_TIME = time(9, 0)
EXAMPLE = "here weekly mon 09:00"
_MAX_TEXT = 300

_FILTER = re.compile(
    r"\b(category|platform|owner)\s*[:=]?\s*(<@[A-Z0-9]+(?:\|[^>]*)?>|\S+)", re.IGNORECASE
)
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_ZONE = re.compile(r"(?<!\S)(UTC|[A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+)(?!\S)")


@dataclass(frozen=True, slots=True)
class DigestFilters:
    """Which goals a channel's digest covers; None means no restriction."""

    category: Category | None = None
    platform: str | None = None
    owner_id: str | None = None

    def describe(self) -> str:
        """The filters in words, e.g. "Instagram goals of <@U2>"; "all goals" without any."""
        parts = []
        if self.category:
            parts.append(CATEGORY_LABELS[self.category].lower())
        if self.platform:
            parts.append(self.platform)
        words = " ".join(parts) + " goals" if parts else "all goals"
        return words + (f" of <@{self.owner_id}>" if self.owner_id else "")


@dataclass(frozen=True, slots=True)
class Subscribe:
    """Send this channel a digest on this cadence (weekly or monthly), for these goals."""

    cadence: Cadence
    filters: DigestFilters
    zone_named: bool

    @property
    def period(self) -> Period:
        return Period.MONTHLY if self.cadence.kind is CadenceKind.MONTHLY else Period.WEEKLY


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    """Stop this channel's digest."""


@dataclass(frozen=True, slots=True)
class ShowSubscription:
    """Say what this channel receives."""


@dataclass(frozen=True, slots=True)
class SetDigestLanguage:
    """Write this channel's digest in `language`; None: the workspace default."""

    language: str | None


DigestRequest = Subscribe | Unsubscribe | ShowSubscription | SetDigestLanguage | ParseError
_LANGUAGE = re.compile(r"(?:here\s+)?(?:language|lang)\s+(?P<name>.+)", re.IGNORECASE)


def parse_digest_request(text: str, *, tz: str) -> DigestRequest:
    """Read what followed `/goals digest`; `tz` is the zone used when none is named.

    Never raises: text it cannot read gives a `ParseError`.

    Example:
        >>> parse_digest_request("here weekly mon 09:00", tz="UTC").cadence.weekdays
        (0,)
        >>> parse_digest_request("off", tz="UTC")
        Unsubscribe()
    """
    words = " ".join(text.split())
    if len(words) > _MAX_TEXT:
        return ParseError("That is too long for a digest schedule.", EXAMPLE)
    lowered = words.casefold()
    if lowered in ("off", "stop", "unsubscribe", "cancel", "none"):
        return Unsubscribe()
    if lowered in ("", "status", "show", "?"):
        return ShowSubscription()
    if language := _LANGUAGE.fullmatch(words):
        return _digest_language(language["name"])
    filters, rest = _read_filters(words)
    if isinstance(filters, ParseError):
        return filters
    zone, rest = _read_zone(rest)
    if isinstance(zone, ParseError):
        return zone
    rest = re.sub(r"(?<!\S)here(?!\S)", " ", rest, flags=re.IGNORECASE).strip()
    cadence = parse_cadence(rest or "weekly", tz=zone or tz, default_time=DEFAULT_TIME)
    if not isinstance(cadence, Cadence):
        return ParseError(cadence.message, EXAMPLE)
    if cadence.kind is CadenceKind.DAILY or cadence.kind is CadenceKind.EVERY_N_WEEKS:
        return ParseError("Digests go out weekly or monthly.", EXAMPLE)
    if len(cadence.weekdays) > 1:
        return ParseError("One digest a week: pick one day.", EXAMPLE)
    return Subscribe(cadence=cadence, filters=filters, zone_named=zone is not None)


def _digest_language(name: str) -> SetDigestLanguage | ParseError:
    if name.casefold() in ("auto", "default"):
        return SetDigestLanguage(None)
    language = read_language(name)
    if language is None:
        return ParseError(
            f'"{escape(name[:40])}" is not a language I write in: en, fa, ro, tr or vi.',
            "here language tr",
        )
    return SetDigestLanguage(language)


def _read_filters(text: str) -> tuple[DigestFilters | ParseError, str]:
    category: Category | None = None
    platform: str | None = None
    owner: str | None = None
    for match in _FILTER.finditer(text):
        name, value = match.group(1).casefold(), match.group(2)
        if name == "category":
            category = _category(value)
            if category is None:
                known = ", ".join(c.value for c in Category)
                return ParseError(
                    f'"{value[:40]}" is not a category. Try one of: {known}.',
                    "weekly category awareness",
                ), text
        elif name == "platform":
            found = detect_platform(value)
            if found is None:
                return ParseError(
                    f'"{value[:40]}" is not a platform I know.', "weekly platform instagram"
                ), text
            platform = found.key
        else:
            mention = _MENTION.fullmatch(value)
            if mention is None:
                return ParseError("Name the owner with an @mention.", "weekly owner @ana"), text
            owner = mention.group(1)
    return DigestFilters(category, platform, owner), _FILTER.sub(" ", text)


def _category(value: str) -> Category | None:
    wanted = value.casefold().replace("-", "_")
    for category in Category:
        if wanted in (category.value, CATEGORY_LABELS[category].casefold().split()[0]):
            return category
    return None


def _read_zone(text: str) -> tuple[str | ParseError | None, str]:
    match = _ZONE.search(text)
    if match is None:
        return None, text
    name = match.group(1)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ParseError(
            f'"{name[:60]}" is not a time zone I know.', "weekly mon 09:00 Europe/Bucharest"
        ), text
    return name, text[: match.start()] + " " + text[match.end() :]
