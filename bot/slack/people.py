"""What Slack says about a person (time zone, admin, locale), cached in the `Member` table.

The cache keeps reminders and deadlines from calling `users.info` every time;
an entry older than a day is refreshed, and Slack being unreachable falls back
to what we knew, then to the workspace default.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.languages import language_for
from bot.services import Services
from storage import repo
from storage.models import Member
from storage.schemas import MemberUpdate

log = logging.getLogger("checkin_bot.slack.people")

FRESH_FOR = timedelta(days=1)


def member_info(services: Services, client: WebClient, team_id: str, user_id: str) -> Member:
    """The cached member row, refreshed from `users.info` when missing or stale."""
    now = services.now()
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if member is not None and member.timezone and now - member.updated_at < FRESH_FOR:
            return member
        try:
            user = client.users_info(user=user_id, include_locale=True)["user"]
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            if member is not None:
                return member
            return repo.upsert_member(session=session, team_id=team_id, user_id=user_id, now=now)
        return repo.upsert_member(
            session=session,
            team_id=team_id,
            user_id=user_id,
            now=now,
            changes=MemberUpdate(
                timezone=user.get("tz") or None,
                is_admin=bool(user.get("is_admin") or user.get("is_owner")),
                slack_locale=user.get("locale") or None,
            ),
        )


def user_timezone(services: Services, client: WebClient, team_id: str, user_id: str) -> str:
    """The person's IANA time zone, or the workspace default when Slack does not say."""
    return member_timezone(services, member_info(services, client, team_id, user_id))


def member_timezone(services: Services, member: Member) -> str:
    """A member row's IANA time zone, or the workspace default when Slack does not say."""
    if member.timezone and _known(member.timezone):
        return member.timezone
    return services.settings.DEFAULT_TIMEZONE


def _known(name: str) -> bool:
    """Slack's `tz` is an IANA name, but a zone this machine lacks must not break anything."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def user_language(
    services: Services, client: WebClient, team_id: str, user_id: str, *, written: str = ""
) -> str:
    """The language to answer this person in (bot.core.languages decides the order)."""
    member = member_info(services, client, team_id, user_id)
    return member_language(services, member, written=written)


def member_language(services: Services, member: Member, *, written: str = "") -> str:
    """The language to answer a member row in, given what they just wrote."""
    return language_for(
        chosen=member.language,
        written=written,
        slack_locale=member.slack_locale,
        default=services.settings.DEFAULT_LANGUAGE,
    )


def is_admin(services: Services, client: WebClient, team_id: str, user_id: str) -> bool:
    return member_info(services, client, team_id, user_id).is_admin
