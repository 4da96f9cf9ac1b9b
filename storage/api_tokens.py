"""API tokens and idempotent API requests, every call scoped to a workspace but the lookup
by token hash (the token is what tells the workspace)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import ApiRequest, ApiToken
from storage.repo import scoped_team


def add_token(*, session: Session, token: ApiToken) -> ApiToken:
    """Store a new token (its hash, never the token)."""
    scoped_team(token.team_id)
    session.add(token)
    session.flush()
    return token


def live_tokens(*, session: Session, team_id: str) -> list[ApiToken]:
    """The workspace's tokens not revoked, oldest first."""
    query = (
        select(ApiToken)
        .where(ApiToken.team_id == scoped_team(team_id), col(ApiToken.revoked_at).is_(None))
        .order_by(col(ApiToken.id))
    )
    return list(session.exec(query))


def token_by_hash(*, session: Session, token_hash: str) -> ApiToken | None:
    """The live token whose SHA-256 is `token_hash`, in whichever workspace."""
    query = select(ApiToken).where(
        ApiToken.token_hash == token_hash, col(ApiToken.revoked_at).is_(None)
    )
    return session.exec(query).first()


def find_request(*, session: Session, team_id: str, key: str) -> ApiRequest | None:
    return session.get(ApiRequest, (scoped_team(team_id), key), populate_existing=True)


def forget_requests_before(*, session: Session, before: datetime) -> int:
    """Delete the keyed requests made before `before`, in every workspace; returns how many."""
    result = session.execute(delete(ApiRequest).where(col(ApiRequest.created_at) < before))
    return int(getattr(result, "rowcount", 0) or 0)


def remember_request(*, session: Session, request: ApiRequest) -> bool:
    """Record a keyed request first thing in the caller's transaction; False when the key
    is taken (by a request committed first, or racing this one: the insert waits for the
    other transaction and fails if it commits), and the caller must roll back.

    No savepoint: on SQLite a SAVEPOINT opening the transaction commits it on release,
    which would publish the key before the check-in it answers is stored.
    """
    scoped_team(request.team_id)
    session.add(request)
    try:
        session.flush()
    except IntegrityError:
        return False
    return True
