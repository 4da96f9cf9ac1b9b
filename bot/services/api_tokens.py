"""API tokens: made with `/goals token new`, listed with `/goals token`, revoked with
`/goals token revoke`, and checked on every API request.

A token is `cib_` and 32 random bytes (256 bits, `secrets.token_urlsafe`); only its
SHA-256 is stored. A slow password hash (bcrypt, scrypt) guards guessable secrets; a
random 256-bit token cannot be guessed, so a fast hash loses nothing and lets a request
find its token by an indexed hash instead of trying every row. The stored hash is then
compared in constant time (`hmac.compare_digest`). A token acts as the person who made
it: the API lets it check in where they may.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.services import Services
from bot.services.permissions import Requester
from storage import api_tokens
from storage.models import ApiToken
from storage.purge import is_serving

PREFIX = "cib_"
LABEL_LIMIT = 100
_LONGEST = 200  # a token is 47 characters; anything far longer is not one
_LABEL = re.compile(r"^[\w .:-]+$")
# `last_used_at` is written at most this often, so a busy token costs one write a minute.
_USE_MARK_EVERY = timedelta(minutes=1)


class TokenProblem(StrEnum):
    """Why a token command did nothing; `bot.render.api_tokens` has the words."""

    BAD_LABEL = "bad_label"  # too long, odd characters, or only digits (that reads as an id)
    LABEL_TAKEN = "label_taken"
    NO_SUCH_TOKEN = "no_such_token"
    SEVERAL = "several"  # a label on more than one token: revoke by id
    NOT_YOURS = "not_yours"


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just made: `secret` is shown once and never stored."""

    row: ApiToken
    secret: str


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def make_token(
    services: Services, *, team_id: str, user_id: str, label: str
) -> NewToken | TokenProblem:
    """A new token for the workspace, made by `user_id`."""
    label = " ".join(label.split())
    if label and (len(label) > LABEL_LIMIT or not _LABEL.match(label) or label.isdigit()):
        return TokenProblem.BAD_LABEL
    secret = PREFIX + secrets.token_urlsafe(32)
    with services.session() as session:
        live = api_tokens.live_tokens(session=session, team_id=team_id)
        if label and any(t.label.casefold() == label.casefold() for t in live):
            return TokenProblem.LABEL_TAKEN
        row = ApiToken(
            team_id=team_id, label=label, prefix=secret[: len(PREFIX) + 4],
            token_hash=token_hash(secret), created_by=user_id, created_at=services.now(),
        )  # fmt: skip
        return NewToken(api_tokens.add_token(session=session, token=row), secret)


def workspace_tokens(services: Services, team_id: str) -> list[ApiToken]:
    """The workspace's live tokens, oldest first."""
    with services.session() as session:
        return api_tokens.live_tokens(session=session, team_id=team_id)


def revoke_token(services: Services, who: Requester, which: str) -> ApiToken | TokenProblem:
    """Revoke the token with this id or label; only its maker or a workspace admin may."""
    which = " ".join(which.split()).removeprefix("#")
    with services.session() as session:
        live = api_tokens.live_tokens(session=session, team_id=who.team_id)
        found = [t for t in live if str(t.id) == which or t.label.casefold() == which.casefold()]
        if not found:
            return TokenProblem.NO_SUCH_TOKEN
        if len(found) > 1:
            return TokenProblem.SEVERAL
        token = found[0]
        if token.created_by != who.user_id and not who.is_admin:
            return TokenProblem.NOT_YOURS
        token.revoked_at, token.revoked_by = services.now(), who.user_id
        return token


def authenticate(services: Services, presented: str) -> ApiToken | None:
    """The live token `presented` is, in a workspace still served; None for any other."""
    if not presented.startswith(PREFIX) or len(presented) > _LONGEST:
        return None
    digest = token_hash(presented)
    now = services.now()
    with services.session() as session:
        token = api_tokens.token_by_hash(session=session, token_hash=digest)
        if token is None or not hmac.compare_digest(token.token_hash, digest):
            return None
        if not is_serving(session=session, team_id=token.team_id):
            return None
        if token.last_used_at is None or now - token.last_used_at >= _USE_MARK_EVERY:
            token.last_used_at = now
        return token
