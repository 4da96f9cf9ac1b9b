"""Slack tokens sealed at rest: Fernet-encrypted in the database, readable only with a key.

Keys come from TOKEN_ENCRYPTION_KEY, comma-separated: the first seals every token
written, any of them opens one read (MultiFernet), so a new key can be put in front
while tokens sealed with the old one still open; `rotate_tokens` then reseals them
all with the first key and the old key can go.

Tokens written before encryption existed are plain `xox…` strings. `seal_tokens` (at
every start) seals them in place; until then a read passes a plain one through, so
a replica still on the old version during a rolling upgrade does not break the new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Column, Dialect, Engine, Table, Text, TypeDecorator, select, update

from bot.errors import CheckinBotError

KEY_SETTING = "TOKEN_ENCRYPTION_KEY"
# The token columns of slack_sdk's tables (user tokens too, though we ask for none).
TOKEN_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
_PLAIN_PREFIX = "xox"  # every Slack token; a Fernet token starts with "gAAAAA"


class TokenKeyError(CheckinBotError):
    """No key, or no key that opens a stored token; the message is one line fit for a person."""


def new_key() -> str:
    """A fresh random key, in the form TOKEN_ENCRYPTION_KEY takes."""
    return Fernet.generate_key().decode()


def token_cipher(keys: str) -> MultiFernet:
    """The cipher of a comma-separated key list; the first key seals.

    >>> token_cipher("not a key")
    Traceback (most recent call last):
    ...
    ValueError: key 1 is not a Fernet key (32 url-safe base64-encoded bytes)
    """
    parts = [part.strip() for part in keys.split(",") if part.strip()]
    if not parts:
        raise ValueError("no key")
    fernets = []
    for number, part in enumerate(parts, start=1):
        try:
            fernets.append(Fernet(part))
        except ValueError:
            raise ValueError(
                f"key {number} is not a Fernet key (32 url-safe base64-encoded bytes)"
            ) from None
    return MultiFernet(fernets)


_UNREADABLE = (
    "a Slack token stored in the database cannot be decrypted with any key in "
    f"{KEY_SETTING}: put back the key it was sealed with (keys are comma-separated, "
    "the first one seals), or reinstall the app in that workspace."
)


def _open(cipher: MultiFernet, stored: str) -> str:
    if stored.startswith(_PLAIN_PREFIX):
        return stored  # written before encryption; sealed at the next start
    try:
        return cipher.decrypt(stored.encode()).decode()
    except InvalidToken:
        raise TokenKeyError(_UNREADABLE) from None


class SealedToken(TypeDecorator[str]):
    """A token column: sealed with the first key on the way in, opened on the way out."""

    impl = Text
    # The cipher is per store (tests run several keys in one process): a compiled
    # statement must not be shared between stores, so no statement cache for it.
    cache_ok = False

    def __init__(self, cipher: MultiFernet) -> None:
        super().__init__()
        self.cipher = cipher

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.cipher.encrypt(value.encode()).decode()

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else _open(self.cipher, value)


def seal_columns(table: Table, cipher: MultiFernet) -> None:
    """Make `table`'s token columns sealed ones (before any statement uses them)."""
    for column in token_columns(table):
        column.type = SealedToken(cipher)


@dataclass(frozen=True)
class Resealed:
    sealed: int  # plain tokens now encrypted
    rotated: int  # encrypted tokens resealed with the first key
    kept: int  # encrypted tokens left as they were (they open with a key)


def count_tokens(engine: Engine, tables: list[Table]) -> int:
    """How many tokens the database holds, sealed or not."""
    with engine.connect() as connection:
        return sum(
            1
            for table in tables
            for row in connection.execute(select(*token_columns(table)))
            for value in row
            if value is not None
        )


def seal_tokens(engine: Engine, tables: list[Table], cipher: MultiFernet) -> Resealed:
    """At start: seal plain tokens with the first key; fail if a sealed one opens with none."""
    return _reseal(engine, tables, cipher, rotate=False)


def rotate_tokens(engine: Engine, tables: list[Table], cipher: MultiFernet) -> Resealed:
    """Reseal every token with the first key, so keys after it can be dropped."""
    return _reseal(engine, tables, cipher, rotate=True)


def token_columns(table: Table) -> list[Column[Any]]:
    """The columns of `table` that hold tokens."""
    return [table.c[name] for name in TOKEN_COLUMNS if name in table.c]


def _reseal(engine: Engine, tables: list[Table], cipher: MultiFernet, *, rotate: bool) -> Resealed:
    """One transaction: every token of `tables` (raw, plain `Text` columns) checked or
    resealed; an unreadable one rolls all of it back."""
    sealed = rotated = kept = 0
    with engine.begin() as connection:
        for table in tables:
            columns = token_columns(table)
            rows = connection.execute(select(table.c.id, *columns)).all()
            for row in rows:
                changes: dict[str, str] = {}
                for column, stored in zip(columns, row[1:], strict=True):
                    name = column.name
                    if stored is None:
                        continue
                    if stored.startswith(_PLAIN_PREFIX):
                        changes[name] = cipher.encrypt(stored.encode()).decode()
                        sealed += 1
                    elif rotate:
                        try:
                            changes[name] = cipher.rotate(stored.encode()).decode()
                        except InvalidToken:
                            raise TokenKeyError(_UNREADABLE) from None
                        rotated += 1
                    else:
                        _open(cipher, stored)
                        kept += 1
                if changes:
                    connection.execute(update(table).where(table.c.id == row[0]).values(**changes))
    return Resealed(sealed=sealed, rotated=rotated, kept=kept)
