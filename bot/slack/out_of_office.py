"""Out of office by Slack status: `users.profile.get`, read at most every half hour a person.

A status that says so (see `bot.core.out_of_office`) pauses the person's reminders
until it expires (`status_expiration`), or, with no expiry, until it is cleared:
the next due reminder after the cached read goes stale reads it again. The read is
kept in the person's `Member` row, so replicas share it and a person with ten goals
due at once costs one call. Its columns are written without touching `updated_at`,
which dates the `users.info` cache (time zone, admin) and must not look fresher.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.out_of_office import says_out_of_office
from bot.services import Services
from storage import repo
from storage.models import Member

log = logging.getLogger("checkin_bot.slack.out_of_office")

STATUS_FRESH_FOR = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class OutOfOffice:
    """A person out of office by their status, until it expires (None: until cleared)."""

    until: datetime | None


def out_of_office(
    services: Services, client: WebClient, team_id: str, user_id: str
) -> OutOfOffice | None:
    """Whether the person's Slack status says they are out of office, and until when; None
    when in. Slack is asked only when the last read is stale; when it cannot be asked, the
    person counts as in (a reminder is sent rather than lost)."""
    now = services.now()
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if member is not None and _fresh(member, now):
            return status_of(member, now)
    away, until = _read_status(client, user_id, now)
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        if member is None:
            member = repo.upsert_member(session=session, team_id=team_id, user_id=user_id, now=now)
        member.status_away, member.status_until, member.status_checked_at = away, until, now
        return status_of(member, now)


def status_of(member: Member | None, now: datetime) -> OutOfOffice | None:
    """What the last read status says at `now` (an expiry passed means in again)."""
    if member is None or not member.status_away:
        return None
    if member.status_until is not None and member.status_until <= now:
        return None
    return OutOfOffice(member.status_until)


def _fresh(member: Member, now: datetime) -> bool:
    checked = member.status_checked_at
    return checked is not None and now - checked < STATUS_FRESH_FOR


def _read_status(client: WebClient, user_id: str, now: datetime) -> tuple[bool, datetime | None]:
    """(out of office, its expiry) from Slack; (False, None) when Slack cannot say."""
    try:
        profile = client.users_profile_get(user=user_id).get("profile")
    except SlackApiError as exc:
        log.warning("users.profile.get failed for %s: %s", user_id, exc.response.get("error"))
        return False, None
    if not isinstance(profile, dict):
        return False, None
    emoji, text = str(profile.get("status_emoji") or ""), str(profile.get("status_text") or "")
    try:
        expires = int(profile.get("status_expiration") or 0)
    except (TypeError, ValueError):
        expires = 0
    until = datetime.fromtimestamp(expires, UTC) if expires > 0 else None
    if until is not None and until <= now:
        return False, None
    return says_out_of_office(emoji, text), until
