"""Choosing a language: a person's (`/goals language fa`) and a channel's digest's."""

from __future__ import annotations

from bot.services import Services
from storage import repo
from storage.digests import get_subscription
from storage.models import DigestSubscription
from storage.schemas import MemberUpdate


def set_language(services: Services, *, team_id: str, user_id: str, language: str | None) -> None:
    """Remember the person's language; None forgets it (then what they write decides)."""
    with services.session() as session:
        repo.upsert_member(
            session=session,
            team_id=team_id,
            user_id=user_id,
            now=services.now(),
            changes=MemberUpdate(language=language),
        )


def chosen_language(services: Services, *, team_id: str, user_id: str) -> str | None:
    """The language the person chose, or None."""
    with services.session() as session:
        member = repo.get_member(session=session, team_id=team_id, user_id=user_id)
        return member.language if member is not None else None


def set_digest_language(
    services: Services, *, team_id: str, channel_id: str, language: str | None
) -> bool:
    """Write the channel's digest in `language` (None: DEFAULT_LANGUAGE); False without one."""
    with services.session() as session:
        row = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
        if row is None or not row.active:
            return False
        row.language = language
        row.updated_at = services.now()
        return True


def digest_language(services: Services, *, team_id: str, channel_id: str) -> str:
    """The language the channel's digest is written in."""
    with services.session() as session:
        row = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
        return subscription_language(services, row)


def subscription_language(services: Services, row: DigestSubscription | None) -> str:
    """The language of a channel's subscription: its choice, else DEFAULT_LANGUAGE."""
    chosen = row.language if row is not None else None
    return chosen or services.settings.DEFAULT_LANGUAGE
