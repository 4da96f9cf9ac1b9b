"""What the bot knows of people: their time zone, from Slack's `users.info`, cached."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import Services
from storage import repo

logger = logging.getLogger("checkin_bot.people")


def user_timezone(services: Services, client: WebClient, team_id: str, user_id: str) -> str:
    """The person's IANA time zone: cached in `Member`, else asked of Slack, else the default.

    Example:
        >>> user_timezone(services, client, "T1", "U1")
        'Europe/Bucharest'
    """
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if member is not None and member.timezone and _known(member.timezone):
            return member.timezone
    try:
        found = str((client.users_info(user=user_id).get("user") or {}).get("tz") or "")
    except SlackApiError as exc:
        logger.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
        found = ""
    if not _known(found):
        return services.settings.DEFAULT_TIMEZONE
    with services.session() as session:
        repo.upsert_member(
            session=session, team_id=team_id, user_id=user_id, now=services.now(), timezone=found
        )
    return found


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return bool(name)
